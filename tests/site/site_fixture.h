#pragma once
// The real site over a real SQLite store and the built-in theme, driven
// through the router without a socket.

#include <memory>

#include "http/router.h"
#include "publishing/catalog.h"
#include "publishing/desk.h"
#include "ratings/rating_service.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"
#include "theme/theme.h"

namespace lede::site {

inline constexpr util::UnixSeconds kNow = 1'800'000'000;

class SiteFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    store_ = std::move(*store);
    auto theme = theme::Theme::Load(std::nullopt);
    ASSERT_OK(theme);
    theme_ = std::move(*theme);
    desk_ = std::make_unique<publishing::Desk>(*store_, clock_);
    catalog_ = std::make_unique<publishing::Catalog>(*store_, clock_);
    signer_ = std::make_unique<ratings::VoterSigner>(std::string(32, 's'));
    limiter_ = std::make_unique<ratings::IpLimiter>(ratings::IpLimit{}, clock_);
    recorder_ = std::make_unique<ratings::VoteRecorder>(*store_, ratings::RecorderOptions{});
    ratings_ = std::make_unique<ratings::RatingService>(*store_, *recorder_, *signer_, *limiter_,
                                                        clock_);
    site_ = std::make_unique<Site>(*catalog_, *ratings_, *theme_, dir_ / "media", false);
    site_->Register(router_);
    auto world = desk_->AddSection("World", "", 1);
    ASSERT_OK(world);
    world_ = *world;
  }

  content::Article Publish(content::Article article, util::UnixSeconds age) {
    if (article.section_id == 0) article.section_id = world_.id;
    article.status = content::ArticleStatus::kPublished;
    article.published_at = kNow - age;
    auto saved = desk_->Save(std::move(article));
    EXPECT_TRUE(saved.has_value()) << saved.error().message;
    return saved ? *saved : content::Article{};
  }

  http::Response Get(const std::string& target) { return Send(http::Method::kGet, target); }

  http::Response Send(http::Method method, const std::string& target, std::string body = {},
                      http::Headers headers = {}) {
    http::Request request;
    request.method = method;
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.remote_address = "192.0.2.1";
    request.target = target;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    return router_.Dispatch(request);
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<theme::Theme> theme_;
  std::unique_ptr<publishing::Desk> desk_;
  std::unique_ptr<publishing::Catalog> catalog_;
  std::unique_ptr<ratings::VoterSigner> signer_;
  std::unique_ptr<ratings::IpLimiter> limiter_;
  std::unique_ptr<ratings::VoteRecorder> recorder_;
  std::unique_ptr<ratings::RatingService> ratings_;
  std::unique_ptr<Site> site_;
  http::Router router_;
  content::Section world_;
};

// Position of `needle` in `html`, failing the test when absent.
inline std::size_t PositionOf(const std::string& html, const std::string& needle) {
  const auto position = html.find(needle);
  EXPECT_NE(position, std::string::npos) << "missing: " << needle;
  return position;
}

}  // namespace lede::site
