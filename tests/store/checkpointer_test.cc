#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "support/test_util.h"

namespace lede::store::sqlite {
namespace {

// Writes `pages` 4 KiB pages' worth of rows in one transaction.
void WritePages(Pool& pool, int pages) {
  auto db = *pool.Acquire();
  ASSERT_OK(db->Run("BEGIN IMMEDIATE"));
  const std::string row(4000, 'x');
  for (int i = 0; i < pages; ++i) {
    auto insert = db->Prepare("INSERT INTO filler (data) VALUES (?1)");
    ASSERT_OK(insert);
    ASSERT_OK((*insert)->Bind(1, row).Run());
  }
  ASSERT_OK(db->Run("COMMIT"));
}

TEST(CheckpointerTest, CopiesTheLogBackAwayFromTheWriterAndKeepsItBounded) {
  testing::TempDir dir;
  const std::string path = (dir / "lede.db").string();
  auto pool = Pool::Open(path, 1);
  ASSERT_OK(pool);
  {
    auto db = *(*pool)->Acquire();
    ASSERT_OK(db->Exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, data TEXT)"));
  }
  WritePages(**pool, 1200);  // past the threshold of 1000 frames
  // The writer did not checkpoint; the checkpointer does, soon after.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((*pool)->checkpointer().runs() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT((*pool)->checkpointer().runs(), 0);

  // Many more commits: a log that was never copied completely would hold
  // all of them (about 60 MB); writers wait once it passes 8,000 frames, so
  // that it starts again from the beginning.
  for (int i = 0; i < 12; ++i) WritePages(**pool, 1200);
  const auto wal = std::filesystem::file_size(path + "-wal");
  EXPECT_LT(wal, 45u * 1024 * 1024) << "the log kept growing";
  EXPECT_GT(std::filesystem::file_size(path), 40u * 1024 * 1024) << "rows reached the database file";
}

}  // namespace
}  // namespace lede::store::sqlite
