-- The first schema: the newsroom's content and site settings.
-- Times are Unix seconds (UTC).

CREATE TABLE site_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  menu_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE authors (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE
);

CREATE TABLE media (
  id         INTEGER PRIMARY KEY,
  path       TEXT NOT NULL UNIQUE,
  mime_type  TEXT NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  widths     TEXT NOT NULL,          -- JSON array of variant widths
  alt        TEXT NOT NULL DEFAULT '',
  caption    TEXT NOT NULL DEFAULT '',
  credit     TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  headline      TEXT NOT NULL,
  standfirst    TEXT NOT NULL DEFAULT '',
  body_markdown TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  section_id    INTEGER NOT NULL REFERENCES sections(id),
  dateline      TEXT NOT NULL DEFAULT '',
  edition       TEXT NOT NULL DEFAULT '',
  top_story     INTEGER NOT NULL DEFAULT 0 CHECK (top_story IN (0, 1)),
  lead_media_id INTEGER REFERENCES media(id),
  lead_caption  TEXT NOT NULL DEFAULT '',
  lead_credit   TEXT NOT NULL DEFAULT '',
  lead_alt      TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
  published_at  INTEGER,
  updated_at    INTEGER,
  created_at    INTEGER NOT NULL,
  correction    TEXT NOT NULL DEFAULT '',
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);

-- Readers' lists: newest visible first, site-wide and per section.
CREATE INDEX articles_visible ON articles (published_at DESC, id DESC)
  WHERE status <> 'draft';
CREATE INDEX articles_section ON articles (section_id, published_at DESC, id DESC)
  WHERE status <> 'draft';

CREATE TABLE article_quick_looks (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES authors(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);
