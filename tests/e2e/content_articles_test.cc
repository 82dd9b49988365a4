// The Content API's articles over HTTP from the real binary: every visible
// article exactly once through the cursor, each filter against what the
// store holds, one article with every field, related coverage, and what
// is refused.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "e2e/demo_site_fixture.h"
#include "publishing/catalog.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;

constexpr std::string_view kBase = "https://news.example";

class ContentArticlesTest : public DemoSiteTest {
 protected:
  // Every article the list gives, following next_url to the end.
  std::vector<std::string> Walk(std::string path, const std::function<void(int)>& between = {}) {
    std::vector<std::string> slugs;
    for (int page = 0; page < 100; ++page) {
      const json body = Api(path);
      for (const auto& item : body["articles"]) slugs.push_back(item["slug"]);
      if (body["next_url"].is_null()) {
        EXPECT_TRUE(body["next_cursor"].is_null());
        return slugs;
      }
      const std::string next = body["next_url"];
      EXPECT_TRUE(next.starts_with(kBase)) << next;
      path = next.substr(kBase.size());
      if (between) between(page);
    }
    ADD_FAILURE() << "the cursor never ended";
    return slugs;
  }

  // What the store lists (all of it, unless `limit`).
  std::vector<std::string> Expected(store::ArticleQuery query, int limit = 100) {
    query.limit = limit;
    auto list = store_->ListVisible(query, util::SystemClock().Now());
    EXPECT_TRUE(list.has_value());
    std::vector<std::string> slugs;
    for (const auto& article : list->articles) slugs.push_back(article.slug);
    return slugs;
  }

  content::Article Publish(std::string slug, std::string headline, util::UnixSeconds at,
                           content::ArticleStatus status = content::ArticleStatus::kPublished) {
    auto sections = store_->ListSections();
    EXPECT_TRUE(sections.has_value());
    content::Article article;
    article.slug = std::move(slug);
    article.headline = std::move(headline);
    article.section_id = sections->front().id;
    article.status = status;
    if (status != content::ArticleStatus::kDraft) article.published_at = at;
    article.created_at = at;
    auto stored = store_->CreateArticle(article);
    EXPECT_TRUE(stored.has_value()) << stored.error().message;
    return stored ? *stored : content::Article{};
  }
};

TEST_F(ContentArticlesTest, TheCursorGivesEveryVisibleArticleOnceNewestFirstEvenWhileOthersArePublished) {
  const util::UnixSeconds now = util::SystemClock().Now();
  Publish("draft-story", "Draft", now, content::ArticleStatus::kDraft);
  Publish("embargoed-story", "Embargoed", now + 86400, content::ArticleStatus::kScheduled);
  const auto expected = Expected({});
  ASSERT_GT(expected.size(), 20u);
  // Publishing between pages puts the new article ahead of the walk: it
  // neither shifts nor repeats what follows.
  const auto walked = Walk("/api/v1/articles?limit=7&fields=slug", [&](int page) {
    if (page == 0) Publish("breaking-" + std::to_string(page), "Breaking", now - 1);
  });
  EXPECT_EQ(walked, expected);
  EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()).size(), walked.size());
}

TEST_F(ContentArticlesTest, FiltersAnswerWhatTheStoreHolds) {
  auto section = store_->FindSection("world");
  auto tag = store_->FindTag("diplomacy");
  auto author = store_->FindAuthor("mina-cho");
  ASSERT_OK(section);
  ASSERT_OK(tag);
  ASSERT_OK(author);
  EXPECT_EQ(Walk("/api/v1/articles?section=world&limit=3"), Expected({.section_id = section->id}));
  EXPECT_EQ(Walk("/api/v1/articles?tag=diplomacy"), Expected({.tag_id = tag->id}));
  EXPECT_EQ(Walk("/api/v1/articles?author=mina-cho&limit=2"), Expected({.author_id = author->id}));
  const auto top = Walk("/api/v1/articles?top_story=true");
  EXPECT_EQ(top, Expected({.top_stories_only = true}));
  EXPECT_FALSE(top.empty());
  EXPECT_EQ(Walk("/api/v1/articles?top_story=false"), Expected({})) << "false means no filter";

  // since: a correction today brings an old article back.
  auto old = store_->FindVisibleArticleBySlug(Expected({}).back(), util::SystemClock().Now());
  ASSERT_OK(old);
  const util::UnixSeconds now = util::SystemClock().Now();
  old->updated_at = now;
  old->correction = "An earlier version misnamed the port.";
  ASSERT_OK(store_->UpdateArticle(*old));
  const std::string since = util::FormatIso8601(now - 1);
  store::ArticleQuery changed;
  changed.changed_since = now - 1;
  const auto recent = Walk("/api/v1/articles?since=" + since);
  EXPECT_EQ(recent, Expected(changed));
  EXPECT_NE(std::find(recent.begin(), recent.end(), old->slug), recent.end());

  // q: ranked by the search, filters still apply, paged by the cursor.
  const auto found = Walk("/api/v1/articles?q=ferry&limit=1");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade");
  EXPECT_TRUE(Walk("/api/v1/articles?q=ferry&section=sport").empty());
}

