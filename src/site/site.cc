#include "site/site.h"

#include <fmt/format.h>

#include "http/conditional.h"
#include "http/static_files.h"
#include "site/assets.h"
#include "util/strings.h"

namespace lede::site {

Site::Site(publishing::Catalog& catalog, ratings::RatingService& ratings,
           const theme::Theme& theme, std::filesystem::path media_root, bool secure_cookies)
    : catalog_(catalog),
      theme_(theme),
      media_root_(std::move(media_root)),
      renderer_(theme),
      sitemaps_(catalog),
      feeds_(catalog, media_root_),
      not_found_(catalog, renderer_),
      article_(catalog, renderer_, not_found_),
      home_(catalog, renderer_, not_found_),
      section_(ListingKind::kSection, catalog, renderer_, not_found_),
      tag_(ListingKind::kTag, catalog, renderer_, not_found_),
      author_(ListingKind::kAuthor, catalog, renderer_, not_found_),
      corrections_(ListingKind::kCorrections, catalog, renderer_, not_found_),
      top_rated_(catalog, renderer_, not_found_),
      search_(catalog, renderer_, not_found_),
      rating_form_(catalog, ratings, not_found_, secure_cookies) {}

void Site::Register(http::Router& router) const {
  using http::Method;
  using http::PathParams;
  using http::Request;
  router.Add(Method::kGet, "/", [this](const Request& r, const PathParams& p) {
    return home_.Handle(r, p);
  });
  sitemaps_.Register(router);
  feeds_.Register(router);
  // Before the sections' "/{section}/" routes.
  router.Add(Method::kGet, "/corrections/", [this](const Request& r, const PathParams& p) {
    return corrections_.Handle(r, p);
  });
  router.Add(Method::kGet, "/static/{*path}", [this](const Request& r, const PathParams& p) {
    return ServeAsset(theme_, r, p);
  });
  router.Add(Method::kGet, "/media/{*path}", [this](const Request& r, const PathParams& p) {
    const std::string_view path = p.Get("path");
    if (path.starts_with("file/")) return MediaFile(r, path.substr(5));
    // Variant names never change once written, so they cache for a week.
    auto served = http::ServeFile(media_root_, path, r, 7 * 24 * 3600);
    if (served.status != 404 || !library_) return served;
    // Written by another node (many nodes share one store), or a crop
    // from before crops were named by their focal point: had now.
    const auto relative = http::SafeRelativePath(path);
    if (!relative) return served;
    auto recovered = library_->Recover(relative->generic_string());
    if (!recovered || !*recovered) return served;
    return http::ServeFile(media_root_, path, r, 7 * 24 * 3600);
  });
  router.Add(Method::kGet, "/preview/{id}/{expires}/{signature}/",
             [this](const Request& r, const PathParams& p) { return Preview(r, p); });
  router.Add(Method::kGet, "/tag/{slug}/", [this](const Request& r, const PathParams& p) {
    return tag_.Handle(r, p);
  });
  router.Add(Method::kGet, "/author/{slug}/", [this](const Request& r, const PathParams& p) {
    return author_.Handle(r, p);
  });
  router.Add(Method::kGet, "/top-rated/", [this](const Request& r, const PathParams& p) {
    return top_rated_.Handle(r, p);
  });
  router.Add(Method::kGet, "/search", [this](const Request& r, const PathParams& p) {
    return search_.Handle(r, p);
  });
  router.AddAsync(Method::kPost, "/{section}/{slug}/rating",
                  [this](const Request& r, const PathParams& p, http::Reply reply) {
                    rating_form_.Rate(r, p, std::move(reply));
                  });
  router.Add(Method::kPost, "/{section}/{slug}/feedback", [this](const Request& r, const PathParams& p) {
    return rating_form_.Feedback(r, p);
  });
  router.Add(Method::kGet, "/{section}/", [this](const Request& r, const PathParams& p) {
    return section_.Handle(r, p);
  });
  router.Add(Method::kGet, "/{section}/{slug}/", [this](const Request& r, const PathParams& p) {
    return article_.Handle(r, p);
  });
  router.SetNotFound([this](const Request& r, const PathParams& p) {
    return not_found_.Handle(r, p);
  });
}

http::Response Site::MediaFile(const http::Request& request, std::string_view encoded) const {
  const auto relative = http::SafeRelativePath(encoded);
  if (!library_ || !relative) return http::Response::Text(404, "Not found\n");
  // Made once (the original without its metadata), then served as any
  // file; a file's name never changes what it holds.
  const std::string served = fmt::format("{}/{}", media::Library::kServedFolder, encoded);
  constexpr int kWeek = 7 * 24 * 3600;
  auto response = http::ServeFile(media_root_, served, request, kWeek);
  if (response.status != 404) return response;
  if (auto kept = library_->KeepServedFile(relative->generic_string()); !kept) {
    return http::Response::PlainError(kept.error());
  }
  return http::ServeFile(media_root_, served, request, kWeek);
}

http::Response Site::Preview(const http::Request& request, const http::PathParams& params) const {
  const auto id = util::ParseInt(params.Get("id"));
  const auto expires = util::ParseInt(params.Get("expires"));
  if (!previews_ || !id || !expires ||
      !previews_->Verify(*id, *expires, params.Get("signature"), clock_->Now())) {
    auto response = not_found_.Handle(request, params);
    response.status = 404;
    return response;
  }
  auto bundle = catalog_.PreviewOf(*id);
  if (!bundle) return not_found_.ForError(bundle.error(), request);
  return article_.Render(*bundle, request, /*preview=*/true);
}

http::Response Site::RenderPreview(content::Article article) const {
  auto bundle = catalog_.Around(std::move(article));
  if (!bundle) return not_found_.ForError(bundle.error(), {});
  return article_.Render(*bundle, {}, /*preview=*/true);
}

}  // namespace lede::site
