#include "media/strip_metadata.h"

#include <gtest/gtest.h>

#include "media/test_images.h"

namespace lede::media {
namespace {

using images::DecodedSize;
using images::Encode;
using images::JpegSegment;
using namespace std::string_literals;

// An Exif payload (big-endian TIFF) with Orientation and a GPS note.
std::string ExifWithOrientation(int orientation) {
  std::string tiff("MM\0\x2a\0\0\0\x08", 8);
  tiff += std::string("\0\x01", 2);
  tiff += std::string("\x01\x12\0\x03\0\0\0\x01", 8);
  tiff += static_cast<char>(0);
  tiff += static_cast<char>(orientation);
  tiff += std::string("\0\0\0\0\0\0", 6);
  return std::string("Exif\0\0", 6) + tiff + "GPS 37.5665N 126.9780E";
}

TEST(StripMetadataTest, JpegLosesCameraDataAndKeepsPixelsAndRotation) {
  const std::string clean = Encode("jpg", 300, 200);
  std::string dirty = clean;
  dirty.insert(2, JpegSegment(0xE1, ExifWithOrientation(6)) +
                      JpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Camera</x:xmpmeta>"s) +
                      JpegSegment(0xED, "Photoshop 3.0\0IPTC Byline: J. Doe"s) +
                      JpegSegment(0xFE, "taken at home"));
  const auto stripped = StripMetadata(dirty, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  for (std::string_view gone : {"GPS", "xmpmeta", "IPTC", "taken at home"}) {
    EXPECT_EQ(stripped->find(gone), std::string::npos) << gone;
  }
  // The compressed picture is untouched, byte for byte, and still decodes.
  const auto scan = clean.find("\xFF\xDA");
  ASSERT_NE(scan, std::string::npos);
  EXPECT_TRUE(stripped->ends_with(clean.substr(scan)));
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(300, 200));
  // The rotation the camera asked for is kept, alone.
  EXPECT_NE(stripped->find(std::string("\x01\x12\0\x03\0\0\0\x01\0\x06", 10)), std::string::npos)
      << ::testing::PrintToString(stripped->substr(0, 60));
  // Stripping again changes nothing.
  EXPECT_EQ(StripMetadata(*stripped, "image/jpeg"), stripped);
}

TEST(StripMetadataTest, AnUprightJpegKeepsNoExifAtAll) {
  std::string dirty = Encode("jpg", 120, 80);
  dirty.insert(2, JpegSegment(0xE1, ExifWithOrientation(1)));
  const auto stripped = StripMetadata(dirty, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("Exif"), std::string::npos);
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(120, 80));
}

std::string PngChunk(std::string_view type, std::string_view data) {
  // The CRC is not checked by the stripper; libvips ignores a bad one in
  // ancillary chunks, and they are removed anyway.
  std::string out;
  const auto length = static_cast<std::uint32_t>(data.size());
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((length >> shift) & 0xFF);
  return out + std::string(type) + std::string(data) + std::string("\0\0\0\0", 4);
}

TEST(StripMetadataTest, PngLosesTextAndExifChunks) {
  const std::string clean = Encode("png", 64, 48);
  std::string dirty = clean;
  const auto after_header = 8 + 25;  // signature, IHDR
  dirty.insert(after_header, PngChunk("tEXt", std::string("Comment\0GPS 37.5N", 17)) +
                                 PngChunk("eXIf", ExifWithOrientation(1).substr(6)));
  const auto stripped = StripMetadata(dirty, "image/png");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("GPS"), std::string::npos);
  EXPECT_EQ(stripped->find("eXIf"), std::string::npos);
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(64, 48));
}

std::string Little32(std::uint32_t value) {
  std::string out;
  for (int shift : {0, 8, 16, 24}) out += static_cast<char>((value >> shift) & 0xFF);
  return out;
}

std::size_t Little32Value(const std::string& bytes, std::size_t at) {
  std::size_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value + (value & 1);
}

std::string RiffChunk(std::string_view type, std::string data) {
  std::string out = std::string(type) + Little32(static_cast<std::uint32_t>(data.size())) + data;
  if (data.size() % 2) out += '\0';
  return out;
}

TEST(StripMetadataTest, WebpLosesExifAndXmpChunksAndTheirFlags) {
  // The simple lossy form: RIFF, WEBP, one VP8 chunk.
  const std::string encoded = Encode("webp", 64, 48);
  const auto vp8 = encoded.find("VP8 ");
  ASSERT_NE(vp8, std::string::npos);
  const std::string simple = "RIFF....WEBP" + encoded.substr(vp8, 8 + Little32Value(encoded, vp8 + 4));
  // The extended form a camera app writes: VP8X, the image, EXIF, XMP.
  std::string vp8x(10, '\0');
  vp8x[0] = 0x08 | 0x04;  // EXIF and XMP present
  vp8x[4] = 63;           // canvas width - 1
  vp8x[7] = 47;           // canvas height - 1
  const std::string body = "WEBP" + RiffChunk("VP8X", vp8x) + simple.substr(12) +
                           RiffChunk("EXIF", ExifWithOrientation(1).substr(6)) +
                           RiffChunk("XMP ", "<x:xmpmeta>GPS</x:xmpmeta>");
  const std::string dirty = "RIFF" + Little32(static_cast<std::uint32_t>(body.size())) + body;
  ASSERT_EQ(DecodedSize(dirty), std::make_pair(64, 48));
  const auto stripped = StripMetadata(dirty, "image/webp");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("GPS"), std::string::npos);
  EXPECT_EQ(stripped->find("EXIF"), std::string::npos);
  EXPECT_EQ(static_cast<unsigned char>((*stripped)[20]) & 0x0C, 0) << "flags cleared";
  EXPECT_EQ(stripped->size(), 8 + static_cast<std::size_t>(static_cast<unsigned char>((*stripped)[4]) |
                                                          (static_cast<unsigned char>((*stripped)[5]) << 8)));
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(64, 48));
}

TEST(StripMetadataTest, DamagedFilesAreRefusedNotGuessed) {
  const std::string jpeg = Encode("jpg", 50, 50);
  EXPECT_FALSE(StripMetadata(jpeg.substr(0, 40), "image/jpeg").has_value()) << "cut before the scan";
  EXPECT_FALSE(StripMetadata("not an image", "image/jpeg").has_value());
  const std::string png = Encode("png", 50, 50);
  EXPECT_FALSE(StripMetadata(png.substr(0, png.size() - 12), "image/png").has_value()) << "no IEND";
  std::string webp = Encode("webp", 50, 50);
  webp[16] = '\x7F';  // a chunk longer than the file
  EXPECT_FALSE(StripMetadata(webp, "image/webp").has_value());
  EXPECT_FALSE(StripMetadata(jpeg, "image/gif").has_value());
}

}  // namespace
}  // namespace lede::media
