-- article_search_terms (migration 011) served related coverage's word
-- counts, which now stop at a cap instead (an fts5vocab row walks a
-- word's whole doclist), and migration 012's first fill of
-- search_vocabulary. Nothing reads it any more.
DROP TABLE article_search_terms;
