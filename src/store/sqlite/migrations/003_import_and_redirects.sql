-- Imported bodies arrive as (sanitised) HTML rather than Markdown.
ALTER TABLE articles ADD COLUMN body_format TEXT NOT NULL DEFAULT 'markdown'
  CHECK (body_format IN ('markdown', 'html'));

-- What an import made from which source object, so importing the same file
-- again updates instead of duplicating. source: the export's site URL;
-- kind: author, section, tag, post; key: the source's own id.
CREATE TABLE import_map (
  source    TEXT NOT NULL,
  kind      TEXT NOT NULL,
  key       TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  PRIMARY KEY (source, kind, key)
) WITHOUT ROWID;

-- Old URLs that answer 301: imported sites' links and lede's own renamed
-- articles. from_path is a path, with "?p=ID"-style queries where needed.
CREATE TABLE redirects (
  from_path  TEXT PRIMARY KEY,
  to_path    TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
-- SaveRedirect re-points redirects that led to a path that moves.
CREATE INDEX redirects_by_target ON redirects (to_path);
