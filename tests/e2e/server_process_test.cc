// The lede binary as an operator meets it: flags, signals, bad data dirs,
// theme overrides.

#include <signal.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_store.h"
#include "support/test_util.h"

namespace lede {
namespace {

using testing::LedeProcess;
using testing::RunLede;

// The last non-empty line a command printed.
std::string LastLine(const std::string& output) {
  std::string trimmed = output;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') + 1);
}

// The run is on the store it says: on PostgreSQL (support/test_store.h)
// the site lives in its database and the data folder holds no SQLite file.
TEST(ServerProcessTest, TheSiteIsInTheStoreThisRunIsOn) {
  testing::TempDir dir;
  std::string output;
  auto server = LedeProcess::Serve({"--demo", "--data", dir.path().string()}, &output);
  ASSERT_NE(server, nullptr) << output;
  EXPECT_EQ(std::filesystem::exists(dir / "lede.db"), !testing::OnPostgres());
  auto store = testing::OpenSiteStore(dir.path());
  ASSERT_OK(store);
  EXPECT_GT(*(*store)->CountArticles(), 0);
  EXPECT_EQ(testing::Get(server->port(), "/").status, 200);
}

TEST(ServerProcessTest, VersionAndHelp) {
  auto version = RunLede({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("lede 0."), std::string::npos) << version.output;
  auto help = RunLede({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const std::string flag : {"--data", "--listen", "--theme", "--demo"}) {
    EXPECT_NE(help.output.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(RunLede({"demo", "--help"}).exit_code, 0);
  EXPECT_NE(RunLede({"no-such-command"}).exit_code, 0);
}

TEST(ServerProcessTest, SigtermStopsCleanlyWithExitZero) {
  testing::TempDir dir;
  std::string output;
  auto server = LedeProcess::Serve({"--data", dir.path().string()}, &output);
  ASSERT_NE(server, nullptr) << output;
  EXPECT_EQ(testing::Get(server->port(), "/healthz").status, 200);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  EXPECT_NE(server->Output().find("lede: stopped"), std::string::npos) << server->Output();
}

// The log is written off the serving threads (http/access_log.h): a line
// reaches the file by itself within moments, and a stop writes the rest.
TEST(ServerProcessTest, TheAccessLogGetsALinePerRequestAndKeepsThemOverAStop) {
  testing::TempDir dir;
  const auto log = dir / "access.log";
  auto server = LedeProcess::Serve({"--data", dir.path().string(), "--access-log", log.string()});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(testing::Fetch(server->port(), "GET", "/healthz", {{"User-Agent", "probe \"1\""}}).status, 200);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (testing::ReadFile(log).find("/healthz") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(testing::ReadFile(log).find("127.0.0.1 \"GET /healthz\" 200 3 "), std::string::npos)
      << testing::ReadFile(log);
  EXPECT_NE(testing::ReadFile(log).find("\"probe \\\"1\\\"\"\n"), std::string::npos)
      << "the client's quotes are escaped: " << testing::ReadFile(log);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(testing::Get(server->port(), "/missing-" + std::to_string(i) + "/").status, 404);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  const std::string text = testing::ReadFile(log);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 51) << text;
  EXPECT_NE(text.find("\"GET /missing-49/\" 404 "), std::string::npos) << text;
  EXPECT_EQ(server->Output().find("/healthz"), std::string::npos) << "not on standard output too";
}

TEST(ServerProcessTest, SigintStopsToo) {
  testing::TempDir dir;
  auto server = LedeProcess::Serve({"--data", dir.path().string(), "--access-log", "off"});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Stop(SIGINT), 0);
}

TEST(ServerProcessTest, ADataDirThatIsAFileFailsWithOneLine) {
  testing::TempDir dir;
  testing::WriteFile(dir / "not-a-dir", "x");
  auto result = RunLede({"serve", "--listen", "127.0.0.1:0", "--data", (dir / "not-a-dir").string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
  EXPECT_NE(result.output.find("not-a-dir"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not a directory"), std::string::npos) << result.output;
}

TEST(ServerProcessTest, ACorruptDatabaseFailsWithOneLineAndIsLeftAlone) {
  LEDE_SKIP_ON_POSTGRES("the site has no SQLite file to damage");
  testing::TempDir dir;
  const std::string garbage(4096, 'z');
  testing::WriteFile(dir / "lede.db", garbage);
  auto result = RunLede({"serve", "--listen", "127.0.0.1:0", "--data", dir.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
  EXPECT_NE(result.output.find("lede.db"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not a database"), std::string::npos) << result.output;
  EXPECT_EQ(testing::ReadFile(dir / "lede.db"), garbage) << "the file must not be touched";
}

TEST(ServerProcessTest, ADamagedSecretFailsWithOneLine) {
  testing::TempDir dir;
  testing::WriteFile(dir / "secret", "short");
  auto result = RunLede({"serve", "--listen", "127.0.0.1:0", "--data", dir.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(LastLine(result.output).find("secret"), std::string::npos) << result.output;
}

TEST(ServerProcessTest, ABadListenAddressFailsClearly) {
  testing::TempDir dir;
  auto result = RunLede({"serve", "--listen", "nowhere", "--data", dir.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("--listen"), std::string::npos) << result.output;
}

// Issue #8: a second lede joined the first one's SO_REUSEPORT group and
// answered part of its traffic.
TEST(ServerProcessTest, Issue8ASecondServerOnATakenAddressFails) {
  testing::TempDir first_dir;
  testing::TempDir second_dir;
  auto first = LedeProcess::Serve({"--data", first_dir.path().string()});
  ASSERT_NE(first, nullptr);
  const std::string address = "127.0.0.1:" + std::to_string(first->port());
  auto second = RunLede({"serve", "--listen", address, "--data", second_dir.path().string()});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.output.find("in use"), std::string::npos) << second.output;
  EXPECT_NE(second.output.find(address), std::string::npos) << second.output;
  EXPECT_EQ(testing::Get(first->port(), "/healthz").status, 200);
}

TEST(ServerProcessTest, DemoIsWrittenOnceAndTheSecretIsPrivate) {
  testing::TempDir dir;
  auto first = RunLede({"demo", "--data", dir.path().string()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("articles"), std::string::npos);
  auto second = RunLede({"demo", "--data", dir.path().string()});
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.output.find("already has articles"), std::string::npos) << second.output;
  const auto permissions = std::filesystem::status(dir / "secret").permissions();
  EXPECT_EQ(permissions & std::filesystem::perms::all, std::filesystem::perms::owner_read |
                                                           std::filesystem::perms::owner_write);
  EXPECT_EQ(testing::ReadFile(dir / "secret").size(), 32u);
}

TEST(ServerProcessTest, ThemeOverrideReplacesATemplate) {
  testing::TempDir data;
  testing::TempDir theme;
  testing::WriteFile(theme / "not_found.mustache",
                     "<!DOCTYPE html><title>x</title><p>Custom missing page for {{site_name}}</p>");
  auto server = LedeProcess::Serve({"--data", data.path().string(), "--theme", theme.path().string()});
  ASSERT_NE(server, nullptr);
  const auto result = testing::Get(server->port(), "/nothing-here/");
  EXPECT_EQ(result.status, 404);
  EXPECT_NE(result.body.find("Custom missing page for lede"), std::string::npos) << result.body;
  // Templates it does not override still come from the built-in theme.
  EXPECT_EQ(testing::Get(server->port(), "/").status, 200);
}

TEST(ServerProcessTest, ABrokenThemeFailsAtStartNotPerRequest) {
  testing::TempDir data;
  testing::TempDir theme;
  testing::WriteFile(theme / "article.mustache", "{{#unclosed}}");
  auto result = RunLede({"serve", "--listen", "127.0.0.1:0", "--data", data.path().string(),
                         "--theme", theme.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("article.mustache"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace lede
