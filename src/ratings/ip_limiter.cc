#include "ratings/ip_limiter.h"

#include <sodium.h>

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

std::string IpLimiter::Hash(std::string_view ip) {
  std::lock_guard lock(mutex_);
  RotateIfNewDay(clock_.Now());
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(ip.data()),
                     ip.size(), reinterpret_cast<const unsigned char*>(salt_.data()),
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
  auto& times = recent_[ip_hash];
  while (!times.empty() && times.front() <= now - limit_.window) times.pop_front();
  if (static_cast<int>(times.size()) >= limit_.votes) {
    return std::max<util::UnixSeconds>(1, times.front() + limit_.window - now);
  }
  times.push_back(now);
  return std::nullopt;
}

}  // namespace lede::ratings
