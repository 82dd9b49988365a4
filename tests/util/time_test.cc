#include "util/time.h"

#include <gtest/gtest.h>

namespace lede::util {
namespace {

constexpr UnixSeconds kExample = 1795873080;  // 2026-11-28T13:38:00Z

TEST(TimeTest, Formats) {
  EXPECT_EQ(FormatIso8601(kExample), "2026-11-28T13:38:00Z");
  EXPECT_EQ(FormatHuman(kExample), "28 November 2026, 13:38 UTC");
  EXPECT_EQ(FormatShortDate(kExample), "28 Nov 2026");
  EXPECT_EQ(FormatHttpDate(kExample), "Sat, 28 Nov 2026 13:38:00 GMT");
  EXPECT_EQ(ParseHttpDate("Sat, 28 Nov 2026 13:38:00 GMT"), kExample);
  EXPECT_EQ(ParseHttpDate(FormatHttpDate(0)), 0);
  EXPECT_FALSE(ParseHttpDate("Sat, 28 Nov 2026 13:38:00"));
  EXPECT_FALSE(ParseHttpDate("Sat, 28 Foo 2026 13:38:00 GMT"));
  EXPECT_FALSE(ParseHttpDate("Sat, 31 Feb 2026 13:38:00 GMT"));
  EXPECT_FALSE(ParseHttpDate("Saturday, 28-Nov-26 13:38:00 GMT")) << "obsolete forms are not ours";
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
}

TEST(TimeTest, ParseIso8601Table) {
  const struct {
    std::string_view text;
    std::optional<UnixSeconds> seconds;
  } kCases[] = {
      {"2026-11-28T13:38:00Z", kExample},
      {"2026-11-28 13:38:00", kExample},
      {"2026-11-28T13:38Z", kExample},
      {"2026-11-28T14:38:00+01:00", kExample},
      {"2026-11-28T13:38:00.123Z", kExample},
      {"2026-11-28", kExample - (13 * 3600 + 38 * 60)},
      {"2024-02-29", 1709164800},
      {"2023-02-29", std::nullopt},
      {"2019-13-01", std::nullopt},
      {"2026-11-28T25:00:00Z", std::nullopt},
      {"2026-11-28T13:38:00+0100", std::nullopt},
      {"not a date", std::nullopt},
      {"", std::nullopt},
      {"0000-00-00 00:00:00", std::nullopt},
  };
  for (const auto& test : kCases) {
    EXPECT_EQ(ParseIso8601(test.text), test.seconds) << test.text;
  }
}

TEST(TimeTest, FormatAndParseRoundTrip) {
  for (UnixSeconds seconds : {UnixSeconds{0}, kExample, UnixSeconds{4102444800}}) {
    EXPECT_EQ(ParseIso8601(FormatIso8601(seconds)), seconds);
  }
}

}  // namespace
}  // namespace lede::util
