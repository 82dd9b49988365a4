#pragma once

#include <cstdint>
#include <optional>
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
  // Uploads: the file as sent, below the data dir's originals folder
  // (it may carry camera and GPS data: served only without them).
  std::string original;
  // "{path}-{width}.webp" exists beside each JPEG variant.
  bool webp = false;
  // "{path}-1x1.jpg", "-4x3.jpg" and "-16x9.jpg" exist (social cards).
  bool crops = false;
  // Where the crops centre, in thousandths of width and height; none: the
  // crops follow libvips' attention-based smart crop.
  std::optional<int> focal_x;
  std::optional<int> focal_y;
  // The picture as uploaded, upright (`width` and `height` are the widest
  // variant's); 0 when unknown (items from before lede kept it).
  int original_width = 0;
  int original_height = 0;
};

}  // namespace lede::content
