// Raw bytes as a request: Beast's parser with the server's limits, the
// server's own checks (http/parsed_request.h), then the real site's
// router, so every handler's reading of paths, queries, forms, cookies and
// bodies is driven. Every answer must be a real status with headers that
// cannot split the response.

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <variant>

#include "fuzz/fuzz_site.h"
#include "http/parsed_request.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lede::fuzz::DemoSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  static app::App& site = fuzz::DemoSite();
  // The raw header's check first, as the server makes it.
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto header_end = raw.find("\r\n\r\n");
  if (header_end != std::string_view::npos && http::RawHeaderProblem(raw.substr(0, header_end + 4))) {
    return 0;
  }
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code error;
  parser.put(boost::asio::buffer(data, size), error);
  if (!error && !parser.is_done()) parser.put_eof(error);
  if (error || !parser.is_done()) return 0;
  if (http::FramingProblem(parser.get().base())) return 0;
  auto parsed = http::FromParsed(parser.get());
  auto* request = std::get_if<http::Request>(&parsed);
  if (!request) return 0;
  request->remote_address = "192.0.2.1";
  // What handlers read, read once more here for the accessors' own sake.
  (void)request->QueryParam("q");
  (void)request->FormFields("quick_look");
  (void)request->Cookie("lede_session");
  (void)request->BearerToken();
  (void)request->IsSameOrigin();
  const http::Response response = site.router().Dispatch(*request);
  if (response.status < 100 || response.status > 599) __builtin_trap();
  for (const auto& [name, value] : response.headers) {
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
