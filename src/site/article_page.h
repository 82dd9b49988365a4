#pragma once

#include "http/message.h"
#include "http/router.h"
#include "publishing/catalog.h"
#include "site/not_found_page.h"
#include "site/renderer.h"

namespace lede::site {

// /{section}/{slug}/: the article with every part of the reference page.
class ArticlePage {
 public:
  ArticlePage(publishing::Catalog& catalog, const Renderer& renderer,
              const NotFoundPage& not_found)
      : catalog_(catalog), renderer_(renderer), not_found_(not_found) {}

  http::Response Handle(const http::Request& request, const http::PathParams& params) const;
  // The page for a bundle already loaded (used by Handle and the benchmark).
  // `request` supplies the rating block's state after a form vote.
  // `preview` marks the page as a preview (a banner, never indexed or
  // cached).
  http::Response Render(const publishing::ArticleBundle& bundle,
                        const http::Request& request = {}, bool preview = false) const;

 private:
  publishing::Catalog& catalog_;
  const Renderer& renderer_;
  const NotFoundPage& not_found_;
};

}  // namespace lede::site
