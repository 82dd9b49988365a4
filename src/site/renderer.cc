#include "site/renderer.h"

#include <spdlog/spdlog.h>

namespace lede::site {

http::Response Renderer::Render(int status, std::string_view template_name,
                                const theme::Data& data) const {
  auto html = theme_.Render(template_name, data);
  if (!html) {
    spdlog::error("rendering {}: {}", template_name, html.error().message);
    return http::Response::Text(500, "The page could not be rendered\n");
  }
  http::Response response = http::Response::Html(status, std::move(*html));
  // The page cache sets the site's own policy on every public answer.
  response.SetHeader("Cache-Control", "public, max-age=60");
  return response;
}

}  // namespace lede::site
