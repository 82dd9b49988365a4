#pragma once
// SitemapStore answers what search engines' sitemaps list: visible
// articles by month, the listings (sections, tags, authors) that have any,
// and when each last changed. Lean rows, not whole articles: a sitemap
// names 50,000 of them. Part of store::Store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/media_item.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

// A calendar month (UTC) with visible articles.
struct SitemapMonth {
  int year = 0;
  int month = 0;  // 1..12
  std::int64_t count = 0;
  util::UnixSeconds last_modified = 0;  // the latest publication or update in it
};

struct SitemapArticle {
  std::string section_slug;
  std::string slug;
  std::string headline;
  util::UnixSeconds published_at = 0;
  util::UnixSeconds last_modified = 0;
  // The lead image: path, widths and source_url only.
  std::optional<content::MediaItem> image;
};

// A section, tag or author with visible articles.
struct SitemapListing {
  enum class Kind { kSection, kTag, kAuthor } kind = Kind::kSection;
  std::string slug;
  util::UnixSeconds last_modified = 0;
};

class SitemapStore {
 public:
  virtual ~SitemapStore() = default;

  // Months with visible articles at `now`, newest first.
  virtual Result<std::vector<SitemapMonth>> ListSitemapMonths(util::UnixSeconds now) = 0;
  // Visible articles published in [from, to), oldest first, paged.
  virtual Result<std::vector<SitemapArticle>> ListSitemapArticles(util::UnixSeconds from,
                                                                  util::UnixSeconds to,
                                                                  util::UnixSeconds now, int limit,
                                                                  int offset) = 0;
  // Sections, then tags, then authors with visible articles, each by slug.
  virtual Result<std::vector<SitemapListing>> ListSitemapListings(util::UnixSeconds now) = 0;
};

}  // namespace lede::store
