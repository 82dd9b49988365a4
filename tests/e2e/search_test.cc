// Search from the real binary: the page and the API over HTTP, what they
// refuse, what they never show, and that an edit is searchable at once.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "publishing/desk.h"
#include "e2e/demo_site_fixture.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;

class SearchTest : public DemoSiteTest {
 protected:
  json Search(const std::string& query, int expect_status = 200) {
    return Api("/api/v1/search?" + query, expect_status);
  }
};

TEST_F(SearchTest, EveryPageHasASearchBoxThatLeadsToResults) {
  const auto home = Get(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("<form class=\"masthead__search\" action=\"/search\" method=\"get\" role=\"search\""),
            std::string::npos);
  EXPECT_NE(home.body.find("name=\"q\""), std::string::npos);
  const auto results = Get(port(), "/search?q=ferry");
  ASSERT_EQ(results.status, 200);
  EXPECT_NE(results.body.find("<mark>ferry</mark>"), std::string::npos) << results.body;
  EXPECT_NE(results.body.find("href=\"/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/\""),
            std::string::npos);
  EXPECT_NE(results.body.find("<link rel=\"canonical\" href=\"https://news.example/search?q=ferry\">"),
            std::string::npos);
  // The query is echoed into the box.
  EXPECT_NE(results.body.find("value=\"ferry\""), std::string::npos);
}

TEST_F(SearchTest, WhatReadersTypeIsEscapedNeverMarkup) {
  const auto page = Get(port(), "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%20onmouseover%3D");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("\" onmouseover="), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover="), std::string::npos);
}

TEST_F(SearchTest, NoResultsSuggestASpellingAndTheLatestNews) {
  const auto page = Get(port(), "/search?q=ferrry");
  ASSERT_EQ(page.status, 200);
  // "ferrry" begins no word and is one edit from "ferry".
  EXPECT_NE(page.body.find("No articles match your search."), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Did you mean <a href=\"/search?q=ferry\">ferry</a>?"), std::string::npos);
  EXPECT_NE(page.body.find("<h2 id=\"search-latest\">Latest News</h2>"), std::string::npos);
  const auto empty = Get(port(), "/search?q=");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body.find("search__summary"), std::string::npos);
  EXPECT_EQ(Get(port(), "/search").status, 200);
}

TEST_F(SearchTest, QuerySyntaxNeverBreaksASearch) {
  for (const char* q : {"%22", "*", "-", "NEAR", "%3A", "%5E", "(", ")", "%22unbalanced", "AND",
                        "a%20OR", "NEAR(a%20b)", "%7Bheadline%7D%3A%20x", "%2B%2B%2B", "%00", "%E2%80%94"}) {
    const auto page = Get(port(), std::string("/search?q=") + q);
    EXPECT_TRUE(page.status == 200 || page.status == 400) << q << " " << page.status;
    EXPECT_LT(page.status, 500) << q;
    const auto api = Get(port(), std::string("/api/v1/search?q=") + q);
    EXPECT_LT(api.status, 500) << q;
  }
}

TEST_F(SearchTest, BadRequestsAnswer400NamingTheParameter) {
  EXPECT_EQ(Get(port(), "/search?q=" + std::string(257, 'a')).status, 400);
  EXPECT_EQ(Search("q=" + std::string(257, 'a'), 400)["parameter"], "q");
  EXPECT_EQ(Search("q=x&sort=new", 400)["parameter"], "sort");
  EXPECT_EQ(Search("q=x&from=2026-02-30", 400)["parameter"], "from");
  EXPECT_EQ(Search("q=x&to=yesterday", 400)["parameter"], "to");
  EXPECT_EQ(Search("q=x&from=2026-05-02&to=2026-05-01", 400)["parameter"], "to");
  EXPECT_EQ(Search("q=x&section=nowhere", 400)["parameter"], "section");
  EXPECT_EQ(Search("q=x&page=0", 400)["parameter"], "page");
  EXPECT_EQ(Search("q=ferry&page=2", 400)["parameter"], "page");
  EXPECT_EQ(Search("q=x&per_page=51", 400)["parameter"], "per_page");
  EXPECT_EQ(Search("q=%FF", 400)["parameter"], "q");
  // The page keeps the form and says what is wrong beside it.
  const auto page = Get(port(), "/search?q=ferry&from=someday");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("role=\"alert\">from must be a date, YYYY-MM-DD</p>"), std::string::npos);
  // Bytes that are not UTF-8 are refused and never echoed into the page.
  const auto odd = Get(port(), "/search?q=%FF%FE&section=%C3");
  EXPECT_EQ(odd.status, 400);
  EXPECT_EQ(odd.body.find('\xFF'), std::string::npos);
  EXPECT_EQ(odd.body.find("value=\"\xC3"), std::string::npos);
  // Pages ignore parameters they do not know (a campaign's tags).
  EXPECT_EQ(Get(port(), "/search?q=ferry&utm_source=mail").status, 200);
}

TEST_F(SearchTest, TheApiAnswersWithMarkedResultsAndETags) {
  const auto body = Search("q=ferry&section=world");
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["query"], "ferry");
  EXPECT_GE(body["total"].get<int>(), 1);
  const auto& first = body["results"][0];
  EXPECT_EQ(first["url"], "https://news.example/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/");
  EXPECT_EQ(first["section"]["slug"], "world");
  EXPECT_NE(first["headline_html"].get<std::string>().find("<mark>ferry</mark>"), std::string::npos);
  EXPECT_EQ(Search("q=ferry&section=sport")["total"], 0);
  const auto response = Get(port(), "/api/v1/search?q=ferry");
  ASSERT_FALSE(response.Header("ETag").empty());
  EXPECT_EQ(Fetch(port(), "GET", "/api/v1/search?q=ferry", {{"If-None-Match", response.Header("ETag")}}).status,
            304);
  const auto preflight = Fetch(port(), "OPTIONS", "/api/v1/search", {{"Origin", "https://app.example"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "*");
}

TEST_F(SearchTest, AnEditIsSearchableAtOnceAndAnUnpublishedArticleIsGone) {
  testing::ManualClock clock(std::time(nullptr));
  publishing::Desk desk(*store_, clock);
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  article->headline = "Zeppelin service links the two capitals";
  ASSERT_OK(desk.Save(*article));
  EXPECT_EQ(Search("q=zeppelin")["total"], 1);
  article = store_->FindArticle(1);
  ASSERT_OK(article);
  article->status = content::ArticleStatus::kDraft;
  article->published_at.reset();
  ASSERT_OK(desk.Save(*article));
  EXPECT_EQ(Search("q=zeppelin")["total"], 0);
  EXPECT_EQ(Get(port(), "/search?q=zeppelin").body.find("Zeppelin service"), std::string::npos);
}

}  // namespace
}  // namespace lede
