// Push notifications from the real binary: `lede serve --websub-hub URL
// --indexnow-key KEY` against a stub hub and IndexNow endpoint on
// loopback. A publish through the Admin API reaches both; the key file is
// served; the feeds name the hub; an endpoint that hangs and fails never
// slows or fails the publish. Without the options, none of it exists.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/newsroom_fixture.h"
#include "support/stub_server.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Newsroom;
using testing::StubServer;
using Requests = std::vector<StubServer::Request>;
using namespace std::chrono_literals;

constexpr char kKey[] = "lede-test-key-0123";

json Story(std::string headline) {
  return {{"headline", std::move(headline)},
          {"body", "The first ferry in a decade docked at dawn."},
          {"section", "world"},
          {"quick_looks", {"Ferries return", "Fares are capped", "A safety board inspects"}},
          {"tags", {"Transport"}},
          {"status", "published"}};
}

std::vector<std::string> Args(const StubServer& stub) {
  return {"--public-url", "https://news.example", "--websub-hub", stub.url("/hub"),
          "--indexnow-key", kKey, "--indexnow-endpoint", stub.url("/indexnow")};
}

TEST(PushTest, APublishReachesTheHubAndIndexNowAndTheFeedsNameTheHub) {
  StubServer stub([](const StubServer::Request&, int) { return 202; });
  auto room = Newsroom::Start(Args(stub));
  // The demo written at start-up is not announced.
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(stub.requests().empty());

  const auto key_file = Fetch(room->port(), "GET", std::string("/") + kKey + ".txt");
  EXPECT_EQ(key_file.status, 200);
  EXPECT_EQ(key_file.body, kKey);
  const auto rss = Fetch(room->port(), "GET", "/feed/");
  EXPECT_NE(rss.body.find("<atom:link href=\"" + stub.url("/hub") + "\" rel=\"hub\"/>"), std::string::npos);
  EXPECT_NE(rss.body.find("rel=\"self\""), std::string::npos);
  const auto atom = Fetch(room->port(), "GET", "/atom.xml");
  EXPECT_NE(atom.body.find("<link rel=\"hub\" href=\"" + stub.url("/hub") + "\"/>"), std::string::npos);

  const auto created = room->Call("editor", "POST", "/api/v1/admin/articles", Story("Ferries return").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(stub.WaitFor(
      [](const Requests& requests) {
        bool hub = false, indexnow = false;
        for (const auto& r : requests) {
          hub = hub || (r.target == "/hub" && r.body.find("news.example%2Fworld%2Ffeed%2F") != std::string::npos);
          indexnow = indexnow || r.target == "/indexnow";
        }
        return hub && indexnow;
      },
      20s));
  for (const auto& request : stub.requests()) {
    if (request.target != "/indexnow") continue;
    const json body = json::parse(request.body);
    EXPECT_EQ(body["keyLocation"], std::string("https://news.example/") + kKey + ".txt");
    EXPECT_EQ(body["urlList"], json::array({"https://news.example/world/ferries-return/"}));
  }
}

TEST(PushTest, AnEndpointThatHangsAndFailsNeverSlowsOrFailsAPublish) {
  std::atomic<int> answered{0};
  StubServer stub([&](const StubServer::Request&, int) {
    std::this_thread::sleep_for(3s);
    ++answered;
    return 503;
  });
  auto room = Newsroom::Start(Args(stub));
  const auto started = std::chrono::steady_clock::now();
  const auto created = room->Call("editor", "POST", "/api/v1/admin/articles", Story("Port strike ends").dump());
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_LT(took, 2s) << "the publish waited for the hub";
  // It is being tried all the same, in the background.
  EXPECT_TRUE(stub.WaitFor([](const Requests& r) { return !r.empty(); }, 10s));
  EXPECT_EQ(Fetch(room->port(), "GET", "/world/port-strike-ends/").status, 200);
}

TEST(PushTest, WithoutTheOptionsThereIsNoKeyFileAndNoHub) {
  auto room = Newsroom::Start();
  const auto key_file = Fetch(room->port(), "GET", std::string("/") + kKey + ".txt");
  EXPECT_NE(key_file.status, 200) << "no key file (the site's slash redirect may answer)";
  EXPECT_EQ(Fetch(room->port(), "GET", "/feed/").body.find("rel=\"hub\""), std::string::npos);
  EXPECT_EQ(Fetch(room->port(), "GET", "/atom.xml").body.find("rel=\"hub\""), std::string::npos);
}

TEST(PushTest, BadOptionsStopTheServerWithALineNamingThem) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--websub-hub", "not-a-url"},
        std::vector<std::string>{"--indexnow-key", "short"}}) {
    testing::TempDir dir;
    std::vector<std::string> serve = {"serve", "--data", dir.path().string(), "--listen", "127.0.0.1:0"};
    serve.insert(serve.end(), args.begin(), args.end());
    const auto run = testing::RunLede(serve);
    EXPECT_NE(run.exit_code, 0) << args[0];
    EXPECT_NE(run.output.find(args[0]), std::string::npos) << run.output;
  }
}

}  // namespace
}  // namespace lede
