#include "http/server.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "http/multipart.h"
#include "http/multipart_stream.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede::http {
namespace {

using testing::Fetch;
using testing::SendRaw;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/hello", [](const Request& request, const PathParams&) {
      return Response::Text(200, "hello " + std::string(request.Header("X-Name")));
    });
    router_.Add(Method::kPost, "/echo", [](const Request& request, const PathParams&) {
      return Response::Text(200, request.body);
    });
    router_.Add(Method::kGet, "/slow", [this](const Request&, const PathParams&) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      return Response::Text(200, "finished");
    });
    router_.Add(Method::kGet, "/throw", [](const Request&, const PathParams&) -> Response {
      throw std::runtime_error("boom");
    });
    router_.Add(Method::kGet, "/split", [](const Request& request, const PathParams&) {
      Response response = Response::Text(200, "split");
      response.SetHeader("Location", "/a\r\nSet-Cookie: stolen=1" + std::string(request.Header("X-Name")));
      return response;
    });
    router_.Add(Method::kGet, "/own-policy", [](const Request&, const PathParams&) {
      Response response = Response::Text(200, "mine");
      response.SetHeader("Referrer-Policy", "no-referrer");
      return response;
    });
    router_.Add(Method::kGet, "/address", [](const Request& request, const PathParams&) {
      return Response::Text(200, request.remote_address);
    });
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.body_limit = 1024;
    options.default_headers = {{"Referrer-Policy", "strict-origin-when-cross-origin"},
                               {"Content-Security-Policy", "default-src 'self'"}};
    options.error_log = [this](std::string_view) { ++errors_; };
    options.access_log = [this](const AccessRecord& record) {
      if (record.status > 0) ++logged_;
    };
    server_ = std::make_unique<Server>(options, router_);
    auto port = server_->Listen();
    ASSERT_OK(port);
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::atomic<bool> slow_started_{false};
  std::atomic<int> logged_{0};
  std::atomic<int> errors_{0};
};

TEST_F(ServerTest, ServesAndLogsEachRequest) {
  const auto result = Fetch(port_, "GET", "/hello", {{"X-Name", "reader"}});
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "hello reader");
  EXPECT_EQ(result.Header("Content-Length"), "12");
  EXPECT_FALSE(result.Header("Date").empty());
  EXPECT_EQ(result.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_GE(logged_.load(), 1);
}

TEST_F(ServerTest, KeepsConnectionsAlive) {
  const auto results = testing::FetchKeepAlive(port_, {"/hello", "/hello", "/missing"});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].status, 200);
  EXPECT_FALSE(results[0].closed);
  EXPECT_EQ(results[2].status, 404);
}

TEST_F(ServerTest, HeadSendsHeadersWithoutBody) {
  const std::string raw = SendRaw(port_, "HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(raw.find("HTTP/1.1 200 OK"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Content-Length: 6"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("hello"), std::string::npos) << raw;
}

