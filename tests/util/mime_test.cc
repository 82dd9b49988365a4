#include "util/mime.h"

#include <gtest/gtest.h>

namespace lede::util {
namespace {

TEST(MimeTest, ContentTypesComeFromTheExtension) {
  EXPECT_EQ(ContentTypeFor("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("2026/11/harbour-960.JPG"), "image/jpeg");
  EXPECT_EQ(ContentTypeFor("rating.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("noextension"), "application/octet-stream");
}

}  // namespace
}  // namespace lede::util
