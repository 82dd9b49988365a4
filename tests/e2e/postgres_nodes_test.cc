// Two lede nodes on one PostgreSQL database, as behind a balancer: a vote
// or an edit through one is on the other's pages within a second, though
// both cache pages; and what goes wrong at start-up is one clear line.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;
using testing::LedeProcess;
using testing::PostgresDatabase;
using testing::RunLede;

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

  std::unique_ptr<LedeProcess> Node(const testing::TempDir& dir, bool demo = false) {
    std::vector<std::string> args{"--db", database_->url(), "--data", dir.path().string()};
    if (demo) args.push_back("--demo");
    std::string output;
    auto node = LedeProcess::Serve(args, &output);
    EXPECT_NE(node, nullptr) << output;
    return node;
  }

  std::unique_ptr<PostgresDatabase> database_;
};

TEST_F(PostgresNodesTest, AVoteAndAnEditOnOneNodeReachTheOthersCachedPages) {
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
  auto seen = SeenWithin(b->port(), page, "data-rating-count>1<", std::chrono::seconds(1));
  ASSERT_TRUE(seen) << "node B still shows the page from before the vote";
  std::cout << "vote on A shown by B after " << seen->count() << " ms\n";

  // An edit through A's Admin API, by a user both nodes know.
  setenv("LEDE_DB", database_->url().c_str(), 1);
  auto added = RunLede({"user", "add", "ed@example.org", "--name", "Ed", "--role", "editor", "--data",
                        dir_a.path().string()});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto token = RunLede({"token", "add", "--user", "ed@example.org", "--data", dir_b.path().string()});
  unsetenv("LEDE_DB");
  ASSERT_EQ(token.exit_code, 0) << token.output;
  const std::string bearer = "Bearer " + token.output.substr(0, token.output.find('\n'));
  auto article = Fetch(a->port(), "GET", "/api/v1/admin/articles/1", {{"Authorization", bearer}});
  ASSERT_EQ(article.status, 200) << article.body;
  json change = json::parse(article.body);
  change["headline"] = "Ferry routes reopen after a decade, both governments say";
  auto saved = Fetch(a->port(), "PUT", "/api/v1/admin/articles/1",
                     {{"Authorization", bearer}, {"Content-Type", "application/json"}}, change.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  seen = SeenWithin(b->port(), page, "both governments say", std::chrono::seconds(1));
  ASSERT_TRUE(seen) << "node B still shows the old headline";
  std::cout << "edit on A shown by B after " << seen->count() << " ms\n";
  // And the front page B had cached names it too.
  EXPECT_TRUE(SeenWithin(b->port(), "/", "both governments say", std::chrono::seconds(1)));
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
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lede listener " +
      std::to_string(b->pid()) + "'"));
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
