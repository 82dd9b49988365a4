// `lede migrate` with the real binary: a site that was served from SQLite
// (votes, an edited article with its revisions, a user and their API
// token, an uploaded picture) moves to PostgreSQL, is served from there with everything in
// place, grows, and moves back to a new SQLite file. A destination that
// already holds a site is refused and left as it was.

#include <gtest/gtest.h>

#include <cstdlib>

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

const std::string kPage = "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/";

std::unique_ptr<LedeProcess> Serve(const std::string& db, const testing::TempDir& dir, bool demo = false) {
  std::vector<std::string> args{"--db", db, "--data", dir.path().string()};
  if (demo) args.push_back("--demo");
  std::string output;
  auto node = LedeProcess::Serve(args, &output);
  EXPECT_NE(node, nullptr) << output;
  return node;
}

TEST(MigrateTest, ASiteMovesToPostgresAndBackWithEverythingInPlace) {
  LEDE_SKIP_WITHOUT_POSTGRES();
  auto database = PostgresDatabase::Create();
  ASSERT_TRUE(database);
  testing::TempDir dir;
  const std::string sqlite = "sqlite:" + (dir / "lede.db").string();
  std::string bearer, picture, picture_bytes;
  {
    auto site = Serve(sqlite, dir, /*demo=*/true);
    ASSERT_NE(site, nullptr);
    ASSERT_EQ(Fetch(site->port(), "POST", "/api/v1/articles/1/ratings",
                    {{"Content-Type", "application/json"}}, R"({"stars": 5})")
                  .status,
              201);
    auto added = RunLede({"user", "add", "ed@example.org", "--name", "Ed", "--role", "editor", "--data",
                          dir.path().string()});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    auto token = RunLede({"token", "add", "--user", "ed@example.org", "--data", dir.path().string()});
    ASSERT_EQ(token.exit_code, 0) << token.output;
    bearer = "Bearer " + token.output.substr(0, token.output.find('\n'));
    auto article = Fetch(site->port(), "GET", "/api/v1/admin/articles/1", {{"Authorization", bearer}});
    ASSERT_EQ(article.status, 200) << article.body;
    json change = json::parse(article.body);
    change["headline"] = "Ferry routes reopen after a decade";
    ASSERT_EQ(Fetch(site->port(), "PUT", "/api/v1/admin/articles/1",
                    {{"Authorization", bearer}, {"Content-Type", "application/json"}}, change.dump())
                  .status,
              200);
    const std::string upload =
        "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pixel.png\"\r\n"
        "Content-Type: image/png\r\n\r\n" + std::string(testing::kOnePixelPng) + "\r\n--b0undary--\r\n";
    const auto made = Fetch(site->port(), "POST", "/api/v1/admin/media",
                            {{"Authorization", bearer}, {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                            upload);
    ASSERT_EQ(made.status, 201) << made.body;
    picture = json::parse(made.body)["url"];
    picture_bytes = Get(site->port(), picture).body;
  }

  auto moved = RunLede({"migrate", "--from", sqlite, "--to", database->url(), "--data", dir.path().string()});
  ASSERT_EQ(moved.exit_code, 0) << moved.output;
  EXPECT_NE(moved.output.find("verified"), std::string::npos) << moved.output;
  EXPECT_NE(moved.output.find("revisions"), std::string::npos) << moved.output;

  EXPECT_NE(moved.output.find("media files"), std::string::npos) << moved.output;

  // Served from PostgreSQL by a node with a data dir of its own (only the
  // secret copied): the token, the vote, the edit and its history, search
  // and the picture (from the database) are all there.
  testing::TempDir node;
  std::filesystem::copy_file(dir / "secret", node / "secret");
  {
    auto site = Serve(database->url(), node);
    ASSERT_NE(site, nullptr);
    const auto page = Get(site->port(), kPage);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Ferry routes reopen after a decade"), std::string::npos);
    EXPECT_NE(page.body.find("data-rating-count>1<"), std::string::npos);
    const auto revisions = Fetch(site->port(), "GET", "/api/v1/admin/articles/1/revisions",
                                 {{"Authorization", bearer}});
    ASSERT_EQ(revisions.status, 200) << revisions.body;
    EXPECT_NE(revisions.body.find("Ferry routes reopen after a decade"), std::string::npos);
    EXPECT_NE(Get(site->port(), "/search?q=ferry+routes").body.find("search-result__headline\"><a href=\"" + kPage), std::string::npos)
        << "the search index was not rebuilt";
    // With its vocabulary (spelling suggestions), and without the draft.
    EXPECT_NE(Get(site->port(), "/search?q=ferrry").body.find("Did you mean <a href=\"/search?q=ferry\">ferry</a>?"),
              std::string::npos);
    const auto drafted = Get(site->port(), "/search?q=harbour+authority+budget+figures");
    EXPECT_EQ(drafted.status, 200);
    EXPECT_EQ(drafted.body.find("Draft: harbour authority budget"), std::string::npos) << "a draft was indexed";
    const auto served = Get(site->port(), picture);
    EXPECT_EQ(served.status, 200) << picture;
    EXPECT_EQ(served.body, picture_bytes);
    // New rows get new ids, past the copied ones.
    json story{{"headline", "Harbour tolls are cut"},
               {"body", "Tolls fall by a third."},
               {"section", "world"},
               {"quick_looks", {"Tolls fall", "From March", "For every ferry"}},
               {"status", "published"}};
    const auto created = Fetch(site->port(), "POST", "/api/v1/admin/articles",
                               {{"Authorization", bearer}, {"Content-Type", "application/json"}}, story.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(Fetch(site->port(), "POST", "/api/v1/articles/2/ratings",
                    {{"Content-Type", "application/json"}}, R"({"stars": 3})")
                  .status,
              201);
  }

  // A destination with a site already is refused, untouched.
  auto again = RunLede({"migrate", "--from", sqlite, "--to", database->url(), "--data", dir.path().string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("already holds a site"), std::string::npos) << again.output;

  // And back, into a new SQLite file.
  testing::TempDir back;
  std::filesystem::copy_file(dir / "secret", back / "secret");
  auto returned = RunLede({"migrate", "--from", database->url(), "--to", "sqlite:" + (back / "lede.db").string(),
                           "--data", back.path().string()});
  ASSERT_EQ(returned.exit_code, 0) << returned.output;
  auto site = Serve("sqlite:" + (back / "lede.db").string(), back);
  ASSERT_NE(site, nullptr);
  EXPECT_EQ(Get(site->port(), "/world/harbour-tolls-are-cut/").status, 200);
  EXPECT_NE(Get(site->port(), "/search?q=harbour+tolls").body.find("search-result__headline\"><a href=\"/world/harbour-tolls-are-cut/"),
            std::string::npos);
  EXPECT_EQ(Fetch(site->port(), "GET", "/api/v1/admin/articles/1", {{"Authorization", bearer}}).status, 200);
  EXPECT_TRUE(std::filesystem::exists(back / picture.substr(1))) << "the picture came back to the data dir";
  EXPECT_EQ(Get(site->port(), picture).body, picture_bytes);
}

TEST(MigrateTest, BadStoresAreOneLine) {
  testing::TempDir dir;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--from", "sqlite:" + (dir / "missing.db").string(), "--to", "sqlite:" + (dir / "b.db").string()},
           {"migrate", "--from", "mysql://x/y", "--to", "sqlite:" + (dir / "b.db").string()},
           {"migrate", "--from", "sqlite:" + (dir / "a.db").string(), "--to", "sqlite:" + (dir / "a.db").string()}}) {
    auto result = RunLede(args);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
    EXPECT_NE(result.output.find("lede: migrate:"), std::string::npos) << result.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "b.db")) << "nothing is created for a failed migrate";
}

}  // namespace
}  // namespace lede
