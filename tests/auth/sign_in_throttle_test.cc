#include "auth/sign_in_throttle.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace lede::auth {
namespace {

TEST(SignInThrottleTest, FiveFailuresAreFreeThenTheDelayDoubles) {
  testing::ManualClock clock(1'800'000'000);
  SignInThrottle throttle(clock);
  for (int i = 0; i < kFreeSignInFailures; ++i) {
    EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 0) << i;
    throttle.Failed("mina@example.org", "10.0.0.1");
  }
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 1);
  clock.Advance(1);
  throttle.Failed("MINA@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 2);
  clock.Advance(2);
  throttle.Failed("mina@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 4);
  for (int i = 0; i < 30; ++i) throttle.Failed("mina@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), kMaxSignInDelay);
  clock.Advance(2 * 3600);
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 0) << "forgotten after an hour";
}

TEST(SignInThrottleTest, AGuesserElsewhereDoesNotLockTheOwnerOut) {
  testing::ManualClock clock(1'800'000'000);
  SignInThrottle throttle(clock);
  for (int i = 0; i < 40; ++i) throttle.Failed("mina@example.org", "203.0.113.66");
  EXPECT_GT(throttle.Wait("mina@example.org", "203.0.113.66"), 0) << "the guesser waits";
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 0) << "the owner, at her desk, does not";
  throttle.Succeeded("mina@example.org", "10.0.0.1");
  EXPECT_GT(throttle.Wait("mina@example.org", "203.0.113.66"), 0) << "her success frees only her";
}

TEST(SignInThrottleTest, CredentialStuffingFromOneAddressIsSlowedAcrossAccounts) {
  testing::ManualClock clock(1'800'000'000);
  SignInThrottle throttle(clock);
  for (int i = 0; i < kFreeAddressFailures; ++i) {
    const std::string account = "user" + std::to_string(i) + "@example.org";
    EXPECT_EQ(throttle.Wait(account, "203.0.113.66"), 0) << i;
    throttle.Failed(account, "203.0.113.66");
  }
  EXPECT_EQ(throttle.Wait("fresh@example.org", "203.0.113.66"), 1);
  EXPECT_EQ(throttle.Wait("fresh@example.org", "10.0.0.1"), 0);
}

TEST(SignInThrottleTest, AnIpv6HostCountsByItsSlash64) {
  testing::ManualClock clock(1'800'000'000);
  SignInThrottle throttle(clock);
  for (int i = 0; i < kFreeSignInFailures; ++i) {
    throttle.Failed("mina@example.org", "2001:db8:7:8::" + std::to_string(i + 1));
  }
  EXPECT_EQ(throttle.Wait("mina@example.org", "2001:db8:7:8::ffff"), 1) << "same /64";
  EXPECT_EQ(throttle.Wait("mina@example.org", "2001:db8:7:9::1"), 0) << "the next /64";
}

TEST(SignInThrottleTest, AGuessSpreadOverManyAddressesIsSlowedForTheAccount) {
  testing::ManualClock clock(1'800'000'000);
  SignInThrottle throttle(clock);
  for (int i = 0; i < kFreeAccountFailures; ++i) {
    throttle.Failed("mina@example.org", "198.51.100." + std::to_string(i));
  }
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1"), 1);
  EXPECT_EQ(throttle.Wait("other@example.org", "10.0.0.1"), 0);
  // Her own browser (a device cookie) is not held to the account's count,
  // and its failures do not add to it.
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1", /*trusted_device=*/true), 0);
  for (int i = 0; i < 3; ++i) throttle.Failed("mina@example.org", "10.0.0.1", /*trusted_device=*/true);
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.1", true), 0) << "3 of her 5 free tries";
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.2"), 1) << "the count did not grow";
}

}  // namespace
}  // namespace lede::auth
