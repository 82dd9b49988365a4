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

  http::Response Handle(const http::Request& request, const http::PathParams& params) const;
  // kNotFound: the 404 page. Anything else: a 500 page, logged once here.
  http::Response ForError(const Error& error) const;

 private:
  publishing::Catalog& catalog_;
  const Renderer& renderer_;
};

// Parses ?page=N: 1 when absent, nullopt when not a positive number.
std::optional<int> PageNumber(const http::Request& request);

}  // namespace lede::site
