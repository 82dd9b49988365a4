// kill -9 the server again and again under a mixed load: readers voting,
// an editor creating and rewording articles through the Admin API, an
// author uploading pictures, readers reading, and once a WordPress import
// beside it. After each kill the database file must pass SQLite's own
// integrity check (on SQLite), and after each restart every acknowledged write must
// be there, every aggregate must equal its votes, every picture on disk
// must decode whole, and no page may show what was changed before its
// change was acknowledged.

#include <signal.h>
#include <sqlite3.h>
#include <vips/vips.h>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "e2e/newsroom_fixture.h"
#include "e2e/site_store.h"
#include "support/test_store.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Newsroom;

std::string IntegrityCheck(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

// Decodes every pixel: a half-written file fails here.
bool DecodesWhole(const std::filesystem::path& file) {
  VipsImage* image = vips_image_new_from_file(file.c_str(), "fail_on", VIPS_FAIL_ON_TRUNCATED,
                                              nullptr);
  if (!image) {
    vips_error_clear();
    return false;
  }
  double average = 0;
  const bool ok = vips_avg(image, &average, nullptr) == 0;
  g_object_unref(image);
  vips_error_clear();
  return ok;
}

std::string Wxr(const std::string& slug) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://wire.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>world</wp:category_nicename><wp:cat_name><![CDATA[World]]></wp:cat_name></wp:category>
<item><title>Imported while the server died</title><link>https://wire.example/)" + slug + R"(/</link>
<content:encoded><![CDATA[<p>A story from the wire.</p>]]></content:encoded>
<wp:post_id>7001</wp:post_id><wp:post_date_gmt>2026-11-30 08:00:00</wp:post_date_gmt>
<wp:post_name>)" + slug + R"(</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="world"><![CDATA[World]]></category></item>
</channel></rss>
)";
}

struct Ledger {
  std::mutex mutex;
  std::map<std::int64_t, std::int64_t> votes_acknowledged;  // article -> votes
  std::map<std::int64_t, std::int64_t> votes_unanswered;    // in flight at a kill
  std::map<std::int64_t, std::string> headlines;            // created article -> last acknowledged
  std::map<std::int64_t, std::string> headlines_in_flight;
  std::vector<std::string> media_urls;
  std::vector<std::string> stale;  // pages that showed an acknowledged change late
};

