#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lede::content {

// One stored image. `path` is relative to the data dir's media folder
// (e.g. "2026/11/harbour-at-dawn"); the files on disk are the variants,
// "{path}-{width}.jpg" for each width in `widths` (ascending). An item
// with no variants (an import without the files) lives at `source_url`.
struct MediaItem {
  std::int64_t id = 0;
  std::string path;
  std::string mime_type = "image/jpeg";
  int width = 0;
  int height = 0;
  std::vector<int> widths;
  std::string alt;
  std::string caption;
  std::string credit;
  std::string source_url;
  std::int64_t created_at = 0;
};

}  // namespace lede::content
