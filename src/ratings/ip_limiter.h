#pragma once
// Limits votes per network address without keeping addresses: each IP is
// hashed with a random salt that exists only in this process's memory and
// is replaced at every UTC midnight. A stored hash can tell editors that
// votes came from one address on one day, and nothing more, ever after.
//
// An IPv6 host usually has a whole /64 to rotate through, so IPv6
// addresses count by their /64. Addresses whose votes have all left the
// window are forgotten as the table grows, so memory follows the number
// of addresses voting within one window, not all seen since midnight.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/time.h"

namespace lede::ratings {

struct IpLimit {
  int votes = 30;                      // 0 turns the limit off
  util::UnixSeconds window = 10 * 60;  // seconds
};

class IpLimiter {
 public:
  IpLimiter(IpLimit limit, const util::Clock& clock);

  // The keyed hash of `ip` (of its /64 for IPv6) under today's salt (hex).
  std::string Hash(std::string_view ip);
  // Counts one vote from `ip_hash`. nullopt when allowed; otherwise the
  // seconds until the oldest vote in the window expires (for Retry-After).
  std::optional<util::UnixSeconds> Take(const std::string& ip_hash);
  // Addresses currently remembered (for tests and the memory benchmark).
  std::size_t tracked() const;

 private:
  void RotateIfNewDay(util::UnixSeconds now);
  void ForgetIdle(util::UnixSeconds now);

  IpLimit limit_;
  const util::Clock& clock_;
  mutable std::mutex mutex_;
  std::string salt_;
  util::UnixSeconds salt_day_ = -1;
  // Vote times in the window, oldest first: at most limit_.votes each.
  std::unordered_map<std::string, std::vector<util::UnixSeconds>> recent_;
  std::size_t sweep_at_ = 1024;  // the table's size that triggers a sweep
};

}  // namespace lede::ratings