TEST_F(ContentArticlesTest, OneArticleHasEveryFieldOfItsPageNamedAsTheAdminApiNamesThem) {
  const std::string slug = "seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade";
  auto stored = store_->FindVisibleArticleBySlug(slug, util::SystemClock().Now());
  ASSERT_OK(stored);
  const auto response = Get(port(), "/api/v1/articles/" + slug);
  ASSERT_EQ(response.status, 200) << response.body;
  const json article = json::parse(response.body);
  for (const char* field : {"id", "slug", "url", "headline", "standfirst", "quick_looks", "body_html",
                            "section", "tags", "authors", "dateline", "edition", "top_story",
                            "correction", "published_at", "updated_at", "lead_image", "rating",
                            "related"}) {
    EXPECT_TRUE(article.contains(field)) << field;
  }
  EXPECT_EQ(article["url"], std::string(kBase) + "/world/" + slug + "/");
  EXPECT_EQ(article["headline"], stored->headline);
  EXPECT_EQ(article["body_html"], std::string(stored->body_html.view()));
  EXPECT_EQ(article["quick_looks"], stored->quick_looks);
  EXPECT_EQ(article["section"]["slug"], "world");
  EXPECT_EQ(article["section"]["url"], std::string(kBase) + "/world/");
  EXPECT_EQ(article["tags"][0]["slug"], stored->tags[0].slug);
  EXPECT_EQ(article["authors"][0]["url"], std::string(kBase) + "/author/" + stored->authors[0].slug + "/");
  EXPECT_EQ(article["dateline"], stored->dateline);
  EXPECT_EQ(article["top_story"], stored->top_story);
  EXPECT_EQ(article["published_at"], util::FormatIso8601(*stored->published_at));
  EXPECT_EQ(article["rating"]["count"], stored->rating.count);
  const json& image = article["lead_image"];
  ASSERT_TRUE(image.is_object());
  EXPECT_EQ(image["caption"], stored->lead_image->caption);
  ASSERT_FALSE(image["variants"].empty());
  for (const auto& variant : image["variants"]) {
    const std::string jpeg = variant["jpeg"];
    ASSERT_TRUE(jpeg.starts_with(kBase)) << jpeg;
    EXPECT_EQ(Get(port(), jpeg.substr(kBase.size())).status, 200) << jpeg;
  }

  // Related coverage: none of "More on World News", not itself, at most 4,
  // and the same as the article's page shows.
  ASSERT_FALSE(article["related"].empty());
  EXPECT_LE(article["related"].size(), 4u);
  const auto in_section =
      Expected({.section_id = stored->section_id, .exclude_id = stored->id}, publishing::kRelatedCount);
  const std::string page = Get(port(), "/world/" + slug + "/").body;
  const auto related_block = page.find("Related Coverage");
  ASSERT_NE(related_block, std::string::npos);
  for (const auto& other : article["related"]) {
    EXPECT_NE(other["slug"], slug);
    EXPECT_EQ(std::find(in_section.begin(), in_section.end(), other["slug"]), in_section.end());
    EXPECT_NE(page.find(std::string(other["url"]).substr(kBase.size()), related_block), std::string::npos)
        << other["slug"];
  }

  const auto trimmed = Api("/api/v1/articles/" + slug + "?fields=headline,url");
  EXPECT_EQ(trimmed.size(), 2u);
  EXPECT_EQ(Fetch(port(), "GET", "/api/v1/articles/" + slug, {{"If-None-Match", response.Header("ETag")}}).status,
            304);
}

TEST_F(ContentArticlesTest, DraftsAndScheduledArticlesAreNotThereBeforeTheirTime) {
  const util::UnixSeconds now = util::SystemClock().Now();
  Publish("draft-story", "Draft", now, content::ArticleStatus::kDraft);
  Publish("embargoed-story", "Embargoed ferry", now + 86400, content::ArticleStatus::kScheduled);
  for (const char* slug : {"draft-story", "embargoed-story", "no-such-story"}) {
    const auto response = Get(port(), std::string("/api/v1/articles/") + slug);
    EXPECT_EQ(response.status, 404) << slug;
    EXPECT_TRUE(json::parse(response.body).contains("error"));
  }
  const auto found = Walk("/api/v1/articles?q=embargoed");
  EXPECT_TRUE(found.empty());
}

TEST_F(ContentArticlesTest, BadParametersAre400NamingTheParameter) {
  const std::string long_query(257, 'a');
  const std::pair<std::string, std::string> cases[] = {
      {"/api/v1/articles?limit=0", "limit"},
      {"/api/v1/articles?limit=51", "limit"},
      {"/api/v1/articles?cursor=garbage", "cursor"},
      {"/api/v1/articles?cursor=s20", "cursor"},  // a search's cursor without the search
      {"/api/v1/articles?q=ferry&cursor=p1.1", "cursor"},
      {"/api/v1/articles?since=yesterday", "since"},
      {"/api/v1/articles?since=2026-02-30", "since"},
      {"/api/v1/articles?section=nowhere", "section"},
      {"/api/v1/articles?tag=nothing", "tag"},
      {"/api/v1/articles?author=nobody", "author"},
      {"/api/v1/articles?top_story=1", "top_story"},
      {"/api/v1/articles?fields=headline,secret", "fields"},
      {"/api/v1/articles?fields=related", "fields"},  // one article's field, not a list's
      {"/api/v1/articles?q=" + long_query, "q"},
      {"/api/v1/articles?page=2", "page"},
      {"/api/v1/articles/some-slug?limit=1", "limit"},
  };
  for (const auto& [path, parameter] : cases) {
    const auto response = Get(port(), path);
    EXPECT_EQ(response.status, 400) << path;
    const json body = json::parse(response.body, nullptr, false);
    EXPECT_EQ(body.value("parameter", ""), parameter) << path << ": " << response.body;
    EXPECT_FALSE(body.value("error", "").empty()) << path;
  }
  // Query syntax is words, never a 500.
  for (const char* q : {"%22", "NEAR", "a*", "-x", "x:y", "%5E", "(", "AND"}) {
    EXPECT_EQ(Get(port(), std::string("/api/v1/articles?q=") + q).status, 200) << q;
  }
}

}  // namespace
}  // namespace lede
