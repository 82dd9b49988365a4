#include "site/article_page.h"

#include "site/view_model.h"

namespace lede::site {

http::Response ArticlePage::Handle(const http::Request&, const http::PathParams& params) const {
  auto bundle = catalog_.Article(params.Get("section"), params.Get("slug"));
  if (!bundle) return not_found_.ForError(bundle.error());
  return Render(*bundle);
}

http::Response ArticlePage::Render(const publishing::ArticleBundle& bundle) const {
  const auto& article = bundle.article;
  PageMeta meta;
  meta.title = article.headline;
  meta.description = article.standfirst;
  meta.path = ArticleUrl(article);
  meta.current_section_slug = article.section.slug;
  theme::Data data = PageData(bundle.masthead, meta, renderer_.theme().asset_version());
  data.set("article", ArticleView(article));
  data.set("section_name", article.section.name);
  data.set("more_in_section", CardList(bundle.more_in_section));
  data.set("latest", CardList(bundle.latest));
  if (bundle.neighbours.previous) data.set("previous", ArticleCard(*bundle.neighbours.previous));
  if (bundle.neighbours.next) data.set("next", ArticleCard(*bundle.neighbours.next));
  data.set("has_neighbours", bundle.neighbours.previous || bundle.neighbours.next);
  return renderer_.Render(200, "article", data);
}

}  // namespace lede::site
