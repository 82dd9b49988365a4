#include "ratings/voter.h"

#include <sodium.h>

#include "util/result.h"

namespace lede::ratings {
namespace {

constexpr std::size_t kIdBytes = 16;

std::string ToHex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string VoterSetCookie(std::string_view cookie_value, bool secure) {
  std::string cookie = std::string(kVoterCookie) + "=" + std::string(cookie_value) +
                       "; Path=/; Max-Age=63072000; HttpOnly; SameSite=Lax";
  if (secure) cookie += "; Secure";
  return cookie;
}

VoterSigner::VoterSigner(std::string secret) : secret_(std::move(secret)) {
  LEDE_CHECK(sodium_init() >= 0);  // fails only without a usable random source
  // crypto_auth needs a key of exactly crypto_auth_KEYBYTES: derive one.
  unsigned char key[crypto_auth_KEYBYTES];
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(secret_.data()),
                     secret_.size(), reinterpret_cast<const unsigned char*>("lede voter"), 10);
  secret_.assign(reinterpret_cast<const char*>(key), sizeof key);
}

std::string VoterSigner::MintId() const {
  unsigned char bytes[kIdBytes];
  randombytes_buf(bytes, sizeof bytes);
  return ToHex(bytes, sizeof bytes);
}

std::string VoterSigner::Sign(std::string_view id) const {
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(id.data()), id.size(),
              reinterpret_cast<const unsigned char*>(secret_.data()));
  return std::string(id) + "." + ToHex(mac, sizeof mac);
}

std::optional<std::string> VoterSigner::Verify(std::string_view cookie_value) const {
  const auto dot = cookie_value.find('.');
  if (dot != kIdBytes * 2 || cookie_value.size() != dot + 1 + crypto_auth_BYTES * 2) {
    return std::nullopt;
  }
  const std::string_view id = cookie_value.substr(0, dot);
  for (char ch : id) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return std::nullopt;
  }
  unsigned char mac[crypto_auth_BYTES];
  std::size_t length = 0;
  const std::string_view hex = cookie_value.substr(dot + 1);
  if (sodium_hex2bin(mac, sizeof mac, hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != sizeof mac) {
    return std::nullopt;
  }
  // Constant time: a timing difference must not reveal a valid signature.
  if (crypto_auth_verify(mac, reinterpret_cast<const unsigned char*>(id.data()), id.size(),
                         reinterpret_cast<const unsigned char*>(secret_.data())) != 0) {
    return std::nullopt;
  }
  return std::string(id);
}

std::string VoterSigner::StorageKey(std::string_view id) const {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(id.data()),
                     id.size(), reinterpret_cast<const unsigned char*>(secret_.data()),
                     secret_.size());
  return ToHex(hash, sizeof hash);
}

}  // namespace lede::ratings
