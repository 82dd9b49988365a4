// The Content API's articles: GET /api/v1/articles and
// /api/v1/articles/{slug}. Fields are named as the Admin API names them;
// what the Admin API gives as a slug (section, tags, authors) is here an
// object with the name and URL an app shows, and every URL is absolute.
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "api/article_json.h"
#include "api/content_api.h"
#include "util/shown_keys.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::api {
namespace {

using nlohmann::json;

// Every field of an article object (one article's answer adds "related").
// A `fields=` naming anything else is refused.
constexpr std::string_view kArticleFields[] = {
    "id",        "slug",        "url",         "headline",  "standfirst",   "quick_looks",
    "body_html", "section",     "tags",        "authors",   "dateline",     "edition",
    "top_story", "correction",  "published_at", "updated_at", "lead_image", "rating"};

json OptionalTime(const std::optional<util::UnixSeconds>& time) {
  return time ? json(util::FormatIso8601(*time)) : json(nullptr);
}

// MediaJson with its paths made absolute.
json AbsoluteMedia(const content::MediaItem& item, const std::string& base) {
  json media = MediaJson(item);
  const auto absolute = [&](json& value) {
    if (value.is_string() && value.get<std::string>().starts_with("/")) value = base + value.get<std::string>();
  };
  absolute(media["url"]);
  for (auto& variant : media["variants"]) {
    absolute(variant["jpeg"]);
    if (variant.contains("webp")) absolute(variant["webp"]);
  }
  for (auto& [shape, url] : media["crops"].items()) absolute(url);
  return media;
}

json LeadImage(const content::Article& article, const std::string& base) {
  if (!article.lead_image) return nullptr;
  const auto& lead = *article.lead_image;
  json image{{"caption", lead.caption}, {"credit", lead.credit}, {"alt", lead.alt}};
  if (lead.media) {
    json media = AbsoluteMedia(*lead.media, base);
    for (const char* key : {"url", "width", "height", "variants", "crops", "focal_point"}) {
      image[key] = media[key];
    }
  }
  return image;
}

json ArticleObject(const content::Article& article, const std::string& base) {
  util::NoteShown(publishing::keys::kRating, article.id);  // the object carries it
  json tags = json::array();
  for (const auto& tag : article.tags) {
    tags.push_back({{"slug", tag.slug},
                    {"name", tag.name},
                    {"url", fmt::format("{}/tag/{}/", base, util::EncodePathSegment(tag.slug))}});
  }
  json authors = json::array();
  for (const auto& author : article.authors) {
    authors.push_back({{"slug", author.slug},
                       {"name", author.name},
                       {"url", fmt::format("{}/author/{}/", base, util::EncodePathSegment(author.slug))}});
  }
  return json{
      {"id", article.id},
      {"slug", article.slug},
      {"url", base + content::ArticlePath(article)},
      {"headline", article.headline},
      {"standfirst", article.standfirst},
      {"quick_looks", article.quick_looks},
      {"body_html", article.body_html.view()},
      {"section", {{"slug", article.section.slug},
                   {"name", article.section.name},
                   {"url", base + content::SectionPath(article.section)}}},
      {"tags", tags},
      {"authors", authors},
      {"dateline", article.dateline},
      {"edition", article.edition},
      {"top_story", article.top_story},
      {"correction", article.correction},
      {"published_at", OptionalTime(article.published_at)},
      {"updated_at", OptionalTime(article.updated_at)},
      {"lead_image", LeadImage(article, base)},
      {"rating", RatingJson(article.rating)},
  };
}

// A related article, short: enough for a link with a picture.
json RelatedObject(const content::Article& article, const std::string& base) {
  json full = ArticleObject(article, base);
  json brief = json::object();
  for (const char* key : {"id", "slug", "url", "headline", "standfirst", "section", "published_at",
                          "lead_image"}) {
    brief[key] = std::move(full[key]);
  }
  return brief;
}

// The names in `fields=` (comma-separated), checked; empty for every field.
Result<std::vector<std::string>> ParseFields(const http::Request& request, bool with_related) {
  std::vector<std::string> fields;
  const auto value = request.QueryParam("fields");
  if (!value) return fields;
  for (auto name : util::Split(*value, ',')) {
    name = util::Trim(name);
    if (name.empty()) continue;
    const bool known = std::find(std::begin(kArticleFields), std::end(kArticleFields), name) !=
                           std::end(kArticleFields) ||
                       (with_related && name == "related");
    if (!known) {
      return InvalidArgument(fmt::format("fields names an unknown field \"{}\"", name), "fields");
    }
    fields.emplace_back(name);
  }
  if (fields.empty()) return InvalidArgument("fields names no field", "fields");
  return fields;
}

json Trimmed(json object, const std::vector<std::string>& fields) {
  if (fields.empty()) return object;
  json kept = json::object();
  for (const auto& name : fields) kept[name] = std::move(object[name]);
  return kept;
}

http::Response Refused(const http::Request& request, const Error& error) {
  const int status = http::StatusFor(error.code);
  return ParameterError(request, status, status >= 500 ? "the site is unavailable" : error.message,
                        error.field);
}

}  // namespace

