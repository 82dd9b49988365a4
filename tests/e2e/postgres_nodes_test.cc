// Two lede nodes on one PostgreSQL database, as behind a balancer: a vote
// or an edit through one is on the other's pages as soon as it is
// answered, though both cache pages; and what goes wrong at start-up is one clear line.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/postgres_database.h"
#include "support/stub_server.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;
using testing::LedeProcess;
using testing::PostgresDatabase;
using testing::RunLede;
using testing::StubServer;

const std::vector<std::pair<std::string, std::string>> kJson = {{"Content-Type", "application/json"}};

// Polls `node` until `page` contains `text`, for up to `limit`; how long it
// took, or nullopt.
std::optional<std::chrono::milliseconds> SeenWithin(std::uint16_t port, const std::string& page,
                                                    const std::string& text,
                                                    std::chrono::milliseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    if (Get(port, page).body.find(text) != std::string::npos) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

class PostgresNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LEDE_SKIP_WITHOUT_POSTGRES();
    database_ = PostgresDatabase::Create();
    ASSERT_TRUE(database_);
  }

  std::unique_ptr<LedeProcess> Node(const testing::TempDir& dir, bool demo = false,
                                    std::vector<std::string> more = {}) {
    std::vector<std::string> args{"--db", database_->url(), "--data", dir.path().string()};
    if (demo) args.push_back("--demo");
    args.insert(args.end(), more.begin(), more.end());
    std::string output;
    auto node = LedeProcess::Serve(args, &output);
    EXPECT_NE(node, nullptr) << output;
    return node;
  }

  // "Bearer TOKEN" of an editor every node knows, added by the command
  // line as an operator would.
  std::string EditorBearer(const testing::TempDir& dir) {
    setenv("LEDE_DB", database_->url().c_str(), 1);
    auto added = RunLede({"user", "add", "ed@example.org", "--name", "Ed", "--role", "editor", "--data",
                          dir.path().string()});
    EXPECT_EQ(added.exit_code, 0) << added.output;
    auto token = RunLede({"token", "add", "--user", "ed@example.org", "--data", dir.path().string()});
    unsetenv("LEDE_DB");
    EXPECT_EQ(token.exit_code, 0) << token.output;
    return "Bearer " + token.output.substr(0, token.output.find('\n'));
  }

  std::unique_ptr<PostgresDatabase> database_;
};

TEST_F(PostgresNodesTest, AVoteAndAnEditOnOneNodeAreOnTheOthersCachedPagesOnceAnswered) {
  testing::TempDir dir_a, dir_b;
  auto a = Node(dir_a, /*demo=*/true);
  ASSERT_NE(a, nullptr);
  auto b = Node(dir_b);
  ASSERT_NE(b, nullptr);

  const std::string page = "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/";
  auto first = Get(b->port(), page);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("data-rating-count>0<"), std::string::npos);
  ASSERT_EQ(Get(b->port(), page).status, 200);  // now from B's page cache

  const auto vote = Fetch(a->port(), "POST", "/api/v1/articles/1/ratings", kJson, R"({"stars": 4})");
  ASSERT_EQ(vote.status, 201) << vote.body;
  // A answers only once B has dropped its copy: the very next read on B
  // has the vote, with no waiting.
  EXPECT_NE(Get(b->port(), page).body.find("data-rating-count>1<"), std::string::npos)
      << "node B served its page from before the acknowledged vote";

  // An edit through A's Admin API, by a user both nodes know.
  const std::string bearer = EditorBearer(dir_b);
  auto article = Fetch(a->port(), "GET", "/api/v1/admin/articles/1", {{"Authorization", bearer}});
  ASSERT_EQ(article.status, 200) << article.body;
  json change = json::parse(article.body);
  change["headline"] = "Ferry routes reopen after a decade, both governments say";
  auto saved = Fetch(a->port(), "PUT", "/api/v1/admin/articles/1",
                     {{"Authorization", bearer}, {"Content-Type", "application/json"}}, change.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(Get(b->port(), page).body.find("both governments say"), std::string::npos)
      << "node B served the old headline after the edit was acknowledged";
  // And the front page B had cached names it too.
  EXPECT_NE(Get(b->port(), "/").body.find("both governments say"), std::string::npos);
}

