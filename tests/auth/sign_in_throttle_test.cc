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
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.9"), 1) << "per account";
  EXPECT_EQ(throttle.Wait("other@example.org", "10.0.0.1"), 1) << "per address";
  EXPECT_EQ(throttle.Wait("other@example.org", "10.0.0.9"), 0);
  clock.Advance(1);
  throttle.Failed("MINA@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.2"), 2);
  clock.Advance(2);
  throttle.Failed("mina@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.2"), 4);
  for (int i = 0; i < 30; ++i) throttle.Failed("mina@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.2"), kMaxSignInDelay);
  throttle.Succeeded("mina@example.org");
  EXPECT_EQ(throttle.Wait("mina@example.org", "10.0.0.2"), 0);
  EXPECT_GT(throttle.Wait("mina@example.org", "10.0.0.1"), 0) << "the address stays slowed";
  clock.Advance(2 * 3600);
  throttle.Failed("x@example.org", "10.0.0.1");
  EXPECT_EQ(throttle.Wait("y@example.org", "10.0.0.1"), 0) << "forgotten after an hour";
}

}  // namespace
}  // namespace lede::auth
