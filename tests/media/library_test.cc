#include "media/library.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <vips/vips.h>
#include <zlib.h>

#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::media {
namespace {

constexpr std::string_view kSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1000">)"
    R"(<rect width="2000" height="1000" fill="#336699"/></svg>)";

class LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    store_ = std::move(*store);
    library_ = std::make_unique<Library>(*store_, dir_ / "media", clock_);
  }
  testing::TempDir dir_;
  testing::ManualClock clock_{1'800'000'000};  // 2027-01-15
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Library> library_;
};

TEST_F(LibraryTest, WritesOneJpegPerWidthAndRecordsTheItem) {
  auto item = library_->AddImage(kSvg, "Harbour at dawn", {"A harbour", "Dawn", "Photo: A"});
  ASSERT_OK(item);
  EXPECT_EQ(item->path, "2027/01/harbour-at-dawn");
  EXPECT_EQ(item->widths, (std::vector<int>{480, 960, 1440}));
  EXPECT_EQ(item->width, 1440);
  EXPECT_EQ(item->height, 720);
  for (int width : item->widths) {
    const std::string bytes = testing::ReadFile(dir_ / "media" / VariantPath(*item, width));
    ASSERT_GT(bytes.size(), 100u) << width;
    EXPECT_EQ(bytes.substr(0, 2), "\xFF\xD8");  // a JPEG
  }
  auto stored = store_->FindMedia(item->id);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->credit, "Photo: A");
}

TEST_F(LibraryTest, SmallImagesAreNotEnlarged) {
  auto item = library_->AddImage(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"/>)", "small", {"s", "", ""});
  ASSERT_OK(item);
  EXPECT_EQ(item->widths, (std::vector<int>{480, 600}));
}

TEST_F(LibraryTest, SameNameGetsANewPath) {
  auto first = library_->AddImage(kSvg, "scene", {"a", "", ""});
  auto second = library_->AddImage(kSvg, "scene", {"a", "", ""});
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_NE(first->path, second->path);
}

TEST_F(LibraryTest, BytesThatAreNotAnImageAreRefusedAndNothingIsWritten) {
  auto item = library_->AddImage("this is not an image", "junk", {"a", "", ""});
  ASSERT_FALSE(item);
  EXPECT_EQ(item.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(item.error().field, "file");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "media" / "2027"));
}

// A picture in a real format, made by libvips from a drawing with a
// distinctive left half, so crops can tell where they were cut.
std::string Encode(std::string_view format, int width = 2400, int height = 1600) {
  const std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}">)"
      R"(<rect width="{0}" height="{1}" fill="#ffffff"/>)"
      R"(<rect width="{2}" height="{1}" fill="#cc0000"/></svg>)",
      width, height, width / 4);
  VipsImage* image = vips_image_new_from_buffer(svg.data(), svg.size(), "", nullptr);
  EXPECT_NE(image, nullptr);
  void* buffer = nullptr;
  std::size_t size = 0;
  const std::string suffix = "." + std::string(format);
  EXPECT_EQ(vips_image_write_to_buffer(image, suffix.c_str(), &buffer, &size, nullptr), 0);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(image);
  return bytes;
}

// A PNG whose header claims width x height, with one tiny pixel row: what
// a decompression bomb looks like before it is decoded.
std::string PngClaiming(std::uint32_t width, std::uint32_t height) {
  auto chunk = [](std::string_view type, std::string data) {
    std::string out;
    const std::uint32_t length = static_cast<std::uint32_t>(data.size());
    for (int shift : {24, 16, 8, 0}) out += static_cast<char>((length >> shift) & 0xFF);
    std::string body = std::string(type) + data;
    out += body;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
    for (int shift : {24, 16, 8, 0}) out += static_cast<char>((crc >> shift) & 0xFF);
    return out;
  };
  std::string header;
  for (std::uint32_t value : {width, height}) {
    for (int shift : {24, 16, 8, 0}) header += static_cast<char>((value >> shift) & 0xFF);
  }
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", header) +
         chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + chunk("IEND", "");
}

TEST_F(LibraryTest, UploadsMakeJpegAndWebpVariantsCropsAndKeepTheOriginal) {
  for (std::string_view format : {"jpg", "png", "webp"}) {
    const std::string bytes = Encode(format);
    auto item = library_->Upload(bytes, std::string("photo.") + std::string(format),
                                 {"Red and white", "A test card", "Photo: Lede"});
    ASSERT_OK(item);
    EXPECT_TRUE(item->webp);
    EXPECT_TRUE(item->crops);
    for (int width : item->widths) {
      EXPECT_EQ(testing::ReadFile(dir_ / "media" / VariantPath(*item, width)).substr(0, 3),
                "\xFF\xD8\xFF");
      const std::string webp = testing::ReadFile(dir_ / "media" / WebpVariantPath(*item, width));
      ASSERT_GT(webp.size(), 12u);
      EXPECT_EQ(webp.substr(8, 4), "WEBP");
    }
    for (const auto& shape : kCropShapes) {
      VipsImage* crop = vips_image_new_from_file(
          (dir_ / "media" / CropPath(*item, shape.name)).c_str(), nullptr);
      ASSERT_NE(crop, nullptr) << shape.name;
      const int w = vips_image_get_width(crop), h = vips_image_get_height(crop);
      EXPECT_LE(w, kCropWidth);
      EXPECT_NEAR(static_cast<double>(w) / h,
                  static_cast<double>(shape.width_ratio) / shape.height_ratio, 0.01)
          << shape.name;
      g_object_unref(crop);
    }
    EXPECT_EQ(testing::ReadFile(dir_ / "originals" / item->original), bytes) << "kept as sent";
  }
}

