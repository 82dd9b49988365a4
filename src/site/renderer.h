#pragma once
// Renders a page template into a Response; a theme error becomes a 500 with
// one log line rather than a half page.

#include <string_view>

#include "http/message.h"
#include "theme/theme.h"

namespace lede::site {

class Renderer {
 public:
  explicit Renderer(const theme::Theme& theme) : theme_(theme) {}

  http::Response Render(int status, std::string_view template_name, const theme::Data& data) const;
  const theme::Theme& theme() const { return theme_; }

 private:
  const theme::Theme& theme_;
};

}  // namespace lede::site
