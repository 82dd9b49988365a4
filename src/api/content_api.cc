#include "api/content_api.h"

#include <fmt/format.h>

#include <algorithm>

#include "http/conditional.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& content_api_description();
}  // namespace lede::embedded

namespace lede::api {
using nlohmann::json;

std::optional<http::Response> RefuseUnknownParameters(const http::Request& request,
                                                     std::initializer_list<std::string_view> known) {
  for (auto pair : util::Split(request.query, '&')) {
    if (pair.empty()) continue;
    const auto name = util::UrlDecode(pair.substr(0, pair.find('=')), true).value_or(std::string(pair));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return ParameterError(request, 400, fmt::format("unknown parameter \"{}\"", name), name);
    }
  }
  return std::nullopt;
}

// A positive integer parameter; `fallback` when absent, nullopt when bad.
std::optional<int> IntParameter(const http::Request& request, std::string_view name, int fallback) {
  const auto value = request.QueryParam(name);
  if (!value) return fallback;
  const auto number = util::ParseInt(*value);
  if (!number || *number < 1 || *number > 1'000'000) return std::nullopt;
  return static_cast<int>(*number);
}

http::Response ContentAnswer(const http::Request& request, int status, const json& body) {
  // A reader's bytes (an unknown parameter's name, a section asked for)
  // may be echoed in an error: invalid UTF-8 is replaced, never a throw.
  auto response =
      http::Response::Json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
  response.SetHeader("Access-Control-Allow-Origin", "*");
  response.SetHeader("Access-Control-Expose-Headers", "ETag");
  if (status != 200) return response;
  response.SetHeader("Cache-Control", "public, max-age=60");
  return http::Conditional(request, std::move(response));
}

http::Response ParameterError(const http::Request& request, int status, std::string_view message,
                              std::string_view parameter) {
  json body{{"error", message}};
  if (!parameter.empty()) body["parameter"] = parameter;
  return ContentAnswer(request, status, body);
}

void ContentApi::Register(http::Router& router) const {
  using http::Method;
  router.Add(Method::kGet, "/api/v1/search",
             [this](const http::Request& r, const http::PathParams&) { return Search(r); });
  router.Add(Method::kGet, "/api/v1/articles",
             [this](const http::Request& r, const http::PathParams&) { return Articles(r); });
  router.Add(Method::kGet, "/api/v1/articles/{slug}",
             [this](const http::Request& r, const http::PathParams& p) { return Article(r, p.Get("slug")); });
  router.Add(Method::kGet, "/api/v1/corrections",
             [this](const http::Request& r, const http::PathParams&) { return Corrections(r); });
  router.Add(Method::kGet, "/api/v1/sections", [this](const http::Request& r, const http::PathParams&) {
    return List(r, Listing::kSections);
  });
  router.Add(Method::kGet, "/api/v1/tags", [this](const http::Request& r, const http::PathParams&) {
    return List(r, Listing::kTags);
  });
  router.Add(Method::kGet, "/api/v1/authors", [this](const http::Request& r, const http::PathParams&) {
    return List(r, Listing::kAuthors);
  });
  router.Add(Method::kGet, "/api/v1/openapi.json",
             [this](const http::Request& r, const http::PathParams&) { return Description(r); });
  // Preflight for cross-origin requests that send If-None-Match.
  router.Add(Method::kOptions, "/api/v1/{*path}", [](const http::Request&, const http::PathParams&) {
    http::Response response = http::Response::Text(204, "");
    response.SetHeader("Access-Control-Allow-Origin", "*");
    response.SetHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    response.SetHeader("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since");
    response.SetHeader("Access-Control-Max-Age", "86400");
    return response;
  });
}

