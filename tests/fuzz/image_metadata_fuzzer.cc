// Any bytes through the metadata stripper (media/strip_metadata.h), as
// each of the three containers it walks. What it returns must be stable
// (stripping again changes nothing) and, for a JPEG, hold no segment
// outside its allow-list before the scan. Seeded with the headers of real
// photos from ~40 cameras (./dev copies the first 64 KiB of each from
// ../shared/testdata/photos) and small files in corpus/image_metadata/.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "media/strip_metadata.h"

namespace {

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "image_metadata: %s\n", what);
  __builtin_trap();
}

// The segments before the first scan of a stripped JPEG: JFIF, the ICC
// profile, Adobe's marker, an Orientation-only Exif, and the tables.
void CheckJpegHeader(std::string_view jpeg) {
  std::size_t at = 2;
  while (at + 4 <= jpeg.size()) {
    if (jpeg[at] != '\xFF') Fail("a stripped JPEG's header lost its framing");
    const auto marker = static_cast<std::uint8_t>(jpeg[at + 1]);
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;
      continue;
    }
    if (marker == 0xDA) return;
    const std::size_t length = (static_cast<std::uint8_t>(jpeg[at + 2]) << 8) |
                               static_cast<std::uint8_t>(jpeg[at + 3]);
    const std::string_view payload = jpeg.substr(at + 4, length >= 2 ? length - 2 : 0);
    if (marker == 0xFE) Fail("a comment survived");
    if (marker == 0xE1 && payload.size() != 32) Fail("an Exif segment with more than Orientation");
    if (marker >= 0xE0 && marker <= 0xEF && marker != 0xE1 && !payload.starts_with("JFIF") &&
        !payload.starts_with("ICC_PROFILE") && !payload.starts_with("Adobe")) {
      Fail("an APPn segment outside the allow-list survived");
    }
    at += 2 + length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::string_view type : {"image/jpeg", "image/png", "image/webp"}) {
    const auto stripped = lede::media::StripMetadata(input, type);
    // The upload's check must answer as the strip does: a yes it cannot
    // keep is an original stored and never served.
    if (lede::media::CanStripMetadata(input, type) != stripped.has_value()) {
      Fail("CanStripMetadata disagrees with StripMetadata");
    }
    if (!stripped) continue;
    if (lede::media::StripMetadata(*stripped, type) != stripped) Fail("stripping twice changed it");
    if (type == "image/jpeg") CheckJpegHeader(*stripped);
  }
  return 0;
}
