#pragma once

#include "http/message.h"
#include "http/router.h"
#include "publishing/catalog.h"
#include "site/renderer.h"

namespace lede::site {

// The theme's 404 page, and the one place a failed lookup becomes a page.
class NotFoundPage {
 public:
  NotFoundPage(publishing::Catalog& catalog, const Renderer& renderer)
      : catalog_(catalog), renderer_(renderer) {}

  // What answers a path no route took: a static page at that path, else a
  // 301 when it (or its "/?p=ID"-style query) is an old URL, else the 404.
  http::Response Handle(const http::Request& request, const http::PathParams& params) const;
  // The published static page at the request's path, rendered, or nullopt.
  std::optional<http::Response> StaticPage(const http::Request& request) const;
  // The 301 for an old URL, or nullopt.
  std::optional<http::Response> OldUrl(const http::Request& request) const;
  // kNotFound: a 301 when `request` names an old URL, else the 404 page.
  // Anything else: a 500 page, logged once here.
  http::Response ForError(const Error& error, const http::Request& request = {}) const;

 private:
  http::Response NotFound() const;

  publishing::Catalog& catalog_;
  const Renderer& renderer_;
};

// Parses ?page=N: 1 when absent, nullopt when not a positive number.
std::optional<int> PageNumber(const http::Request& request);

}  // namespace lede::site