// A node keeps no page until it hears the other nodes, so it takes
// requests only once it does: its page cache works from the first request.
// (Under load, a node that served first rendered every early page afresh.)
TEST_F(PostgresNodesTest, ANodeCachesFromItsFirstRequests) {
  testing::TempDir dir;
  auto node = Node(dir, /*demo=*/true);
  ASSERT_NE(node, nullptr);
  const std::string page = "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/";
  EXPECT_EQ(Get(node->port(), page).Header("X-Cache"), "MISS");
  EXPECT_EQ(Get(node->port(), page).Header("X-Cache"), "HIT");
}

TEST_F(PostgresNodesTest, ANodeThatMissedAnnouncementsDropsItsCacheWhenBack) {
  testing::TempDir dir_a, dir_b;
  auto a = Node(dir_a, /*demo=*/true);
  ASSERT_NE(a, nullptr);
  auto b = Node(dir_b);
  ASSERT_NE(b, nullptr);
  const std::string page = "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/";
  ASSERT_EQ(Get(b->port(), page).status, 200);
  ASSERT_EQ(Get(a->port(), page).status, 200);
  // Cut B's listening connection, then change the article's rating behind
  // every node's back: no announcement says so, only B's reconnection.
  ASSERT_TRUE(PostgresDatabase::ExecOnServer(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'lede listener " +
      std::to_string(b->pid()) + " %'"));
  std::string error;
  ASSERT_TRUE(database_->Exec(
      "INSERT INTO ratings (article_id, voter, stars, ip_hash, created_at) VALUES (1, 'behind', 5, 'x', 0); "
      "INSERT INTO article_ratings VALUES (1, 1, 5) ON CONFLICT (article_id) DO UPDATE "
      "SET vote_count = 1, star_sum = 5", &error)) << error;
  EXPECT_TRUE(SeenWithin(b->port(), page, "data-rating-count>1<", std::chrono::seconds(2)));
  // A listened throughout and heard nothing: its cached page is the old
  // one, which shows B's fresh page came from B's reconnection.
  EXPECT_NE(Get(a->port(), page).body.find("data-rating-count>0<"), std::string::npos);
}

