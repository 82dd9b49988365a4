#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

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
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.body_limit = 1024;
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
