#pragma once
// Helpers every test binary shares.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "util/result.h"
#include "util/time.h"

// Asserts a Result or Status is OK, printing the error when it is not.
#define ASSERT_OK(expr)                                                       \
  do {                                                                        \
    const auto& lede_result = (expr);                                         \
    ASSERT_TRUE(lede_result.has_value())                                      \
        << #expr << ": " << lede::ErrorCodeName(lede_result.error().code)     \
        << ": " << lede_result.error().message;                               \
  } while (false)
#define EXPECT_OK(expr)                                                       \
  do {                                                                        \
    const auto& lede_result = (expr);                                         \
    EXPECT_TRUE(lede_result.has_value())                                      \
        << #expr << ": " << lede::ErrorCodeName(lede_result.error().code)     \
        << ": " << lede_result.error().message;                               \
  } while (false)

// Tests that read ../shared (real exports, XSS vectors) skip with one line
// saying why when it is absent, as in a user's own clone; where it is
// present (CI, developers) they run.
#define SKIP_WITHOUT_SHARED()                                                             \
  do {                                                                                    \
    if (!std::filesystem::is_directory(LEDE_SHARED_DIR "/testdata")) {                   \
      GTEST_SKIP() << "../shared/testdata is absent (a clone without the shared folder)"; \
    }                                                                                     \
  } while (false)

namespace lede::testing {

// A fresh directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A clock the test sets by hand.
class ManualClock final : public util::Clock {
 public:
  explicit ManualClock(util::UnixSeconds now) : now_(now) {}
  util::UnixSeconds Now() const override { return now_.load(); }
  void Set(util::UnixSeconds now) { now_ = now; }
  void Advance(util::UnixSeconds seconds) { now_ += seconds; }

 private:
  std::atomic<util::UnixSeconds> now_;
};

// Reads a whole file; "" when missing.
std::string ReadFile(const std::filesystem::path& path);

// A valid 1x1 PNG, for uploads.
inline const std::string kOnePixelPng(
    "\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x06\x00\x00\x00\x1F\x15\xC4\x89\x00\x00\x00\x0D\x49\x44\x41\x54\x78\xDA\x63\x64\x60"
    "\xF8\x5F\x0F\x00\x02\x87\x01\x80\xEB\x47\xBA\x92\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60"
    "\x82",
    70);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

}  // namespace lede::testing
