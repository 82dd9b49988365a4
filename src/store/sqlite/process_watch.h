#pragma once
// Noticing writes by other processes on the same database file. SQLite
// tells a connection when another one committed (PRAGMA data_version), but
// not which process: this process's own writers commit on other
// connections too. So a writer in another process (lede import) bumps
// site_generation.changed when it is done, and a watching server reacts
// only to that, then records it as seen so the writer can report done
// knowing no reader is served what it replaced.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/database.h"
#include "util/result.h"

namespace lede::store::sqlite {

class ProcessWatch {
 public:
  // Polls `path` every `interval` on a connection of its own; calls
  // `changed` (on its thread) after each announcement it sees.
  static Result<std::unique_ptr<ProcessWatch>> Start(const std::string& path,
                                                     std::chrono::milliseconds interval,
                                                     std::function<void()> changed);
  ~ProcessWatch();

 private:
  ProcessWatch(std::unique_ptr<Database> db, std::chrono::milliseconds interval,
               std::function<void()> changed, std::int64_t generation);
  void Run();
  Status Poll();

  std::unique_ptr<Database> db_;
  std::chrono::milliseconds interval_;
  std::function<void()> changed_;
  std::int64_t data_version_ = -1;
  std::int64_t generation_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;
};

// Announces the writes this process made to a server watching `db`'s file,
// then waits (at most `wait`) until one has seen them, when one was
// watching before. A transaction of its own; call after the last write.
Status AnnounceChanges(Database& db, std::chrono::milliseconds wait);

}  // namespace lede::store::sqlite
