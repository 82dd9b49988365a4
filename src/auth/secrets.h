#pragma once
// Secrets: Argon2id password hashes, random tokens and the hashes by which
// the store finds sessions, tokens and invites (libsodium).

#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace lede::auth {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// An Argon2id string (libsodium's crypto_pwhash_str, interactive limits:
// about 64 MiB and a few tens of milliseconds). Empty only when the machine
// is out of memory.
std::string HashPassword(std::string_view password);
// Constant-time against `hash`; false for "" or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// kInvalidArgument (field "password") when too short or too long.
Status CheckPassword(std::string_view password);

// 32 random bytes as 43 URL-safe base64 characters: session ids, API
// tokens, invitation links, CSRF tokens, one-time passwords.
std::string RandomToken();
// The hex BLAKE2b-256 of a secret: what the store keeps and looks up.
std::string HashSecret(std::string_view secret);
// Compares two strings in constant time for equal lengths.
bool SameSecret(std::string_view a, std::string_view b);

// Signed tokens: what the site alone can make, read back by it later
// without a lookup. A token is "{payload}.{mac}", the MAC a keyed BLAKE2b
// of the payload under a key derived from the site secret and `purpose`
// (so a token made for one purpose means nothing for another).
class Signer {
 public:
  Signer(std::string_view site_secret, std::string_view purpose);
  std::string Sign(std::string_view payload) const;
  // The payload of a token this Signer made, or nullopt.
  std::optional<std::string> Open(std::string_view token) const;

 private:
  std::string Mac(std::string_view payload) const;
  std::string key_;
};

}  // namespace lede::auth
