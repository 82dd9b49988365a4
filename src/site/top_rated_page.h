#pragma once

#include "http/message.h"
#include "http/router.h"
#include "publishing/catalog.h"
#include "site/not_found_page.h"
#include "site/renderer.h"

namespace lede::site {

// /top-rated/: the articles readers found most useful, by Bayesian average.
class TopRatedPage {
 public:
  static constexpr int kLength = publishing::kTopRatedLength;

  TopRatedPage(publishing::Catalog& catalog, const Renderer& renderer, const NotFoundPage& not_found)
      : catalog_(catalog), renderer_(renderer), not_found_(not_found) {}

  http::Response Handle(const http::Request& request, const http::PathParams& params) const;

 private:
  publishing::Catalog& catalog_;
  const Renderer& renderer_;
  const NotFoundPage& not_found_;
};

}  // namespace lede::site