TEST(CrashTest, MixedLoadSurvivesRepeatedKillNine) {
  if (VIPS_INIT("crash_mixed_test")) GTEST_FAIL() << "libvips";
  auto room = Newsroom::Start({"--vote-limit", "off", "--access-log", "off"});
  ASSERT_TRUE(room);
  const std::filesystem::path data = room->data();
  const std::string editor = room->person("editor").token;
  const std::string author = room->person("author").token;
  const std::uint32_t seed = std::random_device{}();
  std::mt19937 random(seed);
  std::printf("crash test seed %u\n", seed);
  Ledger ledger;
  constexpr int kRounds = 6;
  constexpr std::int64_t kVotedArticles = 3;
  std::map<std::int64_t, std::int64_t> baseline;
  {
    auto store = testing::OpenSiteStore(data);
    ASSERT_OK(store);
    for (std::int64_t id = 1; id <= kVotedArticles; ++id) baseline[id] = (*store)->FindRating(id)->count;
  }

  for (int round = 0; round < kRounds; ++round) {
    const std::uint16_t port = room->port();
    std::atomic<bool> stop{false};
    std::vector<std::thread> load;
    for (std::int64_t article = 1; article <= kVotedArticles; ++article) {
      load.emplace_back([&, article] {
        const std::string url = "/api/v1/articles/" + std::to_string(article) + "/ratings";
        while (!stop) {
          const auto result = Fetch(port, "POST", url, {{"Content-Type", "application/json"}},
                                    R"({"stars": 3})");
          std::lock_guard lock(ledger.mutex);
          if (result.status == 201) {
            ++ledger.votes_acknowledged[article];
          } else {
            ++ledger.votes_unanswered[article];
            return;
          }
        }
      });
    }
    load.emplace_back([&] {  // the editor
      const std::vector<std::pair<std::string, std::string>> api = {
          {"Authorization", "Bearer " + editor}, {"Content-Type", "application/json"}};
      for (int n = 0; !stop; ++n) {
        const std::string headline = fmt::format("Harbour story {} {}", round, n);
        json article = {{"headline", headline},
                        {"body", "Ferries docked at dawn. Crowds waited on the quay."},
                        {"section", "world"},
                        {"quick_looks", {"Ferries return", "Fares are capped", "Board inspects"}},
                        {"status", "published"}};
        const auto made = Fetch(port, "POST", "/api/v1/admin/articles", api, article.dump());
        if (made.status != 201) return;
        const json saved = json::parse(made.body);
        const std::int64_t id = saved["id"];
        {
          std::lock_guard lock(ledger.mutex);
          ledger.headlines[id] = headline;
        }
        const std::string reworded = headline + " reworded";
        article["headline"] = reworded;
        {
          std::lock_guard lock(ledger.mutex);
          ledger.headlines_in_flight[id] = reworded;
        }
        const auto updated = Fetch(port, "PUT", "/api/v1/admin/articles/" + std::to_string(id),
                                   api, article.dump());
        if (updated.status != 200) return;
        {
          std::lock_guard lock(ledger.mutex);
          ledger.headlines[id] = reworded;
          ledger.headlines_in_flight.erase(id);
        }
        // Read it back through the public page (and its cache) at once.
        const auto page = Fetch(port, "GET", saved["url"].get<std::string>());
        if (page.status == 0) return;
        if (page.body.find(reworded) == std::string::npos) {
          std::lock_guard lock(ledger.mutex);
          ledger.stale.push_back(saved["url"].get<std::string>());
        }
      }
    });
    load.emplace_back([&] {  // the author, uploading
      const std::string body =
          "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
          "Content-Type: image/png\r\n\r\n" + testing::kOnePixelPng + "\r\n--b0undary--\r\n";
      while (!stop) {
        const auto made = Fetch(port, "POST", "/api/v1/admin/media",
                                {{"Authorization", "Bearer " + author},
                                 {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                                body);
        if (made.status != 201) return;
        const json item = json::parse(made.body);
        std::lock_guard lock(ledger.mutex);
        ledger.media_urls.push_back(item["url"]);
        for (const auto& variant : item["variants"]) ledger.media_urls.push_back(variant["jpeg"]);
      }
    });
    load.emplace_back([&] {  // readers keep the page cache full
      for (int n = 0; !stop; ++n) {
        if (Fetch(port, "GET", n % 2 ? "/" : "/world/").status == 0) return;
      }
    });
    std::thread import;
    bool import_ok = false;
    const std::string slug = fmt::format("wire-story-{}", round);
    if (round == 2) {
      const auto file = data.parent_path() / (data.filename().string() + "-wire.xml");
      std::ofstream(file) << Wxr(slug);
      import = std::thread([&, file] {
        import_ok = testing::RunLede({"import", "wordpress", file.string(), "--data",
                                      data.string()}).exit_code == 0;
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution(300, 1500)(random)));
    EXPECT_EQ(room->Kill(), 128 + SIGKILL);
    stop = true;
    for (auto& thread : load) thread.join();
    if (import.joinable()) import.join();

    // PostgreSQL keeps its own files (and recovers them itself).
    if (!testing::OnPostgres()) {
      ASSERT_EQ(IntegrityCheck(data / "lede.db"), "ok") << "round " << round;
    }
    ASSERT_TRUE(room->Restart()) << "round " << round;

    auto store = testing::OpenSiteStore(data);
    ASSERT_OK(store);
    std::lock_guard lock(ledger.mutex);
    for (std::int64_t article = 1; article <= kVotedArticles; ++article) {
      auto votes = (*store)->ListVotes(article);
      auto summary = (*store)->FindRating(article);
      ASSERT_OK(votes);
      ASSERT_OK(summary);
      EXPECT_EQ(summary->count, static_cast<std::int64_t>(votes->size())) << article;
      const std::int64_t added = summary->count - baseline[article];
      EXPECT_GE(added, ledger.votes_acknowledged[article]) << "round " << round << " article " << article;
      EXPECT_LE(added, ledger.votes_acknowledged[article] + ledger.votes_unanswered[article]);
    }
    for (const auto& [id, headline] : ledger.headlines) {
      auto article = (*store)->FindArticle(id);
      ASSERT_TRUE(article) << "acknowledged article " << id << " is gone";
      const auto in_flight = ledger.headlines_in_flight.find(id);
      EXPECT_TRUE(article->headline == headline ||
                  (in_flight != ledger.headlines_in_flight.end() &&
                   article->headline == in_flight->second))
          << id << ": " << article->headline << " instead of " << headline;
      if (article->headline != headline) ledger.headlines[id] = article->headline;
      ledger.headlines_in_flight.erase(id);
    }
    for (const std::string& url : ledger.media_urls) {
      EXPECT_EQ(Fetch(room->port(), "GET", url).status, 200) << url;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data / "media")) {
      if (!entry.is_regular_file() || entry.path().extension() == ".tmp") continue;
      EXPECT_TRUE(DecodesWhole(entry.path())) << entry.path() << " is not a whole picture";
    }
    if (round == 2 && import_ok) {
      EXPECT_EQ(Fetch(room->port(), "GET", "/world/" + slug + "/").status, 200);
    }
    EXPECT_TRUE(ledger.stale.empty()) << ledger.stale.front();
  }
  std::int64_t votes = 0;
  for (const auto& [article, count] : ledger.votes_acknowledged) votes += count;
  std::printf("crash test: %d kill -9 rounds; %lld votes, %zu articles, %zu media files acknowledged\n",
              kRounds, static_cast<long long>(votes), ledger.headlines.size(), ledger.media_urls.size());
  EXPECT_GT(votes, 50);
  EXPECT_GT(ledger.headlines.size(), 3u);
  EXPECT_GT(ledger.media_urls.size(), 3u);
}

}  // namespace
}  // namespace lede
