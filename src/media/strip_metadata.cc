#include "media/strip_metadata.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace lede::media {
namespace {

// Every offset read from the file is widened to 64 bits before it is added
// to: a 32-bit offset near 0xFFFFFFFF plus a small length must not wrap
// round to something that looks in range.
using Offset = std::uint64_t;

Offset Big16(std::string_view bytes, std::size_t at) {
  return (Offset{static_cast<std::uint8_t>(bytes[at])} << 8) | static_cast<std::uint8_t>(bytes[at + 1]);
}

Offset Big32(std::string_view bytes, std::size_t at) {
  return (Big16(bytes, at) << 16) | Big16(bytes, at + 2);
}

Offset Little32(std::string_view bytes, std::size_t at) {
  Offset value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  return value;
}

// The Orientation (tag 0x0112) of IFD0 in an APP1 Exif payload, or 0.
int ExifOrientation(std::string_view payload) {
  if (payload.size() < 14 || payload.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 0;
  const std::string_view tiff = payload.substr(6);
  const bool little = tiff.substr(0, 2) == "II";
  if (!little && tiff.substr(0, 2) != "MM") return 0;
  auto u16 = [&](Offset at) -> Offset {
    const auto i = static_cast<std::size_t>(at);
    return little ? (Offset{static_cast<std::uint8_t>(tiff[i])} |
                     (Offset{static_cast<std::uint8_t>(tiff[i + 1])} << 8))
                  : Big16(tiff, i);
  };
  auto u32 = [&](Offset at) {
    return little ? Little32(tiff, static_cast<std::size_t>(at)) : Big32(tiff, static_cast<std::size_t>(at));
  };
  const Offset ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.size()) return 0;
  const Offset entries = u16(ifd);
  for (Offset i = 0; i < entries; ++i) {
    const Offset entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.size()) return 0;
    if (u16(entry) == 0x0112 && u16(entry + 2) == 3) {
      const Offset value = u16(entry + 8);
      return value >= 1 && value <= 8 ? static_cast<int>(value) : 0;
    }
  }
  return 0;
}

// An APP1 segment whose Exif holds nothing but Orientation.
std::string OrientationSegment(int orientation) {
  std::string payload("Exif\0\0MM\0\x2a\0\0\0\x08", 14);
  payload += std::string("\0\x01", 2);                        // one entry
  payload += std::string("\x01\x12\0\x03\0\0\0\x01", 8);      // Orientation, SHORT, 1
  payload += static_cast<char>(0);
  payload += static_cast<char>(orientation);
  payload += std::string("\0\0", 2);                          // value padding
  payload += std::string("\0\0\0\0", 4);                      // no next IFD
  std::string segment("\xFF\xE1", 2);
  const std::size_t length = payload.size() + 2;
  segment += static_cast<char>(length >> 8);
  segment += static_cast<char>(length & 0xFF);
  return segment + payload;
}

// Where a walk puts what it keeps: a string, or nowhere, for a walk that
// only asks whether the file can be stripped (an upload's check, which
// must not hold a second copy of a 12 MB photo to answer yes).
struct Discard {
  void append(std::string_view) {}
  Discard& operator+=(std::string_view) { return *this; }
  Discard& operator+=(const Discard&) { return *this; }
  bool empty() const { return true; }
};

// Which segments of a JPEG survive: an allow-list, since cameras and
// editors put their notes in any APPn (Exif and XMP in APP1, maker data in
// APP3 to APP15, IPTC in APP13, a multi-picture index in APP2, thumbnails
// in APP0's JFXX). Kept: JFIF itself, the ICC colour profile, Adobe's
// colour-transform marker, and every segment that is not APPn or COM (the
// tables and frame the picture needs).
bool KeepJpegSegment(std::uint8_t marker, std::string_view payload) {
  if (marker == 0xFE) return false;                   // COM
  if (marker < 0xE0 || marker > 0xEF) return true;    // not APPn
  if (marker == 0xE0) return payload.starts_with(std::string_view("JFIF\0", 5));
  if (marker == 0xE2) return payload.starts_with(std::string_view("ICC_PROFILE\0", 12));
  if (marker == 0xEE) return payload.starts_with("Adobe");
  return false;
}

