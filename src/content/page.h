#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "content/author.h"
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
  // Its author, when one is known (imports); the store fills `author`.
  std::optional<std::int64_t> author_id;
  std::optional<Author> author;
};

}  // namespace lede::content
