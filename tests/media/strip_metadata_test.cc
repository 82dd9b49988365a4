#include "media/strip_metadata.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "media/test_images.h"
#include "support/test_util.h"

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
  // Found in review: content credentials (caBX) and private chunks
  // passed a deny-list; the list is of what is kept now.
  dirty.insert(after_header, PngChunk("tEXt", std::string("Comment\0GPS 37.5N", 17)) +
                                 PngChunk("eXIf", ExifWithOrientation(1).substr(6)) +
                                 PngChunk("caBX", "c2pa claim: GPS 37.5N") +
                                 PngChunk("prVt", "a maker's GPS note") + PngChunk("gAMA", "\0\0\xB1\x8F"));
  const auto stripped = StripMetadata(dirty, "image/png");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("GPS"), std::string::npos);
  EXPECT_EQ(stripped->find("eXIf"), std::string::npos);
  EXPECT_NE(stripped->find("gAMA"), std::string::npos) << "colour kept";
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
                           RiffChunk("XMP ", "<x:xmpmeta>GPS</x:xmpmeta>") +
                           RiffChunk("C2PA", "claim: GPS 37.5N");
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

// Found in review: JFIF's header may carry a thumbnail (an uncropped
// picture of the scene); it is kept without it.
TEST(StripMetadataTest, AJfifThumbnailIsDropped) {
  std::string jpeg = Encode("jpg", 40, 30);
  // JFIF 1.01, no units, 1:1, and a 2x1 RGB thumbnail.
  const std::string jfif = "JFIF\0\x01\x01\0\0\x01\0\x01\x02\x01"s + std::string(2 * 1 * 3, 'T');
  jpeg.insert(2, JpegSegment(0xE0, jfif));
  ASSERT_EQ(DecodedSize(jpeg), std::make_pair(40, 30));
  const auto stripped = StripMetadata(jpeg, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("TTTTTT"), std::string::npos);
  EXPECT_EQ(stripped->substr(2, 6), std::string("\xFF\xE0\0\x10JF", 6));
  EXPECT_EQ(stripped->substr(18, 2), std::string("\0\0", 2)) << "no thumbnail size";
  EXPECT_EQ(StripMetadata(*stripped, "image/jpeg"), stripped) << "stripping twice";
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(40, 30));
}

// Issue 24: an Exif IFD offset of 0xFFFFFFFF wrapped round in 32-bit
// arithmetic, passed the bounds check and crashed every GET of the file.
TEST(StripMetadataTest, Issue24AnExifOffsetNearFourGigabytesIsNotFollowed) {
  std::string jpeg = Encode("jpg", 40, 30);
  jpeg.insert(2, JpegSegment(0xE1, std::string("Exif\0\0II*\0\xff\xff\xff\xff\0\0", 16)));
  const auto stripped = StripMetadata(jpeg, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("Exif"), std::string::npos);
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(40, 30));
  // Offsets near the end of every width, both byte orders.
  for (const std::string& order : {"II*\0"s, "MM\0*"s}) {
    for (const std::string& offset : {"\xff\xff\xff\xfe"s, "\xff\xff\xff\xf0"s, "\x7f\xff\xff\xff"s,
                                     "\0\0\0\x08"s}) {
      std::string bad = Encode("jpg", 20, 20);
      bad.insert(2, JpegSegment(0xE1, "Exif\0\0"s + order + offset + "\xff\xff"s));
      EXPECT_TRUE(StripMetadata(bad, "image/jpeg").has_value());
    }
  }
}

TEST(StripMetadataTest, PicturesAPhoneAppendsAfterTheImageAreDropped) {
  // A multi-picture JPEG (a depth map, a gain map, a motion photo's video):
  // an MPF index in APP2 and a second JPEG, with its own Exif, after EOI.
  const std::string first = Encode("jpg", 64, 48);
  std::string second = Encode("jpg", 16, 16);
  second.insert(2, JpegSegment(0xE1, ExifWithOrientation(1)));
  std::string dirty = first;
  dirty.insert(2, JpegSegment(0xE2, "MPF\0MM\0*\0\0\0\x08"s) +
                      JpegSegment(0xEB, "JP\0\0HDR gain map"s) +
                      JpegSegment(0xE0, "JFXX\0\x10thumbnail"s));
  dirty += second + "ftypmp42 a motion photo's video GPS";
  const auto stripped = StripMetadata(dirty, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  for (std::string_view gone : {"MPF", "GPS", "gain map", "JFXX", "ftyp"}) {
    EXPECT_EQ(stripped->find(gone), std::string::npos) << gone;
  }
  EXPECT_TRUE(stripped->ends_with("\xFF\xD9"));
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(64, 48));
  EXPECT_EQ(StripMetadata(*stripped, "image/jpeg"), stripped);
}

TEST(StripMetadataTest, AProgressiveJpegKeepsEveryScan) {
  const std::string png = Encode("png", 200, 120);
  VipsImage* decoded = vips_image_new_from_buffer(png.data(), png.size(), "", nullptr);
  ASSERT_NE(decoded, nullptr);
  void* buffer = nullptr;
  std::size_t size = 0;
  ASSERT_EQ(vips_jpegsave_buffer(decoded, &buffer, &size, "interlace", TRUE, nullptr), 0);
  std::string progressive(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(decoded);
  progressive.insert(2, JpegSegment(0xE1, ExifWithOrientation(3)));
  const auto stripped = StripMetadata(progressive, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("GPS"), std::string::npos);
  // Every scan and the tables between them, byte for byte.
  const auto scan = progressive.find("\xFF\xDA");
  EXPECT_TRUE(stripped->ends_with(progressive.substr(scan)));
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(200, 120));
}

