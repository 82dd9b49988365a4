#include "site/structured_data.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "media/library.h"
#include "site/view_model.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::site {

std::string ArticleJsonLd(const content::Article& article, const content::SiteSettings& settings) {
  using nlohmann::json;
  const std::string& base = settings.base_url;
  json data{{"@context", "https://schema.org"},
            {"@type", "NewsArticle"},
            {"headline", article.headline},
            {"mainEntityOfPage", base + ArticleUrl(article)},
            {"articleSection", article.section.name},
            {"publisher", {{"@type", "Organization"}, {"name", settings.name}}}};
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
    for (int width : media.widths) images.push_back(base + "/media/" + media::VariantPath(media, width));
    if (media.widths.empty() && !media.source_url.empty()) images.push_back(media.source_url);
    if (!images.empty()) data["image"] = images;
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
  // '<' only occurs inside JSON strings, where \u003c means the same; so no
  // headline can close the <script> element or open a comment.
  const std::string text = data.dump();
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

}  // namespace lede::site
