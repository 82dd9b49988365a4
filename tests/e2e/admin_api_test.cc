// The Admin API through HTTP against the real lede binary: tokens, roles,
// every article action, bad fields, version conflicts and uploads.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/newsroom_fixture.h"
#include "media/test_images.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Newsroom;

// A 1x1 PNG.
json Article(std::string headline, std::string status = "draft") {
  return {{"headline", std::move(headline)},
          {"body", "The first ferry in a decade docked at dawn. Crowds waited on the quay."},
          {"section", "world"},
          {"quick_looks", {"Ferries return", "Fares are capped", "A safety board inspects"}},
          {"tags", {"Transport"}},
          {"status", std::move(status)}};
}

class AdminApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { room_ = Newsroom::Start().release(); }
  static void TearDownTestSuite() { delete room_; }
  static json Body(const testing::HttpResult& result) {
    return json::parse(result.body, nullptr, false);
  }
  static inline Newsroom* room_ = nullptr;
};

TEST_F(AdminApiTest, WithoutAValidTokenIs401) {
  auto none = Fetch(room_->port(), "GET", "/api/v1/admin/articles");
  EXPECT_EQ(none.status, 401);
  EXPECT_NE(none.Header("WWW-Authenticate").find("Bearer"), std::string::npos);
  auto bad = Fetch(room_->port(), "GET", "/api/v1/admin/articles",
                   {{"Authorization", "Bearer lede_not-a-token"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(room_->Call("editor", "GET", "/api/v1/admin/articles").status, 200);
}

TEST_F(AdminApiTest, CreateReadUpdateTrashRestore) {
  auto created = room_->Call("author", "POST", "/api/v1/admin/articles",
                             Article("Ferries return to the harbour").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const json article = Body(created);
  const auto id = article["id"].get<std::int64_t>();
  EXPECT_EQ(created.Header("Location"), "/api/v1/admin/articles/" + std::to_string(id));
  EXPECT_EQ(article["slug"], "ferries-return-to-the-harbour");
  EXPECT_EQ(article["status"], "draft");
  EXPECT_EQ(article["version"], 1);
  EXPECT_EQ(article["authors"], json::array({"the-author"}));
  EXPECT_EQ(Fetch(room_->port(), "GET", article["url"].get<std::string>()).status, 404)
      << "a draft is not public";

  auto read = room_->Call("author", "GET", "/api/v1/admin/articles/" + std::to_string(id));
  ASSERT_EQ(read.status, 200);
  json update = Body(read);  // what GET gives can be sent back
  update["status"] = "published";
  auto published = room_->Call("author", "PUT", "/api/v1/admin/articles/" + std::to_string(id),
                               update.dump());
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Body(published)["version"], 2);
  auto page = Fetch(room_->port(), "GET", article["url"].get<std::string>());
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Ferries return to the harbour"), std::string::npos);

  auto trashed = room_->Call("author", "DELETE", "/api/v1/admin/articles/" + std::to_string(id));
  ASSERT_EQ(trashed.status, 200);
  EXPECT_TRUE(Body(trashed)["trashed"].get<bool>());
  EXPECT_EQ(Fetch(room_->port(), "GET", article["url"].get<std::string>()).status, 404);
  auto listed = room_->Call("author", "GET", "/api/v1/admin/articles?status=trash");
  EXPECT_NE(listed.body.find("Ferries return to the harbour"), std::string::npos);
  auto restored = room_->Call("author", "POST",
                              "/api/v1/admin/articles/" + std::to_string(id) + "/restore");
  ASSERT_EQ(restored.status, 200);
  EXPECT_FALSE(Body(restored)["trashed"].get<bool>());
  EXPECT_EQ(Body(restored)["status"], "draft");
  auto revisions = room_->Call("author", "GET",
                               "/api/v1/admin/articles/" + std::to_string(id) + "/revisions");
  EXPECT_EQ(Body(revisions)["revisions"].size(), 4u);
}

TEST_F(AdminApiTest, ABadFieldIsA400NamingIt) {
  const struct {
    json change;
    std::string field;
  } kCases[] = {
      {{{"quick_looks", "not a list"}}, "quick_looks"},
      {{{"headline", ""}}, "headline"},
      {{{"section", "nowhere"}}, "section"},
      {{{"status", "live"}}, "status"},
      {{{"status", "scheduled"}}, "publish_at"},
      {{{"status", "scheduled"}, {"publish_at", "next tuesday"}}, "publish_at"},
      {{{"top_story", "yes"}}, "top_story"},
      {{{"lead_image", {{"media_id", 999999}}}}, "lead_image"},
      {{{"lead_image", {{"media_id", "x"}}}}, "lead_image.media_id"},
      {{{"byline", "x"}}, "byline"},
      {{{"slug", "Has Spaces"}}, "slug"},
      {{{"status", "published"}, {"quick_looks", {"only one"}}}, "quick_looks"},
  };
  for (const auto& test : kCases) {
    json body = Article("Bad field test");
    for (const auto& [key, value] : test.change.items()) body[key] = value;
    auto result = room_->Call("editor", "POST", "/api/v1/admin/articles", body.dump());
    EXPECT_EQ(result.status, 400) << test.field << ": " << result.body;
    EXPECT_EQ(Body(result).value("field", ""), test.field) << result.body;
  }
  auto not_json = room_->Call("editor", "POST", "/api/v1/admin/articles", "{not json");
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(AdminApiTest, RolesAreEnforcedAsInTheBrowser) {
  auto refused = room_->Call("contributor", "POST", "/api/v1/admin/articles",
                             Article("A contributor publishing", "published").dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto draft = room_->Call("contributor", "POST", "/api/v1/admin/articles",
                           Article("A contributor's draft").dump());
  ASSERT_EQ(draft.status, 201);
  const std::string path = "/api/v1/admin/articles/" + Body(draft)["id"].dump();
  json change = Body(draft);
  change["headline"] = "Rewritten by another author";
  EXPECT_EQ(room_->Call("author", "PUT", path, change.dump()).status, 403);
  EXPECT_EQ(room_->Call("author", "GET", path).status, 403);
  change["status"] = "published";
  EXPECT_EQ(room_->Call("contributor", "PUT", path, change.dump()).status, 403);
  auto by_editor = room_->Call("editor", "PUT", path, change.dump());
  EXPECT_EQ(by_editor.status, 200) << by_editor.body;
}

TEST_F(AdminApiTest, TheSecondOfTwoSavesFromOneVersionIsA409WithTheStoredArticle) {
  auto created = room_->Call("editor", "POST", "/api/v1/admin/articles",
                             Article("Two editors, one story").dump());
  ASSERT_EQ(created.status, 201);
  json first = Body(created);
  json second = first;
  const std::string path = "/api/v1/admin/articles/" + first["id"].dump();
  first["headline"] = "The first editor's headline";
  second["headline"] = "The second editor's headline";
  ASSERT_EQ(room_->Call("editor", "PUT", path, first.dump()).status, 200);
  auto conflict = room_->Call("editor", "PUT", path, second.dump());
  ASSERT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(Body(conflict)["field"], "version");
  EXPECT_EQ(Body(conflict)["current"]["headline"], "The first editor's headline");
  EXPECT_EQ(Body(room_->Call("editor", "GET", path))["headline"], "The first editor's headline");
}

TEST_F(AdminApiTest, UploadsAreCheckedByContent) {
  auto multipart = [](const std::string& name, const std::string& bytes) {
    return "--b0undary\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nA pixel\r\n"
           "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
           "\"\r\nContent-Type: image/png\r\n\r\n" + bytes + "\r\n--b0undary--\r\n";
  };
  auto upload = [&](const std::string& role, const std::string& body) {
    return Fetch(room_->port(), "POST", "/api/v1/admin/media",
                 {{"Authorization", "Bearer " + room_->person(role).token},
                  {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                 body);
  };
  auto made = upload("author", multipart("pixel.png", testing::kOnePixelPng));
  ASSERT_EQ(made.status, 201) << made.body;
  const json item = Body(made);
  EXPECT_EQ(item["caption"], "A pixel");
  EXPECT_EQ(item["crops"].size(), 3u);
  EXPECT_EQ(Fetch(room_->port(), "GET", item["url"].get<std::string>()).status, 200);
  auto not_image = upload("author", multipart("fake.png", "<?php echo 1; ?>"));
  EXPECT_EQ(not_image.status, 400);
  EXPECT_EQ(Body(not_image)["field"], "file");
  auto cut = upload("author", multipart("cut.png", testing::kOnePixelPng.substr(0, 40)));
  EXPECT_EQ(cut.status, 400) << cut.body;
  EXPECT_EQ(upload("contributor", multipart("pixel.png", testing::kOnePixelPng)).status, 403);
  // The upload is usable as a lead image right away.
  json article = Article("With a picture", "published");
  article["lead_image"] = {{"media_id", item["id"]}, {"caption", "A pixel"},
                           {"credit", "Photo: Lede"}, {"alt", "One white pixel"}};
  auto with_image = room_->Call("editor", "POST", "/api/v1/admin/articles", article.dump());
  EXPECT_EQ(with_image.status, 201) << with_image.body;
  article["headline"] = "Without a credit";
  article["lead_image"]["credit"] = "";
  auto no_credit = room_->Call("editor", "POST", "/api/v1/admin/articles", article.dump());
  EXPECT_EQ(Body(no_credit).value("field", ""), "lead_image_credit");
}

// Issue 24: the list showed every user's drafts, with their bodies, to a
// contributor or author, while reading one of them rightly said 403.
TEST_F(AdminApiTest, Issue24TheArticleListObeysTheRuleOfReadingOne) {
  auto editors = room_->Call("editor", "POST", "/api/v1/admin/articles",
                             Article("The editor's secret draft").dump());
  ASSERT_EQ(editors.status, 201) << editors.body;
  auto own = room_->Call("contributor", "POST", "/api/v1/admin/articles",
                         Article("The contributor's own draft").dump());
  ASSERT_EQ(own.status, 201) << own.body;
  for (const std::string role : {"contributor", "author"}) {
    for (const std::string query : {"", "?status=draft", "?q=secret", "?per_page=100"}) {
      auto listed = room_->Call(role, "GET", "/api/v1/admin/articles" + query);
      ASSERT_EQ(listed.status, 200) << role;
      EXPECT_EQ(listed.body.find("secret draft"), std::string::npos) << role << query;
      // Named: a range-for over a temporary's member reads freed memory.
      const json list = Body(listed);
      for (const auto& article : list["articles"]) {
        const auto one = room_->Call(role, "GET", "/api/v1/admin/articles/" +
                                                      std::to_string(article["id"].get<std::int64_t>()));
        EXPECT_EQ(one.status, 200) << role << " lists what it may not read: " << article["headline"];
      }
    }
  }
  EXPECT_NE(room_->Call("contributor", "GET", "/api/v1/admin/articles").body.find("contributor's own"),
            std::string::npos);
  EXPECT_NE(room_->Call("editor", "GET", "/api/v1/admin/articles?q=secret").body.find("secret draft"),
            std::string::npos);
  auto bad = room_->Call("editor", "GET", "/api/v1/admin/articles?status=lost");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["field"], "status");
}

// Issue 24: a JPEG whose Exif IFD offset is 0xFFFFFFFF (libvips reads it
// happily) crashed the server on every anonymous GET of its file.
TEST_F(AdminApiTest, Issue24AnExifOffsetThatWrapsRoundDoesNotKillTheServer) {
  std::string jpeg = media::images::Encode("jpg", 64, 48);
  const std::string payload("Exif\0\0II*\0\xff\xff\xff\xff\0\0", 16);
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>((payload.size() + 2) >> 8);
  segment += static_cast<char>((payload.size() + 2) & 0xFF);
  jpeg.insert(2, segment + payload);
  auto made = Fetch(room_->port(), "POST", "/api/v1/admin/media",
                    {{"Authorization", "Bearer " + room_->person("author").token},
                     {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                    "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n\r\n" +
                        jpeg + "\r\n--b0undary--\r\n");
  ASSERT_EQ(made.status, 201) << made.body;
  // "/media/2026/12/x-64.jpg": the item's file is "/media/file/2026/12/x.jpg".
  const std::string variant = Body(made)["url"].get<std::string>();
  const std::string file_url = "/media/file/" + variant.substr(7, variant.rfind('-') - 7) + ".jpg";
  for (int i = 0; i < 3; ++i) {
    auto file = Fetch(room_->port(), "GET", file_url);
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.body.find("Exif"), std::string::npos);
  }
  EXPECT_EQ(Fetch(room_->port(), "GET", "/healthz").status, 200) << "still serving";
  // Found in review: each request walked and copied the whole original
  // (up to 20 MiB) for anyone asking. It is made once, then a file.
  const auto kept = room_->data() / "media" / ("file" + file_url.substr(std::string("/media/file").size()));
  ASSERT_TRUE(std::filesystem::exists(kept)) << kept;
  EXPECT_EQ(testing::ReadFile(kept).find("Exif"), std::string::npos);
  auto again = Fetch(room_->port(), "GET", file_url);
  EXPECT_EQ(again.status, 200);
  auto unchanged = Fetch(room_->port(), "GET", file_url, {{"If-None-Match", again.Header("ETag")}});
  EXPECT_EQ(unchanged.status, 304);
}

// Issue 24: a tag used only by drafts had a public page (and feed) giving
// the story away.
TEST_F(AdminApiTest, Issue24ATagUsedOnlyByDraftsHasNoPublicPage) {
  json draft = Article("A merger nobody may know of yet");
  draft["tags"] = {"Secret Merger"};
  auto created = room_->Call("editor", "POST", "/api/v1/admin/articles", draft.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  for (const std::string path : {"/tag/secret-merger/", "/tag/secret-merger/feed/"}) {
    auto page = Fetch(room_->port(), "GET", path);
    EXPECT_EQ(page.status, 404) << path;
    EXPECT_EQ(page.body.find("Secret Merger"), std::string::npos) << path;
  }
  const std::string byline = Body(created)["authors"][0];
  // Published: the page appears at once (the cached 404 is dropped).
  json published = Body(created);
  published["status"] = "published";
  auto live = room_->Call("editor", "PUT", "/api/v1/admin/articles/" + std::to_string(published["id"].get<std::int64_t>()),
                          published.dump());
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(Fetch(room_->port(), "GET", "/tag/secret-merger/").status, 200);
  EXPECT_EQ(Fetch(room_->port(), "GET", "/tag/secret-merger/feed/").status, 200);
  EXPECT_EQ(Fetch(room_->port(), "GET", "/author/" + byline + "/").status, 200);
}

TEST_F(AdminApiTest, Suggestions) {
  auto suggested = room_->Call(
      "editor", "POST", "/api/v1/admin/quick-looks/suggest",
      json{{"headline", "Ferries return"},
           {"body", "Ferries returned to the harbour on Tuesday after ten years. The routes link "
                    "three port cities. A joint board will inspect every vessel. Fares are capped "
                    "for a year. Crowds waited on the quay to greet the first boat. Officials "
                    "called it a new start for the region."}}
          .dump());
  ASSERT_EQ(suggested.status, 200) << suggested.body;
  const auto looks = Body(suggested)["quick_looks"];
  EXPECT_GE(looks.size(), 3u);
  EXPECT_LE(looks.size(), 5u);
}

}  // namespace
}  // namespace lede
