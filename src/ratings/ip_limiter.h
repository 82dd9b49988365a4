#pragma once
// Limits votes per network address without keeping addresses: each IP is
// hashed with a random salt that exists only in this process's memory and
// is replaced at every UTC midnight. A stored hash can tell editors that
// votes came from one address on one day, and nothing more, ever after.

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/time.h"

namespace lede::ratings {

struct IpLimit {
  int votes = 30;                      // 0 turns the limit off
  util::UnixSeconds window = 10 * 60;  // seconds
};

class IpLimiter {
 public:
  IpLimiter(IpLimit limit, const util::Clock& clock);

  // The keyed hash of `ip` under today's salt (hex).
  std::string Hash(std::string_view ip);
  // Counts one vote from `ip_hash`. nullopt when allowed; otherwise the
  // seconds until the oldest vote in the window expires (for Retry-After).
  std::optional<util::UnixSeconds> Take(const std::string& ip_hash);

 private:
  void RotateIfNewDay(util::UnixSeconds now);

  IpLimit limit_;
  const util::Clock& clock_;
  std::mutex mutex_;
  std::string salt_;
  util::UnixSeconds salt_day_ = -1;
  std::unordered_map<std::string, std::deque<util::UnixSeconds>> recent_;
};

}  // namespace lede::ratings