http::Response ContentApi::Search(const http::Request& request) const {
  if (auto refused =
          RefuseUnknownParameters(request, {"q", "section", "from", "to", "page", "per_page"})) {
    return *refused;
  }
  publishing::SearchRequest search;
  search.text = request.QueryParam("q").value_or("");
  search.section = request.QueryParam("section").value_or("");
  search.from = request.QueryParam("from").value_or("");
  search.to = request.QueryParam("to").value_or("");
  const auto page = IntParameter(request, "page", 1);
  if (!page) return ParameterError(request, 400, "page must be a positive number", "page");
  const auto per_page = IntParameter(request, "per_page", publishing::kSearchPageSize);
  if (!per_page) return ParameterError(request, 400, "per_page must be from 1 to 50", "per_page");
  search.page = *page;
  search.per_page = *per_page;
  auto found = catalog_.Search(search);
  if (!found) {
    const int status = http::StatusFor(found.error().code);
    return ParameterError(request, status, status >= 500 ? "the search is unavailable" : found.error().message,
                          found.error().field);
  }
  const auto& base = found->masthead.settings.base_url;
  json results = json::array();
  for (const auto& hit : found->result.hits) {
    const auto& article = hit.article;
    results.push_back({
        {"id", article.id},
        {"url", base + content::ArticlePath(article)},
        {"slug", article.slug},
        {"headline", article.headline},
        {"standfirst", article.standfirst},
        {"section", {{"slug", article.section.slug}, {"name", article.section.name}}},
        {"published_at", article.published_at ? json(util::FormatIso8601(*article.published_at)) : json(nullptr)},
        {"updated_at", article.updated_at ? json(util::FormatIso8601(*article.updated_at)) : json(nullptr)},
        {"headline_html", publishing::MarkedHtml(hit.headline)},
        {"snippet_html", publishing::MarkedHtml(hit.snippet)},
    });
  }
  json body{{"query", found->text},
            {"total", found->result.total},
            {"total_is_capped", found->result.capped},
            {"page", found->page},
            {"per_page", search.per_page},
            {"page_count", found->page_count},
            {"results", results},
            {"suggestion", found->result.suggestion ? json(*found->result.suggestion) : json(nullptr)}};
  return ContentAnswer(request, 200, body);
}

http::Response ContentApi::Description(const http::Request& request) const {
  if (auto refused = RefuseUnknownParameters(request, {})) return *refused;
  // Parsed once; the server's address is the site's, as in every answer.
  static const json kDescription = json::parse(embedded::content_api_description().front().second);
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return ParameterError(request, 503, "the site is unavailable", "");
  json description = kDescription;
  description["servers"] = json::array({{{"url", masthead->settings.base_url + "/api/v1"}}});
  return ContentAnswer(request, 200, description);
}

http::Response ContentApi::List(const http::Request& request, Listing listing) const {
  if (auto refused = RefuseUnknownParameters(request, {})) return *refused;
  auto directory = catalog_.Directory();
  if (!directory) return ParameterError(request, 503, "the site is unavailable", "");
  const std::string& base = directory->masthead.settings.base_url;
  json items = json::array();
  switch (listing) {
    case Listing::kSections:
      for (const auto& section : directory->masthead.sections) {
        const std::string url = base + content::SectionPath(section);
        items.push_back({{"slug", section.slug}, {"name", section.name},
                         {"description", section.description}, {"url", url},
                         {"feed_url", url + "feed/"}});
      }
      return ContentAnswer(request, 200, {{"sections", items}});
    case Listing::kTags:
      for (const auto& tag : directory->tags) {
        const std::string url = fmt::format("{}/tag/{}/", base, util::EncodePathSegment(tag.slug));
        items.push_back({{"slug", tag.slug}, {"name", tag.name}, {"url", url}, {"feed_url", url + "feed/"}});
      }
      return ContentAnswer(request, 200, {{"tags", items}});
    case Listing::kAuthors:
      for (const auto& author : directory->authors) {
        const std::string url = fmt::format("{}/author/{}/", base, util::EncodePathSegment(author.slug));
        items.push_back({{"slug", author.slug}, {"name", author.name}, {"bio", author.bio}, {"url", url},
                         {"feed_url", url + "feed/"}});
      }
      return ContentAnswer(request, 200, {{"authors", items}});
  }
  return ParameterError(request, 404, "no such listing", "");
}

http::Response ContentApi::Corrections(const http::Request& request) const {
  if (auto refused = RefuseUnknownParameters(request, {"page"})) return *refused;
  const auto page = IntParameter(request, "page", 1);
  if (!page) return ParameterError(request, 400, "page must be a positive number", "page");
  auto list = catalog_.CorrectionsPage(*page);
  if (!list && list.error().code == ErrorCode::kNotFound) {
    return ParameterError(request, 400, list.error().message, "page");
  }
  if (!list) return ParameterError(request, 503, "the site is unavailable", "");
  const std::string& base = list->masthead.settings.base_url;
  json items = json::array();
  for (const auto& article : list->articles) {
    const auto changed = article.updated_at.value_or(article.published_at.value_or(article.created_at));
    items.push_back({{"headline", article.headline},
                     {"url", base + content::ArticlePath(article)},
                     {"correction", article.correction},
                     {"corrected_at", util::FormatIso8601(changed)}});
  }
  return ContentAnswer(request, 200,
                       {{"corrections", items}, {"page", list->page}, {"page_count", list->page_count}});
}

}  // namespace lede::api
