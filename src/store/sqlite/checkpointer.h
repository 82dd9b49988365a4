#pragma once
// Copies the write-ahead log back into the database file on a thread of its
// own. SQLite's automatic checkpoint runs inside whichever commit crosses
// its threshold, so one writer (a vote's group commit, an import batch) paid
// for copying every writer's pages before it could go on; with this, no
// writer waits for it, until the log grows past eight times the threshold:
// then the committing writer waits for a checkpoint of everything, so that
// the next write can start the log again from its beginning (a log that is
// never fully copied only grows). Checkpoints are PASSIVE, as the automatic
// ones are: they never block readers or writers.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/database.h"
#include "util/result.h"

namespace lede::store::sqlite {

class Checkpointer {
 public:
  // Checkpoints `path` once a commit leaves `threshold` or more frames in
  // the log (SQLite's default threshold is 1000 pages).
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& path, int threshold = 1000);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Makes `db`'s commits report here, instead of checkpointing themselves.
  // `db` must be closed before this Checkpointer goes.
  void Watch(Database& db);

  // Checkpoints run so far (for tests).
  int runs() const;

 private:
  Checkpointer(std::unique_ptr<Database> db, int threshold);
  static int OnCommit(void* self, sqlite3* db, const char* name, int frames);
  void Run();

  std::unique_ptr<Database> db_;
  const int threshold_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int runs_ = 0;
  std::uint64_t requested_ = 0;  // commits that asked for a checkpoint
  int frames_at_request_ = 0;    // the log's length when the last one asked
  std::uint64_t done_ = 0;       // the last request a finished checkpoint covered
  std::condition_variable finished_;
  std::thread thread_;
};

}  // namespace lede::store::sqlite
