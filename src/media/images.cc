#include "media/images.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

namespace lede::media {

Status StartVips() {
  static std::once_flag started;
  static bool ok = false;
  std::call_once(started, [] {
    ok = VIPS_INIT("lede") == 0;
    // libvips keeps recent operations (and so their pixels) for reuse;
    // a server decoding one upload after another has nothing to reuse,
    // and its memory must not grow with what it decoded before.
    if (ok) vips_cache_set_max(0);
  });
  if (!ok) return MakeError(ErrorCode::kInternal, "libvips failed to start");
  return {};
}

std::string VipsError() {
  std::string message = vips_error_buffer();
  vips_error_clear();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

namespace {

Error Damaged() {
  VipsError();
  return {ErrorCode::kInvalidArgument, "the image is truncated or damaged: upload it again", "file"};
}

// Drops camera, GPS and editing metadata. "strip" on save is not enough:
// libvips 8.14's WebP writer still adds the Exif it carries. The
// orientation goes too: the pixels are upright already.
void DropMetadata(VipsImage* image) {
  gchar** fields = vips_image_get_fields(image);
  for (gchar** field = fields; field && *field; ++field) {
    const std::string_view name(*field);
    if (name.starts_with("exif-") || name.starts_with("xmp-") || name.starts_with("iptc-") ||
        name.starts_with("ipct-") || name == "orientation" || name.starts_with("heif-") ||
        name == "gainmap-data" || name.starts_with("png-comment") || name == "jpeg-thumbnail-data") {
      vips_image_remove(image, *field);
    }
  }
  g_strfreev(fields);
}

PictureSize Upright(VipsImage* header) {
  PictureSize size{vips_image_get_width(header), vips_image_get_height(header)};
  if (vips_image_get_orientation_swap(header)) std::swap(size.width, size.height);
  return size;
}

// Copies a decoded pipeline into memory, once, without its metadata.
Result<WorkingImage> Settle(VipsImage* decoded, PictureSize original) {
  VipsRef pipeline(decoded);
  WorkingImage working;
  working.image.image = vips_image_copy_memory(pipeline.image);
  if (!working.image.image) return tl::unexpected(Damaged());
  DropMetadata(working.image.image);
  working.original_width = original.width;
  working.original_height = original.height;
  return working;
}

// Writes through a temporary file, so a reader never sees half a file.
Status SaveAtomically(VipsImage* image, const std::filesystem::path& path, bool webp) {
  const std::string temporary = path.string() + ".tmp";
  VipsRef flat;
  if (!webp && vips_image_hasalpha(image)) {
    // A transparent PNG becomes a JPEG on white, not on black.
    double white[] = {255, 255, 255};
    VipsArrayDouble* background = vips_array_double_new(white, 3);
    const int flattened = vips_flatten(image, &flat.image, "background", background, nullptr);
    vips_area_unref(VIPS_AREA(background));
    if (flattened != 0) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("cannot write {}: {}", path.string(), VipsError()));
    }
    image = flat.image;
  }
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
    std::filesystem::remove(temporary, error);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot write {}: {}", path.string(), error.message()));
  }
  return {};
}

}  // namespace

Result<PictureSize> ReadHeader(const std::filesystem::path& file) {
  LEDE_TRY(StartVips());
  VipsRef header(vips_image_new_from_file(file.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!header.image) {
    VipsError();
    return InvalidArgument("the image cannot be read: the file is damaged", "file");
  }
  return Upright(header.image);
}

namespace {

// The JPEG decoder's own shrink (1/2, 1/4 or 1/8, done in the DCT, so
// nearly free) that still leaves at least `largest` pixels on the long
// side. libvips 8.14's thumbnail asks for half the shrink it could have,
// to leave its resampler work: for a 9,000-pixel phone photo made 2,400
// wide that is no shrink at all, and a full-size decode through the
// resampler's buffers, twice the memory this takes for a picture no one
// could tell apart.
int JpegShrink(PictureSize size, int largest) {
  const int longest = std::max(size.width, size.height);
  for (int shrink : {8, 4, 2}) {
    if (longest / shrink >= largest) return shrink;
  }
  return 1;
}

bool IsJpeg(const std::filesystem::path& file) {
  const char* loader = vips_foreign_find_load(file.c_str());
  vips_error_clear();
  return loader && std::string_view(loader).starts_with("VipsForeignLoadJpeg");
}

}  // namespace

Result<WorkingImage> DecodeFile(const std::filesystem::path& file, int largest) {
  LEDE_TRY(auto original, ReadHeader(file));
  VipsImage* decoded = nullptr;
  if (IsJpeg(file)) {
    // Shrunk as it loads (by the long side, upright or not), then made
    // upright, in sRGB, `largest` a side.
    VipsRef loaded(vips_image_new_from_file(file.c_str(), "access", VIPS_ACCESS_SEQUENTIAL,
                                            "shrink", JpegShrink(original, largest), "fail_on",
                                            VIPS_FAIL_ON_TRUNCATED, nullptr));
    if (!loaded.image ||
        vips_thumbnail_image(loaded.image, &decoded, largest, "height", largest, "size",
                             VIPS_SIZE_DOWN, nullptr) != 0) {
      return tl::unexpected(Damaged());
    }
    return Settle(decoded, original);
  }
  // Shrinks as it loads where the format allows, turns the picture
  // upright and into sRGB.
  if (vips_thumbnail(file.c_str(), &decoded, largest, "height", largest, "size", VIPS_SIZE_DOWN,
                     "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr) != 0) {
    return tl::unexpected(Damaged());
  }
  return Settle(decoded, original);
}

Result<WorkingImage> DecodeBuffer(std::string_view bytes, int largest) {
  LEDE_TRY(StartVips());
  VipsRef header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!header.image) {
    return InvalidArgument(fmt::format("not an image lede can read: {}", VipsError()), "file");
  }
  const PictureSize original = Upright(header.image);
  VipsImage* decoded = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &decoded, largest,
                            "height", largest, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    return InvalidArgument(fmt::format("cannot scale the image: {}", VipsError()), "file");
  }
  return Settle(decoded, original);
}

