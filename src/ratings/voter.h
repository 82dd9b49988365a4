#pragma once
// Voter identity: a random id in an HttpOnly cookie, signed with the site
// secret so a reader cannot pose as another. The store only ever sees a
// keyed hash of the id.

#include <optional>
#include <string>
#include <string_view>

namespace lede::ratings {

inline constexpr std::string_view kVoterCookie = "lede_voter";

// The Set-Cookie value for a signed voter id: two years, HttpOnly,
// SameSite=Lax, and Secure when the site is served over HTTPS.
std::string VoterSetCookie(std::string_view cookie_value, bool secure);

class VoterSigner {
 public:
  // `secret` is the site secret (32 bytes).
  explicit VoterSigner(std::string secret);

  // A fresh random voter id (hex).
  std::string MintId() const;
  // "{id}.{mac}": the cookie value for an id.
  std::string Sign(std::string_view id) const;
  // The id inside a cookie value whose signature checks; nullopt for a
  // missing, malformed or tampered value.
  std::optional<std::string> Verify(std::string_view cookie_value) const;
  // What the store keeps for an id: a keyed hash, not the id itself.
  std::string StorageKey(std::string_view id) const;

 private:
  std::string secret_;
};

}  // namespace lede::ratings
