#include "media/library.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include "media/images.h"
#include "media/strip_metadata.h"
#include "util/strings.h"

namespace lede::media {
namespace {

// What an upload of each type becomes on disk: the formats browsers show
// everywhere are kept as sent; the others as a full-size JPEG.
struct Kept {
  std::string_view extension;
  bool as_sent;
};

std::optional<Kept> KeptAs(std::string_view type) {
  if (type == "image/jpeg") return Kept{"jpg", true};
  if (type == "image/png") return Kept{"png", true};
  if (type == "image/webp") return Kept{"webp", true};
  if (type == "image/heif" || type == "image/avif" || type == "image/tiff") return Kept{"jpg", false};
  return std::nullopt;
}

// A name no other call of this process (or another's) writes at once.
std::filesystem::path UniqueName(const std::filesystem::path& dir, std::string_view suffix) {
  static std::atomic<std::uint64_t> calls{0};
  return dir / fmt::format("lede-{}-{}{}", ::getpid(), ++calls, suffix);
}

// Removes what it names when it goes, unless released.
struct TemporaryFile {
  std::filesystem::path path;
  ~TemporaryFile() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove(path, ignored);
  }
};

Status WriteBytes(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()));
  return {};
}

// Moves `from` to `to`: a rename on one disk, else a copy.
Status MoveFile(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code error;
  std::filesystem::create_directories(to.parent_path(), error);
  std::filesystem::rename(from, to, error);
  if (!error) return {};
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}: {}", to.string(), error.message()));
  }
  std::filesystem::remove(from, error);
  return {};
}

// The whole file in one allocation of its size (a string grown from a
// stream doubles as it goes: twice a 12 MB photo at the peak).
std::optional<std::string> ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return std::nullopt;
  return bytes;
}

std::string FirstBytes(const std::filesystem::path& path, std::size_t count) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(count, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return bytes;
}

}  // namespace

std::string VariantPath(const content::MediaItem& item, int width) {
  return fmt::format("{}-{}.jpg", item.path, width);
}

std::string WebpVariantPath(const content::MediaItem& item, int width) {
  return fmt::format("{}-{}.webp", item.path, width);
}

std::string CropPath(const content::MediaItem& item, std::string_view shape) {
  if (item.focal_x && item.focal_y) {
    return fmt::format("{}-{}-f{}x{}.jpg", item.path, shape, *item.focal_x, *item.focal_y);
  }
  return fmt::format("{}-{}.jpg", item.path, shape);
}

std::string FileName(const content::MediaItem& item) {
  if (!item.original.empty()) return item.original;
  if (!item.widths.empty()) return item.path + ".jpg";
  return {};
}

std::string DescribeSize(const content::MediaItem& item) {
  if (item.original_width > 0) return fmt::format("{} × {}", item.original_width, item.original_height);
  return fmt::format("{} × {}", item.width, item.height);
}

std::pair<int, int> CropSize(const content::MediaItem& item, const CropShape& shape) {
  const int picture_width = item.original_width > 0 ? item.original_width : item.width;
  const int picture_height = item.original_width > 0 ? item.original_height : item.height;
  int box_width = picture_width;
  int box_height = static_cast<int>(static_cast<long long>(box_width) * shape.height_ratio / shape.width_ratio);
  if (box_height > picture_height) {
    box_height = picture_height;
    box_width = static_cast<int>(static_cast<long long>(box_height) * shape.width_ratio / shape.height_ratio);
  }
  const int width = std::min(kCropWidth, std::max(1, box_width));
  return {width, std::max(1, width * shape.height_ratio / shape.width_ratio)};
}

