#pragma once
// The libvips side of the media library: opening a file or buffer,
// checking it before decoding, one decode into an upright working copy,
// and the variants and crops made from that copy. Internal to media/.

#include <vips/vips.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "content/media_item.h"
#include "util/result.h"

namespace lede::media {

// The working copy is at most this many pixels a side: enough for the
// widest variant (1440) and for a 1200-wide crop cut from the short side
// of a 4:3 or 3:2 picture, however large the upload.
inline constexpr int kWorkingSize = 2400;

Status StartVips();
// libvips' last error, cleared.
std::string VipsError();

// A libvips image released when it goes out of scope.
struct VipsRef {
  VipsImage* image = nullptr;
  VipsRef() = default;
  explicit VipsRef(VipsImage* owned) : image(owned) {}
  VipsRef(const VipsRef&) = delete;
  VipsRef& operator=(const VipsRef&) = delete;
  VipsRef(VipsRef&& other) noexcept : image(std::exchange(other.image, nullptr)) {}
  VipsRef& operator=(VipsRef&& other) noexcept {
    std::swap(image, other.image);
    return *this;
  }
  ~VipsRef() {
    if (image) g_object_unref(image);
  }
};

// A picture decoded once, upright, held in memory while its variants and
// crops are made.
struct WorkingImage {
  VipsRef image;
  // The picture as it came, upright (the orientation applied).
  int original_width = 0;
  int original_height = 0;
};

// What the picture's header says, upright, before any pixel is decoded.
// kInvalidArgument (field "file") when libvips cannot read it.
struct PictureSize {
  int width = 0;
  int height = 0;
};
Result<PictureSize> ReadHeader(const std::filesystem::path& file);

// Decodes every byte of `file` (failing on truncation: a cut-off upload is
// refused rather than stored with a grey bottom half) into an upright
// working copy of at most `largest` pixels a side. kInvalidArgument (field
// "file") when it is damaged.
Result<WorkingImage> DecodeFile(const std::filesystem::path& file, int largest);
// The same from bytes in memory (imports, the demo: their own pictures).
Result<WorkingImage> DecodeBuffer(std::string_view bytes, int largest);

// Writes `file` decoded and upright as a full-size JPEG at `path` without
// metadata: what a HEIC, AVIF or TIFF is kept as. kInvalidArgument when
// it is damaged, kUnavailable when it cannot be written.
Status ConvertToJpeg(const std::filesystem::path& file, const std::filesystem::path& path);

// Writes `image` scaled to `width` as a JPEG (and a WebP beside it when
// `webp_path` is set), through temporary files. kUnavailable.
Status SaveVariant(VipsImage* image, int width, const std::filesystem::path& jpeg_path,
                   const std::filesystem::path& webp_path);
// Writes the crop of `image` to `path`: `width` x `height`, around the
// focal point (thousandths) when given, else libvips' attention crop.
Status SaveCrop(VipsImage* image, int width, int height, std::optional<int> focal_x,
                std::optional<int> focal_y, const std::filesystem::path& path);

}  // namespace lede::media
