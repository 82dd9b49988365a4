#include "http/static_files.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace lede::http {
namespace {

TEST(StaticFilesTest, SafeRelativePathTable) {
  const struct {
    std::string_view encoded;
    std::optional<std::string> path;
  } kCases[] = {
      {"a.jpg", "a.jpg"},
      {"2026/11/a%20b.jpg", "2026/11/a b.jpg"},
      {"../etc/passwd", std::nullopt},
      {"a/../../b", std::nullopt},
      {"%2e%2e/etc/passwd", std::nullopt},
      {"%2E%2E%2Fetc%2Fpasswd", std::nullopt},
      {"a%2fb", std::nullopt},
      {"a%5cb", std::nullopt},
      {"a%00.jpg", std::nullopt},
      {".hidden", std::nullopt},
      {"a//b", std::nullopt},
      {"", std::nullopt},
      {"./a", std::nullopt},
  };
  for (const auto& test : kCases) {
    const auto path = SafeRelativePath(test.encoded);
    if (test.path) {
      ASSERT_TRUE(path.has_value()) << test.encoded;
      EXPECT_EQ(path->string(), *test.path);
    } else {
      EXPECT_FALSE(path.has_value()) << test.encoded << " -> " << path->string();
    }
  }
}

TEST(StaticFilesTest, ServesFilesWithEtagsAndNotModified) {
  testing::TempDir dir;
  testing::WriteFile(dir / "media" / "a.jpg", "JPEGBYTES");
  Request request;
  Response response = ServeFile(dir / "media", "a.jpg", request, 60);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "JPEGBYTES");
  EXPECT_EQ(response.content_type, "image/jpeg");
  std::string etag;
  for (const auto& [name, value] : response.headers) {
    if (name == "ETag") etag = value;
  }
  ASSERT_FALSE(etag.empty());
  request.headers = {{"If-None-Match", etag}};
  EXPECT_EQ(ServeFile(dir / "media", "a.jpg", request, 60).status, 304);
}

TEST(StaticFilesTest, NeverLeavesTheRoot) {
  testing::TempDir dir;
  testing::WriteFile(dir / "secret.txt", "SECRET");
  testing::WriteFile(dir / "media" / "ok.txt", "ok");
  std::filesystem::create_directory_symlink(dir.path(), dir / "media" / "escape");
  std::filesystem::create_symlink(dir / "secret.txt", dir / "media" / "link.txt");
  Request request;
  for (std::string_view path : {"../secret.txt", "%2e%2e/secret.txt", "escape/secret.txt",
                                "link.txt", "missing.txt", "escape"}) {
    const Response response = ServeFile(dir / "media", path, request, 60);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.body.find("SECRET"), std::string::npos) << path;
  }
  EXPECT_EQ(ServeFile(dir / "media", "ok.txt", request, 60).status, 200);
}

}  // namespace
}  // namespace lede::http
