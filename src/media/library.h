#pragma once
// The media Library stores images as responsive variants: every width in
// kVariantWidths narrower than the original, plus the original size capped
// at the widest, as progressive JPEGs stripped of metadata (no camera GPS
// leaks to readers); uploads also get WebP twins and social-card crops.

#include <array>
#include <utility>
#include <optional>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store/media_store.h"
#include "util/time.h"

namespace lede::media {

inline constexpr std::array<int, 3> kVariantWidths = {480, 960, 1440};

// What an editor may upload.
inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;
// More pixels than this is refused before decoding: a "decompression bomb"
// is a small file that claims a huge picture.
inline constexpr long long kMaxUploadPixels = 100'000'000;

// Social-card crops: name and aspect ratio.
struct CropShape {
  std::string_view name;  // "1x1", "4x3", "16x9"
  int width_ratio;
  int height_ratio;
};
inline constexpr std::array<CropShape, 3> kCropShapes = {
    {{"1x1", 1, 1}, {"4x3", 4, 3}, {"16x9", 16, 9}}};
inline constexpr int kCropWidth = 1200;

// JPEG, PNG or WebP by the file's first bytes (never its name); nullopt
// for anything else.
std::optional<std::string_view> SniffImageType(std::string_view bytes);

struct ImageInfo {
  std::string alt;
  std::string caption;
  std::string credit;
  // When the picture was first published (imports): its date and the
  // YYYY/MM folder it is kept in; default now.
  std::optional<util::UnixSeconds> created_at;
};

// The one file a media item stands for, as the world may have it.
struct MediaFile {
  std::string bytes;
  std::string mime_type;
};

class Library {
 public:
  // `root` is the folder variants are written to (created when missing).
  // store and clock must outlive the Library.
  Library(store::MediaStore& store, std::filesystem::path root, const util::Clock& clock);

  // Decodes `bytes` (JPEG, PNG, WebP, GIF or SVG) and stores it under a
  // name made from `name_hint`. kInvalidArgument when the bytes are not an
  // image libvips can read; kUnavailable when the files cannot be written
  // (nothing is recorded then).
  Result<content::MediaItem> AddImage(std::string_view bytes, std::string_view name_hint,
                                      ImageInfo info);

  // An editor's upload: JPEG, PNG or WebP (by content) up to 20 MiB and
  // 100 megapixels, fully decodable. Makes the JPEG variants, WebP twins,
  // 1:1, 4:3 and 16:9 crops (around `focal` in thousandths, else libvips'
  // attention-based smart crop), all without metadata, and keeps the file
  // as sent below `originals`. kInvalidArgument (field "file") with a
  // clear message for anything else; nothing is stored then.
  Result<content::MediaItem> Upload(std::string_view bytes, std::string_view file_name,
                                    ImageInfo info);
  // Sets (or clears, with nullopt) the focal point and remakes the crops.
  Result<content::MediaItem> SetFocalPoint(std::int64_t id, std::optional<int> x,
                                           std::optional<int> y);
  // Where uploads' originals live (the data dir's; served only through
  // ReadFile, without their metadata).
  void set_originals(std::filesystem::path originals) { originals_ = std::move(originals); }

  const std::filesystem::path& root() const { return root_; }

  // An upload's original without its camera metadata (StripMetadata), else
  // the widest JPEG variant. kNotFound, naming the item and the missing
  // path, when the item has no file (known only by its old address) or the
  // file is gone from disk; kUnavailable when the original is damaged.
  Result<MediaFile> ReadFile(const content::MediaItem& item) const;
  // Where that file is on disk; empty for an item without one.
  std::filesystem::path FilePath(const content::MediaItem& item) const;
  // The item whose FileName is `name`, with its file. kNotFound otherwise.
  Result<MediaFile> ReadFileNamed(std::string_view name) const;

  // For a file below the root that is not on this disk, when the store
  // keeps media files (many nodes): fetched from the store. Kept on this
  // disk for next time and nullopt returned (serve it from there), except
  // a crop, which a focal point change on any node remakes in place: its
  // bytes are returned, read afresh each time. kNotFound when the store
  // has no such file or keeps none.
  Result<std::optional<std::string>> FetchShared(std::string_view relative) const;

 private:
  store::MediaStore& store_;
  Result<content::MediaItem> Keep(std::string_view bytes, std::string_view name_hint,
                                   ImageInfo info, bool derivatives, std::string_view extension);
  Status WriteCrops(std::string_view bytes, const content::MediaItem& item);
  // Where a file written here is kept in the store: its path below the
  // root, or "originals/" and its path below originals.
  std::string SharedKey(const std::filesystem::path& path) const;
  // Copies files just written here into the store, when it keeps them.
  Status Share(const std::vector<std::filesystem::path>& files);
  // A file from this disk, else from the store (then kept here too).
  Result<std::string> ReadLocalOrShared(const std::filesystem::path& path, std::int64_t id) const;

  std::filesystem::path root_;
  std::filesystem::path originals_;
  const util::Clock& clock_;
};

// "2026/11/harbour-at-dawn.jpg": the name of the item's file (ReadFile),
// served at /media/file/{name} and kept below a WordPress uploads folder
// under the same name; "" for an item known only by its old address.
std::string FileName(const content::MediaItem& item);

// Where a variant lives below the media root: "{path}-{width}.jpg".
std::string VariantPath(const content::MediaItem& item, int width);
// Its WebP twin: "{path}-{width}.webp" (when item.webp).
std::string WebpVariantPath(const content::MediaItem& item, int width);
// A crop: "{path}-{shape}.jpg" (when item.crops).
std::string CropPath(const content::MediaItem& item, std::string_view shape);
// The size a crop of that shape has: the largest box of its ratio inside
// the picture, at most kCropWidth wide.
std::pair<int, int> CropSize(const content::MediaItem& item, const CropShape& shape);

}  // namespace lede::media
