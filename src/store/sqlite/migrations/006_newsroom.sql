-- The newsroom: people, their sign-ins and API tokens, article versions
-- and revisions, the trash, and the audit log.

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN trashed_at INTEGER;
ALTER TABLE articles ADD COLUMN created_by INTEGER NOT NULL DEFAULT 0;

-- Uploads: the untouched original (kept privately), WebP variants beside
-- the JPEG ones, social-card crops and the editor's focal point (per
-- mille of width and height).
ALTER TABLE media ADD COLUMN original TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN webp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN crops INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN focal_x INTEGER;
ALTER TABLE media ADD COLUMN focal_y INTEGER;
CREATE INDEX articles_by_lead_media ON articles (lead_media_id) WHERE lead_media_id IS NOT NULL;

-- The newsroom's list: any status, by publication (or creation) time.
CREATE INDEX articles_newsroom ON articles (COALESCE(published_at, created_at) DESC, id DESC);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL
                CHECK (role IN ('contributor', 'author', 'editor', 'administrator')),
  password_hash TEXT NOT NULL DEFAULT '',   -- Argon2id string; '' cannot sign in
  author_id     INTEGER UNIQUE REFERENCES authors(id),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    INTEGER NOT NULL
);

-- A session is found by a hash of its cookie's id: a copy of the table
-- signs nobody in.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
);

CREATE TABLE invites (
  token_hash  TEXT PRIMARY KEY,
  email       TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL,
  invited_by  INTEGER NOT NULL REFERENCES users(id),
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
) WITHOUT ROWID;

CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  user_id    INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  snapshot   TEXT NOT NULL              -- JSON of the article's text fields
);
CREATE INDEX revisions_by_article ON revisions (article_id, id DESC);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     INTEGER NOT NULL DEFAULT 0,  -- 0: the command line or lede itself
  action      TEXT NOT NULL,               -- "article.publish", "user.invite"...
  object_kind TEXT NOT NULL DEFAULT '',
  object_id   INTEGER NOT NULL DEFAULT 0,
  detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_user ON audit_log (user_id, id DESC);
CREATE INDEX audit_by_action ON audit_log (action, id DESC);