// JFIF's own header without the thumbnail it may carry (its width and
// height bytes, then the pixels): a thumbnail is a picture of the original
// scene, possibly before a crop. Unchanged when it has none.
std::string JfifWithoutThumbnail(std::string_view segment) {
  // FF E0, length (2), "JFIF\0" (5), version (2), units (1), densities (4),
  // thumbnail width and height (1 each), thumbnail pixels.
  constexpr std::size_t kHeader = 2 + 2 + 14;
  if (segment.size() < kHeader) return std::string(segment);  // short: nothing to drop
  std::string header(segment.substr(0, kHeader - 2));
  header[2] = 0;
  header[3] = static_cast<char>(kHeader - 2);
  return header + std::string("\0\0", 2);
}

// The next marker at or after `at`: 0xFF and a marker code. Stray bytes
// (what a decoder skips as "extraneous bytes before marker"), fill 0xFFs
// and 0xFF followed by a byte that is no marker code (0x00, 0x02..0xBF) are
// passed over, never kept: kept, 0xFF 0x00 would read as stuffing after a
// scan in a second pass. The size when there is none.
std::size_t NextMarker(std::string_view bytes, std::size_t at) {
  while (at + 1 < bytes.size()) {
    if (bytes[at] != '\xFF') {
      ++at;
      continue;
    }
    const auto code = static_cast<std::uint8_t>(bytes[at + 1]);
    if (code == 0x01 || (code >= 0xC0 && code != 0xFF)) return at;
    ++at;  // a fill byte, or 0xFF before something that is no marker
  }
  return bytes.size();
}

bool StandAlone(std::uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

// From the first scan's SOS on: the entropy-coded data and whatever
// segments lie between a progressive JPEG's scans, up to and including EOI.
// Anything after EOI (another picture a phone appended: a depth map, a
// gain map, a motion photo's video, each with its own metadata) is
// dropped. A file that stops without EOI gets one.
template <class Out>
bool CopyScans(std::string_view bytes, std::size_t at, Out& out) {
  while (true) {
    // Here `at` is a marker: an SOS, or a segment between scans.
    if (at + 2 > bytes.size()) return false;
    const auto marker = static_cast<std::uint8_t>(bytes[at + 1]);
    if (StandAlone(marker)) {
      out.append(bytes.substr(at, 2));
      at = NextMarker(bytes, at + 2);
      continue;
    }
    if (marker == 0xD9) {
      out.append(std::string_view("\xFF\xD9", 2));
      return true;
    }
    if (at + 4 > bytes.size()) return false;
    const Offset length = Big16(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.size()) return false;
    const std::string_view segment = bytes.substr(at, static_cast<std::size_t>(2 + length));
    // Between scans, only what decoding needs (tables, restart interval,
    // the scans): no APPn or comment, not even those kept before the frame.
    if (marker != 0xFE && (marker < 0xE0 || marker > 0xEF)) out.append(segment);
    at += segment.size();
    if (marker != 0xDA) {
      // Between scans: the next marker (stray bytes passed over).
      at = NextMarker(bytes, at);
      continue;
    }
    // Entropy-coded data runs to the next marker that is not a restart
    // marker (NextMarker's reading of one, so that a second pass finds the
    // same end): stuffed zeros, restarts, fill bytes and whatever a
    // damaged file holds in between are its data, copied as they are.
    const std::size_t start = at;
    while (true) {
      at = NextMarker(bytes, at);
      if (at >= bytes.size()) {
        out.append(bytes.substr(start));
        out.append(std::string_view("\xFF\xD9", 2));
        return true;
      }
      const auto code = static_cast<std::uint8_t>(bytes[at + 1]);
      if (code >= 0xD0 && code <= 0xD7) {
        at += 2;
        continue;
      }
      break;
    }
    out.append(bytes.substr(start, at - start));
  }
}

template <class Out>
bool StripJpeg(std::string_view bytes, Out& out) {
  if (bytes.size() < 4 || bytes.substr(0, 2) != "\xFF\xD8") return false;
  out.append(std::string_view("\xFF\xD8", 2));
  Out kept;  // segments after SOI, before the scan
  int orientation = 0;
  std::size_t at = 2;
  while (true) {
    // Stray bytes and fill bytes before a marker are passed over (and not
    // kept), as JPEG readers do.
    at = NextMarker(bytes, at);
    if (at + 4 > bytes.size()) return false;
    const auto marker = static_cast<std::uint8_t>(bytes[at + 1]);
    if (marker == 0xD9) return false;  // an image with no scan
    if (StandAlone(marker)) {
      kept.append(bytes.substr(at, 2));  // stand-alone markers carry no length
      at += 2;
      continue;
    }
    const Offset length = Big16(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.size()) return false;
    const std::string_view segment = bytes.substr(at, static_cast<std::size_t>(2 + length));
    if (marker == 0xDA) {
      if (orientation > 1) out += OrientationSegment(orientation);
      out += kept;
      return CopyScans(bytes, at, out);
    }
    if (marker == 0xE1) {
      // Readers take the first Exif segment's word for it; so do we.
      if (orientation == 0) orientation = ExifOrientation(segment.substr(4));
    } else if (KeepJpegSegment(marker, segment.substr(4))) {
      if (marker == 0xE0) {
        // JFIF stays first, as its readers expect.
        (kept.empty() ? out : kept).append(JfifWithoutThumbnail(segment));
      } else {
        kept.append(segment);
      }
    }
    at += segment.size();
  }
}

// An allow-list too: the picture's own chunks, its colour, transparency
// and animation. Text (tEXt, zTXt, iTXt), Exif (eXIf), times, content
// credentials (caBX, which name a creator and can hold a place) and every
// private chunk go.
bool KeepPngChunk(std::string_view type) {
  static constexpr std::string_view kKept[] = {
      "IHDR", "PLTE", "IDAT", "IEND",                          // the picture
      "tRNS", "bKGD",                                          // transparency, background
      "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi",  // colour
      "pHYs",                                                  // pixel aspect
      "acTL", "fcTL", "fdAT",                                  // animation
  };
  return std::find(std::begin(kKept), std::end(kKept), type) != std::end(kKept);
}

template <class Out>
bool StripPng(std::string_view bytes, Out& out) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1A\n", 8);
  if (bytes.substr(0, 8) != kSignature) return false;
  out.append(kSignature);
  std::size_t at = 8;
  while (at < bytes.size()) {
    if (at + 12 > bytes.size()) return false;
    const Offset length = Big32(bytes, at);
    if (length > bytes.size() - at - 12) return false;
    const std::string_view type = bytes.substr(at + 4, 4);
    const std::string_view chunk = bytes.substr(at, static_cast<std::size_t>(12 + length));
    if (KeepPngChunk(type)) out.append(chunk);
    at += chunk.size();
    if (type == "IEND") return true;
  }
  return false;  // no IEND: cut short
}

