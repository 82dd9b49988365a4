#include "ratings/ip_limiter.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace lede::ratings {
namespace {

constexpr util::UnixSeconds kNoon = 1'800'000'000 - 1'800'000'000 % 86400 + 43200;

TEST(IpLimiterTest, AllowsTheLimitPerWindowThenSaysWhenToRetry) {
  testing::ManualClock clock(kNoon);
  IpLimiter limiter({3, 600}, clock);
  const std::string ip = limiter.Hash("203.0.113.7");
  EXPECT_FALSE(limiter.Take(ip));
  clock.Advance(100);
  EXPECT_FALSE(limiter.Take(ip));
  EXPECT_FALSE(limiter.Take(ip));
  const auto retry = limiter.Take(ip);
  ASSERT_TRUE(retry);
  EXPECT_EQ(*retry, 500);  // the first vote leaves the window in 500 s
  EXPECT_FALSE(limiter.Take(limiter.Hash("203.0.113.8"))) << "other addresses are separate";
  clock.Advance(500);
  EXPECT_FALSE(limiter.Take(ip));
}

TEST(IpLimiterTest, HashesHideTheAddressAndChangeEveryDay) {
  testing::ManualClock clock(kNoon);
  IpLimiter limiter({30, 600}, clock);
  const std::string today = limiter.Hash("203.0.113.7");
  // 32 hex digits whatever the address: nothing of its form survives. (A
  // check for "203" inside it failed by chance about once in 70 runs.)
  EXPECT_EQ(today.size(), 32u);
  EXPECT_EQ(today.find_first_not_of("0123456789abcdef"), std::string::npos) << today;
  EXPECT_EQ(limiter.Hash("2001:db8::1").size(), 32u);
  EXPECT_EQ(today, limiter.Hash("203.0.113.7"));
  clock.Advance(86400);
  EXPECT_NE(today, limiter.Hash("203.0.113.7"));
  // Two processes never share a salt: a stored hash cannot be recomputed.
  testing::ManualClock other_clock(kNoon);
  IpLimiter other({30, 600}, other_clock);
  EXPECT_NE(other.Hash("203.0.113.7"), today);
}

TEST(IpLimiterTest, ZeroVotesTurnsTheLimitOff) {
  testing::ManualClock clock(kNoon);
  IpLimiter limiter({0, 600}, clock);
  const std::string ip = limiter.Hash("203.0.113.7");
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limiter.Take(ip));
}

}  // namespace
}  // namespace lede::ratings
