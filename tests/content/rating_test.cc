#include "content/rating.h"

#include <gtest/gtest.h>

namespace lede::content {
namespace {

TEST(RatingTest, AverageIsDerivedFromCountAndSum) {
  EXPECT_EQ(RatingSummary{}.Average(), 0.0);
  EXPECT_EQ(RatingSummary{}.AverageText(), "0.0");
  const RatingSummary summary{17, 71};
  EXPECT_NEAR(summary.Average(), 4.176, 0.001);
  EXPECT_EQ(summary.AverageText(), "4.2");
  EXPECT_EQ((RatingSummary{1, 4}).AverageText(), "4.0");
}

TEST(RatingTest, StarsMustBeOneToFive) {
  for (std::int64_t stars : {1, 2, 3, 4, 5}) EXPECT_TRUE(ValidateStars(stars).has_value());
  for (std::int64_t stars : {-1, 0, 6, 100}) {
    const auto status = ValidateStars(stars);
    ASSERT_FALSE(status.has_value()) << stars;
    EXPECT_EQ(status.error().field, "stars");
  }
}

TEST(RatingTest, FeedbackIsLimitedTo2000CharactersNotBytes) {
  EXPECT_FALSE(ValidateFeedback("").has_value());
  EXPECT_FALSE(ValidateFeedback("   \n").has_value());
  EXPECT_TRUE(ValidateFeedback(std::string(2000, 'a')).has_value());
  EXPECT_FALSE(ValidateFeedback(std::string(2001, 'a')).has_value());
  std::string greek;
  for (int i = 0; i < 2000; ++i) greek += "\u03b1";  // two bytes each
  EXPECT_TRUE(ValidateFeedback(greek).has_value());
  EXPECT_FALSE(ValidateFeedback(greek + "\u03b1").has_value());
}

TEST(RatingTest, OneFiveStarVoteDoesNotOutrankTwoHundredNearPerfectOnes) {
  const RatingSummary single{1, 5};
  const RatingSummary many{200, 960};  // 4.8 average
  const RatingSummary site{1000, 3800};  // 3.8 mean
  EXPECT_GT(single.Average(), many.Average());
  EXPECT_LT(BayesianScore(single, site, 10), BayesianScore(many, site, 10));
}

TEST(RatingTest, BayesianScoreTable) {
  const RatingSummary site{100, 300};  // mean 3.0
  EXPECT_DOUBLE_EQ(BayesianScore({0, 0}, site, 10), 3.0);  // no votes: the mean
  EXPECT_DOUBLE_EQ(BayesianScore({10, 50}, site, 10), 4.0);  // halfway to 5
  EXPECT_DOUBLE_EQ(BayesianScore({10, 50}, site, 0), 5.0);   // no prior: plain average
  EXPECT_DOUBLE_EQ(BayesianScore({0, 0}, {}, 0), 0.0);
}

}  // namespace
}  // namespace lede::content
