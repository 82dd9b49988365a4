#include "store/postgres/pool.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede::store::postgres {
namespace {

using testing::PostgresDatabase;

class PostgresPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LEDE_SKIP_WITHOUT_POSTGRES();
    database_ = PostgresDatabase::Create();
    ASSERT_TRUE(database_);
    auto pool = Pool::Open(database_->url(), 3);
    ASSERT_OK(pool);
    pool_ = std::move(*pool);
    auto lease = pool_->Acquire();
    ASSERT_OK(lease);
    ASSERT_OK((*lease)->Exec("CREATE TABLE counter (n bigint NOT NULL); INSERT INTO counter VALUES (0)"));
  }
  void TearDown() override { pool_.reset(); }

  std::int64_t Count() {
    auto lease = pool_->Acquire();
    EXPECT_TRUE(lease);
    if (!lease) return -1;
    auto read = (*lease)->Prepare("SELECT n FROM counter").value();
    auto row = read->Step();
    EXPECT_TRUE(row) << row.error().message;
    return row && *row ? read->Int(0) : -1;
  }

  std::unique_ptr<PostgresDatabase> database_;
  std::unique_ptr<Pool> pool_;
};

TEST(PostgresPool, OpenFailsWithOneLineWhenTheServerIsUnreachable) {
  auto pool = Pool::Open("postgres://lede@127.0.0.1:1/news", 4);
  ASSERT_FALSE(pool);
  EXPECT_EQ(pool.error().code, ErrorCode::kUnavailable);
}

// Read-modify-write from many threads: the write lock makes each increment
// see the one before, as SQLite's single writer does.
TEST_F(PostgresPoolTest, WriteTransactionsFollowOneAnother) {
  constexpr int kThreads = 6, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto lease = pool_->Acquire();
        if (!lease) { ++failures; continue; }
        auto transaction = sql::Transaction::Begin(**lease);
        if (!transaction) { ++failures; continue; }
        std::int64_t n = 0;
        {
          auto read = (*lease)->Prepare("SELECT n FROM counter").value();
          if (!read->Step()) { ++failures; continue; }
          n = read->Int(0);
        }
        auto write = (*lease)->Prepare("UPDATE counter SET n = ?1").value();
        if (!write->Bind(1, n + 1).Run() || !transaction->Commit()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count(), kThreads * kEach);
}

TEST_F(PostgresPoolTest, AnUncommittedTransactionRollsBack) {
  {
    auto lease = pool_->Acquire();
    ASSERT_OK(lease);
    auto transaction = sql::Transaction::Begin(**lease);
    ASSERT_OK(transaction);
    auto write = (*lease)->Prepare("UPDATE counter SET n = 42").value();
    ASSERT_OK(write->Run());
  }
  EXPECT_EQ(Count(), 0);
}

TEST_F(PostgresPoolTest, ASnapshotReadsAndRefusesWrites) {
  auto lease = pool_->Acquire();
  ASSERT_OK(lease);
  sql::ReadSnapshot snapshot(**lease);
  EXPECT_FALSE((*lease)->Exec("UPDATE counter SET n = 1"));
}

// Inside a batch's transaction each write is a savepoint: one that fails
// leaves the others, as SQLite's batches do.
TEST_F(PostgresPoolTest, AFailedWriteInsideATransactionRollsBackAlone) {
  auto lease = pool_->Acquire();
  ASSERT_OK(lease);
  auto outer = sql::Transaction::Begin(**lease);
  ASSERT_OK(outer);
  {
    auto inner = sql::Transaction::Begin(**lease);
    ASSERT_OK(inner);
    ASSERT_OK((*lease)->Exec("UPDATE counter SET n = 5"));
    ASSERT_OK(inner->Commit());
  }
  {
    auto failing = sql::Transaction::Begin(**lease);
    ASSERT_OK(failing);
    EXPECT_FALSE((*lease)->Exec("UPDATE counter SET n = 'x'"));
  }
  ASSERT_OK(outer->Commit());
  EXPECT_EQ(Count(), 5);
}

TEST(NamedParameters, BecomeNumberedAfterTheNumberedOnes) {
  std::vector<std::string> names;
  int first = 0;
  EXPECT_EQ(NumberedParameters("SELECT ?2 WHERE a = :now AND b::text = :name OR c = :now", &names, &first),
            "SELECT $2 WHERE a = $3 AND b::text = $4 OR c = $3");
  EXPECT_EQ(first, 3);
  EXPECT_EQ(names, (std::vector<std::string>{":now", ":name"}));
}

TEST_F(PostgresPoolTest, ReplacesConnectionsTheServerDropped) {
  EXPECT_EQ(Count(), 0);
  // The server processes behind the pool's connections.
  std::vector<pid_t> backends;
  {
    auto lease = pool_->Acquire();
    ASSERT_OK(lease);
    auto pids = (*lease)->Prepare("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
    ASSERT_OK(pids);
    while (true) {
      auto row = (*pids)->Step();
      ASSERT_OK(row);
      if (!*row) break;
      backends.push_back(static_cast<pid_t>((*pids)->Int(0)));
    }
  }
  ASSERT_TRUE(PostgresDatabase::ExecOnServer(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
      database_->name() + "'"));
  // Termination is asynchronous: wait until the processes have exited, and
  // so closed their sockets. (Their row in pg_stat_activity goes a moment
  // before: waiting for that alone let a connection still look alive.)
  // The throwaway server runs on this machine; kill(pid, 0) only asks.
  for (pid_t pid : backends) {
    for (int i = 0; i < 250 && (::kill(pid, 0) == 0 || errno != ESRCH); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // Every idle connection is dead now; Acquire hands out a working one.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Count(), 0);
}

}  // namespace
}  // namespace lede::store::postgres
