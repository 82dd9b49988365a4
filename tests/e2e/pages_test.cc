// The real lede binary, serving the demo newsroom from a temp data dir on a
// loopback port: every page part a reader sees, fetched over HTTP.

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "publishing/desk.h"
#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"

namespace lede {
namespace {

using testing::Get;
using testing::LedeProcess;

class PagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::string output;
    // Cache off: tests here also write behind the server's back (see
    // demo_site_fixture.h).
    server_ = LedeProcess::Serve({"--cache-mb", "0", "--demo", "--data", dir_->path().string()}, &output).release();
    ASSERT_NE(server_, nullptr) << output;
    // A second connection to the same store (e2e/site_store.h), as another lede process would
    // have: the test reads and writes through the real store.
    auto store = testing::OpenSiteStore(dir_->path());
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = store->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete store_;
    delete dir_;
  }

  static std::uint16_t port() { return server_->port(); }

  static std::string UrlOf(const content::Article& article) {
    return "/" + article.section.slug + "/" + article.slug + "/";
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline LedeProcess* server_ = nullptr;
  static inline store::Store* store_ = nullptr;
};

TEST_F(PagesTest, HealthzAnswersOk) {
  const auto result = Get(port(), "/healthz");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "ok\n");
}

TEST_F(PagesTest, DemoHasSectionsArticlesAuthorsAndTopStories) {
  auto sections = store_->ListSections();
  ASSERT_OK(sections);
  EXPECT_GE(sections->size(), 6u);
  auto authors = store_->ListAuthors();
  ASSERT_OK(authors);
  EXPECT_GE(authors->size(), 4u);
  auto all = store_->ListVisible({.limit = 100}, util::SystemClock().Now());
  ASSERT_OK(all);
  EXPECT_GE(all->total, 60);
  const auto span = all->articles.front().published_at.value() - all->articles.back().published_at.value();
  EXPECT_GT(span, 21 * 86400) << "articles should span several weeks";
  int with_quick_looks = 0, top = 0, with_image = 0;
  for (const auto& article : all->articles) {
    with_quick_looks += !article.quick_looks.empty();
    top += article.top_story;
    with_image += article.lead_image.has_value();
  }
  EXPECT_GT(with_quick_looks, all->total / 2);
  EXPECT_GE(top, 3);
  EXPECT_EQ(with_image, all->total);
}

TEST_F(PagesTest, HomePageLeadsWithTopStoriesThenLatestThenSections) {
  const auto home = Get(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.Header("Content-Type"), "text/html; charset=utf-8");
  const auto top = home.body.find("Top Stories");
  const auto latest = home.body.find("Latest News");
  const auto world = home.body.find("id=\"section-world\"");
  ASSERT_NE(top, std::string::npos);
  ASSERT_NE(latest, std::string::npos);
  ASSERT_NE(world, std::string::npos);
  EXPECT_LT(top, latest);
  EXPECT_LT(latest, world);
  EXPECT_NE(home.body.find("The Daily Lede"), std::string::npos);
}

TEST_F(PagesTest, ArticlePageHasEveryPart) {
  const auto html = Get(port(), "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/").body;
  for (const std::string part :
       {"<span class=\"flag\">Top Story</span>", ">World</a>",
        "<h1 class=\"story__headline\">Seoul and Tokyo agree to reopen ferry routes closed for a decade</h1>",
        "rel=\"tag\">Diplomacy</a>", "<span class=\"story__dateline\">SEOUL</span>",
        "rel=\"author\">Mina Cho</a>", "<span class=\"story__edition\">Morning Edition</span>",
        "Published <time datetime=", "class=\"story__standfirst\">The deal restores",
        "<figure class=\"story__lead\">", "<figcaption>", "Illustration: Lede Graphics Desk",
        "srcset=\"/media/", "Quick Looks</h2>", "<li>Three ferry routes reopen from March</li>",
        "Deep Look</h2>", "id=\"rating\"", "More on World News", "Latest News",
        "aria-label=\"Sections\"", "<footer"}) {
    EXPECT_NE(html.find(part), std::string::npos) << "missing: " << part;
  }
}

