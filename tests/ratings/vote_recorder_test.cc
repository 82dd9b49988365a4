#include "ratings/vote_recorder.h"

#include <atomic>
#include <future>
#include <thread>

#include "ratings/fixture.h"

namespace lede::ratings {
namespace {

using VoteRecorderTest = RatingsFixture;

TEST_F(VoteRecorderTest, VotesArrivingTogetherShareTransactions) {
  std::atomic<int> batches{0};
  std::atomic<int> recorded{0};
  constexpr int kThreads = 8;
  constexpr int kVotesPerThread = 50;
  {
    VoteRecorder recorder(*store_, {.max_batch = 512, .on_batch = [&](std::size_t size) {
                                      ++batches;
                                      recorded += static_cast<int>(size);
                                    }});
    std::atomic<int> accepted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kVotesPerThread; ++i) {
          std::promise<void> answered;
          recorder.Submit({article_ids_[static_cast<std::size_t>(i % 4)], 1 + i % 5,
                           "voter-" + std::to_string(t) + "-" + std::to_string(i), "ip", kNow},
                          [&](Result<store::VoteOutcome> outcome) {
                            if (outcome && outcome->result == store::VoteResult::kAccepted) ++accepted;
                            answered.set_value();
                          });
          answered.get_future().wait();  // each client waits for its answer, like HTTP
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(accepted.load(), kThreads * kVotesPerThread);
  }
  EXPECT_EQ(recorded.load(), kThreads * kVotesPerThread);
  EXPECT_LT(batches.load(), kThreads * kVotesPerThread) << "no two votes ever shared a commit";
  auto site = store_->SiteRating();
  ASSERT_OK(site);
  EXPECT_EQ(site->count, kThreads * kVotesPerThread);
}

TEST_F(VoteRecorderTest, BatchOfOneCommitsEachVoteAlone) {
  std::atomic<int> largest{0};
  {
    VoteRecorder recorder(*store_, {.max_batch = 1, .on_batch = [&](std::size_t size) {
                                      largest = std::max(largest.load(), static_cast<int>(size));
                                    }});
    for (int i = 0; i < 20; ++i) {
      recorder.Submit({article_ids_[0], 3, "v" + std::to_string(i), "ip", kNow},
                      [](Result<store::VoteOutcome>) {});
    }
  }  // the destructor records what is queued
  EXPECT_EQ(largest.load(), 1);
  EXPECT_EQ(store_->FindRating(article_ids_[0])->count, 20);
}

}  // namespace
}  // namespace lede::ratings
