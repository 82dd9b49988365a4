#include "media/library.h"

#include <unistd.h>
#include <vips/vips.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <mutex>

#include "media/strip_metadata.h"
#include "util/strings.h"

namespace lede::media {
namespace {

Status StartVips() {
  static std::once_flag started;
  static bool ok = false;
  std::call_once(started, [] { ok = VIPS_INIT("lede") == 0; });
  if (!ok) return MakeError(ErrorCode::kInternal, "libvips failed to start");
  return {};
}

std::string VipsError() {
  std::string message = vips_error_buffer();
  vips_error_clear();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

}  // namespace

std::string VariantPath(const content::MediaItem& item, int width) {
  return fmt::format("{}-{}.jpg", item.path, width);
}

std::string WebpVariantPath(const content::MediaItem& item, int width) {
  return fmt::format("{}-{}.webp", item.path, width);
}

std::string CropPath(const content::MediaItem& item, std::string_view shape) {
  return fmt::format("{}-{}.jpg", item.path, shape);
}

std::string FileName(const content::MediaItem& item) {
  if (!item.original.empty()) return item.original;
  if (!item.widths.empty()) return item.path + ".jpg";
  return {};
}

std::pair<int, int> CropSize(const content::MediaItem& item, const CropShape& shape) {
  int box_width = item.width;
  int box_height = box_width * shape.height_ratio / shape.width_ratio;
  if (box_height > item.height) {
    box_height = item.height;
    box_width = box_height * shape.width_ratio / shape.height_ratio;
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
  return std::nullopt;
}

Library::Library(store::MediaStore& store, std::filesystem::path root, const util::Clock& clock)
    : store_(store), root_(std::move(root)), originals_(root_.parent_path() / "originals"), clock_(clock) {}

namespace {

// A libvips image released when it goes out of scope.
struct VipsRef {
  VipsImage* image = nullptr;
  ~VipsRef() {
    if (image) g_object_unref(image);
  }
};

// Drops camera, GPS and editing metadata from an image before it is
// written. "strip" on save is not enough: libvips 8.14's WebP writer still
// adds the Exif it carries.
void StripMetadata(VipsImage* image) {
  gchar** fields = vips_image_get_fields(image);
  for (gchar** field = fields; field && *field; ++field) {
    const std::string_view name(*field);
    if (name.starts_with("exif-") || name.starts_with("xmp-") || name.starts_with("iptc-") ||
        name.starts_with("ipct-") || name == "orientation") {
      vips_image_remove(image, *field);
    }
  }
  g_strfreev(fields);
}

// Writes `image` through a temporary file, so a reader never sees half a file.
Status SaveAtomically(VipsImage* image, const std::filesystem::path& path, bool webp) {
  const std::string temporary = path.string() + ".tmp";
  const int saved =
      webp ? vips_webpsave(image, temporary.c_str(), "Q", 78, "strip", TRUE, nullptr)
           : vips_jpegsave(image, temporary.c_str(), "Q", 82, "strip", TRUE, "interlace", TRUE,
                           "optimize_coding", TRUE, nullptr);
  std::error_code error;
  if (saved != 0) {
    std::filesystem::remove(temporary, error);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot write {}: {}", path.string(), VipsError()));
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot write {}: {}", path.string(), error.message()));
  }
  return {};
}

}  // namespace

Result<content::MediaItem> Library::AddImage(std::string_view bytes, std::string_view name_hint,
                                             ImageInfo info) {
  return Keep(bytes, name_hint, std::move(info), /*derivatives=*/false, {});
}

Result<content::MediaItem> Library::Upload(std::string_view bytes, std::string_view file_name,
                                           ImageInfo info) {
  LEDE_TRY(StartVips());
  if (bytes.empty()) return InvalidArgument("choose an image to upload", "file");
  if (bytes.size() > kMaxUploadBytes) {
    return InvalidArgument(fmt::format("the file is {:.1f} MiB; the most is 20 MiB",
                                       static_cast<double>(bytes.size()) / (1024 * 1024)),
                           "file");
  }
  const auto type = SniffImageType(bytes);
  if (!type) return InvalidArgument("upload a JPEG, PNG or WebP image", "file");
  {
    // The header alone: a bomb is refused before a pixel is decoded.
    VipsRef header{vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                              VIPS_ACCESS_SEQUENTIAL, nullptr)};
    if (!header.image) {
      VipsError();
      return InvalidArgument("the image cannot be read: the file is damaged", "file");
    }
    const long long pixels = static_cast<long long>(vips_image_get_width(header.image)) *
                             vips_image_get_height(header.image);
    if (pixels > kMaxUploadPixels) {
      return InvalidArgument(fmt::format("the image claims {}x{} pixels; the most is 100 "
                                         "megapixels",
                                         vips_image_get_width(header.image),
                                         vips_image_get_height(header.image)),
                             "file");
    }
  }
  {
    // Every pixel, failing on truncation: a cut-off upload is refused
    // rather than stored with a grey bottom half.
    VipsRef full{vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                            VIPS_FAIL_ON_TRUNCATED, nullptr)};
    double average = 0;
    if (!full.image || vips_avg(full.image, &average, nullptr) != 0) {
      VipsError();
      return InvalidArgument("the image is truncated or damaged: upload it again", "file");
    }
  }
  const std::string_view extension = *type == "image/jpeg" ? "jpg"
                                     : *type == "image/png" ? "png"
                                                            : "webp";
  const auto dot = file_name.rfind('.');
  return Keep(bytes, dot == std::string_view::npos ? file_name : file_name.substr(0, dot),
              std::move(info), /*derivatives=*/true, extension);
}

Result<content::MediaItem> Library::Keep(std::string_view bytes, std::string_view name_hint,
                                         ImageInfo info, bool derivatives,
                                         std::string_view extension) {
  LEDE_TRY(StartVips());
  VipsImage* original = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!original) {
    return InvalidArgument(fmt::format("not an image lede can read: {}", VipsError()), "file");
  }
  const int width = vips_image_get_width(original);
  const int height = vips_image_get_height(original);
  g_object_unref(original);

