#include "media/library.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace lede::media