TEST_F(LibraryTest, UploadedVariantsCarryNoCameraData) {
  std::string bytes = Encode("jpg");
  // An Exif segment right after the start marker, with a GPS note in it.
  const std::string exif = std::string("Exif\0\0II*\0\x08\0\0\0\0\0", 16) + "GPS 37.5665N 126.9780E";
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>(((exif.size() + 2) >> 8) & 0xFF);
  segment += static_cast<char>((exif.size() + 2) & 0xFF);
  bytes.insert(2, segment + exif);
  auto item = library_->Upload(bytes, "gps.jpg", {"a", "b", "c"});
  ASSERT_OK(item);
  for (int width : item->widths) {
    for (const auto& path : {VariantPath(*item, width), WebpVariantPath(*item, width)}) {
      const std::string written = testing::ReadFile(dir_ / "media" / path);
      EXPECT_EQ(written.find("GPS 37.5665N"), std::string::npos) << path;
    }
    // JPEGs carry no Exif at all; libvips' WebP writer adds a fresh minimal
    // one (size, resolution), never the camera's.
    EXPECT_EQ(testing::ReadFile(dir_ / "media" / VariantPath(*item, width)).find("Exif"),
              std::string::npos);
  }
}

TEST_F(LibraryTest, BadUploadsAreRefusedAndStoreNothing) {
  const std::string jpeg = Encode("jpg");
  const struct {
    std::string name;
    std::string bytes;
    std::string message;
  } kCases[] = {
      {"empty", "", "choose an image"},
      {"text", "<html>not an image</html>", "JPEG, PNG or WebP"},
      {"svg named jpg", std::string(kSvg), "JPEG, PNG or WebP"},
      {"gif", "GIF89a\x01\x00\x01\x00", "JPEG, PNG or WebP"},
      {"truncated", jpeg.substr(0, jpeg.size() / 2), "truncated"},
      {"bomb", PngClaiming(30000, 30000), "100 megapixels"},
      {"oversized", std::string("\xFF\xD8\xFF", 3) + std::string(kMaxUploadBytes, 'x'), "20 MiB"},
  };
  for (const auto& test : kCases) {
    auto refused = library_->Upload(test.bytes, "upload.jpg", {"a", "b", "c"});
    ASSERT_FALSE(refused) << test.name;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << test.name;
    EXPECT_EQ(refused.error().field, "file") << test.name;
    EXPECT_NE(refused.error().message.find(test.message), std::string::npos)
        << test.name << ": " << refused.error().message;
  }
  EXPECT_EQ(store_->ListMedia({})->total, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "media" / "2027")) << "no file left behind";
}

TEST_F(LibraryTest, AFocalPointMovesTheCrops) {
  auto item = library_->Upload(Encode("png"), "card.png", {"a", "b", "c"});
  ASSERT_OK(item);
  auto left_of = [&](const content::MediaItem& media) {
    // From the bytes: libvips caches files it opened by name.
    const std::string bytes = testing::ReadFile(dir_ / "media" / CropPath(media, "1x1"));
    VipsImage* crop = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    double red = 0;
    VipsImage* band = nullptr;
    vips_extract_band(crop, &band, 0, nullptr);
    vips_avg(band, &red, nullptr);
    g_object_unref(band);
    g_object_unref(crop);
    return red;
  };
  auto left = library_->SetFocalPoint(item->id, 50, 500);
  ASSERT_OK(left);
  EXPECT_EQ(left->focal_x, 50);
  const double red_left = left_of(*left);
  auto right = library_->SetFocalPoint(item->id, 950, 500);
  ASSERT_OK(right);
  // The red stripe (red channel 204 against white's 255) is on the left.
  EXPECT_LT(red_left + 5, left_of(*right));
  EXPECT_FALSE(library_->SetFocalPoint(item->id, 1200, 5));
  EXPECT_FALSE(library_->SetFocalPoint(item->id, 5, std::nullopt));
}

TEST_F(LibraryTest, TheLibraryIsSearchedAndKnowsWhoUsesAnItem) {
  ASSERT_OK(library_->AddImage(kSvg, "harbour", {"Boats", "Harbour at dawn", "Photo: A"}));
  ASSERT_OK(library_->AddImage(kSvg, "market", {"Stalls", "The market", "Photo: B"}));
  EXPECT_EQ(store_->ListMedia({})->total, 2);
  auto found = store_->ListMedia({.search = "HARBOUR"});
  ASSERT_OK(found);
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].caption, "Harbour at dawn");
  EXPECT_TRUE(store_->ArticlesUsingMedia(found->items[0].id)->empty());
}

}  // namespace
}  // namespace lede::media
