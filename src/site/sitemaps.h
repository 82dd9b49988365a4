#pragma once
// What search engines read: /robots.txt, the sitemap index at /sitemap.xml
// over one sitemap per month of articles (at most 50,000 URLs each, split
// further when a month has more) and one of sections, tags, authors and
// pages (/sitemaps/...), and /news-sitemap.xml in Google News' format
// (the last 48 hours, at most 1,000). Every URL is absolute, built from
// the masthead's public address.

#include "http/router.h"
#include "publishing/catalog.h"

namespace lede::site {

inline constexpr int kUrlsPerSitemap = 50'000;
inline constexpr int kNewsSitemapMost = 1'000;

class Sitemaps {
 public:
  explicit Sitemaps(publishing::Catalog& catalog) : catalog_(catalog) {}

  // Adds /robots.txt, /sitemap.xml, /sitemaps/{name} and /news-sitemap.xml.
  void Register(http::Router& router) const;

  http::Response Robots() const;
  http::Response Index() const;
  // "articles-2026-11.xml", "articles-2026-11-2.xml", "listings.xml".
  http::Response Sitemap(std::string_view name) const;
  http::Response News() const;

 private:
  http::Response Articles(int year, int month, int part) const;
  http::Response Listings() const;

  publishing::Catalog& catalog_;
};

}  // namespace lede::site
