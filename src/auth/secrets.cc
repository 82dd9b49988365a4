#include "auth/secrets.h"

#include <sodium.h>

#include <fmt/format.h>

namespace lede::auth {
namespace {

void EnsureSodium() {
  // Fails only without a usable random source.
  static const bool ready = sodium_init() >= 0;
  LEDE_CHECK(ready);
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

Status CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return InvalidArgument(fmt::format("a password needs at least {} characters",
                                       kMinPasswordLength),
                           "password");
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidArgument("that password is too long", "password");
  }
  return {};
}

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string HashSecret(std::string_view secret) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Signer::Signer(std::string_view site_secret, std::string_view purpose) {
  EnsureSodium();
  unsigned char key[crypto_generichash_KEYBYTES];
  const std::string context = "lede " + std::string(purpose);
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(context.data()),
                     context.size(), reinterpret_cast<const unsigned char*>(site_secret.data()),
                     site_secret.size());
  key_.assign(reinterpret_cast<const char*>(key), sizeof key);
}

std::string Signer::Mac(std::string_view payload) const {
  unsigned char mac[16];  // 128 bits
  crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(payload.data()),
                     payload.size(), reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string Signer::Sign(std::string_view payload) const {
  return std::string(payload) + "." + Mac(payload);
}

std::optional<std::string> Signer::Open(std::string_view token) const {
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos || token.size() > 512) return std::nullopt;
  const std::string_view payload = token.substr(0, dot);
  if (!SameSecret(token.substr(dot + 1), Mac(payload))) return std::nullopt;
  return std::string(payload);
}

}  // namespace lede::auth
