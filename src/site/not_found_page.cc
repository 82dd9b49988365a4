#include "site/not_found_page.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "site/view_model.h"
#include "theme/theme.h"
#include "util/strings.h"

namespace lede::site {

std::optional<http::Response> NotFoundPage::OldUrl(const http::Request& request) const {
  if (request.method != http::Method::kGet && request.method != http::Method::kHead) {
    return std::nullopt;
  }
  std::vector<std::string> candidates;
  // WordPress's query forms: /?p=ID, /?page_id=ID, /?cat=ID, /?tag=slug.
  for (const char* name : {"p", "page_id", "cat", "tag"}) {
    if (auto value = request.QueryParam(name)) candidates.push_back(fmt::format("/?{}={}", name, *value));
  }
  candidates.push_back(util::NormalizePath(request.path));
  for (const auto& candidate : candidates) {
    auto target = catalog_.RedirectFor(candidate);
    if (target && *target) {
      auto response = http::Response::Redirect(301, **target);
      response.SetHeader("Cache-Control", "public, max-age=86400");
      return response;
    }
  }
  return std::nullopt;
}

std::optional<http::Response> NotFoundPage::StaticPage(const http::Request& request) const {
  if (request.method != http::Method::kGet && request.method != http::Method::kHead) {
    return std::nullopt;
  }
  const std::string path = util::NormalizePath(request.path);
  if (path.empty() || path.back() != '/') return std::nullopt;
  auto found = catalog_.PageAt(path);
  if (!found) return std::nullopt;
  auto& [masthead, page] = *found;
  PageMeta meta;
  meta.title = page.title;
  meta.path = page.path;
  theme::Data data = PageData(masthead, meta, renderer_.theme());
  theme::Data view;
  view.set("title", page.title);
  view.set("body_html", page.body_html.str());
  data.set("page", view);
  return renderer_.Render(200, "page", data);
}

http::Response NotFoundPage::Handle(const http::Request& request, const http::PathParams&) const {
  if (auto page = StaticPage(request)) return std::move(*page);
  if (auto moved = OldUrl(request)) return std::move(*moved);
  return NotFound();
}

http::Response NotFoundPage::NotFound() const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return ForError(masthead.error());
  theme::Data data = PageData(*masthead, {.title = "Page not found", .path = "/"},
                              renderer_.theme());
  return renderer_.Render(404, "not_found", data);
}

http::Response NotFoundPage::ForError(const Error& error, const http::Request& request) const {
  if (error.code == ErrorCode::kNotFound) {
    if (!request.path.empty()) return Handle(request, {});
    return NotFound();
  }
  spdlog::error("page failed: {}: {}", ErrorCodeName(error.code), error.message);
  return http::Response::Text(http::StatusFor(error.code),
                              "Something went wrong on our side. Please try again shortly.\n");
}

std::optional<int> PageNumber(const http::Request& request) {
  const auto value = request.QueryParam("page");
  if (!value) return 1;
  const auto number = util::ParseInt(*value);
  if (!number || *number < 1 || *number > 1000000) return std::nullopt;
  return static_cast<int>(*number);
}

}  // namespace lede::site
