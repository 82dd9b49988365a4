#pragma once
// The public site: builds every page and registers its routes.

#include <filesystem>

#include "http/router.h"
#include "publishing/catalog.h"
#include "site/article_page.h"
#include "site/home_page.h"
#include "site/listing_pages.h"
#include "site/not_found_page.h"
#include "site/renderer.h"
#include "theme/theme.h"

namespace lede::site {

class Site {
 public:
  // catalog and theme must outlive the Site. `media_root` is the folder
  // /media/ serves.
  Site(publishing::Catalog& catalog, const theme::Theme& theme, std::filesystem::path media_root);

  // Adds the site's routes; call after more specific routes (API, admin).
  void Register(http::Router& router) const;

  const ArticlePage& article_page() const { return article_; }

 private:
  const theme::Theme& theme_;
  std::filesystem::path media_root_;
  Renderer renderer_;
  NotFoundPage not_found_;
  ArticlePage article_;
  HomePage home_;
  ListingPage section_;
  ListingPage tag_;
  ListingPage author_;
};

}  // namespace lede::site
