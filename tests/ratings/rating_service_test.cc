#include "ratings/rating_service.h"

#include <future>

#include "ratings/fixture.h"

namespace lede::ratings {
namespace {

class RatingServiceTest : public RatingsFixture {
 protected:
  void SetUp() override {
    RatingsFixture::SetUp();
    recorder_ = std::make_unique<VoteRecorder>(*store_, RecorderOptions{});
    service_ = std::make_unique<RatingService>(*store_, *recorder_, signer_, limiter_, clock_);
  }

  Result<RateResult> Rate(std::int64_t article_id, std::int64_t stars, std::string cookie,
                          std::string ip = "198.51.100.1") {
    std::promise<Result<RateResult>> answer;
    service_->Rate({article_id, stars, std::move(cookie), std::move(ip)},
                   [&](Result<RateResult> result) { answer.set_value(std::move(result)); });
    return answer.get_future().get();
  }

  VoterSigner signer_{std::string(32, 'k')};
  IpLimiter limiter_{{5, 600}, clock_};
  std::unique_ptr<VoteRecorder> recorder_;
  std::unique_ptr<RatingService> service_;
};

TEST_F(RatingServiceTest, AFirstVoteMintsACookieAndASecondIsADuplicate) {
  auto first = Rate(article_ids_[0], 4, "");
  ASSERT_OK(first);
  EXPECT_EQ(first->status, RateStatus::kAccepted);
  EXPECT_EQ(first->summary.count, 1);
  EXPECT_EQ(first->your_vote, 4);
  ASSERT_FALSE(first->new_voter_cookie.empty());
  auto second = Rate(article_ids_[0], 1, first->new_voter_cookie);
  ASSERT_OK(second);
  EXPECT_EQ(second->status, RateStatus::kDuplicate);
  EXPECT_TRUE(second->new_voter_cookie.empty());
  EXPECT_EQ(second->summary.count, 1);
  EXPECT_EQ(second->summary.sum, 4);
  // The same reader may rate another article.
  auto other = Rate(article_ids_[1], 2, first->new_voter_cookie);
  ASSERT_OK(other);
  EXPECT_EQ(other->status, RateStatus::kAccepted);
}

TEST_F(RatingServiceTest, ATamperedCookieMakesANewReader) {
  auto first = Rate(article_ids_[0], 4, "");
  ASSERT_OK(first);
  std::string tampered = first->new_voter_cookie;
  tampered[0] = tampered[0] == 'a' ? 'b' : 'a';
  auto again = Rate(article_ids_[0], 4, tampered);
  ASSERT_OK(again);
  EXPECT_EQ(again->status, RateStatus::kAccepted);
  EXPECT_FALSE(again->new_voter_cookie.empty());
  EXPECT_NE(again->new_voter_cookie, first->new_voter_cookie);
}

TEST_F(RatingServiceTest, StarsOutsideOneToFiveAreRefusedBeforeAnythingIsWritten) {
  for (std::int64_t stars : {0, 6, -3}) {
    auto result = Rate(article_ids_[0], stars, "");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(store_->FindRating(article_ids_[0])->count, 0);
}

TEST_F(RatingServiceTest, AnAddressOverItsLimitIsToldWhenToRetry) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Rate(article_ids_[0], 5, "")->status, RateStatus::kAccepted);
  auto limited = Rate(article_ids_[0], 5, "");
  ASSERT_OK(limited);
  EXPECT_EQ(limited->status, RateStatus::kRateLimited);
  EXPECT_GT(limited->retry_after, 0);
  EXPECT_EQ(limited->summary.count, 5);
  EXPECT_EQ(Rate(article_ids_[0], 5, "", "198.51.100.2")->status, RateStatus::kAccepted);
}

TEST_F(RatingServiceTest, UnknownArticlesAreNotFound) {
  auto result = Rate(424242, 3, "");
  ASSERT_OK(result);
  EXPECT_EQ(result->status, RateStatus::kNotFound);
}

TEST_F(RatingServiceTest, FeedbackFollowsALowVoteFromTheSameReader) {
  auto low = Rate(article_ids_[0], 1, "");
  ASSERT_OK(low);
  EXPECT_OK(service_->Feedback(article_ids_[0], low->new_voter_cookie, "Add the sources, please"));
  EXPECT_EQ(service_->Feedback(article_ids_[0], "", "text").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Feedback(article_ids_[0], low->new_voter_cookie, std::string(2001, 'x'))
                .error().code,
            ErrorCode::kInvalidArgument);
  auto high = Rate(article_ids_[1], 5, "");
  ASSERT_OK(high);
  EXPECT_EQ(service_->Feedback(article_ids_[1], high->new_voter_cookie, "text").error().code,
            ErrorCode::kPermissionDenied);
  auto votes = store_->ListVotes(article_ids_[0]);
  ASSERT_OK(votes);
  EXPECT_EQ(votes->front().feedback, "Add the sources, please");
}

// Issue 24: NUL and other control characters in feedback reached the
// newsroom's pages raw.
TEST_F(RatingServiceTest, Issue24ControlCharactersInFeedbackAreDroppedOnTheWayIn) {
  auto low = Rate(article_ids_[0], 1, "");
  ASSERT_OK(low);
  using namespace std::string_literals;
  ASSERT_OK(service_->Feedback(article_ids_[0], low->new_voter_cookie,
                               "Sources\0 please\x1b[2J\r\nand \xC2\x85" "dates \xFF"s));
  auto votes = store_->ListVotes(article_ids_[0]);
  ASSERT_OK(votes);
  EXPECT_EQ(votes->front().feedback, "Sources please[2J\nand dates \xEF\xBF\xBD");
  // Nothing left but controls is empty feedback.
  EXPECT_EQ(service_->Feedback(article_ids_[0], low->new_voter_cookie, "\0\x01\x02"s).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(RatingServiceTest, SummaryIsOnlyForVisibleArticles) {
  EXPECT_OK(service_->Summary(article_ids_[0]));
  EXPECT_EQ(service_->Summary(999999).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lede::ratings
