#include "site/structured_data.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lede::site {
namespace {

content::Article Corrected() {
  content::Article article;
  article.id = 7;
  article.slug = "ferries-return";
  article.headline = "Ferries </script> return";
  article.section = {1, "World", "world", "", 1};
  article.published_at = 1'800'000'000;
  article.updated_at = 1'800'003'600;
  article.correction = "An earlier version misstated the date.";
  article.tags = {{1, "Transport", "transport"}, {2, "East Asia", "east-asia"}};
  content::MediaItem media;
  media.id = 3;
  media.path = "2027/01/harbour";
  media.width = 1440;
  media.height = 960;
  media.widths = {480, 960, 1440};
  media.crops = true;
  article.lead_image = content::LeadImage{3, "The harbour", "Photo: A", "Boats at rest", media};
  return article;
}

TEST(StructuredDataTest, ANewsArticleWithCropsCorrectionAndBreadcrumbs) {
  content::SiteSettings settings;
  settings.name = "The Daily Lede";
  settings.base_url = "https://news.example";
  const std::string text = ArticleJsonLd(Corrected(), settings);
  EXPECT_EQ(text.find("</script>"), std::string::npos) << "cannot close its script element";
  const auto graph = nlohmann::json::parse(text);
  ASSERT_TRUE(graph.is_array());
  ASSERT_EQ(graph.size(), 2u);
  const auto& article = graph[0];
  EXPECT_EQ(article["@context"], "https://schema.org");
  EXPECT_EQ(article["publisher"]["logo"]["url"], "https://news.example/static/favicon.svg");
  EXPECT_EQ(article["@type"], "NewsArticle");
  EXPECT_EQ(article["headline"], "Ferries </script> return");
  EXPECT_EQ(article["image"], nlohmann::json::array({"https://news.example/media/2027/01/harbour-1x1.jpg",
                                                     "https://news.example/media/2027/01/harbour-4x3.jpg",
                                                     "https://news.example/media/2027/01/harbour-16x9.jpg"}));
  EXPECT_EQ(article["correction"]["@type"], "CorrectionComment");
  EXPECT_EQ(article["correction"]["text"], "An earlier version misstated the date.");
  EXPECT_EQ(article["correction"]["datePublished"], "2027-01-15T09:00:00Z");
  const auto& crumbs = graph[1];
  EXPECT_EQ(crumbs["@type"], "BreadcrumbList");
  ASSERT_EQ(crumbs["itemListElement"].size(), 3u);
  EXPECT_EQ(crumbs["itemListElement"][1]["item"], "https://news.example/world/");
  EXPECT_EQ(crumbs["itemListElement"][2]["item"], "https://news.example/world/ferries-return/");
}

TEST(StructuredDataTest, ThePublisherLinksItsCorrectionsPolicyWhenTheSiteSetsOne) {
  content::SiteSettings settings;
  settings.base_url = "https://news.example";
  auto publisher = nlohmann::json::parse(ArticleJsonLd(Corrected(), settings))[0]["publisher"];
  EXPECT_FALSE(publisher.contains("correctionsPolicy"));
  settings.corrections_policy = "/about/corrections/";
  publisher = nlohmann::json::parse(ArticleJsonLd(Corrected(), settings))[0]["publisher"];
  EXPECT_EQ(publisher["correctionsPolicy"], "https://news.example/about/corrections/");
  settings.corrections_policy = "https://group.example/standards";
  publisher = nlohmann::json::parse(ArticleJsonLd(Corrected(), settings))[0]["publisher"];
  EXPECT_EQ(publisher["correctionsPolicy"], "https://group.example/standards");
}

TEST(StructuredDataTest, ACorrectionsPolicyIsAPathOrAnHttpUrl) {
  content::SiteSettings settings;
  for (const char* good : {"", "/about/corrections/", "https://group.example/standards"}) {
    settings.corrections_policy = good;
    EXPECT_TRUE(content::ValidateSettings(settings).has_value()) << good;
  }
  for (const char* bad : {"about/corrections", "javascript:alert(1)", "//evil.example/", "/a b/"}) {
    settings.corrections_policy = bad;
    const auto status = content::ValidateSettings(settings);
    ASSERT_FALSE(status.has_value()) << bad;
    EXPECT_EQ(status.error().field, "corrections_policy") << bad;
  }
}

TEST(StructuredDataTest, TheHomePageOffersTheSitesSearchToSearchEngines) {
  content::SiteSettings settings;
  settings.name = "The <Daily> Lede";
  settings.tagline = "News";
  settings.base_url = "https://news.example";
  const std::string text = WebSiteJsonLd(settings);
  EXPECT_EQ(text.find('<'), std::string::npos);
  const auto site = nlohmann::json::parse(text);
  EXPECT_EQ(site["@type"], "WebSite");
  EXPECT_EQ(site["name"], "The <Daily> Lede");
  EXPECT_EQ(site["url"], "https://news.example/");
  const auto& action = site["potentialAction"];
  EXPECT_EQ(action["@type"], "SearchAction");
  EXPECT_EQ(action["target"]["urlTemplate"], "https://news.example/search?q={search_term_string}");
  EXPECT_EQ(action["query-input"], "required name=search_term_string");
}

TEST(StructuredDataTest, SectionsAndTagsAreCollectionsAndAuthorsProfiles) {
  content::SiteSettings settings;
  settings.name = "The Daily Lede";
  settings.base_url = "https://news.example";
  const auto section = nlohmann::json::parse(ListingJsonLd({"World", "Global news", "/world/", false}, settings));
  EXPECT_EQ(section["@type"], "CollectionPage");
  EXPECT_EQ(section["url"], "https://news.example/world/");
  EXPECT_EQ(section["isPartOf"]["url"], "https://news.example/");
  EXPECT_FALSE(section.contains("mainEntity"));
  const auto author = nlohmann::json::parse(
      ListingJsonLd({"Mina Cho", "Seoul correspondent", "/author/mina-cho/", true}, settings));
  EXPECT_EQ(author["@type"], "ProfilePage");
  EXPECT_EQ(author["mainEntity"]["@type"], "Person");
  EXPECT_EQ(author["mainEntity"]["name"], "Mina Cho");
  EXPECT_EQ(author["mainEntity"]["url"], "https://news.example/author/mina-cho/");
}

TEST(StructuredDataTest, SocialCardsShowTheWidePictureWithItsSize) {
  theme::Data page;
  SetArticleSocial(page, Corrected(), "https://news.example");
  ASSERT_TRUE(page.get("og_image"));
  const auto& image = *page.get("og_image");
  EXPECT_EQ(image.get("url")->string_value(), "https://news.example/media/2027/01/harbour-16x9.jpg");
  EXPECT_EQ(image.get("width")->string_value(), "1200");
  EXPECT_EQ(image.get("height")->string_value(), "675");
  EXPECT_EQ(image.get("alt")->string_value(), "Boats at rest");
  EXPECT_EQ(page.get("og_type")->string_value(), "article");
  EXPECT_EQ(page.get("twitter_card")->string_value(), "summary_large_image");
  EXPECT_EQ(page.get("og_article")->get("modified")->string_value(), "2027-01-15T09:00:00Z");
  EXPECT_EQ(page.get("og_article")->get("tags")->list_value().size(), 2u);
}

}  // namespace
}  // namespace lede::site
