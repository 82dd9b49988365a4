-- A scheduled article going live is announced (CDN purge, other nodes)
-- once, however many nodes wake for it: the first to insert the
-- (article, time) row does it. A row, not pg_try_advisory_lock: a lock only
-- keeps nodes apart while they overlap, and nodes whose clocks differ by a
-- second would each take it in turn.
CREATE TABLE scheduled_claims (
  article_id BIGINT NOT NULL,
  published_at BIGINT NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, published_at)
);
