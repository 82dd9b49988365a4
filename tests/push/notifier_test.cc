// push::Notifier against a stub hub and IndexNow endpoint on loopback,
// with articles saved through a real Desk over a real SQLite file: what
// is announced, when, and what a failing endpoint gets (retries with
// backoff, or nothing more after a refusal).

#include "push/notifier.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_store.h"
#include "support/stub_server.h"
#include "support/test_util.h"

namespace lede::push {
namespace {

using nlohmann::json;
using testing::StubServer;
using Requests = std::vector<StubServer::Request>;
using namespace std::chrono_literals;

class NotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    content::SiteSettings settings;
    settings.base_url = "https://news.example";
    ASSERT_TRUE(store_->SaveSettings(settings).has_value());
    catalog_ = std::make_unique<publishing::Catalog>(*store_, clock_);
    desk_ = std::make_unique<publishing::Desk>(*store_, clock_);
    auto section = desk_->AddSection("World", "world", 1);
    ASSERT_TRUE(section.has_value());
    world_ = *section;
    auto tag = desk_->TagNamed("Transport");
    ASSERT_TRUE(tag.has_value());
    transport_ = *tag;
  }

  // A notifier pointed at `stub`, retrying after 50 ms, 100 ms, ...
  void Start(StubServer& stub, int max_attempts = 4) {
    PushOptions options;
    options.websub_hub = stub.url("/hub");
    options.indexnow_key = "key-0123456789";
    options.indexnow_endpoint = stub.url("/indexnow");
    options.first_retry = 50ms;
    options.max_attempts = max_attempts;
    notifier_ = std::make_unique<Notifier>(options, *catalog_);
    desk_->Observe(notifier_.get());
  }

  content::Article Save(content::Article article) {
    auto saved = desk_->Save(std::move(article));
    EXPECT_TRUE(saved.has_value()) << saved.error().message;
    return saved ? *saved : content::Article{};
  }

  content::Article Story(std::string slug, content::ArticleStatus status = content::ArticleStatus::kPublished) {
    content::Article article;
    article.slug = std::move(slug);
    article.headline = "Ferries return";
    article.section_id = world_.id;
    article.tag_ids = {transport_.id};
    article.status = status;
    return article;
  }

  static std::vector<std::string> Topics(const Requests& requests) {
    std::vector<std::string> topics;
    for (const auto& request : requests) {
      if (request.target == "/hub") topics.push_back(request.body);
    }
    std::sort(topics.begin(), topics.end());
    return topics;
  }
  static std::vector<json> IndexNow(const Requests& requests) {
    std::vector<json> bodies;
    for (const auto& request : requests) {
      if (request.target == "/indexnow") bodies.push_back(json::parse(request.body));
    }
    return bodies;
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<publishing::Catalog> catalog_;
  std::unique_ptr<publishing::Desk> desk_;
  content::Section world_;
  content::Tag transport_;
  std::unique_ptr<Notifier> notifier_;  // last: stopped before what it reads
};

TEST_F(NotifierTest, APublishTellsTheHubEveryFeedThatListsItAndIndexNowItsUrl) {
  StubServer stub([](const StubServer::Request&, int) { return 200; });
  Start(stub);
  Save(Story("ferries-return"));
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return r.size() >= 5; }, 10s));
  std::this_thread::sleep_for(200ms);  // nothing more is coming
  const Requests requests = stub.requests();
  EXPECT_EQ(Topics(requests), (std::vector<std::string>{
                                  "hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Fatom.xml",
                                  "hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Ffeed%2F",
                                  "hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Ftag%2Ftransport%2Ffeed%2F",
                                  "hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Fworld%2Ffeed%2F"}));
  for (const auto& request : requests) {
    EXPECT_EQ(request.method, "POST");
    if (request.target == "/hub") {
      EXPECT_EQ(request.content_type, "application/x-www-form-urlencoded");
    }
  }
  const auto pings = IndexNow(requests);
  ASSERT_EQ(pings.size(), 1u);
  EXPECT_EQ(pings[0]["host"], "news.example");
  EXPECT_EQ(pings[0]["key"], "key-0123456789");
  EXPECT_EQ(pings[0]["keyLocation"], "https://news.example/key-0123456789.txt");
  EXPECT_EQ(pings[0]["urlList"], json::array({"https://news.example/world/ferries-return/"}));
}

TEST_F(NotifierTest, DraftsAreNotNewsButWithdrawingAndMovingAnArticleIs) {
  StubServer stub([](const StubServer::Request&, int) { return 200; });
  Start(stub);
  auto draft = Save(Story("quiet-draft", content::ArticleStatus::kDraft));
  draft.headline = "Still a draft";
  Save(draft);
  auto published = Save(Story("ferries-return"));
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 1; }, 10s));
  for (const auto& request : stub.requests()) {
    EXPECT_EQ(request.body.find("quiet-draft"), std::string::npos) << request.body;
  }
  // A new slug: both the old URL (now a redirect) and the new one.
  published.slug = "ferries-are-back";
  Save(published);
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 2; }, 10s));
  EXPECT_EQ(IndexNow(stub.requests())[1]["urlList"],
            json::array({"https://news.example/world/ferries-are-back/",
                         "https://news.example/world/ferries-return/"}));
  // Unpublished: search engines should come and see it gone.
  auto stored = store_->FindArticle(published.id);
  ASSERT_TRUE(stored.has_value());
  stored->status = content::ArticleStatus::kDraft;
  stored->published_at.reset();
  Save(*stored);
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 3; }, 10s));
  EXPECT_EQ(IndexNow(stub.requests())[2]["urlList"],
            json::array({"https://news.example/world/ferries-are-back/"}));
}

