#include "ratings/rating_service.h"

#include "util/strings.h"

namespace lede::ratings {

void RatingService::Rate(RateRequest request, std::function<void(Result<RateResult>)> done) {
  if (auto valid = content::ValidateStars(request.stars); !valid) {
    return done(tl::unexpected(valid.error()));
  }
  RateResult result;
  auto voter_id = signer_.Verify(request.voter_cookie);
  if (!voter_id) {
    voter_id = signer_.MintId();
    result.new_voter_cookie = signer_.Sign(*voter_id);
  }
  const std::string ip_hash = limiter_.Hash(request.ip);
  if (auto retry_after = limiter_.Take(ip_hash)) {
    result.status = RateStatus::kRateLimited;
    result.retry_after = *retry_after;
    auto summary = store_.FindRating(request.article_id);
    if (summary) result.summary = *summary;
    return done(result);
  }
  store::Vote vote{request.article_id, static_cast<int>(request.stars),
                   signer_.StorageKey(*voter_id), ip_hash, clock_.Now()};
  recorder_.Submit(std::move(vote), [result, done = std::move(done)](
                                        Result<store::VoteOutcome> outcome) mutable {
    if (!outcome) return done(tl::unexpected(outcome.error()));
    switch (outcome->result) {
      case store::VoteResult::kAccepted: result.status = RateStatus::kAccepted; break;
      case store::VoteResult::kDuplicate: result.status = RateStatus::kDuplicate; break;
      case store::VoteResult::kNotFound: result.status = RateStatus::kNotFound; break;
    }
    result.summary = outcome->summary;
    result.your_vote = outcome->your_vote;
    done(result);
  });
}

Result<content::RatingSummary> RatingService::Summary(std::int64_t article_id) {
  LEDE_TRY(auto article, store_.FindArticle(article_id));
  if (!content::IsVisible(article, clock_.Now())) return NotFound("no such article");
  return article.rating;
}

Status RatingService::Feedback(std::int64_t article_id, const std::string& voter_cookie,
                               const std::string& raw_feedback) {
  // Issue 24: NUL and other controls reached the newsroom's pages raw.
  const std::string feedback = util::CleanText(raw_feedback);
  LEDE_TRY(content::ValidateFeedback(feedback));
  const auto voter_id = signer_.Verify(voter_cookie);
  if (!voter_id) return NotFound("rate the article first; feedback belongs to a rating");
  return store_.SaveFeedback(article_id, signer_.StorageKey(*voter_id), feedback);
}

}  // namespace lede::ratings
