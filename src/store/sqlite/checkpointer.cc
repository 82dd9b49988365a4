#include "store/sqlite/checkpointer.h"

namespace lede::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path, int threshold) {
  LEDE_TRY(auto db, Database::Open(path));
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(db), threshold));
}

Checkpointer::Checkpointer(std::unique_ptr<Database> db, int threshold)
    : db_(std::move(db)), threshold_(threshold) {
  thread_ = std::thread([this] { Run(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::Watch(Database& db) { sqlite3_wal_hook(db.raw(), &Checkpointer::OnCommit, this); }

int Checkpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

// Called by SQLite on the committing thread, after the commit, with the
// write lock released.
int Checkpointer::OnCommit(void* self, sqlite3*, const char*, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (frames < checkpointer->threshold_) return SQLITE_OK;
  std::unique_lock lock(checkpointer->mutex_);
  // Once per `threshold` new frames, not after every commit: while readers
  // keep the log from starting again, small commits (one vote each) would
  // otherwise each set off a checkpoint and its fsync.
  if (frames < checkpointer->frames_at_request_) checkpointer->frames_at_request_ = 0;  // restarted
  if (frames - checkpointer->frames_at_request_ < checkpointer->threshold_ &&
      frames < 8 * checkpointer->threshold_) {
    return SQLITE_OK;
  }
  checkpointer->frames_at_request_ = frames;
  const std::uint64_t request = ++checkpointer->requested_;
  checkpointer->wake_.notify_one();
  if (frames >= 8 * checkpointer->threshold_) {
    checkpointer->finished_.wait(lock, [checkpointer, request] {
      return checkpointer->done_ >= request || checkpointer->stopping_;
    });
  }
  return SQLITE_OK;
}

void Checkpointer::Run() {
  while (true) {
    std::uint64_t covering;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ > done_ || stopping_; });
      if (stopping_) break;  // closing the last connection checkpoints anyway
      covering = requested_;  // this run copies every commit made so far
    }
    // A busy or failed checkpoint is tried again after the next commit.
    (void)sqlite3_wal_checkpoint_v2(db_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    std::lock_guard lock(mutex_);
    ++runs_;
    done_ = covering;
    finished_.notify_all();
  }
  finished_.notify_all();
}

}  // namespace lede::store::sqlite
