-- What an editor typed into a published article, not yet saved (the
-- newsroom's autosave; readers keep the published version until Save).
CREATE TABLE article_autosaves (
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  saved_at   bigint NOT NULL,
  version    bigint NOT NULL,
  form       text NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
