#include "site/home_page.h"

#include "site/structured_data.h"
#include "site/view_model.h"

namespace lede::site {

http::Response HomePage::Handle(const http::Request& request, const http::PathParams&) const {
  // "/?p=123" and friends: an imported site's old links.
  if (!request.query.empty()) {
    if (auto moved = not_found_.OldUrl(request)) return std::move(*moved);
  }
  auto bundle = catalog_.Home();
  if (!bundle) return not_found_.ForError(bundle.error());
  theme::Data data = PageData(bundle->masthead, {.path = "/"}, renderer_.theme());
  // The first top story leads the page with a larger treatment.
  if (!bundle->top_stories.empty()) data.set("lead_story", ArticleCard(bundle->top_stories.front(), bundle->masthead.zone));
  std::vector<content::Article> other_top(bundle->top_stories.begin() + (bundle->top_stories.empty() ? 0 : 1),
                                          bundle->top_stories.end());
  data.set("top_stories", CardList(other_top, bundle->masthead.zone));
  data.set("latest", CardList(bundle->latest, bundle->masthead.zone));
  theme::Data sections{theme::Data::type::list};
  for (const auto& block : bundle->sections) {
    theme::Data item = CardList(block.articles, bundle->masthead.zone);
    item.set("name", block.section.name);
    item.set("url", SectionUrl(block.section));
    item.set("heading_id", "section-" + block.section.slug);
    sections.push_back(item);
  }
  data.set("sections", sections);
  data.set("top_rated", CardList(bundle->top_rated, bundle->masthead.zone));
  data.set("json_ld", WebSiteJsonLd(bundle->masthead.settings));
  return renderer_.Render(200, "home", data);
}

}  // namespace lede::site
