#pragma once

#include <cstdint>
#include <string>

#include "content/safe_html.h"

namespace lede::content {

// A static page at its own path, outside the news flow. Only published
// pages are served.
struct Page {
  std::int64_t id = 0;
  std::string path;  // starts and ends with '/'
  std::string title;
  SafeHtml body_html;  // made by publishing (sanitised) or read back from a store
  bool published = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

}  // namespace lede::content
