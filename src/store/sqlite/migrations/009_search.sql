-- Full-text search over readers' articles (SearchStore). Drafts and the
-- trash are never indexed; scheduled articles are, and searches filter
-- them by time as every reader's list does. Matches are ranked with BM25,
-- the headline weighted over the standfirst, Quick Looks and keywords
-- (tags, the dateline's place, the byline's names), and those over the
-- body. Prefix indexes of 3 and 4 characters keep the
-- last word's prefix match fast for common beginnings.
CREATE VIRTUAL TABLE article_search USING fts5(
  headline, standfirst, quick_looks, body, keywords,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3 4'
);

-- Searches check each match's visibility, section and time. The rows
-- themselves are wide (bodies spill into overflow pages that reading a
-- later column walks); this narrow index answers those checks alone.
CREATE INDEX articles_search_filter ON articles (id, published_at, section_id)
  WHERE status <> 'draft';

-- What the index holds for an article: one definition for the first
-- build here and for every save (ReindexArticle).
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
FROM articles a
WHERE a.status <> 'draft' AND a.trashed_at IS NULL;

INSERT INTO article_search (rowid, headline, standfirst, quick_looks, body, keywords)
SELECT id, headline, standfirst, quick_looks, body, keywords FROM article_search_source;
