#pragma once
// Slows down password guessing without letting a guesser lock the real
// user out. Failures are counted three ways: for one account from one
// address (5 free), from one address across accounts (credential
// stuffing; 10 free), and for one account from anywhere (a guess spread
// over many addresses; 50 free). Past its free tries each count makes
// every further try wait: 1 s, then 2, 4, ... up to 15 minutes. The
// account-wide count does not apply to a browser that has signed in to
// that account before (its device cookie, auth/accounts.h), nor do its
// failures add to it: a guesser with a thousand addresses slows the
// account for strangers, never for its owner at her own desk (OWASP's
// "device cookies"). A success clears the account's counts. Accounts are
// counted as the caller spells them: pass a normalised address
// (content::NormalizeEmail). Counts live in memory (per node) and are
// forgotten an hour after the last failure. Thread-safe.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/time.h"

namespace lede::auth {

inline constexpr int kFreeSignInFailures = 5;            // one account, one address
inline constexpr int kFreeAddressFailures = 10;          // one address, any account
inline constexpr int kFreeAccountFailures = 50;          // one account, any address
inline constexpr util::UnixSeconds kMaxSignInDelay = 15 * 60;

class SignInThrottle {
 public:
  explicit SignInThrottle(const util::Clock& clock) : clock_(clock) {}

  // Seconds still to wait before `account` may try again from `address`;
  // 0 when it may try now.
  util::UnixSeconds Wait(std::string_view account, std::string_view address,
                         bool trusted_device = false);
  void Failed(std::string_view account, std::string_view address, bool trusted_device = false);
  void Succeeded(std::string_view account, std::string_view address);

 private:
  struct Failures {
    int count = 0;
    util::UnixSeconds last = 0;
  };
  util::UnixSeconds WaitFor(const std::string& key, int free, util::UnixSeconds now);
  void Prune(util::UnixSeconds now);

  const util::Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace lede::auth
