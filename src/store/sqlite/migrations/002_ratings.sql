-- Reader ratings. One row per vote; article_ratings holds the exact
-- aggregate, updated in the same transaction as each vote.

CREATE TABLE ratings (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  voter      TEXT NOT NULL,              -- keyed hash of the reader's voter id
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  feedback   TEXT NOT NULL DEFAULT '',
  ip_hash    TEXT NOT NULL,              -- keyed with a salt that rotates daily
  created_at INTEGER NOT NULL,
  UNIQUE (article_id, voter)
);

CREATE TABLE article_ratings (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  vote_count INTEGER NOT NULL CHECK (vote_count >= 0),
  star_sum   INTEGER NOT NULL CHECK (star_sum >= 0)
);
