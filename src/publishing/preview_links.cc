#include "publishing/preview_links.h"

#include <sodium.h>

#include <fmt/format.h>

#include "util/result.h"

namespace lede::publishing {

PreviewLinks::PreviewLinks(std::string_view secret) {
  LEDE_CHECK(sodium_init() >= 0);
  unsigned char key[crypto_auth_KEYBYTES];
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), reinterpret_cast<const unsigned char*>("lede preview"), 12);
  key_.assign(reinterpret_cast<const char*>(key), sizeof key);
}

std::string PreviewLinks::Sign(std::int64_t article_id, util::UnixSeconds expires) const {
  const std::string message = fmt::format("{}:{}", article_id, expires);
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(key_.data()));
  char hex[2 * 16 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, 16);  // 128 bits is plenty for a link
  return hex;
}

std::string PreviewLinks::Path(std::int64_t article_id, util::UnixSeconds expires) const {
  return fmt::format("/preview/{}/{}/{}/", article_id, expires, Sign(article_id, expires));
}

bool PreviewLinks::Verify(std::int64_t article_id, util::UnixSeconds expires,
                          std::string_view signature, util::UnixSeconds now) const {
  if (now >= expires) return false;
  const std::string expected = Sign(article_id, expires);
  return signature.size() == expected.size() &&
         sodium_memcmp(signature.data(), expected.data(), expected.size()) == 0;
}

}  // namespace lede::publishing