TEST_F(ServerTest, OversizedHeadersAre431AndClose) {
  const std::string raw = SendRaw(
      port_, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_NE(raw.find("HTTP/1.1 431"), std::string::npos) << raw.substr(0, 200);
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodiesAre413) {
  const auto result = Fetch(port_, "POST", "/echo", {}, std::string(4096, 'b'));
  EXPECT_EQ(result.status, 413);
  const auto small = Fetch(port_, "POST", "/echo", {}, "small body");
  EXPECT_EQ(small.status, 200);
  EXPECT_EQ(small.body, "small body");
}

TEST_F(ServerTest, MalformedRequestsAre400AndTheConnectionCloses) {
  for (const std::string bad : {"GARBAGE\r\n\r\n", "GET /hello HTTP/9.9\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
                                "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    const std::string raw = SendRaw(port_, bad);
    EXPECT_NE(raw.find("HTTP/1.1 400"), std::string::npos) << bad << " -> " << raw;
    EXPECT_NE(raw.find("Connection: close"), std::string::npos) << bad;
  }
}

// RFC 9112 3.2: a server MUST answer 400 to an HTTP/1.1 request without a
// Host, and to any request with two.
TEST_F(ServerTest, HostIsRequiredOnceInHttp11) {
  for (const std::string bad : {"GET /hello HTTP/1.1\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                                "GET /hello HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost: a/b\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost: a b\r\n\r\n"}) {
    const std::string raw = SendRaw(port_, bad);
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << bad << " -> " << raw;
    EXPECT_NE(raw.find("Host"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Connection: close"), std::string::npos) << raw;
  }
  // HTTP/1.0 predates Host; a port and an IPv6 literal are host names.
  for (const std::string good : {"GET /hello HTTP/1.0\r\n\r\n",
                                 "GET /hello HTTP/1.1\r\nHost: news.example:8080\r\nConnection: close\r\n\r\n",
                                 "GET /hello HTTP/1.1\r\nHost: [::1]:80\r\nConnection: close\r\n\r\n"}) {
    const std::string raw = SendRaw(port_, good);
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << good << " -> " << raw;
  }
}

// RFC 9112 5.2 lets a server refuse obs-fold outright, and lede does: a
// folded Content-Length was read as a number (Issue 24), and a folded line
// is read one way by one server and another way by the next.
TEST_F(ServerTest, Issue24AFoldedHeaderLineIsRefused) {
  for (const std::string folded : {
           "GET /hello HTTP/1.1\r\nHost: x\r\nX-Name: reader\r\n Transfer-Encoding: chunked\r\n\r\n",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n 4\r\n\r\nabcd",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n 0\r\n\r\nabc",
           "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\tchunked\r\n\r\n0\r\n\r\n",
       }) {
    const std::string raw = SendRaw(port_, folded + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << folded << " -> " << raw;
    // Ours, or Beast's own refusal of a value that is not a number.
    EXPECT_TRUE(raw.find("folding") != std::string::npos || raw.find("Malformed") != std::string::npos)
        << raw;
    EXPECT_NE(raw.find("Connection: close"), std::string::npos) << raw;
    EXPECT_EQ(raw.find("HTTP/1.1 200"), std::string::npos) << "nothing behind it is answered";
  }
}

// Issue 24: a Transfer-Encoding Beast does not know ("xchunked",
// "identity", "gzip") beside a Content-Length was accepted, and a request
// smuggled behind it answered. RFC 9112 6.3: 400, and close.
TEST_F(ServerTest, Issue24ATransferEncodingOtherThanChunkedIs400AndCloses) {
  const std::string smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Name: smuggled\r\n\r\n";
  for (const std::string coding : {"xchunked", "identity", "gzip", "gzip, chunked", "chunked, gzip",
                                   "chunked, chunked", "Chunked ,"}) {
    for (const bool with_length : {true, false}) {
      std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n";
      if (with_length) request += "Content-Length: " + std::to_string(smuggled.size()) + "\r\n";
      request += "\r\n" + smuggled;
      const std::string raw = SendRaw(port_, request);
      EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << coding << " -> " << raw.substr(0, 120);
      EXPECT_NE(raw.find("Connection: close"), std::string::npos) << coding;
      EXPECT_EQ(raw.find("smuggled"), std::string::npos) << coding << ": " << raw;
    }
  }
  // Two headers, each harmless alone.
  const std::string twice = SendRaw(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
  EXPECT_TRUE(twice.starts_with("HTTP/1.1 400")) << twice.substr(0, 120);
  EXPECT_EQ(twice.find("smuggled"), std::string::npos);
  // Plain chunked, in any case, still works.
  const std::string chunked = SendRaw(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n"
                                             "Connection: close\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
  EXPECT_TRUE(chunked.starts_with("HTTP/1.1 200")) << chunked;
  EXPECT_TRUE(chunked.ends_with("abcd")) << chunked;
}

TEST_F(ServerTest, AnExpectContinueIsAnsweredBeforeTheBody) {
  const std::string raw = SendRaw(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                         "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200")) << raw;
  // Too large: refused at once, the body never asked for.
  const std::string big = SendRaw(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                         "Content-Length: 999999\r\n\r\n");
  EXPECT_TRUE(big.starts_with("HTTP/1.1 413")) << big;
}

// Request smuggling: whatever a proxy in front might make of these, lede
// refuses them rather than guess where the request ends.
TEST_F(ServerTest, SmugglingAttemptsAndBadMethodsOrVersionsAre400) {
  for (const std::string bad : {
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +4\r\n\r\nabcd",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -4\r\n\r\nabcd",
           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4 4\r\n\r\nabcd",
           "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
           "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcdEXTRA\r\n0\r\n\r\n",
           "G@T /hello HTTP/1.1\r\nHost: x\r\n\r\n",
           "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n",
           "GET /hello HTTP/1.1 extra\r\nHost: x\r\n\r\n",
           "GET  /hello HTTP/1.1\r\nHost: x\r\n\r\n",
       }) {
    const std::string raw = SendRaw(port_, bad);
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << bad << " -> " << raw.substr(0, 80);
    EXPECT_EQ(raw.find("HTTP/1.1 200"), std::string::npos) << bad;
  }
  using namespace std::string_literals;
  const std::string nul = "GET /hello HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n"s;
  EXPECT_TRUE(SendRaw(port_, nul).starts_with("HTTP/1.1 400")) << "a NUL in a header value";
  // An unknown but well-formed method is the router's business: 404 or 405.
  const std::string brew = SendRaw(port_, "BREW /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(brew.starts_with("HTTP/1.1 4")) << brew.substr(0, 80);
}

TEST_F(ServerTest, BareCrOrLfInTheHeaderIsRefused) {
  for (const std::string bad : {"GET /hello HTTP/1.1\r\nHost: x\rX-Name: y\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost: x\r\nX-Name: a\rb\r\n\r\n",
                                "GET /hello HTTP/1.1\nHost: x\nX-Name: y\n\n"}) {
    const std::string raw = SendRaw(port_, bad);
    EXPECT_FALSE(raw.starts_with("HTTP/1.1 200")) << bad << " -> " << raw;
  }
}

TEST_F(ServerTest, AResponseHeaderThatCouldSplitTheResponseBecomesA500) {
  const std::string raw = SendRaw(port_, "GET /split HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 500")) << raw;
  EXPECT_EQ(raw.find("stolen"), std::string::npos) << raw;
  EXPECT_GE(errors_.load(), 1);
}

TEST_F(ServerTest, DefaultHeadersGoOnEveryAnswerUnlessItSetsItsOwn) {
  const auto plain = Fetch(port_, "GET", "/hello");
  EXPECT_EQ(plain.Header("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(plain.Header("Content-Security-Policy"), "default-src 'self'");
  const auto missing = Fetch(port_, "GET", "/missing");
  EXPECT_EQ(missing.Header("Content-Security-Policy"), "default-src 'self'");
  const std::string own = SendRaw(port_, "GET /own-policy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(own.find("Referrer-Policy: no-referrer\r\n"), std::string::npos) << own;
  EXPECT_EQ(own.find("strict-origin-when-cross-origin"), std::string::npos) << own;
}

TEST_F(ServerTest, AThrowingHandlerGives500AndTheServerCarriesOn) {
  EXPECT_EQ(Fetch(port_, "GET", "/throw").status, 500);
  EXPECT_EQ(Fetch(port_, "GET", "/hello").status, 200);
}

TEST_F(ServerTest, StopFinishesRequestsInFlight) {
  auto slow = std::async(std::launch::async, [this] { return Fetch(port_, "GET", "/slow"); });
  while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->Stop();
  const auto result = slow.get();
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "finished");
  thread_.join();  // Run returned: the server is down
  EXPECT_EQ(Fetch(port_, "GET", "/hello").status, 0);
}

TEST(ServerTimeoutTest, IdleAndSlowConnectionsAreClosed) {
  Router router;
  router.Add(Method::kGet, "/", [](const Request&, const PathParams&) {
    return Response::Text(200, "ok");
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.idle_timeout = std::chrono::seconds(1);
  options.read_timeout = std::chrono::seconds(1);
  Server server(options, router);
  auto port = server.Listen();
  ASSERT_OK(port);
  std::thread thread([&] { server.Run(); });
  for (const std::string& sent : {std::string(), std::string("GET / HTTP/1.1\r\nHost: x\r\n"),
                                 std::string("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")}) {
    const auto start = std::chrono::steady_clock::now();
    // Never completes a request: the server must hang up by itself.
    const std::string received = SendRaw(*port, sent, 10000);
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_LT(waited, std::chrono::seconds(5)) << "sent: " << sent;
    EXPECT_EQ(received.find("200"), std::string::npos);
  }
  server.Stop();
  thread.join();
}

int ConnectTo(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

// Normal requests keep being answered while thousands of connections sit
// idle or trickle a header, while a client floods pipelined requests, and
// while another never reads what it asked for. Bounded: each normal
// request must be answered within 2 s (figures: bench/attacks).
TEST(ServerAttackTest, NormalRequestsAreAnsweredThroughConnectionAttacks) {
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  const int idle_count = static_cast<int>(std::min<rlim_t>(3000, files.rlim_cur / 3));
  Router router;
  router.Add(Method::kGet, "/", [](const Request&, const PathParams&) {
    return Response::Text(200, std::string(4096, 'x'));
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.max_connections_per_address = 0;  // every attacker here is 127.0.0.1
  Server server(options, router);
  auto port = server.Listen();
  ASSERT_OK(port);
  std::thread thread([&] { server.Run(); });
  const auto answered_quickly = [&](const char* during) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = Fetch(*port, "GET", "/");
    EXPECT_EQ(result.status, 200) << during;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)) << during;
  };
  std::vector<int> attackers;
  for (int i = 0; i < idle_count; ++i) {
    const int fd = ConnectTo(*port);
    if (fd >= 0) attackers.push_back(fd);
    if (i % 3 == 0 && fd >= 0) ::send(fd, "GET / HTTP/1.1\r\nHo", 19, MSG_NOSIGNAL);  // slowloris
  }
  EXPECT_GE(static_cast<int>(attackers.size()), idle_count * 9 / 10);
  answered_quickly("idle and half-sent connections");
  for (std::size_t i = 0; i < attackers.size(); i += 3) ::send(attackers[i], "s", 1, MSG_NOSIGNAL);
  answered_quickly("trickled headers");
  // A flood of pipelined requests on a few connections, and clients that
  // send and never read.
  std::atomic<bool> stop{false};
  std::vector<std::thread> flooders;
  std::string pipelined;
  for (int i = 0; i < 64; ++i) pipelined += "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 4; ++i) {
    flooders.emplace_back([&, reads = i % 2 == 0] {
      const int fd = ConnectTo(*port);
      char sink[65536];
      while (!stop && fd >= 0) {
        if (::send(fd, pipelined.data(), pipelined.size(), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 && !reads) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // its buffers are full
        }
        if (reads) ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
      }
      if (fd >= 0) ::close(fd);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  answered_quickly("a pipelined flood and clients that never read");
  stop = true;
  for (auto& flooder : flooders) flooder.join();
  for (int fd : attackers) ::close(fd);
  answered_quickly("after");
  server.Stop();
  thread.join();
}

TEST(ServerLimitTest, ConnectionsOverThePerAddressLimitAreClosedAtOnce) {
  Router router;
  router.Add(Method::kGet, "/", [](const Request&, const PathParams&) {
    return Response::Text(200, "ok");
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.max_connections_per_address = 3;
  Server server(options, router);
  auto port = server.Listen();
  ASSERT_OK(port);
  std::thread thread([&] { server.Run(); });
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(ConnectTo(*port));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all accepted
  const int refused = ConnectTo(*port);
  ASSERT_GE(refused, 0);
  char byte;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(::recv(refused, &byte, 1, 0), 0) << "the fourth connection is closed, unanswered";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ::close(refused);
  EXPECT_EQ(Fetch(*port, "GET", "/").status, 0) << "still full";
  ::close(held.back());
  held.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server saw it go
  EXPECT_EQ(Fetch(*port, "GET", "/").status, 200);
  for (int fd : held) ::close(fd);
  server.Stop();
  thread.join();
}

// Serves `router` with `proxy` as the trusted proxy ("" for none) while
// `check` talks to it on its port.
void ServeBehind(const std::string& proxy, const Router& router,
                 const std::function<void(std::uint16_t port)>& check) {
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.trusted_proxy = proxy;
  Server server(options, router);
  auto port = server.Listen();
  ASSERT_OK(port);
  std::thread thread([&] { server.Run(); });
  check(*port);
  server.Stop();
  thread.join();
}

TEST(ServerProxyTest, OnlyTheTrustedProxyNamesTheReader) {
  Router router;
  router.Add(Method::kGet, "/", [](const Request& request, const PathParams&) {
    return Response::Text(200, request.remote_address);
  });
  for (const std::string proxy : {"", "127.0.0.1"}) {
    ServeBehind(proxy, router, [&](std::uint16_t port) {
      const auto claimed = Fetch(port, "GET", "/", {{"X-Forwarded-For", "6.6.6.6, 203.0.113.9"}});
      EXPECT_EQ(claimed.body, proxy.empty() ? "127.0.0.1" : "203.0.113.9");
      const auto junk = Fetch(port, "GET", "/", {{"X-Forwarded-For", "not an address"}});
      EXPECT_EQ(junk.body, "127.0.0.1");
    });
  }
}

// Found in review: behind a proxy that ends TLS, a newsroom without
// --public-url https://... refused every form (the browser's Origin says
// https). The trusted proxy's X-Forwarded-Proto gives the scheme; nobody
// else's does.
TEST(ServerProxyTest, OnlyTheTrustedProxyNamesTheScheme) {
  Router router;
  router.Add(Method::kGet, "/", [](const Request& request, const PathParams&) {
    return Response::Text(200, request.scheme + (request.IsSameOrigin() ? " same" : " cross"));
  });
  for (const std::string proxy : {"", "127.0.0.1"}) {
    ServeBehind(proxy, router, [&](std::uint16_t port) {
      const auto tls = Fetch(port, "GET", "/", {{"X-Forwarded-Proto", "https"},
                                                 {"Host", "news.example"},
                                                 {"Origin", "https://news.example"}});
      EXPECT_EQ(tls.body, proxy.empty() ? "http cross" : "https same");
      const auto plain = Fetch(port, "GET", "/", {{"Host", "news.example"}, {"Origin", "http://news.example"}});
      EXPECT_EQ(plain.body, "http same");
      const auto junk = Fetch(port, "GET", "/", {{"X-Forwarded-Proto", "gopher"}});
      EXPECT_EQ(junk.body, "http same");
    });
  }
}

// A reply completed on another thread (a vote after its fsync) while the
// reader has already gone: the connection must still be released on its
// own thread (ThreadSanitizer watches the session set), and a reply that
// comes after the server stopped must not touch freed state (ASan).
TEST(ServerAsyncTest, RepliesFromOtherThreadsAfterTheReaderLeftOrTheServerStopped) {
  Router router;
  std::mutex mutex;
  std::vector<Reply> owed;
  router.AddAsync(Method::kGet, "/later", [&](const Request&, const PathParams&, Reply reply) {
    std::lock_guard lock(mutex);
    owed.push_back(std::move(reply));
  });
  std::atomic<bool> done{false};
  std::thread replier([&] {
    while (!done) {
      std::vector<Reply> batch;
      {
        std::lock_guard lock(mutex);
        batch.swap(owed);
      }
      for (auto& reply : batch) reply(Response::Text(200, "later"));
      // By now the connection has written and closed on its own thread, so
      // the last owner goes here, off it, while new connections arrive.
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
      batch.clear();
    }
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.shutdown_grace = std::chrono::seconds(1);
  options.max_connections_per_address = 20;  // a connection that leaked would soon fill it
  auto server = std::make_unique<Server>(options, router);
  auto port = server->Listen();
  ASSERT_OK(port);
  std::thread thread([&] { server->Run(); });
  const std::string request = "GET /later HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 200; ++i) {
    // Sends and hangs up before the answer.
    const int fd = ConnectTo(*port);
    ASSERT_GE(fd, 0) << "connection " << i << ": the earlier ones were not released";
    ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    ::close(fd);
    if (i % 10 == 9) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(SendRaw(*port, "GET /later HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .find("later") != std::string::npos,
            true);
  // One request left owing when the server stops and goes.
  done = true;
  replier.join();
  const int fd = ConnectTo(*port);
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  while (true) {
    std::lock_guard lock(mutex);
    if (!owed.empty()) break;
  }
  server->Stop();
  thread.join();
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::lock_guard lock(mutex);
    for (auto& reply : owed) reply(Response::Text(200, "too late"));
    owed.clear();
  });
  server.reset();  // waits for the reply still owed
  late.join();
  ::close(fd);
}

// Uploads: a multipart body to an upload path may be large, and goes to
// disk as it arrives; any other body keeps the small limit.
class ServerUploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kPost, "/upload", [this](const Request& request, const PathParams&) {
      auto parts = ReadMultipart(request);
      if (!parts) return Response::Text(400, parts.error().message);
      std::string answer;
      for (const auto& part : *parts) {
        answer += std::string(part.name) + "=";
        if (part.file) {
          seen_files_.push_back(part.file->path());
          answer += "file:" + std::to_string(part.file->size()) +
                    (std::filesystem::exists(part.file->path()) ? ":on-disk" : ":missing");
        } else {
          answer += std::string(part.body);
        }
        answer += ";";
      }
      return Response::Text(200, answer + " body=" + std::to_string(request.body.size()));
    });
    router_.Add(Method::kPost, "/echo", [](const Request& request, const PathParams&) {
      return Response::Text(200, std::to_string(request.body.size()));
    });
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.body_limit = 1024;
    options.upload_paths = {"/upload"};
    options.upload_body_limit = 8 * 1024 * 1024;
    options.upload_dir = dir_.path() / "spool";
    options.upload_gate = [](const Request& header) -> std::optional<Response> {
      if (header.Header("X-Key") != "letmein") return Response::Text(401, "who are you?\n");
      return std::nullopt;
    };
    server_ = std::make_unique<Server>(options, router_);
    auto port = server_->Listen();
    ASSERT_OK(port);
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  static std::string Multipart(std::size_t file_bytes) {
    return "--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nDawn\r\n"
           "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n\r\n" +
           std::string(file_bytes, 'x') + "\r\n--b--\r\n";
  }

  testing::TempDir dir_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::vector<std::filesystem::path> seen_files_;
};

// Issue 24: a 2.2 MB phone photo was refused 413 ("Request body too
// large"): Beast checked its Content-Length against the 1 MiB limit before
// the path could raise it.
TEST_F(ServerUploadTest, Issue24APhonePhotoSizedUploadWithContentLengthIsTaken) {
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "multipart/form-data; boundary=b"}, {"X-Key", "letmein"}};
  const auto result = Fetch(port_, "POST", "/upload", headers, Multipart(5 * 1024 * 1024));
  EXPECT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.body, "caption=Dawn;file=file:5242880:on-disk; body=0");
  ASSERT_EQ(seen_files_.size(), 1u);
  EXPECT_TRUE(seen_files_[0].string().starts_with((dir_.path() / "spool").string()));
  // Removed once answered (the answer may reach us a moment before).
  for (int i = 0; i < 200 && std::filesystem::exists(seen_files_[0]); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(std::filesystem::exists(seen_files_[0])) << "removed once answered";
  // The same size elsewhere, or not multipart, keeps the small limit.
  EXPECT_EQ(Fetch(port_, "POST", "/echo", headers, Multipart(5 * 1024 * 1024)).status, 413);
  EXPECT_EQ(Fetch(port_, "POST", "/upload", {{"X-Key", "letmein"}, {"Content-Type", "text/plain"}},
                  std::string(4096, 'x')).status, 413);
  // Past the upload limit: refused from the header.
  const std::string big = SendRaw(port_, "POST /upload HTTP/1.1\r\nHost: x\r\nX-Key: letmein\r\n"
                                         "Content-Type: multipart/form-data; boundary=b\r\n"
                                         "Content-Length: 99999999\r\n\r\n");
  EXPECT_TRUE(big.starts_with("HTTP/1.1 413")) << big;
}

TEST_F(ServerUploadTest, AChunkedUploadIsCountedAsItComes) {
  const std::string body = Multipart(2 * 1024 * 1024);
  std::string chunked;
  for (std::size_t at = 0; at < body.size(); at += 65536) {
    const std::string piece = body.substr(at, 65536);
    chunked += fmt::format("{:x}\r\n{}\r\n", piece.size(), piece);
  }
  const std::string raw = SendRaw(port_, "POST /upload HTTP/1.1\r\nHost: x\r\nX-Key: letmein\r\n"
                                         "Content-Type: multipart/form-data; boundary=b\r\n"
                                         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                                         chunked + "0\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw.substr(0, 200);
  EXPECT_NE(raw.find("file=file:2097152:on-disk"), std::string::npos) << raw.substr(0, 400);
}

TEST_F(ServerUploadTest, AStrangersUploadIsRefusedBeforeItsBodyIsRead) {
  // The gate answers from the header: the 8 MiB that would follow are
  // never asked for (Expect: 100-continue gets the refusal instead).
  const std::string raw = SendRaw(port_, "POST /upload HTTP/1.1\r\nHost: x\r\n"
                                         "Content-Type: multipart/form-data; boundary=b\r\n"
                                         "Expect: 100-continue\r\nContent-Length: 8000000\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 401")) << raw;
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(!std::filesystem::exists(dir_.path() / "spool") ||
              std::filesystem::is_empty(dir_.path() / "spool"));
}

TEST(ServerListenTest, AHostThatIsNotAnAddressIsAClearError) {
  Router router;
  ServerOptions options;
  options.host = "not-an-address";
  options.port = 0;
  Server server(options, router);
  auto failed = server.Listen();
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("not-an-address"), std::string::npos);
}

}  // namespace
}  // namespace lede::http
