#include "http/access_log.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/test_util.h"

namespace lede::http {
namespace {

using namespace std::chrono_literals;

std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t Lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

AccessRecord Record(std::string_view target, std::string_view agent = "curl/7.88") {
  return AccessRecord{"127.0.0.1", "GET", target, 200, 5120, std::chrono::microseconds(210), agent};
}

TEST(AccessLogTest, EveryThreadsLinesAreWrittenWhole) {
  lede::testing::TempDir dir;
  const auto path = dir.path() / "access.log";
  {
    auto log = AccessLog::Open(path.string());
    ASSERT_TRUE(log) << log.error().message;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log] {
        for (int i = 0; i < 5000; ++i) (*log)->Record(Record("/world/ferries-return/"));
      });
    }
    for (auto& thread : threads) thread.join();
  }  // closing writes the rest
  const std::string text = Read(path);
  EXPECT_EQ(Lines(text), 20000u);
  const std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 "GET /world/ferries-return/" 200 5120 0\.210ms "curl/7\.88")");
  std::istringstream lines(text);
  std::string one;
  while (std::getline(lines, one)) ASSERT_TRUE(std::regex_match(one, line)) << one;
}

TEST(AccessLogTest, LinesReachTheFileWithoutAFlushWithinTheInterval) {
  lede::testing::TempDir dir;
  const auto path = dir.path() / "access.log";
  auto log = AccessLog::Open(path.string(), {.interval = 50ms});
  ASSERT_TRUE(log);
  (*log)->Record(Record("/"));
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (Lines(Read(path)) < 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(Lines(Read(path)), 1u);
}

TEST(AccessLogTest, AStrangersQuotesAndControlCharactersCannotForgeALine) {
  lede::testing::TempDir dir;
  const auto path = dir.path() / "access.log";
  auto log = AccessLog::Open(path.string());
  ASSERT_TRUE(log);
  (*log)->Record(Record("/a\"b\\c", "evil\"\n127.0.0.1 \"GET /admin/\" 200\x1b[31m"));
  (*log)->Flush();
  EXPECT_EQ(Read(path).substr(21),
            "127.0.0.1 \"GET /a\\\"b\\\\c\" 200 5120 0.210ms "
            "\"evil\\\"\\x0a127.0.0.1 \\\"GET /admin/\\\" 200\\x1b[31m\"\n");
}

TEST(AccessLogTest, BytesPastAsciiAreEscapedSoNoReaderSeesALineSeparator) {
  lede::testing::TempDir dir;
  const auto path = dir.path() / "access.log";
  auto log = AccessLog::Open(path.string());
  ASSERT_TRUE(log);
  // U+2028 (a line separator to many log readers), NEL, a bidi override,
  // an invalid byte.
  (*log)->Record(Record("/caf\xc3\xa9", "a\xe2\x80\xa8" "b\xc2\x85" "c\xe2\x80\xae" "d\xff"));
  (*log)->Flush();
  EXPECT_EQ(Read(path).substr(21),
            "127.0.0.1 \"GET /caf\\xc3\\xa9\" 200 5120 0.210ms "
            "\"a\\xe2\\x80\\xa8b\\xc2\\x85c\\xe2\\x80\\xaed\\xff\"\n");
}

TEST(AccessLogTest, AWriteThatFailsCountsItsLinesAsDroppedAndTellsTheOperator) {
  std::signal(SIGPIPE, SIG_IGN);  // as lede serve does
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  // The log opens the pipe through /proc (Open takes a path) while it has
  // a reader, which then goes: every write fails with EPIPE.
  std::string warned;
  {
    auto log = AccessLog::Open("/proc/self/fd/" + std::to_string(ends[1]),
                               {.interval = 1h, .warn = [&warned](std::string_view what) { warned = what; }});
    ASSERT_TRUE(log) << log.error().message;
    ::close(ends[0]);
    for (int i = 0; i < 3; ++i) (*log)->Record(Record("/"));
    (*log)->Flush();
    EXPECT_EQ((*log)->dropped(), 3u);
  }
  ::close(ends[1]);
  EXPECT_NE(warned.find("3 lines dropped"), std::string::npos) << warned;
}

TEST(AccessLogTest, ALogThatCannotKeepUpDropsLinesAndSaysHowMany) {
  lede::testing::TempDir dir;
  const auto path = dir.path() / "access.log";
  // A writer that waits an hour and a shard of 1 KiB: the rest is dropped.
  auto log = AccessLog::Open(path.string(), {.interval = 1h, .flush_bytes = 1 << 30, .max_shard_bytes = 1024});
  ASSERT_TRUE(log);
  for (int i = 0; i < 100; ++i) (*log)->Record(Record("/"));
  EXPECT_GT((*log)->dropped(), 0u);
  const auto dropped = (*log)->dropped();
  (*log)->Flush();
  const std::string text = Read(path);
  EXPECT_EQ(Lines(text), 100 - dropped + 1);
  EXPECT_NE(text.find(std::to_string(dropped) + " lines dropped"), std::string::npos) << text;
}

TEST(AccessLogTest, AnUnwritableTargetIsAnError) {
  auto log = AccessLog::Open("/nonexistent-dir/access.log");
  ASSERT_FALSE(log);
  EXPECT_NE(log.error().message.find("/nonexistent-dir/access.log"), std::string::npos);
}

}  // namespace
}  // namespace lede::http