http::Response ContentApi::Articles(const http::Request& request) const {
  if (auto refused = RefuseUnknownParameters(request, {"section", "tag", "author", "top_story", "since",
                                                       "q", "cursor", "limit", "fields"})) {
    return *refused;
  }
  publishing::ArticlesRequest query;
  query.section = request.QueryParam("section").value_or("");
  query.tag = request.QueryParam("tag").value_or("");
  query.author = request.QueryParam("author").value_or("");
  query.since = request.QueryParam("since").value_or("");
  query.text = request.QueryParam("q").value_or("");
  query.cursor = request.QueryParam("cursor").value_or("");
  if (const auto top = request.QueryParam("top_story")) {
    if (*top != "true" && *top != "false") {
      return ParameterError(request, 400, "top_story must be true or false", "top_story");
    }
    query.top_stories_only = *top == "true";
  }
  const auto limit = IntParameter(request, "limit", publishing::kApiPageSize);
  if (!limit || *limit > publishing::kApiMaxPageSize) {
    return ParameterError(request, 400,
                          fmt::format("limit must be from 1 to {}", publishing::kApiMaxPageSize), "limit");
  }
  query.limit = *limit;
  auto fields = ParseFields(request, false);
  if (!fields) return Refused(request, fields.error());
  auto found = catalog_.Articles(query);
  if (!found) return Refused(request, found.error());
  const std::string& base = found->masthead.settings.base_url;
  json items = json::array();
  for (const auto& article : found->articles) items.push_back(Trimmed(ArticleObject(article, base), *fields));
  json next = nullptr;
  if (!found->next_cursor.empty()) {
    // The next page's URL keeps every filter; only the cursor changes.
    std::string url = base + "/api/v1/articles?";
    for (auto pair : util::Split(request.query, '&')) {
      if (!pair.empty() && !pair.starts_with("cursor=")) url += std::string(pair) + "&";
    }
    next = url + "cursor=" + util::EncodeQueryValue(found->next_cursor);
  }
  return ContentAnswer(request, 200,
                       {{"articles", items},
                        {"next_cursor", found->next_cursor.empty() ? json(nullptr) : json(found->next_cursor)},
                        {"next_url", next}});
}

http::Response ContentApi::Article(const http::Request& request, std::string_view slug) const {
  if (auto refused = RefuseUnknownParameters(request, {"fields"})) return *refused;
  auto fields = ParseFields(request, true);
  if (!fields) return Refused(request, fields.error());
  auto found = catalog_.ArticleBySlug(slug);
  if (!found && found.error().code == ErrorCode::kNotFound) {
    return ParameterError(request, 404, fmt::format("no article \"{}\"", slug), "");
  }
  if (!found) return Refused(request, found.error());
  const std::string& base = found->masthead.settings.base_url;
  json article = ArticleObject(found->article, base);
  json related = json::array();
  for (const auto& other : found->related) related.push_back(RelatedObject(other, base));
  article["related"] = std::move(related);
  return ContentAnswer(request, 200, Trimmed(std::move(article), *fields));
}

}  // namespace lede::api