// The RIFF header's size, written once the body is known.
void SetRiffSize(std::string& out) {
  const auto size = static_cast<std::uint32_t>(out.size() - 8);
  for (int shift : {0, 8, 16, 24}) out[4 + shift / 8] = static_cast<char>((size >> shift) & 0xFF);
}
void SetRiffSize(Discard&) {}

template <class Out>
bool StripWebp(std::string_view bytes, Out& out) {
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WEBP") {
    return false;
  }
  const std::size_t end = static_cast<std::size_t>(std::min<Offset>(bytes.size(), 8 + Little32(bytes, 4)));
  out.append(std::string_view("RIFF\0\0\0\0WEBP", 12));
  std::size_t at = 12;
  while (at + 8 <= end) {
    const std::string_view type = bytes.substr(at, 4);
    const Offset length = Little32(bytes, at + 4);
    const Offset padded = length + (length & 1);
    if (padded > end - at - 8) return false;
    const std::string_view chunk = bytes.substr(at, static_cast<std::size_t>(8 + padded));
    if (type == "VP8X" && length >= 1) {
      // The EXIF and XMP flags cleared: their chunks are gone.
      const char flags = static_cast<char>(chunk[8] & ~0x0C);
      out.append(chunk.substr(0, 8));
      out.append(std::string_view(&flags, 1));
      out.append(chunk.substr(9));
    } else if (type == "VP8 " || type == "VP8L" || type == "ALPH" || type == "ANIM" ||
               type == "ANMF" || type == "ICCP") {
      // The picture, its alpha, animation and colour profile; EXIF, XMP,
      // content credentials and unknown chunks go.
      out.append(chunk);
    }
    at += chunk.size();
  }
  if (at != end) return false;
  SetRiffSize(out);
  return true;
}

template <class Out>
bool Strip(std::string_view bytes, std::string_view mime_type, Out& out) {
  if (mime_type == "image/jpeg") return StripJpeg(bytes, out);
  if (mime_type == "image/png") return StripPng(bytes, out);
  if (mime_type == "image/webp") return StripWebp(bytes, out);
  return false;
}

}  // namespace

std::optional<std::string> StripMetadata(std::string_view bytes, std::string_view mime_type) {
  std::string out;
  out.reserve(bytes.size() + 64);  // at most the file and an Orientation: one allocation
  if (!Strip(bytes, mime_type, out)) return std::nullopt;
  return out;
}

bool CanStripMetadata(std::string_view bytes, std::string_view mime_type) {
  Discard nowhere;
  return Strip(bytes, mime_type, nowhere);
}

}  // namespace lede::media
