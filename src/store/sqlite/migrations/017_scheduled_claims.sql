-- A scheduled article going live is announced (CDN purge, other nodes)
-- once, however many processes or nodes wake for it: the first to insert
-- the (article, time) row does it.
CREATE TABLE scheduled_claims (
  article_id INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, published_at)
);