  content::MediaItem item;
  item.width = std::min(width, kVariantWidths.back());
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
  for (int suffix = 1;; ++suffix) {
    item.path = suffix == 1 ? fmt::format("{}/{}", folder, base)
                            : fmt::format("{}/{}-{}", folder, base, suffix);
    // Another node's files are not on this disk: the store says too.
    if (std::filesystem::exists(root_ / VariantPath(item, item.widths.front()))) continue;
    if (!store_.KeepsMediaFiles()) break;
    auto taken = store_.FindMediaByPath(item.path);
    if (!taken && taken.error().code == ErrorCode::kNotFound) break;
    if (!taken) return tl::unexpected(taken.error());
  }

  std::vector<std::filesystem::path> written;
  auto fail = [&](Error failure) -> Result<content::MediaItem> {
    for (const auto& path : written) {
      std::filesystem::remove(path, error);
      if (store_.KeepsMediaFiles()) (void)store_.DeleteMediaFile(SharedKey(path));
    }
    return tl::unexpected(std::move(failure));
  };
  for (int variant : item.widths) {
    VipsRef scaled;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &scaled.image,
                              variant, "height", 100000, nullptr) != 0) {
      return fail({ErrorCode::kInvalidArgument,
                   fmt::format("cannot scale the image: {}", VipsError()), "file"});
    }
    if (item.webp) {
      // The thumbnail is a one-pass pipeline; two encoders read it twice.
      VipsImage* in_memory = vips_image_copy_memory(scaled.image);
      if (!in_memory) {
        return fail({ErrorCode::kUnavailable,
                     fmt::format("cannot scale the image: {}", VipsError()), {}});
      }
      g_object_unref(scaled.image);
      scaled.image = in_memory;
      StripMetadata(scaled.image);
    }
    for (bool webp : {false, true}) {
      if (webp && !item.webp) continue;
      const auto path = root_ / (webp ? WebpVariantPath(item, variant) : VariantPath(item, variant));
      if (auto saved = SaveAtomically(scaled.image, path, webp); !saved) return fail(saved.error());
      written.push_back(path);
    }
  }
  if (item.crops) {
    if (auto cropped = WriteCrops(bytes, item); !cropped) return fail(cropped.error());
    for (const auto& shape : kCropShapes) written.push_back(root_ / CropPath(item, shape.name));
  }
  if (!extension.empty()) {
    item.original = fmt::format("{}.{}", item.path, extension);
    const auto path = originals_ / item.original;
    std::filesystem::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      return fail({ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()), {}});
    }
    written.push_back(path);
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
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", path.string()));
    }
    LEDE_TRY(store_.PutMediaFile(SharedKey(path), bytes, clock_.Now()));
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

}  // namespace

