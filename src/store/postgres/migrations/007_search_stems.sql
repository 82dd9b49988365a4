-- Search finds a word in its other forms ("bridges" finds "bridge"): words
-- are stemmed by Snowball's English stemmer after unaccent, as SQLite's
-- index stems them with Porter's. The stemmer keeps every word (no stop
-- words), so that a search for "The Who" means the same on both stores.
-- lede_words keeps whole words, for the vocabulary prefixes and spelling
-- suggestions are drawn from.
--
-- And the index holds every article, drafts and the trash too, for the
-- newsroom's search; readers' searches join each match to the articles
-- they may see (store/postgres/search.cc).
CREATE TEXT SEARCH CONFIGURATION lede_words (COPY = lede_search);
CREATE TEXT SEARCH DICTIONARY lede_english (TEMPLATE = snowball, Language = english);
ALTER TEXT SEARCH CONFIGURATION lede_search
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH lede_english;
ALTER TEXT SEARCH CONFIGURATION lede_search
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, lede_english;

-- The documents again, stemmed (the body's words are kept beside them).
UPDATE article_search s SET document =
  setweight(to_tsvector('lede_search', translate(a.headline, '<>', E'\uE000\uE001')), 'A') ||
  setweight(to_tsvector('lede_search', translate(a.standfirst || ' ' || COALESCE((SELECT
    string_agg(q.text, ' ' ORDER BY q.position) FROM article_quick_looks q
    WHERE q.article_id = a.id), ''), '<>', E'\uE000\uE001')), 'B') ||
  setweight(to_tsvector('lede_search', translate(a.dateline || ' ' || COALESCE((SELECT
    string_agg(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
    WHERE x.article_id = a.id), '') || ' ' || COALESCE((SELECT string_agg(w.name, ' ')
    FROM article_authors x JOIN authors w ON w.id = x.author_id WHERE x.article_id = a.id), ''),
    '<>', E'\uE000\uE001')), 'C') ||
  setweight(to_tsvector('lede_search', s.body), 'D')
FROM articles a WHERE a.id = s.article_id;

-- The last word being typed is expanded to the whole words it begins
-- (the index holds stems, which a longer prefix may not begin): a
-- byte-wise prefix range, whatever the database's collation.
CREATE INDEX search_vocabulary_prefix ON search_vocabulary (term text_pattern_ops);
