#pragma once
// Reader ratings: "How useful was this article?" on a scale of 1 to 5.
// A RatingSummary is the exact aggregate (vote count and star sum) kept
// beside each article; the average is derived, never stored.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace lede::content {

inline constexpr int kMinStars = 1;
inline constexpr int kMaxStars = 5;
inline constexpr std::size_t kMaxFeedbackLength = 2000;
// Votes at or below this may leave feedback for the editors.
inline constexpr int kFeedbackMaxStars = 2;

// What each star means, shown on hover and focus.
inline constexpr std::array<std::string_view, 5> kStarLabels = {
    "Not at all useful", "Somewhat useful", "Useful", "Fairly useful", "Very useful"};

struct RatingSummary {
  std::int64_t count = 0;
  std::int64_t sum = 0;

  // 0 when there are no votes.
  double Average() const { return count == 0 ? 0.0 : static_cast<double>(sum) / count; }
  // "4.2": one decimal, as readers see it.
  std::string AverageText() const;
};

// kInvalidArgument (field "stars") unless 1..5.
Status ValidateStars(std::int64_t stars);
// kInvalidArgument (field "feedback") when empty or over 2,000 characters.
Status ValidateFeedback(std::string_view feedback);

// Bayesian average: the article's votes plus `prior_votes` imaginary votes
// at the site-wide mean, so one 5-star vote does not outrank two hundred
// 4.8s. With no votes anywhere it is 0.
double BayesianScore(const RatingSummary& article, const RatingSummary& site, double prior_votes);

}  // namespace lede::content
