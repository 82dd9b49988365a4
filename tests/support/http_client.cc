#include <utility>

#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <strings.h>

namespace lede::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kTimeout = std::chrono::seconds(20);

HttpResult Convert(bhttp::response<bhttp::string_body>& response) {
  HttpResult result;
  result.status = response.result_int();
  for (const auto& field : response) {
    result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  result.body = std::move(response.body());
  result.closed = !response.keep_alive();
  return result;
}

}  // namespace

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

HttpResult Fetch(std::uint16_t port, const std::string& method, const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers,
                 const std::string& body) {
  asio::io_context context;
  beast::tcp_stream stream(context);
  beast::error_code error;
  stream.expires_after(kTimeout);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  if (error) return {};
  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST") {
    request.body() = body;
    request.prepare_payload();
  }
  bhttp::write(stream, request, error);
  if (error) return {};
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(stream, buffer, parser, error);
  if (error) return {};
  return Convert(parser.get());
}

std::string SendRaw(std::uint16_t port, const std::string& bytes, int timeout_ms) {
  asio::io_context context;
  beast::tcp_stream stream(context);
  beast::error_code error;
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  if (error) return {};
  asio::write(stream.socket(), asio::buffer(bytes), error);
  std::string received;
  std::array<char, 4096> chunk{};
  while (true) {
    stream.expires_after(std::chrono::milliseconds(timeout_ms));
    const std::size_t n = stream.read_some(asio::buffer(chunk), error);
    if (error) break;
    received.append(chunk.data(), n);
  }
  return received;
}

std::vector<HttpResult> FetchKeepAlive(std::uint16_t port, const std::vector<std::string>& targets) {
  asio::io_context context;
  beast::tcp_stream stream(context);
  beast::error_code error;
  stream.expires_after(kTimeout);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  std::vector<HttpResult> results;
  if (error) return results;
  beast::flat_buffer buffer;
  for (const auto& target : targets) {
    bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
    request.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(stream, request, error);
    if (error) break;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(stream, buffer, response, error);
    if (error) break;
    results.push_back(Convert(response));
  }
  return results;
}

}  // namespace lede::testing
