#include "site/rating_view.h"

#include <fmt/format.h>

#include <cmath>

#include "site/view_model.h"

namespace lede::site {

RatingState ParseRatingState(std::string_view text) {
  if (text == "thanks") return RatingState::kThanks;
  if (text == "duplicate") return RatingState::kDuplicate;
  if (text == "limited") return RatingState::kLimited;
  if (text == "feedback") return RatingState::kFeedbackThanks;
  if (text == "invalid") return RatingState::kInvalid;
  return RatingState::kNone;
}

std::string_view RatingStateName(RatingState state) {
  switch (state) {
    case RatingState::kThanks: return "thanks";
    case RatingState::kDuplicate: return "duplicate";
    case RatingState::kLimited: return "limited";
    case RatingState::kFeedbackThanks: return "feedback";
    case RatingState::kInvalid: return "invalid";
    case RatingState::kNone: return "";
  }
  return "";
}

theme::Data RatingBlock(const content::Article& article, const content::RatingTexts& texts,
                        RatingState state, int voted_stars, std::string_view feedback_error) {
  const auto& rating = article.rating;
  theme::Data block;
  const std::string url = ArticleUrl(article);
  block.set("action", url + "rating");
  block.set("feedback_action", url + "feedback");
  block.set("api_url", fmt::format("/api/v1/articles/{}/ratings", article.id));
  block.set("feedback_api_url", fmt::format("/api/v1/articles/{}/feedback", article.id));
  block.set("question", texts.question);
  block.set("prompt", texts.prompt);
  block.set("average_label", texts.average_label);
  block.set("count_label", texts.count_label);
  block.set("empty", texts.empty);
  block.set("thanks", texts.thanks);
  block.set("already_voted", texts.already_voted);
  block.set("feedback_prompt", texts.feedback_prompt);
  block.set("feedback_thanks", texts.feedback_thanks);
  block.set("rate_limited", texts.rate_limited);
  block.set("has_votes", rating.count > 0);
  block.set("average", rating.AverageText());
  block.set("count", std::to_string(rating.count));
  const long filled = std::lround(rating.Average());
  theme::Data stars{theme::Data::type::list};
  for (int value = content::kMinStars; value <= content::kMaxStars; ++value) {
    theme::Data star;
    star.set("value", std::to_string(value));
    star.set("label", std::string(content::kStarLabels[static_cast<std::size_t>(value - 1)]));
    star.set("aria_label", fmt::format("Rate {} out of 5", value));
    star.set("filled", value <= filled);
    stars.push_back(star);
  }
  block.set("stars", stars);
  std::string message;
  switch (state) {
    case RatingState::kThanks: message = texts.thanks; break;
    case RatingState::kDuplicate: message = texts.already_voted; break;
    case RatingState::kLimited: message = texts.rate_limited; break;
    case RatingState::kFeedbackThanks: message = texts.feedback_thanks; break;
    case RatingState::kInvalid: message = "Please choose from one to five stars."; break;
    case RatingState::kNone: break;
  }
  if (!message.empty()) block.set("message", message);
  block.set("show_feedback", state == RatingState::kThanks && voted_stars >= content::kMinStars &&
                                 voted_stars <= content::kFeedbackMaxStars);
  if (feedback_error == "invalid") {
    block.set("feedback_error", "Please write between 1 and 2,000 characters.");
  } else if (feedback_error == "not-allowed") {
    block.set("feedback_error", "Feedback can be left after rating this article one or two stars.");
  }
  return block;
}

void SetCompactRating(theme::Data& card, const content::RatingSummary& rating) {
  if (rating.count == 0) return;
  const long filled = std::lround(rating.Average());
  std::string stars;
  for (long i = 1; i <= content::kMaxStars; ++i) stars += i <= filled ? "\u2605" : "\u2606";
  theme::Data compact;
  compact.set("stars", stars);
  compact.set("average", rating.AverageText());
  compact.set("count", std::to_string(rating.count));
  compact.set("label", fmt::format("Rated {} out of 5 by {} {}", rating.AverageText(), rating.count,
                                   rating.count == 1 ? "reader" : "readers"));
  card.set("rating", compact);
}

}  // namespace lede::site
