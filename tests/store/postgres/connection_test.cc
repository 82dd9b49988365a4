#include "store/postgres/connection.h"

#include <gtest/gtest.h>

#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede::store::postgres {
namespace {

using testing::PostgresDatabase;

TEST(PostgresUrl, AcceptsLibpqUris) {
  EXPECT_OK(CheckUrl("postgres://lede@db.example:5432/news"));
  EXPECT_OK(CheckUrl("postgresql://lede:secret@10.0.0.5/news?sslmode=require"));
}

TEST(PostgresUrl, RefusesOtherSchemesAndMalformedOnes) {
  auto other = CheckUrl("mysql://lede@db/news");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(other.error().message.find("postgres://"), std::string::npos);
  auto bad_option = CheckUrl("postgres://lede@db/news?no_such_option=1");
  ASSERT_FALSE(bad_option);
  EXPECT_NE(bad_option.error().message.find("no_such_option"), std::string::npos);
}

TEST(PostgresUrl, RedactsThePassword) {
  EXPECT_EQ(RedactUrl("postgres://lede:s3cret@db:5432/news"), "postgres://lede:***@db:5432/news");
  EXPECT_EQ(RedactUrl("postgres://lede@db/news"), "postgres://lede@db/news");
  EXPECT_EQ(RedactUrl("postgres://db/news?user=a"), "postgres://db/news?user=a");
}

TEST(NumberedParameters, RewritesPlaceholdersOutsideQuotes) {
  EXPECT_EQ(NumberedParameters("SELECT ?1, ?12 WHERE a = '?3' AND \"?4\" = 1 -- ?5\n AND b = ?2"),
            "SELECT $1, $12 WHERE a = '?3' AND \"?4\" = 1 -- ?5\n AND b = $2");
  EXPECT_EQ(NumberedParameters("SELECT 'it''s ?1', ?1"), "SELECT 'it''s ?1', $1");
  // A bare ? (jsonb's operator) is not a parameter.
  EXPECT_EQ(NumberedParameters("SELECT a ? 'k'"), "SELECT a ? 'k'");
}

TEST(PostgresConnection, UnreachableServerIsOneLine) {
  // Port 1 on loopback: nothing listens there.
  auto made = Connection::Open("postgres://lede:hunter2@127.0.0.1:1/news", 2);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(made.error().message.find('\n'), std::string::npos) << made.error().message;
  EXPECT_NE(made.error().message.find("cannot connect"), std::string::npos);
  EXPECT_EQ(made.error().message.find("hunter2"), std::string::npos) << made.error().message;
}

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LEDE_SKIP_WITHOUT_POSTGRES();
    database_ = PostgresDatabase::Create();
    ASSERT_TRUE(database_);
    auto made = Connection::Open(database_->url());
    ASSERT_OK(made);
    connection_ = std::move(*made);
  }
  void TearDown() override { connection_.reset(); }

  std::unique_ptr<PostgresDatabase> database_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(PostgresTest, WrongPasswordAndUnknownDatabaseSaySo) {
  ASSERT_TRUE(PostgresDatabase::ExecOnServer(
      "DO $$ BEGIN CREATE ROLE lede_password LOGIN PASSWORD 'right'; "
      "EXCEPTION WHEN duplicate_object THEN NULL; END $$"));
  std::string url = database_->url();
  url.replace(url.find("lede@"), 5, "lede_password:wrong@");
  auto wrong = Connection::Open(url);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(wrong.error().message.find("password authentication failed"), std::string::npos)
      << wrong.error().message;
  EXPECT_EQ(wrong.error().message.find(":wrong@"), std::string::npos);

  std::string missing = database_->url();
  missing.replace(missing.rfind('/') + 1, std::string::npos, "no_such_database");
  auto unknown = Connection::Open(missing);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("does not exist"), std::string::npos) << unknown.error().message;
}

