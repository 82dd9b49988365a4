-- Tag and author listings newest first, read from an index of their own:
-- each link carries its article's published_at (kept by every article
-- save, which rewrites the links), so the page walks the tag's newest
-- links and stops after ten, whatever the size of the archive. Before,
-- it walked every visible article newest first and asked each whether it
-- had the tag.
ALTER TABLE article_tags ADD COLUMN published_at INTEGER;
UPDATE article_tags SET published_at = (SELECT published_at FROM articles WHERE id = article_id);
CREATE INDEX article_tags_listing ON article_tags (tag_id, published_at DESC, article_id DESC);
ALTER TABLE article_authors ADD COLUMN published_at INTEGER;
UPDATE article_authors SET published_at = (SELECT published_at FROM articles WHERE id = article_id);
CREATE INDEX article_authors_listing ON article_authors (author_id, published_at DESC, article_id DESC);
