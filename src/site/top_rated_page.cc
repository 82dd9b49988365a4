#include "site/top_rated_page.h"

#include "site/view_model.h"

namespace lede::site {

http::Response TopRatedPage::Handle(const http::Request&, const http::PathParams&) const {
  auto bundle = catalog_.TopRated(kLength);
  if (!bundle) return not_found_.ForError(bundle.error());
  PageMeta meta;
  meta.title = "Top rated";
  meta.description = "The articles readers found most useful";
  meta.path = "/top-rated/";
  theme::Data data = PageData(bundle->masthead, meta, renderer_.theme());
  data.set("heading", "Top rated");
  data.set("description", meta.description);
  data.set("articles", CardList(bundle->articles, bundle->masthead.zone));
  return renderer_.Render(200, "top_rated", data);
}

}  // namespace lede::site
