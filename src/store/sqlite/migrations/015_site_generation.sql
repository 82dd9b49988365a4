-- Writes made by another process on the same file (`lede import` while
-- `lede serve` runs) are announced here: the writer bumps `changed` when
-- done; a server polling it drops its cached pages and records what it
-- has seen in `seen`, which the writer waits for before it reports done.
CREATE TABLE site_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  changed INTEGER NOT NULL DEFAULT 0,
  seen INTEGER NOT NULL DEFAULT 0
);
INSERT INTO site_generation (id) VALUES (1);
