#include "ratings/ip_limiter.h"

#include <sodium.h>

#include <algorithm>

#include "util/address.h"
#include "util/result.h"

namespace lede::ratings {

IpLimiter::IpLimiter(IpLimit limit, const util::Clock& clock) : limit_(limit), clock_(clock) {
  LEDE_CHECK(sodium_init() >= 0);  // fails only without a usable random source
}

void IpLimiter::RotateIfNewDay(util::UnixSeconds now) {
  const util::UnixSeconds day = now / 86400;
  if (day == salt_day_) return;
  salt_day_ = day;
  salt_.resize(crypto_generichash_KEYBYTES);
  randombytes_buf(salt_.data(), salt_.size());
  // Yesterday's hashes mean nothing under the new salt.
  recent_.clear();
}

// Sweeps when the table has doubled since the last sweep, so each vote
// pays a constant share of the sweeping.
void IpLimiter::ForgetIdle(util::UnixSeconds now) {
  if (recent_.size() < sweep_at_) return;
  std::erase_if(recent_, [&](const auto& entry) {
    return entry.second.empty() || entry.second.back() <= now - limit_.window;
  });
  sweep_at_ = std::max<std::size_t>(1024, recent_.size() * 2);
}

std::string IpLimiter::Hash(std::string_view ip) {
  const std::string counted = util::AddressBlock(ip);
  std::lock_guard lock(mutex_);
  RotateIfNewDay(clock_.Now());
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(counted.data()),
                     counted.size(), reinterpret_cast<const unsigned char*>(salt_.data()),
                     salt_.size());
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::optional<util::UnixSeconds> IpLimiter::Take(const std::string& ip_hash) {
  if (limit_.votes <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  const util::UnixSeconds now = clock_.Now();
  RotateIfNewDay(now);
  ForgetIdle(now);
  auto& times = recent_[ip_hash];
  const auto expired = std::find_if(times.begin(), times.end(),
                                    [&](util::UnixSeconds time) { return time > now - limit_.window; });
  times.erase(times.begin(), expired);
  if (static_cast<int>(times.size()) >= limit_.votes) {
    return std::max<util::UnixSeconds>(1, times.front() + limit_.window - now);
  }
  times.push_back(now);
  return std::nullopt;
}

std::size_t IpLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return recent_.size();
}

}  // namespace lede::ratings
