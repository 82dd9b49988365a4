#include "auth/sign_in_throttle.h"

#include <algorithm>
#include <vector>

#include "util/address.h"
#include "util/strings.h"

namespace lede::auth {
namespace {

constexpr util::UnixSeconds kForgetAfter = 3600;
// Bounds memory under a flood of made-up accounts or addresses.
constexpr std::size_t kMaxKeys = 100'000;

std::string AccountKey(std::string_view account) { return "a:" + util::ToLowerAscii(account); }
// Addresses count by util::AddressBlock: an IPv6 host cannot escape by
// rotating through its /64.
std::string AddressKey(std::string_view address) { return "i:" + util::AddressBlock(address); }
std::string PairKey(std::string_view account, std::string_view address) {
  return "p:" + util::AddressBlock(address) + " " + util::ToLowerAscii(account);
}

}  // namespace

util::UnixSeconds SignInThrottle::WaitFor(const std::string& key, int free,
                                          util::UnixSeconds now) {
  const auto it = failures_.find(key);
  if (it == failures_.end() || it->second.count < free) return 0;
  const int over = std::min(it->second.count - free, 20);
  const util::UnixSeconds delay = std::min<util::UnixSeconds>(1LL << over, kMaxSignInDelay);
  return std::max<util::UnixSeconds>(0, it->second.last + delay - now);
}

util::UnixSeconds SignInThrottle::Wait(std::string_view account, std::string_view address,
                                       bool trusted_device) {
  std::lock_guard lock(mutex_);
  const util::UnixSeconds now = clock_.Now();
  return std::max({WaitFor(PairKey(account, address), kFreeSignInFailures, now),
                   WaitFor(AddressKey(address), kFreeAddressFailures, now),
                   trusted_device ? 0 : WaitFor(AccountKey(account), kFreeAccountFailures, now)});
}

void SignInThrottle::Failed(std::string_view account, std::string_view address,
                            bool trusted_device) {
  std::lock_guard lock(mutex_);
  const util::UnixSeconds now = clock_.Now();
  if (failures_.size() >= kMaxKeys) Prune(now);
  std::vector<std::string> keys = {PairKey(account, address), AddressKey(address)};
  if (!trusted_device) keys.push_back(AccountKey(account));
  for (const std::string& key : keys) {
    Failures& entry = failures_[key];
    if (now - entry.last > kForgetAfter) entry.count = 0;
    ++entry.count;
    entry.last = now;
  }
}

void SignInThrottle::Succeeded(std::string_view account, std::string_view address) {
  std::lock_guard lock(mutex_);
  failures_.erase(AccountKey(account));
  failures_.erase(PairKey(account, address));
}

void SignInThrottle::Prune(util::UnixSeconds now) {
  std::erase_if(failures_, [now](const auto& entry) { return now - entry.second.last > kForgetAfter; });
  // Still full: under attack from many addresses; forgetting the oldest
  // half keeps serving instead of growing.
  if (failures_.size() >= kMaxKeys) failures_.clear();
}

}  // namespace lede::auth