std::optional<std::string_view> SniffImageType(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return "image/webp";
  }
  if (bytes.starts_with(std::string_view("II*\0", 4)) || bytes.starts_with(std::string_view("MM\0*", 4))) {
    return "image/tiff";
  }
  // ISO base media (HEIF, AVIF): an "ftyp" box whose brands say which.
  if (bytes.size() >= 16 && bytes.substr(4, 4) == "ftyp") {
    const std::size_t box = (static_cast<std::size_t>(static_cast<std::uint8_t>(bytes[0])) << 24) |
                            (static_cast<std::size_t>(static_cast<std::uint8_t>(bytes[1])) << 16) |
                            (static_cast<std::size_t>(static_cast<std::uint8_t>(bytes[2])) << 8) |
                            static_cast<std::size_t>(static_cast<std::uint8_t>(bytes[3]));
    const std::string_view brands = bytes.substr(8, std::min(bytes.size(), std::max<std::size_t>(box, 16)) - 8);
    bool heif = false;
    for (std::size_t at = 0; at + 4 <= brands.size(); at += 4) {
      if (at == 4) continue;  // the minor version, not a brand
      const std::string_view brand = brands.substr(at, 4);
      if (brand == "avif" || brand == "avis") return "image/avif";
      if (brand == "heic" || brand == "heix" || brand == "heim" || brand == "heis" ||
          brand == "hevc" || brand == "hevx" || brand == "mif1" || brand == "msf1") {
        heif = true;
      }
    }
    if (heif) return "image/heif";
  }
  return std::nullopt;
}

Library::Library(store::MediaStore& store, std::filesystem::path root, const util::Clock& clock)
    : store_(store),
      root_(std::move(root)),
      originals_(root_.parent_path() / "originals"),
      spool_(root_.parent_path() / "tmp"),
      clock_(clock) {}

Status Library::Record(const content::User& who, std::string_view action, std::int64_t id,
                       std::string_view detail) {
  if (!audit_) return {};
  return audit_->Record({.at = clock_.Now(), .user_id = who.id, .action = std::string(action),
                         .object_kind = "media", .object_id = id, .detail = std::string(detail)});
}

Result<content::MediaItem> Library::AddImage(std::string_view bytes, std::string_view name_hint,
                                             ImageInfo info) {
  LEDE_TRY(auto working, DecodeBuffer(bytes, kVariantWidths.back()));
  return Keep(working, name_hint, std::move(info), /*derivatives=*/false, std::nullopt);
}

Status Library::MayUpload(const content::User& who) {
  if (!content::Can(who.role, content::Action::kUploadMedia)) {
    return MakeError(ErrorCode::kPermissionDenied, "contributors cannot upload images; ask an editor");
  }
  return {};
}

Result<content::MediaItem> Library::Upload(const content::User& who, UploadedImage upload) {
  LEDE_TRY(MayUpload(who));
  LEDE_TRY(StartVips());
  // Bytes in memory go to disk first: one path for every upload.
  TemporaryFile written;
  if (upload.file.empty()) {
    if (upload.bytes.size() > kMaxUploadBytes) {
      return InvalidArgument(fmt::format("the file is {:.1f} MiB; the most is 20 MiB",
                                         static_cast<double>(upload.bytes.size()) / (1024 * 1024)),
                             "file");
    }
    written.path = UniqueName(spool_, ".upload");
    LEDE_TRY(WriteBytes(written.path, upload.bytes));
    upload.file = written.path;
  }
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(upload.file, error);
  if (error || size == 0) return InvalidArgument("choose an image to upload", "file");
  if (size > kMaxUploadBytes) {
    return InvalidArgument(fmt::format("the file is {:.1f} MiB; the most is 20 MiB",
                                       static_cast<double>(size) / (1024 * 1024)),
                           "file");
  }
  const auto type = SniffImageType(FirstBytes(upload.file, 64));
  const auto kept = type ? KeptAs(*type) : std::nullopt;
  if (!kept) {
    return InvalidArgument("upload a JPEG, PNG, WebP, HEIC, AVIF or TIFF image", "file");
  }
  // The header alone: a bomb is refused before a pixel is decoded.
  LEDE_TRY(auto header, ReadHeader(upload.file));
  if (static_cast<long long>(header.width) * header.height > kMaxUploadPixels) {
    return InvalidArgument(fmt::format("the image claims {}x{} pixels; the most is 100 megapixels",
                                       header.width, header.height),
                           "file");
  }
  // What is kept: the file as sent, or a full-size JPEG made from it. A
  // file kept as sent must be one the metadata stripper can serve; one it
  // cannot walk (a JPEG a decoder forgives, framing and all) is kept as a
  // JPEG made from its pixels instead, so every stored upload is served.
  Kept keep = *kept;
  if (keep.as_sent) {
    const auto bytes = ReadAll(upload.file);
    if (!bytes) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", upload.file.string()));
    }
    if (!CanStripMetadata(*bytes, *type)) keep = Kept{"jpg", false};
  }
  TemporaryFile converted;
  std::filesystem::path original = upload.file;
  if (!keep.as_sent) {
    converted.path = UniqueName(spool_, ".jpg");
    std::filesystem::create_directories(spool_, error);
    LEDE_TRY(ConvertToJpeg(upload.file, converted.path));
    original = converted.path;
  }
  // One decode, failing on truncation, for every variant and crop.
  LEDE_TRY(auto working, DecodeFile(original, kWorkingSize));
  working.original_width = header.width;
  working.original_height = header.height;
  const std::string_view name = upload.file_name;
  const auto dot = name.rfind('.');
  upload.info.created_at.reset();
  LEDE_TRY(auto item, Keep(working, dot == std::string_view::npos ? name : name.substr(0, dot),
                           std::move(upload.info), /*derivatives=*/true,
                           KeptOriginal{original, keep.extension}));
  // Recorded after the item: an upload that cannot be audited is still
  // stored, and the failure is reported (as Accounts does).
  LEDE_TRY(Record(who, "media.upload", item.id, item.path));
  return item;
}

