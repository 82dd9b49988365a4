// The Content API's directory over HTTP from the real binary: sections,
// tags and authors as readers may see them, strict parameters, CORS and
// conditional GET. (Search has tests/e2e/search_test.cc.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/demo_site_fixture.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;

class ContentApiTest : public DemoSiteTest {
 protected:
  static std::vector<std::string> Slugs(const json& items) {
    std::vector<std::string> slugs;
    for (const auto& item : items) slugs.push_back(item["slug"]);
    return slugs;
  }
};

TEST_F(ContentApiTest, SectionsComeInMenuOrderWithTheirAddresses) {
  const auto body = Api("/api/v1/sections");
  auto sections = store_->ListSections();
  ASSERT_OK(sections);
  std::vector<std::string> expected;
  for (const auto& section : *sections) expected.push_back(section.slug);
  EXPECT_EQ(Slugs(body["sections"]), expected);
  EXPECT_EQ(body["sections"][0]["url"], "https://news.example/" + expected[0] + "/");
  EXPECT_EQ(body["sections"][0]["feed_url"], "https://news.example/" + expected[0] + "/feed/");
}

TEST_F(ContentApiTest, TagsAndAuthorsAreThoseOfVisibleArticlesOnly) {
  // A tag and a reporter only a draft uses are not public yet.
  auto tag = store_->CreateTag({0, "Secret merger", "secret-merger"});
  ASSERT_OK(tag);
  auto author = store_->CreateAuthor({0, "New Hire", "new-hire", ""});
  ASSERT_OK(author);
  auto sections = store_->ListSections();
  ASSERT_OK(sections);
  content::Article draft;
  draft.slug = "embargoed";
  draft.headline = "Embargoed";
  draft.section_id = sections->front().id;
  draft.status = content::ArticleStatus::kDraft;
  draft.created_at = 1'800'000'000;
  draft.tag_ids = {tag->id};
  draft.author_ids = {author->id};
  ASSERT_OK(store_->CreateArticle(draft));

  const auto tags = Slugs(Api("/api/v1/tags")["tags"]);
  EXPECT_NE(std::find(tags.begin(), tags.end(), "diplomacy"), tags.end());
  EXPECT_EQ(std::find(tags.begin(), tags.end(), "secret-merger"), tags.end());
  const auto authors = Api("/api/v1/authors")["authors"];
  const auto author_slugs = Slugs(authors);
  EXPECT_NE(std::find(author_slugs.begin(), author_slugs.end(), "mina-cho"), author_slugs.end());
  EXPECT_EQ(std::find(author_slugs.begin(), author_slugs.end(), "new-hire"), author_slugs.end());
  for (const auto& item : authors) {
    if (item["slug"] == "mina-cho") {
      EXPECT_EQ(item["url"], "https://news.example/author/mina-cho/");
    }
  }
}

TEST_F(ContentApiTest, UnknownParametersAre400AndUnchangedAnswers304) {
  const auto bad = Get(port(), "/api/v1/tags?page=2");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["parameter"], "page");
  // Bytes that are not UTF-8, echoed in the error, still make valid JSON.
  for (const char* path : {"/api/v1/tags?%FF=1", "/api/v1/search?q=x&section=%FF%FE"}) {
    const auto odd = Get(port(), path);
    EXPECT_EQ(odd.status, 400) << path;
    EXPECT_FALSE(json::parse(odd.body, nullptr, false).is_discarded()) << odd.body;
  }
  const auto first = Get(port(), "/api/v1/sections");
  ASSERT_FALSE(first.Header("ETag").empty());
  EXPECT_EQ(Fetch(port(), "GET", "/api/v1/sections", {{"If-None-Match", first.Header("ETag")}}).status,
            304);
}

}  // namespace
}  // namespace lede
