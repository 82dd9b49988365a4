-- Media files kept in the database. Only a store several machines share
-- fills it (PostgreSQL's has the same table); SQLite keeps files on its
-- disk, and has it so that both stores run the same SQL.
CREATE TABLE media_files (
  path TEXT PRIMARY KEY,
  content BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