Result<content::MediaItem> Library::Keep(WorkingImage& working, std::string_view name_hint,
                                         ImageInfo info, bool derivatives,
                                         std::optional<KeptOriginal> original) {
  VipsImage* image = working.image.image;
  const int width = vips_image_get_width(image);
  const int height = vips_image_get_height(image);

  content::MediaItem item;
  item.original_width = working.original_width;
  item.original_height = working.original_height;
  // The widest variant: the picture's own width, at most the widest size
  // (a working copy is never wider than the picture).
  item.width = std::min({working.original_width > 0 ? working.original_width : width, width,
                         kVariantWidths.back()});
  item.height = static_cast<int>(static_cast<long long>(height) * item.width / width);
  for (int candidate : kVariantWidths) {
    if (candidate < item.width) item.widths.push_back(candidate);
  }
  item.widths.push_back(item.width);
  item.alt = std::move(info.alt);
  item.caption = std::move(info.caption);
  item.credit = std::move(info.credit);
  item.created_at = info.created_at.value_or(clock_.Now());
  item.webp = derivatives;
  item.crops = derivatives;

  const std::chrono::sys_seconds now{std::chrono::seconds(item.created_at)};
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  const std::string folder = fmt::format("{:04}/{:02}", static_cast<int>(day.year()),
                                         static_cast<unsigned>(day.month()));
  std::error_code error;
  std::filesystem::create_directories(root_ / folder, error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot create {}: {}", (root_ / folder).string(), error.message()));
  }
  std::string base = util::Slugify(name_hint, 60, util::SlugScripts::kAscii);
  if (base.empty()) base = "image";
  // The name is claimed by creating a marker beside its files, only if no
  // other upload holds it: two uploads of "image.jpg" in the same second
  // (two editors, or every non-Latin name) each get their own, instead of
  // writing over each other and the loser's clean-up deleting the
  // winner's files. A marker is no picture (".tmp": a backup and a reader
  // pass it over); one a crash leaves behind only retires its name.
  // Another node's files are not on this disk: the store says too.
  std::filesystem::path claim;
  for (int suffix = 1;; ++suffix) {
    item.path = suffix == 1 ? fmt::format("{}/{}", folder, base)
                            : fmt::format("{}/{}-{}", folder, base, suffix);
    if (std::filesystem::exists(root_ / VariantPath(item, item.widths.front()))) continue;
    claim = root_ / (item.path + ".claim.tmp");
    std::FILE* created = std::fopen(claim.c_str(), "wbx");
    if (!created) {
      if (errno == EEXIST) continue;
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("cannot create {}: {}", claim.string(), std::strerror(errno)));
    }
    std::fclose(created);
    auto taken = store_.FindMediaByPath(item.path);
    if (!taken && taken.error().code == ErrorCode::kNotFound) break;
    std::filesystem::remove(claim, error);
    if (!taken) return tl::unexpected(taken.error());
  }
  const TemporaryFile claimed{claim};  // released when the item is stored, or not

  std::vector<std::filesystem::path> written;
  auto fail = [&](Error failure) -> Result<content::MediaItem> {
    for (const auto& path : written) {
      std::filesystem::remove(path, error);
      if (store_.KeepsMediaFiles()) (void)store_.DeleteMediaFile(SharedKey(path));
    }
    return tl::unexpected(std::move(failure));
  };
  // Widest first: each variant scales the working copy down once.
  for (auto variant = item.widths.rbegin(); variant != item.widths.rend(); ++variant) {
    const auto jpeg = root_ / VariantPath(item, *variant);
    const auto webp = item.webp ? root_ / WebpVariantPath(item, *variant) : std::filesystem::path();
    if (auto saved = SaveVariant(image, *variant, jpeg, webp); !saved) return fail(saved.error());
    written.push_back(jpeg);
    if (!webp.empty()) written.push_back(webp);
  }
  if (item.crops) {
    for (const auto& shape : kCropShapes) {
      const auto [crop_width, crop_height] = CropSize(item, shape);
      const auto path = root_ / CropPath(item, shape.name);
      if (auto saved = SaveCrop(image, crop_width, crop_height, item.focal_x, item.focal_y, path);
          !saved) {
        return fail(saved.error());
      }
      written.push_back(path);
    }
  }
  if (original) {
    // Moved last: if anything before failed, the upload is still where it
    // was, for its owner to remove.
    item.original = fmt::format("{}.{}", item.path, original->extension);
    const auto target = originals_ / item.original;
    if (auto moved = MoveFile(original->file, target); !moved) return fail(moved.error());
    written.push_back(target);
  }
  if (auto shared = Share(written); !shared) return fail(shared.error());
  auto stored = store_.CreateMedia(item);
  if (!stored) return fail(stored.error());
  return stored;
}

