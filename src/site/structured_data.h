#pragma once
// schema.org NewsArticle JSON-LD for an article page.

#include <string>

#include "content/article.h"
#include "content/site_settings.h"

namespace lede::site {

// The JSON, safe to place inside <script type="application/ld+json"> ("</"
// is escaped). An AggregateRating is included only when the site turned it
// on and the article has votes.
std::string ArticleJsonLd(const content::Article& article, const content::SiteSettings& settings);

}  // namespace lede::site
