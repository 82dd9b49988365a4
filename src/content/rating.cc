#include "content/rating.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace lede::content {

std::string RatingSummary::AverageText() const { return fmt::format("{:.1f}", Average()); }

Status ValidateStars(std::int64_t stars) {
  if (stars < kMinStars || stars > kMaxStars) {
    return InvalidArgument("stars must be a whole number from 1 to 5", "stars");
  }
  return {};
}

Status ValidateFeedback(std::string_view feedback) {
  if (util::Trim(feedback).empty()) return InvalidArgument("feedback is empty", "feedback");
  // Characters, not bytes: count the UTF-8 sequences' lead bytes.
  std::size_t characters = 0;
  for (char byte : feedback) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  if (characters > kMaxFeedbackLength) {
    return InvalidArgument("feedback is limited to 2,000 characters", "feedback");
  }
  return {};
}

double BayesianScore(const RatingSummary& article, const RatingSummary& site, double prior_votes) {
  const double site_mean = site.Average();
  const double weight = prior_votes + static_cast<double>(article.count);
  if (weight <= 0) return 0;
  return (prior_votes * site_mean + static_cast<double>(article.sum)) / weight;
}

}  // namespace lede::content
