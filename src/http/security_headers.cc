#include "http/security_headers.h"

namespace lede::http {

Headers SecurityHeaders(bool https) {
  Headers headers{
      {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (https) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace lede::http
