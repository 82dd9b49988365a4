#pragma once
// /search?q=...: the reader's search, with filters by section and date
// (section, from, to), ten results a page (?page=N), each with its
// headline and an excerpt, matched words marked. A search without words
// shows the form; one without results suggests a spelling and the latest
// news. A request that cannot be searched (too long, a bad date, an
// unknown section) answers 400 with the form and the reason beside it.
// Other query parameters (a campaign's tracking tags) are ignored.

#include "http/message.h"
#include "http/router.h"
#include "publishing/catalog.h"
#include "site/not_found_page.h"
#include "site/renderer.h"

namespace lede::site {

class SearchPage {
 public:
  SearchPage(publishing::Catalog& catalog, const Renderer& renderer, const NotFoundPage& not_found)
      : catalog_(catalog), renderer_(renderer), not_found_(not_found) {}

  http::Response Handle(const http::Request& request, const http::PathParams& params) const;

 private:
  publishing::Catalog& catalog_;
  const Renderer& renderer_;
  const NotFoundPage& not_found_;
};

}  // namespace lede::site