TEST_F(PagesTest, PreviousAndNextFollowPublicationOrderSiteWide) {
  auto latest = store_->ListVisible({.limit = 3}, util::SystemClock().Now());
  ASSERT_OK(latest);
  ASSERT_EQ(latest->articles.size(), 3u);
  const auto& newest = latest->articles[0];
  const auto& second = latest->articles[1];
  const auto& third = latest->articles[2];
  // The newest article's predecessor links back to it as Next, and on to
  // the third as Previous.
  const auto html = Get(port(), UrlOf(second)).body;
  EXPECT_NE(html.find("href=\"" + UrlOf(third) + "\" rel=\"prev\""), std::string::npos);
  EXPECT_NE(html.find("href=\"" + UrlOf(newest) + "\" rel=\"next\""), std::string::npos);
  const auto newest_html = Get(port(), UrlOf(newest)).body;
  EXPECT_NE(newest_html.find("href=\"" + UrlOf(second) + "\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(newest_html.find("Next Article"), std::string::npos);
}

TEST_F(PagesTest, MoreInSectionListsFiveOthersFromTheSameSection) {
  const auto html =
      Get(port(), "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/").body;
  const auto start = html.find("More on World News");
  const auto end = html.find("</aside>", start);
  ASSERT_NE(start, std::string::npos);
  const std::string block = html.substr(start, end - start);
  const std::regex link(R"re(href="(/[a-z-]+/)[a-z0-9-]+/")re");
  int count = 0;
  for (std::sregex_iterator it(block.begin(), block.end(), link), last; it != last; ++it) {
    EXPECT_EQ((*it)[1], "/world/");
    ++count;
  }
  EXPECT_EQ(count, 5);
  EXPECT_EQ(block.find("seoul-and-tokyo"), std::string::npos) << "must exclude itself";
}

TEST_F(PagesTest, SectionTagAndAuthorPagesPaginate) {
  const auto section = Get(port(), "/world/");
  EXPECT_EQ(section.status, 200);
  EXPECT_NE(section.body.find("<h1>World</h1>"), std::string::npos);
  const auto tag = Get(port(), "/tag/diplomacy/");
  EXPECT_EQ(tag.status, 200);
  const auto author = Get(port(), "/author/mina-cho/");
  EXPECT_EQ(author.status, 200);
  EXPECT_NE(author.body.find("rel=\"next\" href=\"/author/mina-cho/?page=2\""), std::string::npos);
  EXPECT_EQ(Get(port(), "/author/mina-cho/?page=2").status, 200);
  EXPECT_EQ(Get(port(), "/author/mina-cho/?page=50").status, 404);
  EXPECT_EQ(Get(port(), "/world").status, 301);
}

TEST_F(PagesTest, UnknownPathsGetTheThemes404) {
  for (const std::string path : {"/no-such-section/", "/world/no-such-story/", "/a/b/c/d/",
                                 "/tag/none/"}) {
    const auto result = Get(port(), path);
    EXPECT_EQ(result.status, 404) << path;
    EXPECT_NE(result.body.find("Page not found"), std::string::npos) << path;
  }
}

TEST_F(PagesTest, DraftIs404AndScheduledAppearsAtItsTimeWithoutRestart) {
  util::SystemClock clock;
  publishing::Desk desk(*store_, clock);
  auto world = store_->FindSection("world");
  ASSERT_OK(world);
  content::Article draft;
  draft.headline = "An unfinished draft for the e2e test";
  draft.section_id = world->id;
  auto saved_draft = desk.Save(draft);
  ASSERT_OK(saved_draft);
  EXPECT_EQ(Get(port(), UrlOf(*saved_draft)).status, 404);

  content::Article scheduled;
  scheduled.headline = "A story scheduled two seconds ahead";
  scheduled.section_id = world->id;
  scheduled.status = content::ArticleStatus::kScheduled;
  scheduled.published_at = clock.Now() + 2;
  auto saved = desk.Save(scheduled);
  ASSERT_OK(saved);
  EXPECT_EQ(Get(port(), UrlOf(*saved)).status, 404);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  const auto after = Get(port(), UrlOf(*saved));
  EXPECT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("A story scheduled two seconds ahead"), std::string::npos);
  EXPECT_EQ(Get(port(), UrlOf(*saved_draft)).status, 404);
}

// Issue #8: a Korean headline gets a readable slug, linked percent-encoded
// and served at that address.
TEST_F(PagesTest, Issue8AKoreanHeadlineIsServedAtItsOwnWords) {
  util::SystemClock clock;
  publishing::Desk desk(*store_, clock);
  auto world = store_->FindSection("world");
  ASSERT_OK(world);
  content::Article article;
  article.headline = "서울 시장, 새 예산안 발표";
  article.section_id = world->id;
  article.status = content::ArticleStatus::kPublished;
  auto saved = desk.Save(article);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->slug, "서울-시장-새-예산안-발표");
  const std::string path = content::ArticlePath(*saved);
  EXPECT_TRUE(std::all_of(path.begin(), path.end(), [](char c) { return c > 0; }))
      << "sent as ASCII: " << path;
  const auto page = Get(port(), path);
  EXPECT_EQ(page.status, 200) << path;
  EXPECT_NE(page.body.find("서울 시장, 새 예산안 발표"), std::string::npos);
  EXPECT_NE(Get(port(), "/world/").body.find("href=\"" + path + "\""), std::string::npos);
}

