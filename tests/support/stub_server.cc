#include <utility>

#include "support/stub_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace lede::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

}  // namespace

struct StubState {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
};

StubServer::StubServer(Answer answer) : answer_(std::move(answer)) {
  auto state = std::make_shared<StubState>();
  state->acceptor.non_blocking(true);
  port_ = state->acceptor.local_endpoint().port();
  thread_ = std::thread([this, state] {
    while (!stopping_) {
      tcp::socket socket(state->io);
      boost::system::error_code error;
      state->acceptor.accept(socket, error);
      if (error == asio::error::would_block || error == asio::error::try_again) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      if (error) break;
      socket.non_blocking(false);
      beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> request;
      bhttp::read(socket, buffer, request, error);
      if (error) continue;
      Request seen{std::string(request.method_string()), std::string(request.target()),
                   std::string(request[bhttp::field::content_type]), request.body()};
      int index = 0;
      {
        std::lock_guard lock(mutex_);
        index = static_cast<int>(requests_.size());
        requests_.push_back(seen);
      }
      const int status = answer_(seen, index);
      bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status), 11};
      response.set(bhttp::field::content_type, "text/plain");
      response.keep_alive(false);
      response.body() = "stub\n";
      response.prepare_payload();
      bhttp::write(socket, response, error);
      socket.shutdown(tcp::socket::shutdown_both, error);
    }
  });
}

StubServer::~StubServer() {
  stopping_ = true;
  thread_.join();
}

std::vector<StubServer::Request> StubServer::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool StubServer::WaitFor(const std::function<bool(const std::vector<Request>&)>& done,
                         std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done(requests())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done(requests());
}

}  // namespace lede::testing