Result<std::optional<std::string>> Library::FetchShared(std::string_view relative) const {
  // Originals are kept in the store beside the variants, under
  // "originals/", and reach readers only through ReadFile, without their
  // camera metadata: never by their key.
  if (!store_.KeepsMediaFiles() || relative.starts_with("originals/")) {
    return NotFound(fmt::format("no media file {}", relative));
  }
  LEDE_TRY(auto bytes, store_.FindMediaFile(relative));
  // A crop is remade in place when its focal point moves (on any node):
  // read from the store each time rather than kept here stale.
  for (const auto& shape : kCropShapes) {
    if (relative.ends_with(fmt::format("-{}.jpg", shape.name))) return std::optional<std::string>(std::move(bytes));
  }
  // Any other file never changes under its name: kept on this disk.
  LEDE_TRY(WriteAtomically(root_ / std::string(relative), bytes));
  return std::optional<std::string>();
}

Status Library::WriteCrops(std::string_view bytes, const content::MediaItem& item) {
  for (const auto& shape : kCropShapes) {
    const auto [target_width, target_height] = CropSize(item, shape);
    VipsRef cropped;
    if (!item.focal_x || !item.focal_y) {
      if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &cropped.image,
                                target_width, "height", target_height, "crop",
                                VIPS_INTERESTING_ATTENTION, nullptr) != 0) {
        return InvalidArgument(fmt::format("cannot crop the image: {}", VipsError()), "file");
      }
    } else {
      // Scale so the picture covers the box, then cut the box around the
      // focal point, kept inside the picture.
      const double scale = std::max(static_cast<double>(target_width) / item.width,
                                    static_cast<double>(target_height) / item.height);
      VipsRef scaled;
      if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &scaled.image,
                                std::max(target_width, static_cast<int>(item.width * scale + 0.5)),
                                "height", 100000, nullptr) != 0) {
        return InvalidArgument(fmt::format("cannot crop the image: {}", VipsError()), "file");
      }
      const int w = vips_image_get_width(scaled.image);
      const int h = vips_image_get_height(scaled.image);
      const int cut_width = std::min(target_width, w);
      const int cut_height = std::min(target_height, h);
      const int left = std::clamp(*item.focal_x * w / 1000 - cut_width / 2, 0, w - cut_width);
      const int top = std::clamp(*item.focal_y * h / 1000 - cut_height / 2, 0, h - cut_height);
      if (vips_extract_area(scaled.image, &cropped.image, left, top, cut_width, cut_height,
                            nullptr) != 0) {
        return InvalidArgument(fmt::format("cannot crop the image: {}", VipsError()), "file");
      }
    }
    LEDE_TRY(SaveAtomically(cropped.image, root_ / CropPath(item, shape.name), false));
  }
  return {};
}

Result<content::MediaItem> Library::SetFocalPoint(std::int64_t id, std::optional<int> x,
                                                  std::optional<int> y) {
  if (x.has_value() != y.has_value() || (x && (*x < 0 || *x > 1000 || *y < 0 || *y > 1000))) {
    return InvalidArgument("a focal point is two numbers from 0 to 1000", "focal");
  }
  LEDE_TRY(auto item, store_.FindMedia(id));
  if (item.original.empty()) {
    return InvalidArgument("only uploaded images have crops to move", "focal");
  }
  std::string bytes;
  if (auto read = ReadLocalOrShared(originals_ / item.original, item.id)) bytes = std::move(*read);
  if (bytes.empty()) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("the original {} is missing", item.original));
  }
  item.focal_x = x;
  item.focal_y = y;
  LEDE_TRY(StartVips());
  LEDE_TRY(WriteCrops(bytes, item));
  std::vector<std::filesystem::path> crops;
  for (const auto& shape : kCropShapes) crops.push_back(root_ / CropPath(item, shape.name));
  LEDE_TRY(Share(crops));
  item.crops = true;
  return store_.UpdateMedia(item);
}

namespace {

Result<std::string> ReadWhole(const std::filesystem::path& path, std::int64_t id) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound(fmt::format("the file of media item {} is missing: {}", id, path.string()));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", path.string()));
  }
  return bytes;
}

}  // namespace

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