TEST_F(PagesTest, MediaAndAssetsAreServed) {
  const auto html = Get(port(), "/").body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(html, match, std::regex(R"re(src="(/media/[^"]+\.jpg)")re")));
  const auto image = Get(port(), match[1]);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.Header("Content-Type"), "image/jpeg");
  EXPECT_EQ(image.body.substr(0, 2), "\xFF\xD8");
  const auto css = Get(port(), "/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.body.find("prefers-color-scheme: dark"), std::string::npos);
}

TEST_F(PagesTest, TraversalNeverLeavesTheFolder) {
  for (const std::string path :
       {"/static/../secret", "/static/%2e%2e/secret", "/static/..%2fsecret", "/media/../secret",
        "/media/%2e%2e/secret", "/media/..%2f..%2fetc%2fpasswd", "/media/2026/%2e%2e/%2e%2e/secret",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/media/....//secret"}) {
    // Sent as-is: no client-side normalisation of the dots.
    const std::string raw = testing::SendRaw(
        port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(raw.find("HTTP/1.1 404"), std::string::npos) << path << ": " << raw.substr(0, 80);
    EXPECT_EQ(raw.find("root:"), std::string::npos) << path;
  }
}

TEST_F(PagesTest, BadHttpGetsClearStatuses) {
  std::string raw = testing::SendRaw(port(), "NONSENSE\r\n\r\n");
  EXPECT_NE(raw.find("HTTP/1.1 400"), std::string::npos) << raw;
  raw = testing::SendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nCookie: " +
                                     std::string(17 * 1024, 'c') + "\r\n\r\n");
  EXPECT_NE(raw.find("HTTP/1.1 431"), std::string::npos) << raw.substr(0, 80);
  raw = testing::SendRaw(port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n");
  EXPECT_NE(raw.find("HTTP/1.1 413"), std::string::npos) << raw.substr(0, 80);
  EXPECT_EQ(testing::Fetch(port(), "DELETE", "/").status, 405);
  const auto head = testing::Fetch(port(), "HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_NE(head.Header("Content-Length"), "0");
}

}  // namespace
}  // namespace lede
