#pragma once
// The media Library stores images as responsive variants: every width in
// kVariantWidths narrower than the original, plus the original size capped
// at the widest, as progressive JPEGs stripped of metadata (no camera GPS
// leaks to readers).

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "store/store.h"
#include "util/time.h"

namespace lede::media {

inline constexpr std::array<int, 3> kVariantWidths = {480, 960, 1440};

struct ImageInfo {
  std::string alt;
  std::string caption;
  std::string credit;
};

class Library {
 public:
  // `root` is the folder variants are written to (created when missing).
  // store and clock must outlive the Library.
  Library(store::Store& store, std::filesystem::path root, const util::Clock& clock);

  // Decodes `bytes` (JPEG, PNG, WebP, GIF or SVG) and stores it under a
  // name made from `name_hint`. kInvalidArgument when the bytes are not an
  // image libvips can read; kUnavailable when the files cannot be written
  // (nothing is recorded then).
  Result<content::MediaItem> AddImage(std::string_view bytes, std::string_view name_hint,
                                      ImageInfo info);

  const std::filesystem::path& root() const { return root_; }

 private:
  store::Store& store_;
  std::filesystem::path root_;
  const util::Clock& clock_;
};

// Where a variant lives below the media root: "{path}-{width}.jpg".
std::string VariantPath(const content::MediaItem& item, int width);

}  // namespace lede::media
