#include "ratings/vote_recorder.h"

namespace lede::ratings {

VoteRecorder::VoteRecorder(store::RatingStore& store, RecorderOptions options)
    : store_(store), options_(options), writer_([this] { Run(); }) {}

VoteRecorder::~VoteRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_one();
  writer_.join();
}

void VoteRecorder::Submit(store::Vote vote, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(vote), std::move(done)});
  }
  ready_.notify_one();
}

void VoteRecorder::Run() {
  const std::size_t max_batch = static_cast<std::size_t>(std::max(1, options_.max_batch));
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to record
      while (!queue_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<store::Vote> votes;
    votes.reserve(batch.size());
    for (const auto& pending : batch) votes.push_back(pending.vote);
    auto outcomes = store_.RecordVotes(votes);
    if (options_.on_batch) options_.on_batch(batch.size());
    if (outcomes && options_.on_recorded) {
      std::vector<std::int64_t> changed;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if ((*outcomes)[i].result == store::VoteResult::kAccepted) {
          changed.push_back(batch[i].vote.article_id);
        }
      }
      if (!changed.empty()) options_.on_recorded(changed);
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (outcomes) {
        batch[i].done((*outcomes)[i]);
      } else {
        batch[i].done(tl::unexpected(outcomes.error()));
      }
    }
  }
}

}  // namespace lede::ratings
