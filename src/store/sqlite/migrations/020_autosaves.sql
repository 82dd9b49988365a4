-- What an editor typed into a published article, not yet saved (the
-- newsroom's autosave; readers keep the published version until Save).
CREATE TABLE article_autosaves (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  saved_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  form TEXT NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
