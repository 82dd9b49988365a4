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
  // Pages change whenever the newsroom publishes; caches must ask again.
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

}  // namespace lede::site
