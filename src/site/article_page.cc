#include "site/article_page.h"

#include "site/rating_view.h"
#include "util/shown_keys.h"
#include "site/structured_data.h"
#include "site/view_model.h"
#include "util/strings.h"

namespace lede::site {

http::Response ArticlePage::Handle(const http::Request& request,
                                   const http::PathParams& params) const {
  auto bundle = catalog_.Article(params.Get("section"), params.Get("slug"));
  if (!bundle) return not_found_.ForError(bundle.error(), request);
  return Render(*bundle, request);
}

http::Response ArticlePage::Render(const publishing::ArticleBundle& bundle,
                                   const http::Request& request, bool preview) const {
  const auto& article = bundle.article;
  PageMeta meta;
  meta.title = article.headline;
  meta.description = article.standfirst;
  meta.path = ArticleUrl(article);
  meta.current_section_slug = article.section.slug;
  theme::Data data = PageData(bundle.masthead, meta, renderer_.theme());
  data.set("article", ArticleView(article, bundle.masthead.zone));
  data.set("section_name", article.section.name);
  data.set("related", CardList(bundle.related, bundle.masthead.zone));
  data.set("more_in_section", CardList(bundle.more_in_section, bundle.masthead.zone));
  data.set("latest", CardList(bundle.latest, bundle.masthead.zone));
  if (bundle.neighbours.previous) data.set("previous", ArticleCard(*bundle.neighbours.previous, bundle.masthead.zone));
  if (bundle.neighbours.next) data.set("next", ArticleCard(*bundle.neighbours.next, bundle.masthead.zone));
  data.set("has_neighbours", bundle.neighbours.previous || bundle.neighbours.next);
  const auto stars = util::ParseInt(request.QueryParam("stars").value_or(""));
  data.set("rating_block", RatingBlock(article, bundle.masthead.settings.rating,
                                 ParseRatingState(request.QueryParam("rating").value_or("")),
                                 static_cast<int>(stars.value_or(0)),
                                 request.QueryParam("feedback_error").value_or("")));
  data.set("json_ld", ArticleJsonLd(article, bundle.masthead.settings));
  SetArticleSocial(data, article, bundle.masthead.settings.base_url);
  data.set("rating_script", !preview);
  if (!preview) {
    util::NoteShown(publishing::keys::kRating, article.id);
    auto response = renderer_.Render(200, "article", data);
    // "Thank you for your vote" and its like are one reader's own.
    if (request.QueryParam("rating") || request.QueryParam("stars") ||
        request.QueryParam("feedback_error")) {
      response.SetHeader("Cache-Control", "private, no-store");
    }
    return response;
  }
  data.set("preview", true);
  auto response = renderer_.Render(200, "article", data);
  response.SetHeader("Cache-Control", "private, no-store");
  response.SetHeader("X-Robots-Tag", "noindex");
  return response;
}

}  // namespace lede::site
