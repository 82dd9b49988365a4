#pragma once
// A small blocking HTTP/1.1 client for tests: real sockets on loopback,
// bounded by timeouts so a hung server fails the test instead of CI.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lede::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed or closed without reply
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool closed = false;  // the server closed the connection after replying

  std::string Header(const std::string& name) const;
};

// One request on a fresh connection.
HttpResult Fetch(std::uint16_t port, const std::string& method, const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers = {},
                 const std::string& body = {});
inline HttpResult Get(std::uint16_t port, const std::string& target) {
  return Fetch(port, "GET", target);
}

// Sends raw bytes and returns everything the server sends back until it
// closes or `timeout_ms` passes.
std::string SendRaw(std::uint16_t port, const std::string& bytes, int timeout_ms = 3000);

// Several requests on one kept-alive connection.
std::vector<HttpResult> FetchKeepAlive(std::uint16_t port, const std::vector<std::string>& targets);

}  // namespace lede::testing
