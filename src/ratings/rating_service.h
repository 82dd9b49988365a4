#pragma once
// The one entry point for reader votes and feedback: the no-JavaScript form
// and the JSON API both call Rate and Feedback, so they cannot disagree.

#include <functional>
#include <optional>
#include <string>

#include "ratings/ip_limiter.h"
#include "ratings/vote_recorder.h"
#include "ratings/voter.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::ratings {

struct RateRequest {
  std::int64_t article_id = 0;
  std::int64_t stars = 0;
  std::string voter_cookie;  // the cookie's value as sent; may be empty
  std::string ip;            // the reader's address; hashed, never kept
};

enum class RateStatus { kAccepted, kDuplicate, kRateLimited, kNotFound };

struct RateResult {
  RateStatus status = RateStatus::kNotFound;
  content::RatingSummary summary;
  int your_vote = 0;
  util::UnixSeconds retry_after = 0;  // kRateLimited only
  // Set when the reader had no valid voter cookie: send it back.
  std::string new_voter_cookie;
};

class RatingService {
 public:
  // All must outlive the service.
  RatingService(store::Store& store, VoteRecorder& recorder, const VoterSigner& signer,
                IpLimiter& limiter, const util::Clock& clock)
      : store_(store), recorder_(recorder), signer_(signer), limiter_(limiter), clock_(clock) {}

  // Validates, limits and records one vote; `done` runs once, when the vote
  // is on disk (on the recorder's thread) or at once for a refusal. Stars
  // outside 1..5 give kInvalidArgument. A missing or tampered cookie makes
  // the reader a new voter (still limited by address).
  void Rate(RateRequest request, std::function<void(Result<RateResult>)> done);

  // Stores feedback on the reader's own 1- or 2-star vote. kInvalidArgument
  // for empty or over-long text, kNotFound without a valid cookie or vote,
  // kPermissionDenied after a higher vote.
  Status Feedback(std::int64_t article_id, const std::string& voter_cookie,
                  const std::string& feedback);

  // The figures of an article readers can see now; kNotFound for unknown,
  // draft and scheduled articles.
  Result<content::RatingSummary> Summary(std::int64_t article_id);

 private:
  store::Store& store_;
  VoteRecorder& recorder_;
  const VoterSigner& signer_;
  IpLimiter& limiter_;
  const util::Clock& clock_;
};

}  // namespace lede::ratings