TEST_F(NotifierTest, AnEndpointThatFailsIsRetriedWithGrowingDelaysUntilItAnswers) {
  std::vector<std::chrono::steady_clock::time_point> times;
  std::mutex mutex;
  StubServer stub([&](const StubServer::Request& request, int) {
    if (request.target != "/indexnow") return 200;
    std::lock_guard lock(mutex);
    times.push_back(std::chrono::steady_clock::now());
    return times.size() <= 2 ? 503 : 200;  // down twice, then back
  });
  Start(stub);
  Save(Story("ferries-return"));
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 3; }, 10s));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(IndexNow(stub.requests()).size(), 3u) << "accepted the third time: no more";
  std::lock_guard lock(mutex);
  EXPECT_GE(times[1] - times[0], 50ms);
  EXPECT_GE(times[2] - times[1], 100ms) << "the delay doubles";
}

TEST_F(NotifierTest, ARefusalIsNotRetriedAndRetriesStopAtTheLimit) {
  StubServer stub([](const StubServer::Request& request, int) {
    return request.target == "/indexnow" ? 422 : 500;  // a bad key; a broken hub
  });
  Start(stub, 3);
  Save(Story("ferries-return"));
  // Four topics, three attempts each; IndexNow once.
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return Topics(r).size() >= 12; }, 10s));
  std::this_thread::sleep_for(600ms);
  const Requests requests = stub.requests();
  EXPECT_EQ(Topics(requests).size(), 12u);
  EXPECT_EQ(IndexNow(requests).size(), 1u);
}

TEST_F(NotifierTest, AScheduledArticleIsAnnouncedWhenItGoesLiveNotWhenSaved) {
  StubServer stub([](const StubServer::Request&, int) { return 200; });
  Start(stub);
  auto scheduled = Story("embargoed", content::ArticleStatus::kScheduled);
  scheduled.published_at = clock_.Now() + 60;
  scheduled = Save(scheduled);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(stub.requests().empty()) << "nothing before its time";
  // Its time came, and this node claimed it (publishing::ChangeTracker).
  clock_.Advance(60);
  notifier_->ArticleWentLive(scheduled);
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 1; }, 10s));
  EXPECT_EQ(IndexNow(stub.requests())[0]["urlList"],
            json::array({"https://news.example/world/embargoed/"}));
  EXPECT_EQ(Topics(stub.requests()).size(), 4u) << "the feeds that list it";
}

TEST_F(NotifierTest, SavesInQuickSuccessionAreAnnouncedOnce) {
  std::mutex gate;
  gate.lock();  // the endpoint is busy: everything queues behind the first request
  StubServer stub([&](const StubServer::Request&, int index) {
    if (index == 0) std::lock_guard wait(gate);
    return 200;
  });
  Start(stub);
  auto article = Save(Story("ferries-return"));
  for (int i = 0; i < 5; ++i) {
    article.standfirst = "Edit " + std::to_string(i);
    article = Save(article);
  }
  gate.unlock();
  ASSERT_TRUE(stub.WaitFor([](const Requests& r) { return IndexNow(r).size() >= 1; }, 10s));
  std::this_thread::sleep_for(400ms);
  // The request in flight while the edits came is sent again after them
  // (its topic changed since); everything else once.
  EXPECT_EQ(IndexNow(stub.requests()).size(), 1u);
  EXPECT_EQ(Topics(stub.requests()).size(), 5u);
}

TEST(PushOptionsTest, BadOptionsAreNamed) {
  PushOptions options;
  EXPECT_TRUE(ValidatePushOptions(options).has_value()) << "off is fine";
  options.websub_hub = "ftp://hub.example/";
  EXPECT_EQ(ValidatePushOptions(options).error().field, "websub_hub");
  options.websub_hub = "https://hub.example/";
  options.indexnow_key = "short";
  EXPECT_EQ(ValidatePushOptions(options).error().field, "indexnow_key");
  options.indexnow_key = "has/slash-0123";
  EXPECT_EQ(ValidatePushOptions(options).error().field, "indexnow_key");
  options.indexnow_key = "good-key-0123";
  EXPECT_TRUE(ValidatePushOptions(options).has_value());
  options.indexnow_endpoint = "not a url";
  EXPECT_EQ(ValidatePushOptions(options).error().field, "indexnow_endpoint");
}

}  // namespace
}  // namespace lede::push
