#pragma once
// The reader rating block's view model, and the compact stars of cards.

#include <string>

#include "content/article.h"
#include "content/site_settings.h"
#include "theme/theme.h"

namespace lede::site {

// What the page says after a vote without JavaScript (Post/Redirect/Get
// carries it in ?rating=...). kNone on a plain visit.
enum class RatingState { kNone, kThanks, kDuplicate, kLimited, kFeedbackThanks, kInvalid };

RatingState ParseRatingState(std::string_view text);
std::string_view RatingStateName(RatingState state);

// The block for `article`. `voted_stars` (1..5) is the vote just cast, which
// decides whether the low-rating feedback form shows.
// `feedback_error` is "invalid", "not-allowed" or "" (from the feedback
// form's redirect).
theme::Data RatingBlock(const content::Article& article, const content::RatingTexts& texts,
                        RatingState state, int voted_stars, std::string_view feedback_error = {});

// "★★★★☆" and "Rated 4.2 out of 5 by 17 readers" for lists; not set when
// the article has no votes.
void SetCompactRating(theme::Data& card, const content::RatingSummary& rating);

}  // namespace lede::site
