#pragma once
// One outbound HTTP(S) POST, for notifications to other services.

#include <chrono>
#include <string>
#include <string_view>

namespace lede::push {

struct PostResult {
  int status = 0;     // the HTTP status; 0 when there was no answer
  std::string error;  // why there was no answer ("" with a status)
};

// POSTs `body` to `url` (http or https only; redirects are not followed).
// Certificates are checked against the system's store. Safe from any
// thread; blocks up to `timeout`.
// `extra_header` is one more "Name: value" line, or "".
PostResult Post(const std::string& url, std::string_view content_type, const std::string& body,
                std::chrono::seconds timeout, const std::string& extra_header = "");

}  // namespace lede::push
