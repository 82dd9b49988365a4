#include "util/address.h"

#include <gtest/gtest.h>

namespace lede::util {
namespace {

TEST(AddressTest, Ipv4IsWholeAndIpv6CountsByItsSlash64) {
  EXPECT_EQ(AddressBlock("203.0.113.7"), std::string("4:\xcb\x00\x71\x07", 6));
  EXPECT_NE(AddressBlock("203.0.113.7"), AddressBlock("203.0.113.8"));
  EXPECT_EQ(AddressBlock("::ffff:203.0.113.7"), AddressBlock("203.0.113.7"));
  EXPECT_EQ(AddressBlock("2001:db8:1:2::1"), AddressBlock("2001:db8:1:2:ffff:eeee:dddd:cccc"));
  EXPECT_NE(AddressBlock("2001:db8:1:2::1"), AddressBlock("2001:db8:1:3::1"));
  EXPECT_EQ(AddressBlock("2001:db8:1:2::1").size(), 10u);
  EXPECT_EQ(AddressBlock("not an address"), "?:not an address");
}

}  // namespace
}  // namespace lede::util
