#pragma once
// What counts as one client's network address when limiting it: an IPv4
// address, or an IPv6 address's /64 (the block one household or host
// usually holds, and can rotate through). An IPv4-mapped IPv6 address is
// its IPv4 address.

#include <string>
#include <string_view>

namespace lede::util {

// A short binary key: "4:" and 4 bytes, "6:" and 8 bytes, or, for text
// that is no address, "?:" and the text as given.
std::string AddressBlock(std::string_view address);

}  // namespace lede::util
