-- How many articles hold each indexed word: related coverage queries an
-- article's rarest words (a word most articles hold says nothing about
-- what one is about). fts5vocab reads the index itself; it stores nothing.
CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, 'row');
