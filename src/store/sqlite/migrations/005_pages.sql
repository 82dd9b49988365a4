-- Static pages (About, Contact, imported WordPress pages), each at its own
-- path, outside the news flow.
CREATE TABLE pages (
  id         INTEGER PRIMARY KEY,
  path       TEXT NOT NULL UNIQUE,     -- "/about/", "/level-1/level-2/"
  title      TEXT NOT NULL,
  body_html  TEXT NOT NULL,            -- sanitised
  status     TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
