#include "site/rating_form.h"

#include <fmt/format.h>

#include "site/rating_view.h"
#include "site/view_model.h"
#include "util/strings.h"

namespace lede::site {
namespace {

http::Response BackToArticle(const std::string& article_url, RatingState state, int stars = 0) {
  std::string location = fmt::format("{}?rating={}", article_url, RatingStateName(state));
  if (stars > 0) location += fmt::format("&stars={}", stars);
  location += "#rating";
  auto response = http::Response::Redirect(303, location);
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

void RatingForm::Rate(const http::Request& request, const http::PathParams& params,
                      http::Reply reply) const {
  if (!request.IsSameOrigin()) {
    return reply(http::Response::Text(403, "Votes from other sites are refused.\n"));
  }
  auto article = catalog_.VisibleArticle(params.Get("section"), params.Get("slug"));
  if (!article) return reply(not_found_.ForError(article.error()));
  const std::string url = ArticleUrl(*article);
  const auto stars = util::ParseInt(request.FormField("stars").value_or(""));
  if (!stars || !content::ValidateStars(*stars)) {
    return reply(BackToArticle(url, RatingState::kInvalid));
  }
  ratings::RateRequest rate{article->id, *stars, std::string(request.Cookie(ratings::kVoterCookie)),
                            request.remote_address};
  service_.Rate(std::move(rate), [reply = std::move(reply), url, stars = static_cast<int>(*stars),
                                  secure = secure_cookies_,
                                  &not_found = not_found_](Result<ratings::RateResult> result) {
    if (!result) return reply(not_found.ForError(result.error()));
    http::Response response;
    switch (result->status) {
      case ratings::RateStatus::kAccepted:
        response = BackToArticle(url, RatingState::kThanks, stars);
        break;
      case ratings::RateStatus::kDuplicate:
        response = BackToArticle(url, RatingState::kDuplicate);
        break;
      case ratings::RateStatus::kRateLimited:
        response = BackToArticle(url, RatingState::kLimited);
        response.SetHeader("Retry-After", std::to_string(result->retry_after));
        break;
      case ratings::RateStatus::kNotFound:
        return reply(not_found.ForError({ErrorCode::kNotFound, "no such article", {}}));
    }
    if (!result->new_voter_cookie.empty()) {
      response.AddHeader("Set-Cookie", ratings::VoterSetCookie(result->new_voter_cookie, secure));
    }
    reply(std::move(response));
  });
}

http::Response RatingForm::Feedback(const http::Request& request,
                                    const http::PathParams& params) const {
  if (!request.IsSameOrigin()) {
    return http::Response::Text(403, "Feedback from other sites is refused.\n");
  }
  auto article = catalog_.VisibleArticle(params.Get("section"), params.Get("slug"));
  if (!article) return not_found_.ForError(article.error());
  const std::string url = ArticleUrl(*article);
  auto saved = service_.Feedback(article->id, std::string(request.Cookie(ratings::kVoterCookie)),
                                 request.FormField("feedback").value_or(""));
  if (!saved) {
    // Shown again with a fixed message per reason: the URL never carries
    // text that the page would print.
    const bool bad_text = saved.error().code == ErrorCode::kInvalidArgument;
    auto response = http::Response::Redirect(
        303, fmt::format("{}?rating=thanks&stars=1&feedback_error={}#rating", url,
                         bad_text ? "invalid" : "not-allowed"));
    response.SetHeader("Cache-Control", "private, no-store");
    return response;
  }
  return BackToArticle(url, RatingState::kFeedbackThanks);
}

}  // namespace lede::site
