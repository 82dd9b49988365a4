-- Suggestions for searches that find nothing: the index's words (kept in
-- search_vocabulary as articles are indexed) within a small edit distance.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE INDEX search_vocabulary_by_length ON search_vocabulary (length(term), term);
