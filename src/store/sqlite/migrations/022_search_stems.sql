-- Search finds a word in its other forms ("bridges" finds "bridge",
-- "elections" "election"): the index stems words with Porter's algorithm
-- (English) after unicode61 folds case and diacritics, and every query is
-- stemmed the same way by FTS5. The vocabulary keeps whole words, for
-- prefixes and spelling suggestions.
--
-- And the newsroom searches every article, drafts and the trash too:
-- those are indexed apart, in article_search_drafts, so that readers'
-- searches, and how rare a word is (which weighs a match and picks related
-- articles), never see them and pay nothing for them. article_search holds
-- what it always held: every article that is not a draft.
DROP VIEW article_search_source;
CREATE VIEW article_search_source AS
SELECT a.id AS id,
       lede_search_text(a.headline, 0) AS headline,
       lede_search_text(a.standfirst, 0) AS standfirst,
       COALESCE((SELECT group_concat(lede_search_text(q.text, 0), ' ')
                 FROM article_quick_looks q WHERE q.article_id = a.id), '') AS quick_looks,
       lede_search_text(a.body_html, 1) AS body,
       lede_search_text(a.dateline, 0) || ' ' ||
       COALESCE((SELECT group_concat(lede_search_text(t.name, 0), ' ')
                 FROM article_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.article_id = a.id), '') || ' ' ||
       COALESCE((SELECT group_concat(lede_search_text(w.name, 0), ' ')
                 FROM article_authors x JOIN authors w ON w.id = x.author_id
                 WHERE x.article_id = a.id), '') AS keywords
FROM articles a;

DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5(
  headline, standfirst, quick_looks, body, keywords,
  tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '3 4'
);
INSERT INTO article_search (rowid, headline, standfirst, quick_looks, body, keywords)
SELECT s.id, s.headline, s.standfirst, s.quick_looks, s.body, s.keywords
FROM article_search_source s JOIN articles a ON a.id = s.id WHERE a.status <> 'draft';

CREATE VIRTUAL TABLE article_search_drafts USING fts5(
  headline, standfirst, quick_looks, body, keywords,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO article_search_drafts (rowid, headline, standfirst, quick_looks, body, keywords)
SELECT s.id, s.headline, s.standfirst, s.quick_looks, s.body, s.keywords
FROM article_search_source s JOIN articles a ON a.id = s.id WHERE a.status = 'draft';
