// What search engines read from the real binary: the public address every
// absolute URL is built from, robots.txt, the sitemap index, its monthly
// and listing sitemaps and the Google News sitemap, each checked against
// the sitemaps.org and Google XSDs with xmllint (../shared/schemas).

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <regex>
#include <set>

#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"

namespace lede {
namespace {

using testing::Get;
using testing::LedeProcess;

const std::string kSchemas = LEDE_SHARED_DIR "/schemas/";

std::vector<std::string> All(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex expression(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), expression); it != std::sregex_iterator();
       ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

// xmllint's verdict on `xml` against a schema in ../shared/schemas.
void ExpectValid(const std::string& xml, const std::string& schema, const testing::TempDir& dir) {
  const auto file = dir / "checked.xml";
  testing::WriteFile(file, xml);
  const std::string command = "xmllint --noout --schema " + kSchemas + schema + " " + file.string() +
                              " > " + (dir / "xmllint.txt").string() + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << schema << ": " << testing::ReadFile(dir / "xmllint.txt");
}

class SitemapsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::string output;
    // Cache off: tests here also write behind the server's back (see
    // demo_site_fixture.h).
    server_ = LedeProcess::Serve({"--cache-mb", "0", "--demo", "--data", dir_->path().string(), "--public-url",
                                  "https://news.example"},
                                 &output)
                  .release();
    ASSERT_NE(server_, nullptr) << output;
    auto store = testing::OpenSiteStore(dir_->path());
    ASSERT_TRUE(store.has_value());
    store_ = store->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete store_;
    delete dir_;
  }
  static std::uint16_t port() { return server_->port(); }

