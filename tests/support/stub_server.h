#pragma once
// Another service on loopback, for what lede calls out to (a WebSub hub,
// IndexNow): records every request and answers with the status the test
// chooses. One thread, one request per connection.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lede::testing {

class StubServer {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::string content_type;
    std::string body;
  };
  // `answer` gives each request's status (it may sleep to play a slow
  // service); `index` counts requests from 0.
  using Answer = std::function<int(const Request& request, int index)>;

  explicit StubServer(Answer answer);
  ~StubServer();

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Request> requests();
  // Waits (up to `timeout`) until `done` holds for the requests so far.
  bool WaitFor(const std::function<bool(const std::vector<Request>&)>& done,
               std::chrono::milliseconds timeout);

 private:
  void Run();

  Answer answer_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<Request> requests_;
  std::thread thread_;
};

}  // namespace lede::testing