Status ConvertToJpeg(const std::filesystem::path& file, const std::filesystem::path& path) {
  LEDE_TRY(StartVips());
  VipsRef full;
  // A "thumbnail" no smaller than the picture: the whole of it, upright,
  // in sRGB, decoded once.
  if (vips_thumbnail(file.c_str(), &full.image, 100000, "height", 100000, "size", VIPS_SIZE_DOWN,
                     "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr) != 0) {
    return tl::unexpected(Damaged());
  }
  const std::string temporary = path.string() + ".tmp";
  // Written as it is decoded, a strip at a time. No "optimize_coding": to
  // choose its tables, libjpeg holds every coefficient of the picture in
  // memory first (73 MB for a 12-megapixel photo) to save some 5% of a
  // file only the newsroom downloads.
  if (vips_jpegsave(full.image, temporary.c_str(), "Q", 92, "strip", TRUE, nullptr) != 0) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    // Decoding is lazy: a damaged file fails here, while it is written.
    return tl::unexpected(Damaged());
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot write {}: {}", path.string(), error.message()));
  }
  return {};
}

Status SaveVariant(VipsImage* image, int width, const std::filesystem::path& jpeg_path,
                   const std::filesystem::path& webp_path) {
  VipsRef scaled;
  const int current = vips_image_get_width(image);
  if (width < current) {
    if (vips_resize(image, &scaled.image, static_cast<double>(width) / current, nullptr) != 0) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot scale the image: {}", VipsError()));
    }
    image = scaled.image;
  }
  LEDE_TRY(SaveAtomically(image, jpeg_path, false));
  if (!webp_path.empty()) LEDE_TRY(SaveAtomically(image, webp_path, true));
  return {};
}

Status SaveCrop(VipsImage* image, int width, int height, std::optional<int> focal_x,
                std::optional<int> focal_y, const std::filesystem::path& path) {
  VipsRef cropped;
  if (!focal_x || !focal_y) {
    if (vips_thumbnail_image(image, &cropped.image, width, "height", height, "crop",
                             VIPS_INTERESTING_ATTENTION, "no_rotate", TRUE, nullptr) != 0) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot crop the image: {}", VipsError()));
    }
  } else {
    // Scale so the picture covers the box, then cut the box around the
    // focal point, kept inside the picture.
    const int source_width = vips_image_get_width(image);
    const int source_height = vips_image_get_height(image);
    const double scale = std::max(static_cast<double>(width) / source_width,
                                  static_cast<double>(height) / source_height);
    VipsRef scaled;
    if (vips_resize(image, &scaled.image, scale, nullptr) != 0) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot crop the image: {}", VipsError()));
    }
    const int w = vips_image_get_width(scaled.image);
    const int h = vips_image_get_height(scaled.image);
    const int cut_width = std::min(width, w);
    const int cut_height = std::min(height, h);
    const int left = std::clamp(*focal_x * w / 1000 - cut_width / 2, 0, w - cut_width);
    const int top = std::clamp(*focal_y * h / 1000 - cut_height / 2, 0, h - cut_height);
    if (vips_extract_area(scaled.image, &cropped.image, left, top, cut_width, cut_height,
                          nullptr) != 0) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot crop the image: {}", VipsError()));
    }
  }
  return SaveAtomically(cropped.image, path, false);
}

}  // namespace lede::media
