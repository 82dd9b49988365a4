#pragma once
// Feeds for readers' apps and aggregators: RSS 2.0 at /feed/,
// /{section}/feed/, /tag/{slug}/feed/ and /author/{slug}/feed/, and Atom
// (RFC 4287) at /atom.xml. The 30 newest visible articles, each with its
// full HTML (Quick Looks, body, correction) and its standfirst as summary,
// the lead image as enclosure and media:content, and an id that never
// changes when the article is edited or moved (a tag: URI of its row).
// Conditional GET: a strong ETag and Last-Modified, 304 when unchanged.

#include <filesystem>

#include "http/router.h"
#include "publishing/catalog.h"

namespace lede::site {

class Feeds {
 public:
  // `media_root` is where image variants are (for the enclosure's length).
  Feeds(publishing::Catalog& catalog, std::filesystem::path media_root)
      : catalog_(catalog), media_root_(std::move(media_root)) {}

  // Adds the feed routes; before "/{section}/{slug}/", which would take
  // "/world/feed/".
  void Register(http::Router& router) const;
  // A WebSub hub the feeds name (<atom:link rel="hub">), or "".
  void set_hub(std::string hub) { hub_ = std::move(hub); }

  http::Response Rss(publishing::FeedKind kind, std::string_view slug, const http::Request& request) const;
  http::Response Atom(const http::Request& request) const;

 private:
  publishing::Catalog& catalog_;
  std::filesystem::path media_root_;
  std::string hub_;
};

// A feed reader's id for an article: "tag:news.example,2026:article:12".
std::string ArticleTagUri(std::string_view base_url, const content::Article& article);

}  // namespace lede::site