TEST_F(PostgresTest, BindsStepsAndCountsChanges) {
  ASSERT_OK(connection_->Exec(
      "CREATE TABLE t (id bigint PRIMARY KEY, name text, score double precision, flag boolean)"));
  {
    auto insert = connection_->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4 = 1)").value();
    ASSERT_OK(insert->Bind(1, 1).Bind(2, "één 'quoted'").Bind(3, 2.5).Bind(4, 1).Run());
    EXPECT_EQ(insert->Changes(), 1);
  }
  {
    // The same cached statement, a null this time.
    auto insert = connection_->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4 = 1)").value();
    ASSERT_OK(insert->Bind(1, 2).Bind(2, std::nullopt).Bind(3, 0.0).Bind(4, 0).Run());
  }
  // A typed null needs no cast: ?1 IS NULL.
  auto select = connection_->Prepare(
      "SELECT id, name, score, flag FROM t WHERE (?1 IS NULL OR id = ?1) ORDER BY id").value();
  select->Bind(1, std::optional<std::int64_t>{});
  ASSERT_OK(select->Step());
  EXPECT_EQ(select->Int(0), 1);
  EXPECT_EQ(select->Text(1), "één 'quoted'");
  EXPECT_DOUBLE_EQ(select->Double(2), 2.5);
  EXPECT_EQ(select->Int(3), 1);
  auto second = select->Step();
  ASSERT_OK(second);
  ASSERT_TRUE(*second);
  EXPECT_TRUE(select->IsNull(1));
  EXPECT_FALSE(select->OptionalInt(1).has_value());
  EXPECT_EQ(select->Int(3), 0);
  auto done = select->Step();
  ASSERT_OK(done);
  EXPECT_FALSE(*done);
  select->Reset();
  select->Bind(1, std::int64_t{2});
  auto only = select->Step();
  ASSERT_OK(only);
  ASSERT_TRUE(*only);
  EXPECT_EQ(select->Int(0), 2);

  auto update = connection_->Prepare("UPDATE t SET score = score + 1").value();
  ASSERT_OK(update->Run());
  EXPECT_EQ(update->Changes(), 2);
}

// In SQLite's words, which the store reads to say which field is wrong.
TEST_F(PostgresTest, ConstraintViolationsAreConflictsNamedAsSqliteNamesThem) {
  ASSERT_OK(connection_->Exec("CREATE TABLE p (id bigint PRIMARY KEY, n bigint CHECK (n > 0))"));
  auto insert = connection_->Prepare("INSERT INTO p VALUES (?1, ?2)").value();
  ASSERT_OK(insert->Bind(1, 1).Bind(2, 1).Run());
  insert->Reset();
  auto duplicate = insert->Bind(1, 1).Bind(2, 1).Run();
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(duplicate.error().message, "UNIQUE constraint failed: p.pkey");
  insert->Reset();
  auto negative = insert->Bind(1, 2).Bind(2, -1).Run();
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().code, ErrorCode::kConflict);
  EXPECT_EQ(negative.error().message, "CHECK constraint failed: p_n_check");
  auto syntax = connection_->Exec("SELEC 1");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().code, ErrorCode::kInternal);
}

TEST_F(PostgresTest, TextWithNulIsStoredWithoutIt) {
  ASSERT_OK(connection_->Exec("CREATE TABLE s (v text)"));
  auto insert = connection_->Prepare("INSERT INTO s VALUES (?1)").value();
  ASSERT_OK(insert->Bind(1, std::string_view("a\0b", 3)).Run());
  auto select = connection_->Prepare("SELECT v FROM s").value();
  ASSERT_OK(select->Step());
  EXPECT_EQ(select->Text(0), "ab");
}

TEST_F(PostgresTest, ALostConnectionReportsUnavailableAndReconnects) {
  std::string backend;
  {
    auto pid = connection_->Prepare("SELECT pg_backend_pid()").value();
    ASSERT_OK(pid->Step());
    backend = pid->Text(0);
  }
  ASSERT_TRUE(PostgresDatabase::ExecOnServer("SELECT pg_terminate_backend(" + backend + ")"));
  {
    auto after = connection_->Prepare("SELECT 1").value();
    auto failed = after->Step();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  }
  EXPECT_FALSE(connection_->healthy());
  ASSERT_OK(connection_->Reconnect());
  auto again = connection_->Prepare("SELECT 1").value();
  auto row = again->Step();
  ASSERT_OK(row);
  EXPECT_TRUE(*row);
}

}  // namespace
}  // namespace lede::store::postgres
