#pragma once
// The public, read-only Content API: JSON for apps and other sites.
//   GET /api/v1/articles?section=&tag=&author=&top_story=&since=&q=&cursor=&limit=&fields=
//   GET /api/v1/articles/{slug}?fields=
//   GET /api/v1/search?q=&section=&from=&to=&page=&per_page=
//   GET /api/v1/sections, /api/v1/tags, /api/v1/authors
//   GET /api/v1/corrections?page=
//   GET /api/v1/openapi.json (src/api/openapi.json: keep it in step)
// Every answer allows any origin (CORS) and carries an ETag (304 when the
// client has it). Parameters are checked strictly, unlike the HTML pages:
// an unknown one or a bad value answers 400 with
// {"error": "...", "parameter": "name"}, so a client's typo is not taken
// for an empty filter.

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "publishing/catalog.h"

namespace lede::api {

class ContentApi {
 public:
  explicit ContentApi(publishing::Catalog& catalog) : catalog_(catalog) {}

  void Register(http::Router& router) const;

 private:
  http::Response Articles(const http::Request& request) const;
  http::Response Article(const http::Request& request, std::string_view slug) const;
  http::Response Search(const http::Request& request) const;
  http::Response Corrections(const http::Request& request) const;
  http::Response Description(const http::Request& request) const;
  enum class Listing { kSections, kTags, kAuthors };
  http::Response List(const http::Request& request, Listing listing) const;

  publishing::Catalog& catalog_;
};

// A JSON answer with CORS and conditional GET: what every Content API
// answer goes through.
http::Response ContentAnswer(const http::Request& request, int status, const nlohmann::json& body);
// {"error": message, "parameter": name} (without "parameter" when "").
http::Response ParameterError(const http::Request& request, int status, std::string_view message,
                              std::string_view parameter);

// A 400 naming the first parameter of the query that is not in `known`;
// nullopt when there is none.
std::optional<http::Response> RefuseUnknownParameters(const http::Request& request,
                                                     std::initializer_list<std::string_view> known);
// A positive integer parameter; `fallback` when absent, nullopt when bad.
std::optional<int> IntParameter(const http::Request& request, std::string_view name, int fallback);

}  // namespace lede::api
