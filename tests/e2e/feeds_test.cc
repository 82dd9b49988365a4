// Feeds from the real binary: what a feed reader relies on beyond the
// formats (checked by tests/browser/feeds.test.mjs with rss-parser and
// jing): conditional GET, ids that survive an edit, and no article before
// its time.

#include <gtest/gtest.h>

#include <regex>

#include "publishing/desk.h"
#include "e2e/demo_site_fixture.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::Get;

class FeedsTest : public DemoSiteTest {};

TEST_F(FeedsTest, AnUnchangedFeedAnswers304) {
  const auto first = Get(port(), "/feed/");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("ETag");
  const std::string modified = first.Header("Last-Modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_FALSE(modified.empty());
  EXPECT_EQ(Fetch(port(), "GET", "/feed/", {{"If-None-Match", etag}}).status, 304);
  EXPECT_EQ(Fetch(port(), "GET", "/feed/", {{"If-Modified-Since", modified}}).status, 304);
  EXPECT_EQ(Fetch(port(), "GET", "/feed/", {{"If-None-Match", "\"other\""}}).status, 200);
  EXPECT_EQ(Fetch(port(), "GET", "/feed/", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status,
            200);
  const auto atom = Get(port(), "/atom.xml");
  ASSERT_EQ(atom.status, 200);
  EXPECT_EQ(Fetch(port(), "GET", "/atom.xml", {{"If-None-Match", atom.Header("ETag")}}).status, 304);
}

TEST_F(FeedsTest, AnEditChangesTheFeedButNotTheArticlesId) {
  const auto before = Get(port(), "/world/feed/");
  ASSERT_EQ(before.status, 200);
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  const std::string id = "tag:news.example," + util::FormatIso8601(article->created_at).substr(0, 4) +
                         ":article:1";
  ASSERT_NE(before.body.find("<guid isPermaLink=\"false\">" + id + "</guid>"), std::string::npos);
  // Renamed and moved to a new slug: its URL changes, its id does not.
  testing::ManualClock clock(std::time(nullptr));
  publishing::Desk desk(*store_, clock);
  article->headline = "Ferry routes reopen after a decade";
  article->slug = "ferry-routes-reopen";
  article->updated_at = std::time(nullptr);
  ASSERT_OK(desk.Save(*article));
  const auto after = Get(port(), "/world/feed/");
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.Header("ETag"), before.Header("ETag"));
  EXPECT_EQ(Fetch(port(), "GET", "/world/feed/", {{"If-None-Match", before.Header("ETag")}}).status, 200);
  EXPECT_NE(after.body.find("<guid isPermaLink=\"false\">" + id + "</guid>"), std::string::npos);
  EXPECT_NE(after.body.find("<link>https://news.example/world/ferry-routes-reopen/</link>"), std::string::npos);
  EXPECT_NE(after.body.find("<title>Ferry routes reopen after a decade</title>"), std::string::npos);
}

TEST_F(FeedsTest, NothingAppearsBeforeItsTimeAndUnknownFeedsAre404) {
  for (const std::string path : {"/feed/", "/politics/feed/", "/science/feed/", "/atom.xml"}) {
    const auto feed = Get(port(), path);
    ASSERT_EQ(feed.status, 200) << path;
    EXPECT_EQ(feed.body.find("Draft: harbour authority"), std::string::npos) << path;
    EXPECT_EQ(feed.body.find("Embargoed: the spring science"), std::string::npos) << path;
  }
  EXPECT_EQ(Get(port(), "/no-such-section/feed/").status, 404);
  EXPECT_EQ(Get(port(), "/tag/no-such-tag/feed/").status, 404);
  EXPECT_EQ(Get(port(), "/author/nobody/feed/").status, 404);
}

}  // namespace
}  // namespace lede
