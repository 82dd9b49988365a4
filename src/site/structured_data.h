#pragma once
// schema.org JSON-LD for the site's pages: NewsArticle and BreadcrumbList
// for articles, WebSite with a SearchAction for the home page,
// CollectionPage for sections and tags, ProfilePage for authors.

#include <nlohmann/json_fwd.hpp>

#include <string>

#include "content/article.h"
#include "content/site_settings.h"
#include "theme/theme.h"

namespace lede::site {

// The JSON, safe to place inside <script type="application/ld+json"> ("</"
// is escaped). An AggregateRating is included only when the site turned it
// on and the article has votes.
// With its picture as the 1:1, 4:3 and 16:9 crops when the library has
// them, its correction as a CorrectionComment, its publisher with a logo,
// and a BreadcrumbList (Home > Section > Article) beside it: a JSON array
// of the two.
std::string ArticleJsonLd(const content::Article& article, const content::SiteSettings& settings);

// The home page's WebSite, with the SearchAction that lets a search
// engine offer the site's own search.
std::string WebSiteJsonLd(const content::SiteSettings& settings);

// A listing: a section or tag (CollectionPage), or an author (ProfilePage
// with the Person as its main entity).
struct ListingFacts {
  std::string name;
  std::string description;
  std::string path;
  bool person = false;
};
std::string ListingJsonLd(const ListingFacts& facts, const content::SiteSettings& settings);

// `value` as text safe inside <script type="application/ld+json">: every
// '<' written as \u003c.
std::string ScriptSafeJson(const nlohmann::json& value);

// OpenGraph and Twitter card fields of an article page: og:type article,
// its picture (the 16:9 crop, else the widest variant) with size and alt,
// published and modified times, section and tags; a large-image card.
void SetArticleSocial(theme::Data& page, const content::Article& article, const std::string& base_url);

}  // namespace lede::site