// The metadata libvips still finds in a file: what a reader's tools would.
std::set<std::string> MetadataFields(const std::string& bytes) {
  std::set<std::string> fields;
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) {
    vips_error_clear();
    return fields;
  }
  gchar** names = vips_image_get_fields(image);
  for (gchar** name = names; name && *name; ++name) fields.insert(*name);
  g_strfreev(names);
  g_object_unref(image);
  return fields;
}

TEST(StripMetadataTest, RealPhotosFromFortyCamerasKeepNoCameraDataAndStayWhole) {
  SKIP_WITHOUT_SHARED();
  int photos = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           LEDE_SHARED_DIR "/testdata/photos/jpg")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".jpg") continue;
    SCOPED_TRACE(entry.path().string());
    const std::string bytes = lede::testing::ReadFile(entry.path());
    const auto stripped = StripMetadata(bytes, "image/jpeg");
    ASSERT_TRUE(stripped.has_value());
    EXPECT_TRUE(CanStripMetadata(bytes, "image/jpeg"));
    ++photos;
    const auto before = MetadataFields(bytes);
    // What a reader's tools find: no position, camera, maker notes or
    // serial number, no XMP or IPTC. (libexif fills in a few neutral
    // fields, resolution and versions, for any Exif it reads.)
    for (const auto& field : MetadataFields(*stripped)) {
      EXPECT_FALSE(field.starts_with("exif-ifd3-")) << field;  // GPS
      for (const char* camera : {"Make", "Model", "MakerNote", "SerialNumber", "DateTime",
                                 "Software", "Artist", "LensModel", "UserComment"}) {
        EXPECT_EQ(field.find(camera), std::string::npos) << field;
      }
      EXPECT_TRUE(field != "xmp-data" && field != "iptc-data" && field != "jpeg-thumbnail-data")
          << field;
    }
    // And in the file itself: only the allowed segments before the scan.
    for (std::size_t at = 2; at + 4 <= stripped->size();) {
      const auto marker = static_cast<unsigned char>((*stripped)[at + 1]);
      if (marker == 0xDA) break;
      const std::size_t length = (static_cast<unsigned char>((*stripped)[at + 2]) << 8) |
                                 static_cast<unsigned char>((*stripped)[at + 3]);
      const std::string_view payload = std::string_view(*stripped).substr(at + 4, length - 2);
      if (marker == 0xE1) {
        EXPECT_EQ(payload.size(), 32u) << "an Exif holding Orientation alone";
      } else if (marker >= 0xE0 && marker <= 0xEF) {
        EXPECT_TRUE(payload.starts_with("JFIF") || payload.starts_with("ICC_PROFILE") ||
                    payload.starts_with("Adobe"))
            << std::hex << static_cast<int>(marker);
      }
      EXPECT_NE(marker, 0xFE) << "a comment";
      at += 2 + length;
    }
    EXPECT_EQ(StripMetadata(*stripped, "image/jpeg"), stripped) << "stripping twice";
    if (before.count("exif-ifd3-GPSLatitude")) {
      EXPECT_EQ(stripped->find("GPS"), std::string::npos);
    }
    // The picture is the same picture: the same size, still decodable.
    EXPECT_EQ(DecodedSize(*stripped), DecodedSize(bytes));
  }
  EXPECT_GE(photos, 60);
}

// Found by the image_metadata and media_upload fuzzers: bytes a decoder
// skips ("extraneous bytes before marker"), and 0xFF before something that
// is no marker code, were refused (a stored upload then could not be
// served) or kept, and kept 0xFF 0x00 read as stuffing in a second pass.
TEST(StripMetadataTest, StrayBytesBeforeAMarkerArePassedOverAndStayOut) {
  std::string jpeg = Encode("jpg", 120, 80);
  const auto tables = jpeg.find("\xFF\xDB");
  ASSERT_NE(tables, std::string::npos);
  jpeg.insert(tables, "junk"s + "\xFF\x00\x00\x02"s + "more junk");
  const auto stripped = StripMetadata(jpeg, "image/jpeg");
  ASSERT_TRUE(stripped.has_value());
  EXPECT_EQ(stripped->find("junk"), std::string::npos);
  EXPECT_EQ(StripMetadata(*stripped, "image/jpeg"), stripped) << "stripping twice";
  EXPECT_EQ(DecodedSize(*stripped), std::make_pair(120, 80));
}

// The upload's check walks without copying, and must agree with the strip
// on every file, whole or cut anywhere.
TEST(StripMetadataTest, TheCheckAgreesWithTheStripWhereverAFileIsCut) {
  for (const char* format : {"jpg", "png", "webp"}) {
    SCOPED_TRACE(format);
    const std::string type = std::string("image/") + (format == "jpg"s ? "jpeg" : format);
    const std::string file = Encode(format, 64, 48);
    int accepted = 0;
    for (std::size_t cut = 0; cut <= file.size(); ++cut) {
      const std::string_view prefix = std::string_view(file).substr(0, cut);
      const bool strips = StripMetadata(prefix, type).has_value();
      EXPECT_EQ(CanStripMetadata(prefix, type), strips) << "cut at " << cut;
      accepted += strips;
    }
    EXPECT_GE(accepted, 1) << "the whole file";
  }
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
