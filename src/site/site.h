#pragma once
// The public site: builds every page and registers its routes.

#include <filesystem>

#include "http/router.h"
#include "media/library.h"
#include "publishing/catalog.h"
#include "publishing/preview_links.h"
#include "ratings/rating_service.h"
#include "site/article_page.h"
#include "site/home_page.h"
#include "site/listing_pages.h"
#include "site/not_found_page.h"
#include "site/rating_form.h"
#include "site/feeds.h"
#include "site/sitemaps.h"
#include "site/search_page.h"
#include "site/top_rated_page.h"
#include "site/renderer.h"
#include "theme/theme.h"

namespace lede::site {

class Site {
 public:
  // catalog, ratings and theme must outlive the Site. `media_root` is the
  // folder /media/ serves; `secure_cookies` marks cookies Secure (HTTPS).
  Site(publishing::Catalog& catalog, ratings::RatingService& ratings, const theme::Theme& theme,
       std::filesystem::path media_root, bool secure_cookies);

  // Serves /preview/{id}/{expires}/{signature}/ for links `previews` signed.
  void EnablePreviews(const publishing::PreviewLinks& previews, const util::Clock& clock) {
    previews_ = &previews;
    clock_ = &clock;
  }
  // Serves /media/file/{name}: each media item's file (media::FileName),
  // which exports point WordPress at.
  void ServeMediaFiles(const media::Library& library) { library_ = &library; }
  // Names a WebSub hub in every feed ("" for none). Before Register.
  void AnnounceHub(std::string hub) { feeds_.set_hub(std::move(hub)); }
  // The public page an article would have, saved or not (the editor's
  // preview); 404 page on error.
  http::Response RenderPreview(content::Article article) const;

  // Adds the site's routes; call after more specific routes (API, admin).
  void Register(http::Router& router) const;

  const ArticlePage& article_page() const { return article_; }

 private:
  http::Response Preview(const http::Request& request, const http::PathParams& params) const;
  http::Response MediaFile(const http::Request& request, std::string_view encoded) const;

  publishing::Catalog& catalog_;
  const publishing::PreviewLinks* previews_ = nullptr;
  const util::Clock* clock_ = nullptr;
  const media::Library* library_ = nullptr;
  const theme::Theme& theme_;
  std::filesystem::path media_root_;
  Renderer renderer_;
  Sitemaps sitemaps_;
  Feeds feeds_;
  NotFoundPage not_found_;
  ArticlePage article_;
  HomePage home_;
  ListingPage section_;
  ListingPage tag_;
  ListingPage author_;
  ListingPage corrections_;
  TopRatedPage top_rated_;
  SearchPage search_;
  RatingForm rating_form_;
};

}  // namespace lede::site