  // The paths of articles readers must not find yet (the demo's draft and
  // its scheduled story).
  static std::vector<std::string> Unpublished() {
    std::vector<std::string> slugs;
    auto all = store_->ListAllArticles(0, 1000);
    EXPECT_TRUE(all.has_value());
    for (const auto& article : *all) {
      if (article.status != content::ArticleStatus::kPublished) slugs.push_back("/" + article.slug + "/");
    }
    EXPECT_EQ(slugs.size(), 2u);
    return slugs;
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline LedeProcess* server_ = nullptr;
  static inline store::Store* store_ = nullptr;
};

TEST_F(SitemapsTest, EveryPageNamesItsCanonicalUrlAndSocialCardAtThePublicAddress) {
  const auto home = Get(port(), "/");
  EXPECT_NE(home.body.find("<link rel=\"canonical\" href=\"https://news.example/\">"), std::string::npos);
  const auto section = Get(port(), "/world/");
  EXPECT_NE(section.body.find("<link rel=\"canonical\" href=\"https://news.example/world/\">"),
            std::string::npos);
  // Social cards: an article names itself, its picture and its facts.
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  const std::string url = "https://news.example/" + article->section.slug + "/" + article->slug + "/";
  const auto page = Get(port(), "/" + article->section.slug + "/" + article->slug + "/");
  for (const std::string& tag : std::vector<std::string>{
           "<meta property=\"og:type\" content=\"article\">", "<meta property=\"og:url\" content=\"" + url + "\">",
        "<meta property=\"og:image\" content=\"https://news.example/media/",
        "<meta property=\"og:image:width\" content=\"", "<meta property=\"article:section\" content=\"World\">",
        "<meta property=\"article:published_time\" content=\"", "<meta property=\"article:tag\" content=\"",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">", "\"@type\":\"BreadcrumbList\""}) {
    EXPECT_NE(page.body.find(tag), std::string::npos) << tag;
  }
  EXPECT_NE(home.body.find("<meta property=\"og:type\" content=\"website\">"), std::string::npos);
}

TEST_F(SitemapsTest, RobotsTxtNamesTheSitemapsAndKeepsCrawlersOutOfTheNewsroom) {
  const auto robots = Get(port(), "/robots.txt");
  ASSERT_EQ(robots.status, 200);
  EXPECT_TRUE(robots.Header("Content-Type").starts_with("text/plain"));
  EXPECT_NE(robots.body.find("Sitemap: https://news.example/sitemap.xml\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Sitemap: https://news.example/news-sitemap.xml\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Disallow: /admin/\n"), std::string::npos);
}

TEST_F(SitemapsTest, TheIndexLeadsToEveryVisibleArticleOnceAndToTheListings) {
  SKIP_WITHOUT_SHARED();
  testing::TempDir work;
  const auto index = Get(port(), "/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  EXPECT_TRUE(index.Header("Content-Type").starts_with("application/xml"));
  ExpectValid(index.body, "siteindex.xsd", work);
  const auto sitemaps = All(index.body, "<loc>https://news.example(/sitemaps/[^<]+)</loc>");
  ASSERT_GE(sitemaps.size(), 3u) << "the demo spans three months, plus the listings";
  std::multiset<std::string> listed;
  std::string listings;
  for (const auto& path : sitemaps) {
    const auto sitemap = Get(port(), path);
    ASSERT_EQ(sitemap.status, 200) << path;
    if (path == "/sitemaps/listings.xml") {
      listings = sitemap.body;
      ExpectValid(sitemap.body, "sitemap.xsd", work);
      continue;
    }
    ExpectValid(sitemap.body, "sitemap-with-extensions.xsd", work);
    for (const auto& loc : All(sitemap.body, "<url><loc>([^<]+)</loc>")) listed.insert(loc);
    EXPECT_NE(sitemap.body.find("<image:loc>https://news.example/media/"), std::string::npos)
        << "lead images are listed with their article";
  }
  // Every published article, once; no draft, no scheduled story.
  auto visible = store_->ListVisible({.limit = 100}, std::time(nullptr));
  ASSERT_OK(visible);
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(visible->total));
  for (const auto& article : visible->articles) {
    EXPECT_EQ(listed.count("https://news.example/" + article.section.slug + "/" + article.slug + "/"), 1u)
        << article.slug;
  }
  for (const auto& hidden : Unpublished()) {
    for (const auto& loc : listed) EXPECT_EQ(loc.find(hidden), std::string::npos) << loc;
  }
  // The listings: the home page, sections, tags, authors and pages.
  for (const std::string url : {"https://news.example/", "https://news.example/world/",
                                "https://news.example/about-us/corrections/"}) {
    EXPECT_NE(listings.find("<loc>" + url + "</loc>"), std::string::npos) << url;
  }
  EXPECT_NE(listings.find("<loc>https://news.example/tag/"), std::string::npos);
  EXPECT_NE(listings.find("<loc>https://news.example/author/"), std::string::npos);
  // Months that have nothing, and names that are not sitemaps, are 404.
  EXPECT_EQ(Get(port(), "/sitemaps/articles-1999-01.xml").status, 404);
  EXPECT_EQ(Get(port(), "/sitemaps/articles-2026-13.xml").status, 404);
  EXPECT_EQ(Get(port(), "/sitemaps/articles-2026-11-2.xml").status, 404) << "one part is enough";
  EXPECT_EQ(Get(port(), "/sitemaps/../robots.txt").status, 404);
}

TEST_F(SitemapsTest, TheNewsSitemapHasTheLastTwoDaysInGoogleNewsFormat) {
  SKIP_WITHOUT_SHARED();
  testing::TempDir work;
  const auto news = Get(port(), "/news-sitemap.xml");
  ASSERT_EQ(news.status, 200);
  ExpectValid(news.body, "sitemap-with-extensions.xsd", work);
  const auto locs = All(news.body, "<url><loc>([^<]+)</loc>");
  // The demo publishes a story every sixteen hours: three in 48 hours.
  EXPECT_EQ(locs.size(), 3u) << news.body;
  EXPECT_NE(news.body.find("<news:name>The Daily Lede</news:name><news:language>en</news:language>"),
            std::string::npos);
  const auto dates = All(news.body, "<news:publication_date>([^<]+)</news:publication_date>");
  ASSERT_EQ(dates.size(), locs.size());
  for (const auto& date : dates) {
    const auto when = util::ParseIso8601(date);
    ASSERT_TRUE(when) << date;
    EXPECT_GE(*when, std::time(nullptr) - 48 * 3600 - 60);
  }
  for (const auto& hidden : Unpublished()) EXPECT_EQ(news.body.find(hidden), std::string::npos);
}

// Without --public-url or the setting, links name the listen address, and
// the server says so once as it starts.
TEST(PublicAddressTest, WithoutOneTheListenAddressIsUsedAndTheServerSaysSo) {
  testing::TempDir dir;
  std::string output;
  auto server = LedeProcess::Serve({"--demo", "--data", dir.path().string()}, &output);
  ASSERT_NE(server, nullptr) << output;
  const std::string base = "http://127.0.0.1:" + std::to_string(server->port());
  const auto home = Get(server->port(), "/");
  EXPECT_NE(home.body.find("<link rel=\"canonical\" href=\"" + base + "/\">"), std::string::npos);
  EXPECT_NE(Get(server->port(), "/robots.txt").body.find("Sitemap: " + base + "/sitemap.xml"),
            std::string::npos);
  const std::string log = server->Output();
  EXPECT_NE(log.find("no public address"), std::string::npos) << log;
  EXPECT_EQ(log.find("no public address"), log.rfind("no public address")) << "once";

  const auto refused = testing::RunLede({"serve", "--data", dir.path().string(), "--public-url",
                                         "news.example", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("--public-url \"news.example\""), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace lede
