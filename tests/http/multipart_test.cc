#include "http/multipart.h"

#include <gtest/gtest.h>

namespace lede::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----b0undary";

TEST(MultipartTest, ReadsFieldsAndFilesWithBinaryBodies) {
  const std::string body = std::string(
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"caption\"\r\n\r\n"
      "Dawn at the harbour\r\n"
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"a b.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n") + std::string("\xFF\xD8\x00\r\n--x\xFF", 9) +
      "\r\n------b0undary--\r\n";
  auto parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.has_value()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(FindPart(*parts, "caption")->body, "Dawn at the harbour");
  const FormPart* file = FindPart(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "a b.jpg");
  EXPECT_EQ(file->content_type, "image/jpeg");
  EXPECT_EQ(file->body, std::string_view("\xFF\xD8\x00\r\n--x\xFF", 9));
  EXPECT_EQ(FindPart(*parts, "missing"), nullptr);
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
  const char* kBad[] = {
      "",
      "------b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
      "------b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n------b0undary--",
      "------b0undaryX",
  };
  for (const char* body : kBad) {
    EXPECT_FALSE(ParseMultipart(kType, body).has_value()) << body;
  }
  EXPECT_FALSE(ParseMultipart("application/json", "{}").has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "x").has_value());
}

}  // namespace
}  // namespace lede::http
