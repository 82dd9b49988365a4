#pragma once
// Signed preview links: a draft's full public page for a colleague without
// an account, until the link expires. The signature is a MAC of the
// article id and the expiry under a key derived from the site secret, so a
// link cannot be made or stretched without the secret.

#include <cstdint>
#include <string>
#include <string_view>

#include "util/time.h"

namespace lede::publishing {

inline constexpr util::UnixSeconds kPreviewLifetime = 48 * 3600;

class PreviewLinks {
 public:
  // `secret` is the site secret (32 bytes).
  explicit PreviewLinks(std::string_view secret);

  // "/preview/{id}/{expires}/{signature}/".
  std::string Path(std::int64_t article_id, util::UnixSeconds expires) const;
  // True when the signature is the one Path made and `now` is before expiry.
  bool Verify(std::int64_t article_id, util::UnixSeconds expires, std::string_view signature,
              util::UnixSeconds now) const;

 private:
  std::string Sign(std::int64_t article_id, util::UnixSeconds expires) const;
  std::string key_;
};

}  // namespace lede::publishing
