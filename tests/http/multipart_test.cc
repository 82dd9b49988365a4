#include "http/multipart.h"

#include <gtest/gtest.h>

#include "http/multipart_stream.h"
#include "support/test_util.h"

namespace lede::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----b0undary";

const std::string kBody = std::string(
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"caption\"\r\n\r\n"
      "Dawn at the harbour\r\n"
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"a b.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n") + std::string("\xFF\xD8\x00\r\n--x\xFF", 9) +
      "\r\n------b0undary--\r\n";

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

// An upload goes to disk as it arrives, in whatever pieces the network
// cuts it into: one byte at a time reads what the whole body reads.
TEST(MultipartSpoolerTest, WritesFilePartsToDiskAndReadsWhatParseMultipartReads) {
  testing::TempDir dir;
  for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{17}, kBody.size()}) {
    MultipartSpooler spooler(kType, dir.path() / "spool", 1024);
    for (std::size_t at = 0; at < kBody.size(); at += piece) {
      spooler.Feed(std::string_view(kBody).substr(at, piece));
    }
    auto parts = spooler.Finish();
    ASSERT_TRUE(parts.has_value()) << parts.error().message;
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].value, "Dawn at the harbour");
    EXPECT_EQ((*parts)[0].file, nullptr);
    const auto& file = (*parts)[1];
    ASSERT_NE(file.file, nullptr);
    EXPECT_EQ(file.filename, "a b.jpg");
    EXPECT_EQ(file.file->size(), 9u);
    EXPECT_EQ(testing::ReadFile(file.file->path()), std::string("\xFF\xD8\x00\r\n--x\xFF", 9));
    EXPECT_TRUE(file.value.empty()) << "the bytes are on disk, not in memory";
    const auto path = file.file->path();
    parts->clear();
    EXPECT_FALSE(std::filesystem::exists(path)) << "removed with its last owner";
  }
}

TEST(MultipartSpoolerTest, RefusesWhatParseMultipartRefusesWithTheSameReason) {
  testing::TempDir dir;
  const std::string kBad[] = {
      "",
      "------b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
      "------b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n------b0undary--",
      "------b0undaryX",
      "------b0undary\r\nContent-Disposition: form-data; name=\"a\"; filename=\"x\"\r\n" +
          std::string(20000, 'h') + "\r\n\r\nx\r\n------b0undary--",
  };
  for (const std::string& body : kBad) {
    MultipartSpooler spooler(kType, dir.path(), 1024);
    spooler.Feed(body);
    auto spooled = spooler.Finish();
    auto parsed = ParseMultipart(kType, body);
    ASSERT_FALSE(spooled.has_value()) << body.substr(0, 80);
    ASSERT_FALSE(parsed.has_value()) << body.substr(0, 80);
    EXPECT_EQ(spooled.error().message, parsed.error().message);
  }
  // Fields are held in memory, so they are bounded; files are not.
  MultipartSpooler spooler(kType, dir.path(), 8);
  spooler.Feed(kBody);
  auto too_big = spooler.Finish();
  ASSERT_FALSE(too_big.has_value());
  EXPECT_NE(too_big.error().message.find("too large"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "nothing left behind";
}

// Found in review: a body of thousands of tiny file parts opened a spool
// file and kept a struct for each (100+ MB for a 21 MiB body).
TEST(MultipartSpoolerTest, ABodyOfThousandsOfPartsIsRefusedAndLeavesNothing) {
  testing::TempDir dir;
  std::string body;
  for (std::size_t i = 0; i < MultipartSpooler::kMaxParts + 1; ++i) {
    body += "------b0undary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nx\r\n";
  }
  body += "------b0undary--";
  MultipartSpooler spooler(kType, dir.path(), 1024);
  spooler.Feed(body);
  auto refused = spooler.Finish();
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("more than 100 parts"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "nothing left behind";
}

}  // namespace
}  // namespace lede::http
