#include "ratings/ip_limiter.h"

#include <fmt/format.h>
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

TEST(IpLimiterTest, AnIpv6HostCountsByItsSlash64) {
  testing::ManualClock clock(kNoon);
  IpLimiter limiter({2, 600}, clock);
  // One host rotating through its /64 is one voter...
  EXPECT_EQ(limiter.Hash("2001:db8:1:2::1"), limiter.Hash("2001:db8:1:2:ffff:eeee:dddd:cccc"));
  EXPECT_FALSE(limiter.Take(limiter.Hash("2001:db8:1:2::1")));
  EXPECT_FALSE(limiter.Take(limiter.Hash("2001:db8:1:2::2")));
  EXPECT_TRUE(limiter.Take(limiter.Hash("2001:db8:1:2::3")));
  // ...the next /64 is another, and IPv4 addresses stay whole.
  EXPECT_NE(limiter.Hash("2001:db8:1:2::1"), limiter.Hash("2001:db8:1:3::1"));
  EXPECT_NE(limiter.Hash("203.0.113.7"), limiter.Hash("203.0.113.8"));
  EXPECT_EQ(limiter.Hash("::ffff:203.0.113.7"), limiter.Hash("203.0.113.7"));
}

TEST(IpLimiterTest, AddressesThatStoppedVotingAreForgotten) {
  testing::ManualClock clock(kNoon);
  IpLimiter limiter({30, 600}, clock);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_FALSE(limiter.Take(limiter.Hash(fmt::format("10.0.{}.{}", i / 256, i % 256))));
  }
  EXPECT_GE(limiter.tracked(), 5000u);
  // A window later, new voters arrive; the idle ones are swept as the table
  // grows, so it holds about one window's addresses, not the day's.
  clock.Advance(601);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_FALSE(limiter.Take(limiter.Hash(fmt::format("10.1.{}.{}", i / 256, i % 256))));
  }
  EXPECT_LE(limiter.tracked(), 5000u + 1024u);
  // And an address still inside its window is still limited.
  IpLimiter strict({1, 600}, clock);
  const std::string ip = strict.Hash("198.51.100.1");
  EXPECT_FALSE(strict.Take(ip));
  for (int i = 0; i < 3000; ++i) strict.Take(strict.Hash(fmt::format("10.2.{}.{}", i / 256, i % 256)));
  EXPECT_TRUE(strict.Take(ip)) << "a sweep must not forget an address inside its window";
}

}  // namespace
}  // namespace lede::ratings
