// kill -9 the server while readers are voting: every vote that got a 201
// must be on disk afterwards, and each aggregate must equal its votes.

#include <signal.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"

namespace lede {
namespace {

TEST(CrashTest, AcknowledgedVotesSurviveKillNine) {
  testing::TempDir dir;
  std::string output;
  auto server = testing::LedeProcess::Serve(
      {"--demo", "--data", dir.path().string(), "--vote-limit", "off", "--access-log", "off"},
      &output);
  ASSERT_NE(server, nullptr) << output;
  const std::uint16_t port = server->port();

  constexpr int kClients = 8;
  struct Tally {
    std::int64_t acknowledged = 0;
    std::int64_t stars = 0;
  };
  std::vector<Tally> tallies(kClients);
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      // Each client votes on its own article, each vote as a new reader.
      const std::string url = "/api/v1/articles/" + std::to_string(client + 1) + "/ratings";
      for (int n = 0; !stop; ++n) {
        const int stars = 1 + n % 5;
        const auto result = testing::Fetch(port, "POST", url, {{"Content-Type", "application/json"}},
                                           "{\"stars\": " + std::to_string(stars) + "}");
        if (result.status == 201) {
          tallies[static_cast<std::size_t>(client)].acknowledged += 1;
          tallies[static_cast<std::size_t>(client)].stars += stars;
        } else if (result.status == 0) {
          return;  // the server is gone
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(server->Stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (auto& thread : clients) thread.join();

  auto store = testing::OpenSiteStore(dir.path());
  ASSERT_OK(store);
  std::int64_t total = 0;
  for (int client = 0; client < kClients; ++client) {
    const Tally& tally = tallies[static_cast<std::size_t>(client)];
    auto votes = (*store)->ListVotes(client + 1);
    auto summary = (*store)->FindRating(client + 1);
    ASSERT_OK(votes);
    ASSERT_OK(summary);
    std::int64_t stored_stars = 0;
    for (const auto& vote : *votes) stored_stars += vote.stars;
    // The aggregate is exactly its votes.
    EXPECT_EQ(summary->count, static_cast<std::int64_t>(votes->size())) << client;
    EXPECT_EQ(summary->sum, stored_stars) << client;
    // Every acknowledged vote is there; at most the one in flight is extra.
    EXPECT_GE(summary->count, tally.acknowledged) << client;
    EXPECT_LE(summary->count, tally.acknowledged + 1) << client;
    EXPECT_GE(stored_stars, tally.stars) << client;
    total += tally.acknowledged;
  }
  EXPECT_GT(total, 100) << "too few votes were acknowledged for the test to mean anything";
  std::printf("crash test: %lld acknowledged votes before kill -9\n", static_cast<long long>(total));
}

}  // namespace
}  // namespace lede
