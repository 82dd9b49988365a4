// Any bytes as what a browser sends in forms: the first line is a
// Content-Type, the rest a body, and the same bytes serve as a Cookie
// header and a query string. Parsing refuses or answers; it never reads
// outside the body.

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/message.h"
#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string content_type = input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  if (auto parts = http::ParseMultipart(content_type, body)) {
    for (const auto& part : *parts) {
      // Every view must lie inside the body it was parsed from.
      for (std::string_view view : {part.name, part.filename, part.content_type, part.body}) {
        if (!view.empty() && (view.data() < body.data() ||
                              view.data() + view.size() > body.data() + body.size())) {
          __builtin_trap();
        }
      }
    }
    (void)http::FindPart(*parts, "file");
  }
  http::Request request;
  request.body = body;
  request.query = input;
  request.headers = {{"Cookie", content_type},
                     {"Authorization", content_type},
                     {"Origin", body.substr(0, 64)},
                     {"Host", "localhost"}};
  (void)request.FormField("csrf");
  (void)request.FormFields("quick_look");
  (void)request.QueryParam("q");
  (void)request.Cookie("lede_session");
  (void)request.Cookie("lede_voter");
  (void)request.BearerToken();
  (void)request.IsSameOrigin();
  return 0;
}