// The database going away (a restart, a failover) is a 503 with
// Retry-After for what the node cannot answer from its cache, never a crash;
// once the database is back the node reconnects by itself.
TEST_F(PostgresNodesTest, WhileTheDatabaseIsAwayANodeAnswers503AndComesBackByItself) {
  testing::TempDir dir;
  auto node = Node(dir, /*demo=*/true);
  ASSERT_NE(node, nullptr);
  ASSERT_EQ(Get(node->port(), "/search?q=ferry").status, 200);
  std::string error;
  ASSERT_TRUE(PostgresDatabase::ExecOnServer("ALTER DATABASE " + database_->name() + " WITH ALLOW_CONNECTIONS false", &error))
      << error;
  ASSERT_TRUE(PostgresDatabase::ExecOnServer(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database_->name() + "'"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (const std::string target : {"/search?q=harbour", "/healthz", "/api/v1/articles?limit=3"}) {
    const auto away = Get(node->port(), target);
    EXPECT_EQ(away.status, 503) << target << ": " << away.body;
    EXPECT_EQ(away.Header("Retry-After"), "5") << target;
  }
  const auto vote = Fetch(node->port(), "POST", "/api/v1/articles/1/ratings", kJson, R"({"stars": 3})");
  EXPECT_EQ(vote.status, 503) << vote.body;
  ASSERT_TRUE(PostgresDatabase::ExecOnServer("ALTER DATABASE " + database_->name() + " WITH ALLOW_CONNECTIONS true"));
  EXPECT_TRUE(SeenWithin(node->port(), "/search?q=harbour", "Results for", std::chrono::seconds(5)));
  EXPECT_EQ(Get(node->port(), "/healthz").status, 200);
  EXPECT_EQ(Fetch(node->port(), "POST", "/api/v1/articles/1/ratings", kJson, R"({"stars": 3})").status, 201);
}

// Media files live in the database: a picture uploaded through one node is
// served by the other, which keeps its own copy of each file it served
// (but reads crops afresh: a focal point change remakes them in place).
TEST_F(PostgresNodesTest, APictureUploadedOnOneNodeIsServedByTheOther) {
  testing::TempDir dir_a, dir_b;
  auto a = Node(dir_a, /*demo=*/true);
  ASSERT_NE(a, nullptr);
  auto b = Node(dir_b);
  ASSERT_NE(b, nullptr);
  const std::string bearer = EditorBearer(dir_a);
  const std::string body =
      "--b0undary\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nA pixel\r\n"
      "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pixel.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" + std::string(testing::kOnePixelPng) + "\r\n--b0undary--\r\n";
  const auto made = Fetch(a->port(), "POST", "/api/v1/admin/media",
                          {{"Authorization", bearer}, {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                          body);
  ASSERT_EQ(made.status, 201) << made.body;
  const json item = json::parse(made.body);
  std::set<std::string> files{item["url"]};  // the widest variant, listed again below
  for (const auto& variant : item["variants"]) {
    files.insert(variant["jpeg"]);
    if (variant.contains("webp")) files.insert(variant["webp"]);
  }
  for (const auto& [shape, crop] : item["crops"].items()) files.insert(crop);
  ASSERT_GE(files.size(), 5u) << made.body;
  for (const auto& file : files) {
    const auto from_a = Get(a->port(), file);
    ASSERT_EQ(from_a.status, 200) << file;
    EXPECT_FALSE(std::filesystem::exists(dir_b.path() / file.substr(1))) << file << " was on B before";
    const auto from_b = Get(b->port(), file);
    ASSERT_EQ(from_b.status, 200) << file << ": " << from_b.body;
    EXPECT_EQ(from_b.body, from_a.body) << file;
    EXPECT_EQ(Get(b->port(), file).body, from_a.body) << file << ", asked again";
  }
  EXPECT_TRUE(std::filesystem::exists(dir_b.path() / std::string(item["url"]).substr(1)))
      << "B keeps its own copy of a variant it served";
  // The upload's own file (its original, without camera metadata), kept
  // below originals/ on A only.
  std::string url = item["url"];
  const std::string suffix = "-" + std::to_string(item["width"].get<int>()) + ".jpg";
  const std::string original = "/media/file/" + url.substr(7, url.size() - 7 - suffix.size()) + ".png";
  const auto original_a = Get(a->port(), original);
  ASSERT_EQ(original_a.status, 200) << original;
  const auto original_b = Get(b->port(), original);
  ASSERT_EQ(original_b.status, 200) << original << ": " << original_b.body;
  EXPECT_EQ(original_b.body, original_a.body);
  EXPECT_EQ(Get(b->port(), "/media/2026/01/nothing-here-480.jpg").status, 404);
  // The original as sent (camera metadata and all) is in the database
  // too, but never served by its key.
  EXPECT_EQ(Get(b->port(), "/media/originals/" + original.substr(12)).status, 404);
}

// A command's writes (lede import beside serving nodes) are on every node's
// pages once the command returns: it waits for their answers as a
// serving node does.
TEST_F(PostgresNodesTest, AnImportFromTheCommandLineIsOnEveryNodeWhenItReturns) {
  testing::TempDir dir_a, dir_b;
  auto a = Node(dir_a, /*demo=*/true);
  ASSERT_NE(a, nullptr);
  auto b = Node(dir_b);
  ASSERT_NE(b, nullptr);
  const std::string page = "/world/imported-beside-two-nodes/";
  ASSERT_EQ(Get(b->port(), page).status, 404);
  ASSERT_EQ(Get(b->port(), page).status, 404);  // B now answers it from its cache
  testing::WriteFile(dir_a / "wire.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://wire.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>world</wp:category_nicename><wp:cat_name><![CDATA[World]]></wp:cat_name></wp:category>
<item><title>Imported beside two nodes</title><link>https://wire.example/imported-beside-two-nodes/</link>
<content:encoded><![CDATA[<p>A story from the wire.</p>]]></content:encoded>
<wp:post_id>7001</wp:post_id><wp:post_date_gmt>2026-11-30 08:00:00</wp:post_date_gmt>
<wp:post_name>imported-beside-two-nodes</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="world"><![CDATA[World]]></category></item>
</channel></rss>
)");
  setenv("LEDE_DB", database_->url().c_str(), 1);
  auto imported = RunLede({"import", "wordpress", (dir_a / "wire.xml").string(), "--data", dir_a.path().string()});
  unsetenv("LEDE_DB");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  // Without the nodes' answers the command would wait out a second and
  // say so.
  EXPECT_EQ(imported.output.find("did not say"), std::string::npos) << imported.output;
  EXPECT_EQ(Get(b->port(), page).status, 200) << "node B served its page from before the import";
  EXPECT_EQ(Get(a->port(), page).status, 200);
}

// Every node wakes when a scheduled article goes live; WebSub and IndexNow
// hear of it once, from one of them.
TEST_F(PostgresNodesTest, AScheduledArticleIsAnnouncedOnceWhateverTheNumberOfNodes) {
  StubServer stub([](const StubServer::Request&, int) { return 202; });
  const std::vector<std::string> push{"--public-url", "https://news.example", "--websub-hub",
                                      stub.url("/hub"), "--indexnow-key", "lede-test-key-0123",
                                      "--indexnow-endpoint", stub.url("/indexnow")};
  testing::TempDir dir_a, dir_b;
  auto a = Node(dir_a, /*demo=*/true, push);
  ASSERT_NE(a, nullptr);
  auto b = Node(dir_b, /*demo=*/false, push);
  ASSERT_NE(b, nullptr);
  const std::string bearer = EditorBearer(dir_a);
  // Far enough ahead for B to learn of it from the store (it rescans every
  // 5 s), as it would if A were gone by then.
  const std::time_t when = std::time(nullptr) + 7;
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&when));
  const json story{{"headline", "Night ferry timetable announced"},
                   {"body", "The night ferry runs again from March."},
                   {"section", "world"},
                   {"quick_looks", {"The night ferry returns", "It sails from March", "Fares are capped"}},
                   {"status", "scheduled"},
                   {"publish_at", iso}};
  const auto created = Fetch(a->port(), "POST", "/api/v1/admin/articles",
                             {{"Authorization", bearer}, {"Content-Type", "application/json"}}, story.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "https://news.example/world/night-ferry-timetable-announced/";
  const auto pinged = [&](const std::vector<StubServer::Request>& requests) {
    int count = 0;
    for (const auto& request : requests) {
      if (request.target == "/indexnow" && request.body.find(url) != std::string::npos) ++count;
    }
    return count;
  };
  ASSERT_TRUE(stub.WaitFor([&](const auto& requests) { return pinged(requests) >= 1; },
                           std::chrono::seconds(15)))
      << "IndexNow never heard of the article going live";
  std::this_thread::sleep_for(std::chrono::seconds(1));  // a second node's duplicate would be here by now
  EXPECT_EQ(pinged(stub.requests()), 1) << "announced by more than one node";
  EXPECT_EQ(Get(b->port(), "/world/night-ferry-timetable-announced/").status, 200);
}

TEST(PostgresStart, BadDatabasesAreOneLineAndANonZeroExit) {
  testing::TempDir dir;
  for (const std::string& db : {std::string("postgres://lede:secret@127.0.0.1:1/news"), std::string("mysql://x/y")}) {
    std::string output;
    auto node = LedeProcess::Serve({"--db", db, "--data", dir.path().string()}, &output);
    EXPECT_EQ(node, nullptr) << db;
    EXPECT_NE(output.find("lede:"), std::string::npos) << output;
    EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
    EXPECT_EQ(output.find("secret"), std::string::npos) << output;
  }
}

TEST_F(PostgresNodesTest, ASchemaFromANewerLedeIsRefused) {
  testing::TempDir dir;
  {
    auto node = Node(dir);
    ASSERT_NE(node, nullptr);
  }
  // As a newer lede would leave it.
  std::string error;
  ASSERT_TRUE(database_->Exec("INSERT INTO lede_schema (version, name) VALUES (999, '999_future.sql')", &error))
      << error;
  std::string output;
  auto refused = LedeProcess::Serve({"--db", database_->url(), "--data", dir.path().string()}, &output);
  EXPECT_EQ(refused, nullptr);
  EXPECT_NE(output.find("newer"), std::string::npos) << output;
}

}  // namespace
}  // namespace lede
