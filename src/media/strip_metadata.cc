#include "media/strip_metadata.h"

#include <cstdint>

namespace lede::media {
namespace {

std::uint32_t Big16(std::string_view bytes, std::size_t at) {
  return (static_cast<std::uint8_t>(bytes[at]) << 8) | static_cast<std::uint8_t>(bytes[at + 1]);
}

std::uint32_t Big32(std::string_view bytes, std::size_t at) {
  return (Big16(bytes, at) << 16) | Big16(bytes, at + 2);
}

std::uint32_t Little32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  return value;
}

// The Orientation (tag 0x0112) of IFD0 in an APP1 Exif payload, or 0.
int ExifOrientation(std::string_view payload) {
  if (payload.size() < 14 || payload.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 0;
  const std::string_view tiff = payload.substr(6);
  const bool little = tiff.substr(0, 2) == "II";
  if (!little && tiff.substr(0, 2) != "MM") return 0;
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    return little ? (static_cast<std::uint8_t>(tiff[at]) | (static_cast<std::uint8_t>(tiff[at + 1]) << 8))
                  : Big16(tiff, at);
  };
  auto u32 = [&](std::size_t at) { return little ? Little32(tiff, at) : Big32(tiff, at); };
  const std::uint32_t ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.size()) return 0;
  const std::uint32_t entries = u16(ifd);
  for (std::uint32_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + static_cast<std::size_t>(i) * 12;
    if (entry + 12 > tiff.size()) return 0;
    if (u16(entry) == 0x0112 && u16(entry + 2) == 3) {
      const std::uint32_t value = u16(entry + 8);
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

std::optional<std::string> StripJpeg(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.substr(0, 2) != "\xFF\xD8") return std::nullopt;
  std::string out("\xFF\xD8", 2);
  std::string kept;  // segments after SOI, before the scan
  int orientation = 0;
  std::size_t at = 2;
  while (true) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    while (at + 1 < bytes.size() && bytes[at] == '\xFF' && bytes[at + 1] == '\xFF') ++at;
    if (at + 4 > bytes.size() || bytes[at] != '\xFF') return std::nullopt;
    const auto marker = static_cast<std::uint8_t>(bytes[at + 1]);
    if (marker == 0xD9) return std::nullopt;  // an image with no scan
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      kept.append(bytes.substr(at, 2));  // stand-alone markers carry no length
      at += 2;
      continue;
    }
    const std::uint32_t length = Big16(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.size()) return std::nullopt;
    const std::string_view segment = bytes.substr(at, 2 + length);
    if (marker == 0xDA) {
      // The scan and everything after it: compressed data, copied as is.
      if (orientation > 1) out += OrientationSegment(orientation);
      out += kept;
      out.append(bytes.substr(at));
      return out;
    }
    if (marker == 0xE1) {
      // Readers take the first Exif segment's word for it; so do we.
      if (orientation == 0) orientation = ExifOrientation(segment.substr(4));
    } else if (marker != 0xED && marker != 0xFE) {
      if (marker == 0xE0 && kept.empty()) {
        out.append(segment);  // JFIF stays first, as its readers expect
      } else {
        kept.append(segment);
      }
    }
    at += 2 + length;
  }
}

std::optional<std::string> StripPng(std::string_view bytes) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1A\n", 8);
  if (bytes.substr(0, 8) != kSignature) return std::nullopt;
  std::string out(kSignature);
  std::size_t at = 8;
  while (at < bytes.size()) {
    if (at + 12 > bytes.size()) return std::nullopt;
    const std::uint32_t length = Big32(bytes, at);
    if (length > bytes.size() - at - 12) return std::nullopt;
    const std::string_view type = bytes.substr(at + 4, 4);
    const std::string_view chunk = bytes.substr(at, 12 + static_cast<std::size_t>(length));
    if (type != "eXIf" && type != "tEXt" && type != "zTXt" && type != "iTXt" && type != "tIME") {
      out.append(chunk);
    }
    at += chunk.size();
    if (type == "IEND") return out;
  }
  return std::nullopt;  // no IEND: cut short
}

std::optional<std::string> StripWebp(std::string_view bytes) {
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WEBP") {
    return std::nullopt;
  }
  const std::size_t end = std::min<std::size_t>(bytes.size(), 8 + static_cast<std::size_t>(Little32(bytes, 4)));
  std::string body("WEBP");
  std::size_t at = 12;
  while (at + 8 <= end) {
    const std::string_view type = bytes.substr(at, 4);
    const std::uint32_t length = Little32(bytes, at + 4);
    const std::size_t padded = static_cast<std::size_t>(length) + (length & 1);
    if (padded > end - at - 8) return std::nullopt;
    std::string chunk(bytes.substr(at, 8 + padded));
    if (type == "VP8X" && length >= 1) chunk[8] = static_cast<char>(chunk[8] & ~0x0C);  // EXIF, XMP flags
    if (type != "EXIF" && type != "XMP ") body += chunk;
    at += 8 + padded;
  }
  if (at != end) return std::nullopt;
  std::string out("RIFF");
  const std::uint32_t size = static_cast<std::uint32_t>(body.size());
  for (int shift : {0, 8, 16, 24}) out += static_cast<char>((size >> shift) & 0xFF);
  return out + body;
}

}  // namespace

std::optional<std::string> StripMetadata(std::string_view bytes, std::string_view mime_type) {
  if (mime_type == "image/jpeg") return StripJpeg(bytes);
  if (mime_type == "image/png") return StripPng(bytes);
  if (mime_type == "image/webp") return StripWebp(bytes);
  return std::nullopt;
}

}  // namespace lede::media
