// The ChangeTracker as two nodes run it: two stores open on one database
// file, each with its own tracker, waking on the wall clock.
#include "publishing/change_tracker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "publishing/cache_keys.h"
#include "publishing/desk.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::publishing {
namespace {

// What one node's tracker handed its sink.
struct Node {
  std::mutex mutex;
  int announced = 0;  // drops for every node and the CDN (ChangeSink::drop)
  int dropped_here = 0;
  int went_live = 0;  // push notifications sent
  std::vector<std::string> keys;

  ChangeSink Sink() {
    return {.drop = [this](const std::vector<std::string>& changed) { Record(changed, true); },
            .drop_all = [] {},
            .drop_here = [this](const std::vector<std::string>& changed) { Record(changed, false); }};
  }
  void Record(const std::vector<std::string>& changed, bool announce) {
    std::lock_guard lock(mutex);
    (announce ? announced : dropped_here) += 1;
    keys.insert(keys.end(), changed.begin(), changed.end());
  }
  bool Saw(const std::string& key) {
    std::lock_guard lock(mutex);
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }
};

TEST(ChangeTrackerTest, AScheduledArticleIsAnnouncedByOneNodeAndDroppedByEvery) {
  testing::TempDir dir;
  util::SystemClock clock;
  auto store_a = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
  ASSERT_OK(store_a);
  auto store_b = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
  ASSERT_OK(store_b);
  Node a, b;
  ChangeTracker tracker_a(**store_a, clock, a.Sink());
  ChangeTracker tracker_b(**store_b, clock, b.Sink());
  for (const auto& pair : {std::pair{&tracker_a, &a}, std::pair{&tracker_b, &b}}) {
    Node* node = pair.second;
    pair.first->OnWentLive([node](const content::Article&) {
      std::lock_guard lock(node->mutex);
      ++node->went_live;
    });
  }
  Desk desk(**store_a, clock);
  desk.Observe(&tracker_a);
  tracker_a.Start();

  auto section = desk.AddSection("World", "", 1);
  ASSERT_OK(section);
  content::Article article;
  article.headline = "Night ferry timetable announced";
  article.section_id = section->id;
  article.status = content::ArticleStatus::kScheduled;
  article.published_at = clock.Now() + 2;
  auto saved = desk.Save(article);
  ASSERT_OK(saved);
  // B learns of it from the store as it starts, as a second node would.
  tracker_b.Start();
  {
    std::lock_guard lock(a.mutex);
    a.announced = 0;  // the save itself was announced; only the going-live counts now
    a.keys.clear();
  }

  const std::string key = keys::Key(keys::kArticle, saved->id);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((!a.Saw(key) || !b.Saw(key)) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(a.Saw(key)) << "node A never dropped the article going live";
  ASSERT_TRUE(b.Saw(key)) << "node B never dropped the article going live";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a late duplicate would show
  std::lock_guard lock_a(a.mutex);
  std::lock_guard lock_b(b.mutex);
  EXPECT_EQ(a.announced + b.announced, 1) << "announced by exactly one node";
  EXPECT_EQ(a.dropped_here + b.dropped_here, 1) << "the other only drops its own copies";
  EXPECT_EQ(a.went_live + b.went_live, 1) << "push notifications sent by exactly one node";
  EXPECT_EQ(a.went_live, a.announced) << "by the node that announced it";
}

}  // namespace
}  // namespace lede::publishing
