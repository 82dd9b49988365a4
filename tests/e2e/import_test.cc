// `lede import wordpress` as an operator runs it, then the imported site
// served by the real binary: old links answer 301 to the new pages.

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede {
namespace {

const std::string kExport = LEDE_SHARED_DIR "/testdata/wxr/theme-test-data/themeunittestdata.wordpress.xml";

// The whole round on the store `db` names ("" for the data dir's SQLite
// file): LEDE_DB for the commands, as an operator sets it, --db to serve.
void ImportThenServe(const std::string& db) {
  testing::TempDir dir;
  const auto lede = [&](const std::vector<std::string>& args) {
    if (!db.empty()) setenv("LEDE_DB", db.c_str(), 1);
    auto result = testing::RunLede(args);
    unsetenv("LEDE_DB");
    return result;
  };
  const auto dry = lede({"import", "wordpress", kExport, "--data", dir.path().string(), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("Dry run: nothing was written"), std::string::npos);
  const auto first = lede({"import", "wordpress", kExport, "--data", dir.path().string()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(std::regex_search(first.output, std::regex(R"(posts +58 imported +0 updated +0 skipped)")))
      << first.output;
  EXPECT_NE(first.output.find("33 counted, not imported"), std::string::npos);
  EXPECT_NE(first.output.find("import: 186/186 items"), std::string::npos) << "progress lines";
  bool logged = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    logged |= entry.path().filename().string().rfind("import-", 0) == 0;
  }
  EXPECT_TRUE(logged) << "the summary and warnings are kept in the data dir";
  const auto again = lede({"import", "wordpress", kExport, "--data", dir.path().string()});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_TRUE(std::regex_search(again.output, std::regex(R"(posts +0 imported +0 updated +58 skipped)")))
      << again.output;

  // And out again: WXR 1.2 on standard output.
  const auto exported = lede({"export", "wordpress", "--data", dir.path().string()});
  ASSERT_EQ(exported.exit_code, 0);
  EXPECT_NE(exported.output.find("<wp:wxr_version>1.2</wp:wxr_version>"), std::string::npos);
  EXPECT_NE(exported.output.find("<title>Template: Sticky</title>"), std::string::npos);
  EXPECT_NE(exported.output.find("</rss>"), std::string::npos);

  std::string output;
  std::vector<std::string> serve{"--data", dir.path().string()};
  if (!db.empty()) serve.insert(serve.end(), {"--db", db});
  auto server = testing::LedeProcess::Serve(serve, &output);
  ASSERT_NE(server, nullptr) << output;
  const auto port = server->port();
  for (const std::string old : {"/2012/01/07/template-sticky/", "/2012/01/07/template-sticky",
                                "/?p=1241"}) {
    const auto moved = testing::Get(port, old);
    EXPECT_EQ(moved.status, 301) << old;
    EXPECT_EQ(moved.Header("Location"), "/classic/template-sticky/") << old;
  }
  const auto page = testing::Get(port, "/classic/template-sticky/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Template: Sticky"), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"flag\">Top Story</span>"), std::string::npos);
  EXPECT_EQ(testing::Get(port, "/category/classic/").Header("Location"), "/classic/");
  EXPECT_EQ(testing::Get(port, "/tag/alignment-2/").status, 301);
  EXPECT_EQ(testing::Get(port, "/2030/01/01/scheduled/").status, 404) << "scheduled: not yet";
  // Pages live at their old paths.
  const auto about = testing::Get(port, "/about/");
  EXPECT_EQ(about.status, 200);
  EXPECT_NE(about.body.find("<h1 class=\"story__headline\">About The Tests</h1>"), std::string::npos);
  EXPECT_EQ(testing::Get(port, "/level-1/level-2/level-3/").status, 200);
  EXPECT_EQ(testing::Get(port, "/greek/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/").status, 200);
  EXPECT_EQ(testing::Get(port, "/?page_id=2").Header("Location"), "/about/");
}

TEST(ImportTest, ImportThenServeWithOldUrlsRedirecting) {
  SKIP_WITHOUT_SHARED();
  ImportThenServe("");
}

// The same import, its checkpoints and batches, on PostgreSQL.
TEST(ImportTest, ImportThenServeOnPostgres) {
  SKIP_WITHOUT_SHARED();
  LEDE_SKIP_WITHOUT_POSTGRES();
  auto database = testing::PostgresDatabase::Create();
  ASSERT_TRUE(database);
  ImportThenServe(database->url());
}

TEST(ImportTest, JsonBackupAndRestoreThroughTheCommandLine) {
  testing::TempDir source;
  ASSERT_EQ(testing::RunLede({"demo", "--data", source.path().string()}).exit_code, 0);
  const auto backup = testing::RunLede({"export", "json", "--data", source.path().string(),
                                        "--with-secrets"});
  ASSERT_EQ(backup.exit_code, 0);
  testing::WriteFile(source / "backup.json", backup.output);
  testing::TempDir target;
  const auto restored = testing::RunLede({"import", "json", (source / "backup.json").string(),
                                          "--data", target.path().string()});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("restored 65 articles"), std::string::npos) << restored.output;
  EXPECT_EQ(testing::ReadFile(target / "secret"), testing::ReadFile(source / "secret"))
      << "voter cookies stay valid after a restore with secrets";
  const auto again = testing::RunLede({"export", "json", "--data", target.path().string(),
                                       "--with-secrets"});
  EXPECT_EQ(again.output, backup.output);
  const auto refused = testing::RunLede({"import", "json", (source / "backup.json").string(),
                                         "--data", target.path().string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("empty site"), std::string::npos) << refused.output;
  EXPECT_EQ(testing::RunLede({"export", "json", "--data", source.path().string()})
                .output.find("\"secret\""),
            std::string::npos);
}

TEST(ImportTest, ABadFileIsOneLineAndWritesNothing) {
  SKIP_WITHOUT_SHARED();
  testing::TempDir dir;
  const auto result = testing::RunLede(
      {"import", "wordpress", LEDE_SHARED_DIR "/testdata/wxr/wordpress-importer/phpunit-data/malformed.xml",
       "--data", dir.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("malformed.xml:90:"), std::string::npos) << result.output;
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
  const auto missing = testing::RunLede({"import", "wordpress", "/nonexistent.xml", "--data",
                                         dir.path().string()});
  EXPECT_NE(missing.exit_code, 0);
}

}  // namespace
}  // namespace lede