std::string Library::SharedKey(const std::filesystem::path& path) const {
  const auto below = [](const std::filesystem::path& root, const std::filesystem::path& file) {
    return file.lexically_relative(root).generic_string();
  };
  const std::string original = below(originals_, path);
  if (!original.empty() && !original.starts_with("..")) return "originals/" + original;
  return below(root_, path);
}

Status Library::Share(const std::vector<std::filesystem::path>& files) {
  if (!store_.KeepsMediaFiles()) return {};
  for (const auto& path : files) {
    const auto bytes = ReadAll(path);
    if (!bytes) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", path.string()));
    LEDE_TRY(store_.PutMediaFile(SharedKey(path), *bytes, clock_.Now()));
  }
  return {};
}

namespace {

// Writes `bytes` at `path` through a temporary file of this call's own:
// readers asking at once for a file this node lacks each fetch it, and
// must not write into one another's half.
Status WriteAtomically(const std::filesystem::path& path, std::string_view bytes) {
  static std::atomic<std::uint64_t> calls{0};
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  const auto temporary = fmt::format("{}.{}-{}.tmp", path.string(), ::getpid(), ++calls);
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()));
  }
  std::filesystem::rename(temporary, path, error);
  if (error) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()));
  return {};
}

Result<std::string> ReadWhole(const std::filesystem::path& path, std::int64_t id) {
  auto bytes = ReadAll(path);
  if (bytes) return std::move(*bytes);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return NotFound(fmt::format("the file of media item {} is missing: {}", id, path.string()));
  }
  return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", path.string()));
}

}  // namespace

