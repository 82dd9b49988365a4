#include "util/time_zone.h"

#include <gtest/gtest.h>

namespace lede::util {
namespace {

constexpr UnixSeconds kNoonUtc = 1'795'867'200;  // 2026-11-28T12:00:00Z

TEST(TimeZoneTest, FormatsInTheZone) {
  auto seoul = TimeZone::Named("Asia/Seoul");
  ASSERT_TRUE(seoul.has_value());
  EXPECT_EQ(seoul->FormatHuman(kNoonUtc), "28 November 2026, 21:00 KST");
  EXPECT_EQ(seoul->FormatLocalInput(kNoonUtc), "2026-11-28T21:00");
  EXPECT_EQ(seoul->FormatIso8601(kNoonUtc), "2026-11-28T21:00:00+09:00");
  EXPECT_EQ(TimeZone().FormatHuman(kNoonUtc), "28 November 2026, 12:00 UTC");
  auto new_york = TimeZone::Named("America/New_York");
  ASSERT_TRUE(new_york.has_value());
  EXPECT_EQ(new_york->FormatShortDate(kNoonUtc - 13 * 3600), "27 Nov 2026");
}

TEST(TimeZoneTest, ReadsLocalTimesAndKeepsExplicitOffsets) {
  auto seoul = TimeZone::Named("Asia/Seoul");
  ASSERT_TRUE(seoul.has_value());
  EXPECT_EQ(seoul->ParseLocal("2026-11-28T21:00"), kNoonUtc);
  EXPECT_EQ(seoul->ParseLocal("2026-11-28T12:00:00Z"), kNoonUtc);
  EXPECT_EQ(seoul->ParseLocal("2026-11-28T13:00:00+01:00"), kNoonUtc);
  EXPECT_FALSE(seoul->ParseLocal("tomorrow"));
  // London's clocks go forward at 01:00 on 29 March 2026: 01:30 does not
  // exist and is read as the later instant, 01:30 UTC.
  auto london = TimeZone::Named("Europe/London");
  ASSERT_TRUE(london.has_value());
  EXPECT_EQ(london->ParseLocal("2026-03-29T01:30"), ParseIso8601("2026-03-29T01:30:00Z"));
  EXPECT_EQ(london->ParseLocal("2026-07-01T10:00"), ParseIso8601("2026-07-01T09:00:00Z"));
}

TEST(TimeZoneTest, UnknownNamesAreRefused) {
  auto bad = TimeZone::Named("Mars/Olympus_Mons");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "time_zone");
  EXPECT_TRUE(TimeZone::Named("UTC").has_value());
}

}  // namespace
}  // namespace lede::util
