#include "site/not_found_page.h"

#include <spdlog/spdlog.h>

#include "site/view_model.h"
#include "util/strings.h"

namespace lede::site {

http::Response NotFoundPage::Handle(const http::Request&, const http::PathParams&) const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return ForError(masthead.error());
  theme::Data data = PageData(*masthead, {.title = "Page not found", .path = "/"},
                              renderer_.theme().asset_version());
  return renderer_.Render(404, "not_found", data);
}

http::Response NotFoundPage::ForError(const Error& error) const {
  if (error.code == ErrorCode::kNotFound) return Handle({}, {});
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
