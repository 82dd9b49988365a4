-- Who wrote a page (imported WordPress pages name one; exports give it
-- back as the page's author). NULL when nobody is known.
ALTER TABLE pages ADD COLUMN author_id INTEGER REFERENCES authors(id);
