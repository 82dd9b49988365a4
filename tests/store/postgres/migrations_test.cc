#include "store/postgres/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede::store::postgres {
namespace {

using testing::PostgresDatabase;

class PostgresMigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LEDE_SKIP_WITHOUT_POSTGRES();
    database_ = PostgresDatabase::Create();
    ASSERT_TRUE(database_);
    connection_ = Open();
  }
  void TearDown() override { connection_.reset(); }

  std::unique_ptr<Connection> Open() {
    auto made = Connection::Open(database_->url());
    EXPECT_TRUE(made) << made.error().message;
    return made ? std::move(*made) : nullptr;
  }
  bool TableExists(std::string_view table) {
    auto query = connection_->Prepare("SELECT to_regclass(?1) IS NOT NULL").value();
    query->Bind(1, table);
    EXPECT_TRUE(query->Step());
    return query->Int(0) == 1;
  }

  std::unique_ptr<PostgresDatabase> database_;
  std::unique_ptr<Connection> connection_;
};

std::int64_t Latest() {
  const auto& list = EmbeddedMigrations();
  return std::stoll(std::string(list.back().first.substr(0, 3)));
}

TEST_F(PostgresMigrationsTest, BringsAnEmptyDatabaseToTheNewestSchemaOnce) {
  EXPECT_EQ(SchemaVersion(*connection_).value(), 0);
  ASSERT_OK(Migrate(*connection_));
  EXPECT_EQ(SchemaVersion(*connection_).value(), Latest());
  for (auto table : {"articles", "ratings", "article_search", "users", "media_files", "audit_log"}) {
    EXPECT_TRUE(TableExists(table)) << table;
  }
  // Again: nothing to do, nothing fails.
  ASSERT_OK(Migrate(*connection_));
  EXPECT_EQ(SchemaVersion(*connection_).value(), Latest());
}

TEST_F(PostgresMigrationsTest, SearchMatchesWordsWithoutTheirAccents) {
  ASSERT_OK(Migrate(*connection_));
  auto query = connection_->Prepare(
      "SELECT to_tsvector('lede_search', ?1) @@ websearch_to_tsquery('lede_search', ?2)").value();
  query->Bind(1, "Les élections à Zürich").Bind(2, "zurich elections");
  ASSERT_OK(query->Step());
  EXPECT_EQ(query->Int(0), 1);
}

TEST_F(PostgresMigrationsTest, AFailedMigrationLeavesNothingOfAnyPendingOne) {
  const MigrationList broken = {
      {"001_fine.sql", "CREATE TABLE first_table (id bigint);"},
      {"002_broken.sql", "CREATE TABLE second_table (id bigint); SELECT no_such_column FROM first_table;"},
  };
  auto failed = Migrate(*connection_, broken);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("002_broken.sql"), std::string::npos) << failed.error().message;
  EXPECT_FALSE(TableExists("first_table"));
  EXPECT_FALSE(TableExists("second_table"));
  EXPECT_EQ(SchemaVersion(*connection_).value(), 0);
}

TEST_F(PostgresMigrationsTest, RefusesASchemaNewerThanItKnows) {
  ASSERT_OK(Migrate(*connection_));
  ASSERT_OK(connection_->Exec("INSERT INTO lede_schema (version, name) VALUES (999, '999_future.sql')"));
  auto refused = Migrate(*connection_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(refused.error().message.find("newer"), std::string::npos);
  EXPECT_NE(refused.error().message.find("999"), std::string::npos);
}

// Nodes starting together on an empty database: one migrates, the others
// wait for it and find nothing left to do.
TEST_F(PostgresMigrationsTest, NodesStartingTogetherTakeTurns) {
  constexpr int kNodes = 4;
  std::vector<std::unique_ptr<Connection>> nodes;
  for (int i = 0; i < kNodes; ++i) nodes.push_back(Open());
  std::vector<Status> results(kNodes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kNodes; ++i) {
    threads.emplace_back([&, i] { results[i] = Migrate(*nodes[i]); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_OK(result);
  auto applied = connection_->Prepare("SELECT COUNT(*) FROM lede_schema").value();
  ASSERT_OK(applied->Step());
  EXPECT_EQ(applied->Int(0), static_cast<std::int64_t>(EmbeddedMigrations().size()));
}

}  // namespace
}  // namespace lede::store::postgres
