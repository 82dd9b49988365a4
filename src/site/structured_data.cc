#include "site/structured_data.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "media/library.h"
#include "site/view_model.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::site {
namespace {

// The publisher, with the theme's mark as its logo (an SVG, which Google
// Images reads).
nlohmann::json PublisherJson(const content::SiteSettings& settings) {
  nlohmann::json publisher{
      {"@type", "Organization"},
      {"name", settings.name},
      {"url", settings.base_url + "/"},
      {"logo", {{"@type", "ImageObject"}, {"url", settings.base_url + "/static/favicon.svg"}}}};
  if (!settings.corrections_policy.empty()) {
    publisher["correctionsPolicy"] = CorrectionsPolicyUrl(settings);
  }
  return publisher;
}

}  // namespace

std::string ArticleJsonLd(const content::Article& article, const content::SiteSettings& settings) {
  using nlohmann::json;
  const std::string& base = settings.base_url;
  json data{{"@context", "https://schema.org"},
            {"@type", "NewsArticle"},
            {"headline", article.headline},
            {"mainEntityOfPage", base + ArticleUrl(article)},
            {"articleSection", article.section.name},
            {"publisher", PublisherJson(settings)}};
  if (!article.standfirst.empty()) data["description"] = article.standfirst;
  if (article.published_at) data["datePublished"] = util::FormatIso8601(*article.published_at);
  data["dateModified"] =
      util::FormatIso8601(article.updated_at.value_or(article.published_at.value_or(0)));
  json authors = json::array();
  for (const auto& author : article.authors) {
    authors.push_back({{"@type", "Person"}, {"name", author.name}, {"url", base + AuthorUrl(author)}});
  }
  if (!authors.empty()) data["author"] = authors;
  if (article.lead_image && article.lead_image->media) {
    const auto& media = *article.lead_image->media;
    json images = json::array();
    if (media.crops) {
      // The three shapes Google's article guidelines ask for.
      for (const auto& shape : media::kCropShapes) {
        images.push_back(base + "/media/" + media::CropPath(media, shape.name));
      }
    } else {
      for (int width : media.widths) images.push_back(base + "/media/" + media::VariantPath(media, width));
    }
    if (media.widths.empty() && !media.source_url.empty()) images.push_back(media.source_url);
    if (!images.empty()) data["image"] = images;
  }
  if (!article.correction.empty()) {
    json correction{{"@type", "CorrectionComment"}, {"text", article.correction}};
    if (article.updated_at) correction["datePublished"] = util::FormatIso8601(*article.updated_at);
    data["correction"] = correction;
  }
  if (!article.tags.empty()) {
    std::string keywords;
    for (const auto& tag : article.tags) keywords += (keywords.empty() ? "" : ", ") + tag.name;
    data["keywords"] = keywords;
  }
  if (settings.rating_structured_data && article.rating.count > 0) {
    data["aggregateRating"] = {{"@type", "AggregateRating"},
                               {"ratingValue", std::round(article.rating.Average() * 10) / 10},
                               {"ratingCount", article.rating.count},
                               {"bestRating", 5},
                               {"worstRating", 1}};
  }
  const std::string url = base + ArticleUrl(article);
  json breadcrumbs{{"@type", "BreadcrumbList"},
                   {"itemListElement",
                    json::array({{{"@type", "ListItem"}, {"position", 1}, {"name", settings.name},
                                  {"item", base + "/"}},
                                 {{"@type", "ListItem"}, {"position", 2}, {"name", article.section.name},
                                  {"item", base + SectionUrl(article.section)}},
                                 {{"@type", "ListItem"}, {"position", 3}, {"name", article.headline},
                                  {"item", url}}})}};
  // Two top-level items rather than an @graph: validators and consumers
  // that read only top-level items (structured-data-testing-tool) see both.
  breadcrumbs["@context"] = "https://schema.org";
  return ScriptSafeJson(json::array({data, breadcrumbs}));
}

std::string WebSiteJsonLd(const content::SiteSettings& settings) {
  using nlohmann::json;
  const std::string& base = settings.base_url;
  json site{{"@context", "https://schema.org"},
            {"@type", "WebSite"},
            {"name", settings.name},
            {"url", base + "/"},
            {"potentialAction",
             {{"@type", "SearchAction"},
              {"target", {{"@type", "EntryPoint"}, {"urlTemplate", base + "/search?q={search_term_string}"}}},
              {"query-input", "required name=search_term_string"}}}};
  if (!settings.tagline.empty()) site["description"] = settings.tagline;
  return ScriptSafeJson(site);
}

std::string ListingJsonLd(const ListingFacts& facts, const content::SiteSettings& settings) {
  using nlohmann::json;
  const std::string& base = settings.base_url;
  json page{{"@context", "https://schema.org"},
            {"@type", facts.person ? "ProfilePage" : "CollectionPage"},
            {"name", facts.name},
            {"url", base + facts.path},
            {"isPartOf", {{"@type", "WebSite"}, {"name", settings.name}, {"url", base + "/"}}}};
  if (!facts.description.empty()) page["description"] = facts.description;
  if (facts.person) {
    json person{{"@type", "Person"}, {"name", facts.name}, {"url", base + facts.path}};
    if (!facts.description.empty()) person["description"] = facts.description;
    page["mainEntity"] = person;
  }
  return ScriptSafeJson(page);
}

std::string ScriptSafeJson(const nlohmann::json& value) {
  // '<' only occurs inside JSON strings, where \u003c means the same; so no
  // headline can close the <script> element or open a comment.
  const std::string text = value.dump();
  std::string safe;
  safe.reserve(text.size());
  for (char ch : text) {
    if (ch == '<') {
      safe += "\\u003c";
    } else {
      safe += ch;
    }
  }
  return safe;
}

void SetArticleSocial(theme::Data& page, const content::Article& article, const std::string& base_url) {
  page.set("og_type", "article");
  if (article.lead_image && article.lead_image->media) {
    const auto& media = *article.lead_image->media;
    theme::Data image;
    if (media.crops) {
      const auto& wide = media::kCropShapes.back();  // 16:9, what cards show
      const auto [width, height] = media::CropSize(media, wide);
      image.set("url", base_url + "/media/" + media::CropPath(media, wide.name));
      image.set("width", std::to_string(width));
      image.set("height", std::to_string(height));
    } else if (!media.widths.empty()) {
      const int width = media.widths.back();
      image.set("url", base_url + "/media/" + media::VariantPath(media, width));
      image.set("width", std::to_string(width));
      image.set("height", std::to_string(media.width > 0 ? media.height * width / media.width : 0));
    } else {
      image.set("url", media.source_url);
    }
    image.set("alt", article.lead_image->alt);
    page.set("og_image", image);
    page.set("twitter_card", "summary_large_image");
  }
  theme::Data facts;
  if (article.published_at) facts.set("published", util::FormatIso8601(*article.published_at));
  facts.set("modified", util::FormatIso8601(article.updated_at.value_or(article.published_at.value_or(0))));
  facts.set("section", article.section.name);
  theme::Data tags{theme::Data::type::list};
  for (const auto& tag : article.tags) tags.push_back(theme::Data(tag.name));
  facts.set("tags", tags);
  page.set("og_article", facts);
}

}  // namespace lede::site