Result<bool> Library::Recover(std::string_view relative) const {
  // Originals are kept in the store beside the variants, under
  // "originals/", and reach readers only through ReadFile, without their
  // camera metadata: never by their key.
  if (relative.starts_with("originals/")) return NotFound(fmt::format("no media file {}", relative));
  if (store_.KeepsMediaFiles()) {
    if (auto bytes = store_.FindMediaFile(relative)) {
      LEDE_TRY(WriteAtomically(root_ / std::string(relative), *bytes));
      return true;
    } else if (bytes.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(bytes.error());
    }
  }
  // A crop named before crops carried their focal point: made again, under
  // the name the item's crops have now, from the original.
  for (const auto& shape : kCropShapes) {
    const std::string ending = fmt::format("-{}-f", shape.name);
    const auto at = relative.rfind(ending);
    if (at == std::string_view::npos || !relative.ends_with(".jpg")) continue;
    auto item = store_.FindMediaByPath(relative.substr(0, at));
    if (!item || !item->crops || CropPath(*item, shape.name) != relative) break;
    LEDE_TRY(auto original, LocalOriginal(*item));
    LEDE_TRY(auto working, DecodeFile(original, kWorkingSize));
    const auto [width, height] = CropSize(*item, shape);
    LEDE_TRY(SaveCrop(working.image.image, width, height, item->focal_x, item->focal_y,
                      root_ / std::string(relative)));
    return true;
  }
  return NotFound(fmt::format("no media file {}", relative));
}

Result<std::filesystem::path> Library::LocalOriginal(const content::MediaItem& item) const {
  if (item.original.empty()) {
    return InvalidArgument("only uploaded images have crops to move", "focal");
  }
  const auto path = originals_ / item.original;
  if (!std::filesystem::exists(path)) {
    auto fetched = ReadLocalOrShared(path, item.id);
    if (!fetched) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("the original {} is missing", item.original));
    }
  }
  return path;
}

Result<content::MediaItem> Library::SetFocalPoint(const content::User& who, std::int64_t id,
                                                  std::optional<int> x, std::optional<int> y) {
  if (!content::Can(who.role, content::Action::kUploadMedia)) {
    return MakeError(ErrorCode::kPermissionDenied, "contributors cannot change images");
  }
  if (x.has_value() != y.has_value() || (x && (*x < 0 || *x > 1000 || *y < 0 || *y > 1000))) {
    return InvalidArgument("a focal point is two numbers from 0 to 1000", "focal");
  }
  LEDE_TRY(auto item, store_.FindMedia(id));
  if (item.focal_x == x && item.focal_y == y && item.crops) return item;
  LEDE_TRY(auto original, LocalOriginal(item));
  LEDE_TRY(auto working, DecodeFile(original, kWorkingSize));
  std::set<std::string> kept;  // the crops pages may still name, and the new ones
  for (const auto& shape : kCropShapes) kept.insert(CropPath(item, shape.name));
  item.focal_x = x;
  item.focal_y = y;
  for (const auto& shape : kCropShapes) kept.insert(CropPath(item, shape.name));
  std::vector<std::filesystem::path> crops;
  for (const auto& shape : kCropShapes) {
    const auto [width, height] = CropSize(item, shape);
    const auto path = root_ / CropPath(item, shape.name);
    LEDE_TRY(SaveCrop(working.image.image, width, height, x, y, path));
    crops.push_back(path);
  }
  LEDE_TRY(Share(crops));
  item.crops = true;
  LEDE_TRY(auto updated, store_.UpdateMedia(item));
  LEDE_TRY(Record(who, "media.update", id,
                  x ? fmt::format("focal point {},{}", *x, *y) : std::string("focal point cleared")));
  RemoveOldCrops(updated, kept);
  return updated;
}

