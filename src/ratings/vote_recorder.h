#pragma once
// Group commit. Votes from every serving thread queue here; one writer
// thread records whatever has gathered in one transaction (one fsync), then
// answers each. While it waits on the disk, the next batch gathers. A vote
// is answered only after its transaction committed: an acknowledged vote is
// on disk.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/rating_store.h"

namespace lede::ratings {

struct RecorderOptions {
  // Votes per transaction at most. 1 gives one fsync per vote (only for
  // measuring what group commit buys). Default 512.
  int max_batch = 512;
  // Called on the writer thread after each transaction with its size
  // (metrics, tests). Optional.
  std::function<void(std::size_t votes)> on_batch;
  // Called on the writer thread after each committed transaction, before
  // any of its votes is answered, with the articles whose aggregates it
  // changed (the page cache drops their pages here). Optional.
  std::function<void(const std::vector<std::int64_t>& article_ids)> on_recorded;
};

class VoteRecorder {
 public:
  using Done = std::function<void(Result<store::VoteOutcome>)>;

  // `store` must outlive the recorder.
  VoteRecorder(store::RatingStore& store, RecorderOptions options);
  // Records what is queued, answers it, then stops the writer thread.
  ~VoteRecorder();

  // Queues a vote; `done` runs on the writer thread once it is committed
  // (or failed). Safe from any thread.
  void Submit(store::Vote vote, Done done);

 private:
  struct Pending {
    store::Vote vote;
    Done done;
  };
  void Run();

  store::RatingStore& store_;
  RecorderOptions options_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace lede::ratings
