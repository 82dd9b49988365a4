#include "util/address.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace lede::util {

std::string AddressBlock(std::string_view address) {
  const std::string text(address);
  std::array<unsigned char, 16> bytes{};
  const auto* raw = reinterpret_cast<const char*>(bytes.data());
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return "4:" + std::string(raw, 4);
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) {
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(bytes.data(), kMapped, sizeof kMapped) == 0) {
      return "4:" + std::string(raw + 12, 4);
    }
    return "6:" + std::string(raw, 8);
  }
  return "?:" + text;
}

}  // namespace lede::util