void Library::RemoveOldCrops(const content::MediaItem& item, const std::set<std::string>& kept) const {
  // Each focal point has crops of its own name; an editor trying ten
  // points must not leave thirty files for good. Kept: the current crops
  // and the ones just replaced (a page cached a moment ago names them).
  const std::filesystem::path stem = root_ / item.path;
  const std::string prefix = stem.filename().string() + "-";
  std::error_code error;
  std::vector<std::filesystem::path> old;
  for (std::filesystem::directory_iterator it(stem.parent_path(), error), end; !error && it != end;
       it.increment(error)) {
    const std::filesystem::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix) || !name.ends_with(".jpg")) continue;
    // Exactly "{shape}-f{x}x{y}.jpg": another item's name may begin as
    // this one's does ("harbour-16x9-f5x5" beside "harbour").
    const std::string_view rest = std::string_view(name).substr(prefix.size());
    const bool focal_crop = std::any_of(kCropShapes.begin(), kCropShapes.end(), [&](const CropShape& shape) {
      const std::string lead = fmt::format("{}-f", shape.name);
      if (!rest.starts_with(lead)) return false;
      const std::string_view point = rest.substr(lead.size(), rest.size() - lead.size() - 4);
      const auto by = point.find('x');
      return by != std::string_view::npos && util::ParseInt(point.substr(0, by)) &&
             util::ParseInt(point.substr(by + 1)) && point.find_first_not_of("0123456789x") == std::string_view::npos;
    });
    const std::string relative = entry.path().lexically_relative(root_).generic_string();
    if (focal_crop && !kept.count(relative)) old.push_back(entry.path());
  }
  for (const auto& path : old) {
    std::filesystem::remove(path, error);
    if (store_.KeepsMediaFiles()) (void)store_.DeleteMediaFile(SharedKey(path));
  }
}

Result<content::MediaItem> Library::Describe(const content::User& who, std::int64_t id,
                                             std::string_view caption, std::string_view credit,
                                             std::string_view alt) {
  if (!content::Can(who.role, content::Action::kUploadMedia)) {
    return MakeError(ErrorCode::kPermissionDenied, "contributors cannot change images");
  }
  LEDE_TRY(auto item, store_.FindMedia(id));
  item.caption = std::string(util::Trim(caption));
  item.credit = std::string(util::Trim(credit));
  item.alt = std::string(util::Trim(alt));
  LEDE_TRY(auto updated, store_.UpdateMedia(item));
  LEDE_TRY(Record(who, "media.update", id, "caption, credit and alt text"));
  return updated;
}

Result<std::string> Library::ReadLocalOrShared(const std::filesystem::path& path, std::int64_t id) const {
  auto local = ReadWhole(path, id);
  if (local || local.error().code != ErrorCode::kNotFound || !store_.KeepsMediaFiles()) return local;
  auto shared = store_.FindMediaFile(SharedKey(path));
  if (!shared) return local;  // the message names the file this node misses
  (void)WriteAtomically(path, *shared);  // kept for next time; a failure only costs a read
  return shared;
}

std::filesystem::path Library::FilePath(const content::MediaItem& item) const {
  if (!item.original.empty()) return originals_ / item.original;
  if (!item.widths.empty()) return root_ / VariantPath(item, item.widths.back());
  return {};
}

Result<MediaFile> Library::ReadFile(const content::MediaItem& item) const {
  if (!item.original.empty()) {
    const auto path = FilePath(item);
    LEDE_TRY(auto bytes, ReadLocalOrShared(path, item.id));
    const auto type = SniffImageType(bytes);
    auto stripped = type ? StripMetadata(bytes, *type) : std::nullopt;
    if (!stripped) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("the original of media item {} is damaged: {}", item.id, path.string()));
    }
    return MediaFile{std::move(*stripped), std::string(*type)};
  }
  if (item.widths.empty()) {
    return NotFound(fmt::format("media item {} has no file here: it is shown from {}", item.id,
                                item.source_url));
  }
  LEDE_TRY(auto bytes, ReadLocalOrShared(FilePath(item), item.id));
  return MediaFile{std::move(bytes), "image/jpeg"};
}

Status Library::KeepServedFile(std::string_view name) const {
  LEDE_TRY(auto file, ReadFileNamed(name));
  const auto path = root_ / std::string(kServedFolder) / std::string(name);
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  return WriteAtomically(path, file.bytes);
}

Result<MediaFile> Library::ReadFileNamed(std::string_view name) const {
  const auto dot = name.rfind('.');
  const auto slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return NotFound(fmt::format("no media file {}", name));
  }
  LEDE_TRY(auto item, store_.FindMediaByPath(name.substr(0, dot)));
  if (FileName(item) != name) return NotFound(fmt::format("no media file {}", name));
  return ReadFile(item);
}

}  // namespace lede::media
