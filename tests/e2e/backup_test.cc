// `lede backup` against a live server: the copy is whole and consistent
// while readers keep voting, and it serves as a data directory of its own.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_store.h"
#include "support/test_util.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::LedeProcess;
using testing::RunLede;

const std::vector<std::pair<std::string, std::string>> kJson = {{"Content-Type", "application/json"}};

std::string QueryText(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

TEST(BackupCommand, CopiesALiveSiteWhileReadersVote) {
  LEDE_SKIP_ON_POSTGRES("lede backup copies SQLite's file; RefusesAPostgresSite covers it there");
  testing::TempDir dir;
  const auto data = dir / "data";
  std::string output;
  auto server = LedeProcess::Serve({"--demo", "--data", data.string(), "--vote-limit", "100000/60"}, &output);
  ASSERT_NE(server, nullptr) << output;

  // Readers vote throughout, each as a new voter (no cookie).
  std::atomic<bool> stop{false};
  std::atomic<int> accepted{0};
  std::thread voters([&] {
    for (int i = 0; !stop; ++i) {
      const auto vote = Fetch(server->port(), "POST", "/api/v1/articles/" + std::to_string(1 + i % 5) + "/ratings",
                              kJson, R"({"stars": 4})");
      if (vote.status == 200 || vote.status == 201) ++accepted;
    }
  });
  while (accepted < 20) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const int before = accepted;
  const auto backup = RunLede({"backup", "--data", data.string(), (dir / "copy").string()});
  stop = true;
  voters.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("other files"), std::string::npos) << backup.output;

  const auto copy_db = dir / "copy" / "lede.db";
  EXPECT_EQ(QueryText(copy_db, "PRAGMA integrity_check"), "ok");
  // Every vote acknowledged before the backup began is in it, and each
  // article's aggregate agrees with its votes (one snapshot, not a blend).
  EXPECT_GE(std::stoi(QueryText(copy_db, "SELECT COUNT(*) FROM ratings")), before);
  EXPECT_EQ(QueryText(copy_db,
                      "SELECT COUNT(*) FROM article_ratings r WHERE vote_count <> "
                      "(SELECT COUNT(*) FROM ratings v WHERE v.article_id = r.article_id)"),
            "0");
  EXPECT_FALSE(std::filesystem::exists(dir / "copy" / "lede.db.partial"));
  EXPECT_TRUE(std::filesystem::exists(dir / "copy" / "secret"));
  EXPECT_FALSE(std::filesystem::is_empty(dir / "copy" / "media"));

  // The copy is a data directory: it serves the same site, pictures too.
  server->Stop(SIGTERM);
  auto copy_server = LedeProcess::Serve({"--data", (dir / "copy").string()}, &output);
  ASSERT_NE(copy_server, nullptr) << output;
  const auto home = testing::Get(copy_server->port(), "/");
  EXPECT_EQ(home.status, 200);
  const auto at = home.body.find("/media/");
  ASSERT_NE(at, std::string::npos);
  const std::string picture = home.body.substr(at, home.body.find_first_of("\" ,", at) - at);
  EXPECT_EQ(testing::Get(copy_server->port(), picture).status, 200) << picture;
}

// Whether the suite runs on PostgreSQL or not: LEDE_DB set by hand.
TEST(BackupCommand, RefusesAPostgresSiteAndNamesPgDump) {
  testing::TempDir dir;
  ASSERT_EQ(RunLede({"demo", "--data", (dir / "data").string()}).exit_code, 0);
  setenv("LEDE_DB", "postgres://lede@127.0.0.1:1/nowhere", 1);
  const auto refused = RunLede({"backup", "--data", (dir / "data").string(), (dir / "copy").string()});
  unsetenv("LEDE_DB");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("pg_dump"), std::string::npos) << refused.output;
  EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "copy"));
}

TEST(BackupCommand, RefusesToOverwriteAndNamesWhatIsWrong) {
  LEDE_SKIP_ON_POSTGRES("lede backup refuses a PostgreSQL site before anything else (RefusesAPostgresSite...)");
  testing::TempDir dir;
  ASSERT_EQ(RunLede({"demo", "--data", (dir / "data").string()}).exit_code, 0);
  std::filesystem::create_directories(dir / "taken");
  testing::WriteFile(dir / "taken" / "keep.txt", "mine");
  const auto taken = RunLede({"backup", "--data", (dir / "data").string(), (dir / "taken").string()});
  EXPECT_NE(taken.exit_code, 0);
  EXPECT_NE(taken.output.find("not empty"), std::string::npos) << taken.output;
  EXPECT_EQ(std::count(taken.output.begin(), taken.output.end(), '\n'), 1) << taken.output;
  EXPECT_EQ(testing::ReadFile(dir / "taken" / "keep.txt"), "mine");

  const auto missing = RunLede({"backup", "--data", (dir / "nothing").string(), (dir / "copy").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("not a lede data directory"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "copy"));

  const auto inside = RunLede({"backup", "--data", (dir / "data").string(), (dir / "data" / "b").string()});
  EXPECT_NE(inside.exit_code, 0);
  EXPECT_NE(inside.output.find("inside the data directory"), std::string::npos) << inside.output;
}

}  // namespace
}  // namespace lede
