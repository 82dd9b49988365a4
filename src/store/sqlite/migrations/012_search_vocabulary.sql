-- Every word the search index has held, for expanding a reader's last
-- word when it is a prefix longer than the index's own prefix indexes
-- (store/sqlite/search_query.h), and for checking a spelling suggestion's
-- candidates without searching. Words are added as articles are indexed
-- and never removed: one no article holds any more expands to a term that
-- matches nothing.
CREATE TABLE search_vocabulary (term TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO search_vocabulary (term) SELECT term FROM article_search_terms;
