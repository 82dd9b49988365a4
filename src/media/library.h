#pragma once
// The media Library stores images as responsive variants: every width in
// kVariantWidths narrower than the picture, plus the picture's own width
// capped at the widest, as progressive JPEGs stripped of metadata (no
// camera GPS leaks to readers), turned upright as the camera said;
// uploads also get WebP twins and social-card crops. An upload is taken
// from a file on disk (the server spools it there as it arrives), so a
// 12 MB phone photo costs the server a decoded working copy of at most
// kWorkingSize pixels a side, never the file's bytes in memory.

#include <array>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/user.h"
#include "store/audit_log.h"
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

// What a file is, by its first bytes (never its name): "image/jpeg",
// "image/png", "image/webp", "image/heif" (HEIC and HEIF, what phones
// save), "image/avif" or "image/tiff"; nullopt for anything else.
std::optional<std::string_view> SniffImageType(std::string_view bytes);

struct ImageInfo {
  std::string alt;
  std::string caption;
  std::string credit;
  // When the picture was first published (imports): its date and the
  // YYYY/MM folder it is kept in; default now.
  std::optional<util::UnixSeconds> created_at;
};

// An upload as a door (the newsroom's form, the Admin API) received it.
struct UploadedImage {
  // The bytes on disk; taken (moved into the originals folder) when kept
  // as sent. Empty: the bytes are in `bytes`.
  std::filesystem::path file;
  std::string_view bytes;
  std::string file_name;  // as the client named it; only a hint
  ImageInfo info;
};

// A decoded picture being made into variants (images.h).
struct WorkingImage;

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

  // Decodes `bytes` (JPEG, PNG, WebP, GIF, SVG, or what else libvips
  // reads) and stores its variants under a name made from `name_hint`
  // (imports and the demo: no permission asked, no audit entry).
  // kInvalidArgument when the bytes are not an image libvips can read;
  // kUnavailable when the files cannot be written (nothing is recorded
  // then).
  Result<content::MediaItem> AddImage(std::string_view bytes, std::string_view name_hint,
                                      ImageInfo info);

  // An editor's upload, the one rule for every door: the role must allow
  // uploads (kPermissionDenied otherwise), and the file must be a JPEG,
  // PNG, WebP, HEIC/HEIF, AVIF or TIFF (by content) of at most 20 MiB and
  // 100 megapixels that decodes whole. Makes the JPEG variants, WebP
  // twins, 1:1, 4:3 and 16:9 crops (libvips' attention-based smart crop),
  // all upright and without metadata, and keeps the file below
  // `originals`: as sent for JPEG, PNG and WebP, else as a full-size JPEG
  // (what browsers and WordPress can show). Records "media.upload" in the
  // audit log. kInvalidArgument (field "file") with a clear message for
  // anything else; nothing is stored then.
  Result<content::MediaItem> Upload(const content::User& who, UploadedImage upload);
  // Upload's rule on who may, alone: the server asks it before it takes
  // in an upload's body. kPermissionDenied with the reason.
  static Status MayUpload(const content::User& who);
  // Sets (or clears, with nullopt) the focal point; the crops are remade
  // under new names (CropPath), so caches holding the old crops never
  // show them for the new point. Audited as "media.update".
  Result<content::MediaItem> SetFocalPoint(const content::User& who, std::int64_t id,
                                           std::optional<int> x, std::optional<int> y);
  // Replaces caption, credit and alt text. Audited as "media.update".
  Result<content::MediaItem> Describe(const content::User& who, std::int64_t id,
                                      std::string_view caption, std::string_view credit,
                                      std::string_view alt);

  // Where uploads' originals live (the data dir's; served only through
  // ReadFile, without their metadata).
  void set_originals(std::filesystem::path originals) { originals_ = std::move(originals); }
  // Where uploads given as bytes are written first; default "tmp" beside
  // the root.
  void set_spool(std::filesystem::path spool) { spool_ = std::move(spool); }
  // Where uploads and edits are recorded; none: not recorded (tests).
  void set_audit(store::AuditLog* audit) { audit_ = audit; }

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
  // Where ReadFileNamed's answer is kept on disk, made once, so that
  // /media/file/NAME is then a static file: a stranger asking again and
  // again costs a file read, not a 20 MiB walk and copy each time.
  // kNotFound as ReadFileNamed.
  static constexpr std::string_view kServedFolder = "file";
  Status KeepServedFile(std::string_view name) const;

  // For a file below the root that is not on this disk: fetched from the
  // store when it keeps media files (many nodes), or, for the current
  // crop of an item whose crops were named before they carried their
  // focal point, made afresh from the original. Kept on this disk; true
  // when it is there now. kNotFound when there is no such file to have.
  Result<bool> Recover(std::string_view relative) const;

 private:
  // The file an upload keeps as its original, moved below `originals`.
  struct KeptOriginal {
    std::filesystem::path file;
    std::string_view extension;
  };
  Result<content::MediaItem> Keep(WorkingImage& working, std::string_view name_hint,
                                  ImageInfo info, bool derivatives,
                                  std::optional<KeptOriginal> original);
  // Where a file written here is kept in the store: its path below the
  // root, or "originals/" and its path below originals.
  std::string SharedKey(const std::filesystem::path& path) const;
  // Copies files just written here into the store, when it keeps them.
  Status Share(const std::vector<std::filesystem::path>& files);
  // A file from this disk, else from the store (then kept here too).
  Result<std::string> ReadLocalOrShared(const std::filesystem::path& path, std::int64_t id) const;
  // The original on this disk (fetched from the store first if need be).
  Result<std::filesystem::path> LocalOriginal(const content::MediaItem& item) const;
  Status Record(const content::User& who, std::string_view action, std::int64_t id,
                std::string_view detail);
  // Deletes the item's focal-point crops not named in `kept` (paths below
  // the root), here and in the store.
  void RemoveOldCrops(const content::MediaItem& item, const std::set<std::string>& kept) const;

  store::MediaStore& store_;
  std::filesystem::path root_;
  std::filesystem::path originals_;
  std::filesystem::path spool_;
  const util::Clock& clock_;
  store::AuditLog* audit_ = nullptr;
};

// "2026/11/harbour-at-dawn.jpg": the name of the item's file (ReadFile),
// served at /media/file/{name} and kept below a WordPress uploads folder
// under the same name; "" for an item known only by its old address.
std::string FileName(const content::MediaItem& item);

// Where a variant lives below the media root: "{path}-{width}.jpg".
std::string VariantPath(const content::MediaItem& item, int width);
// Its WebP twin: "{path}-{width}.webp" (when item.webp).
std::string WebpVariantPath(const content::MediaItem& item, int width);
// A crop (when item.crops): "{path}-{shape}.jpg" for the smart crop,
// "{path}-{shape}-f{x}x{y}.jpg" around a focal point, so a crop's name
// changes whenever what it shows does (browsers and social networks keep
// images for a week under their URL).
std::string CropPath(const content::MediaItem& item, std::string_view shape);
// The size a crop of that shape has: the largest box of its ratio inside
// the picture, at most kCropWidth wide.
std::pair<int, int> CropSize(const content::MediaItem& item, const CropShape& shape);
// "1600 × 1000": the picture as uploaded, else its widest variant.
std::string DescribeSize(const content::MediaItem& item);

}  // namespace lede::media
