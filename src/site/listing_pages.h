#pragma once
// Paginated listings, newest first: /{section}/, /tag/{slug}/,
// /author/{slug}/ and /corrections/ (each correction's note, its date and
// its article, the latest change first), with ?page=N and rel prev/next
// links.

#include "http/message.h"
#include "http/router.h"
#include "publishing/catalog.h"
#include "site/not_found_page.h"
#include "site/renderer.h"

namespace lede::site {

enum class ListingKind { kSection, kTag, kAuthor, kCorrections };

class ListingPage {
 public:
  ListingPage(ListingKind kind, publishing::Catalog& catalog, const Renderer& renderer,
              const NotFoundPage& not_found)
      : kind_(kind), catalog_(catalog), renderer_(renderer), not_found_(not_found) {}

  http::Response Handle(const http::Request& request, const http::PathParams& params) const;

 private:
  ListingKind kind_;
  publishing::Catalog& catalog_;
  const Renderer& renderer_;
  const NotFoundPage& not_found_;
};

}  // namespace lede::site
