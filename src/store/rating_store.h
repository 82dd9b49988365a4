#pragma once
// RatingStore keeps readers' votes, feedback and each article's aggregate.
// Part of store::Store; services that only count votes can take this.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "content/rating.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

// One reader's vote. `voter` and `ip_hash` are keyed hashes made by the
// ratings service: the store never sees a voter id or an IP address.
struct Vote {
  std::int64_t article_id = 0;
  int stars = 0;
  std::string voter;
  std::string ip_hash;
  util::UnixSeconds at = 0;
};

enum class VoteResult { kAccepted, kDuplicate, kNotFound };

struct VoteOutcome {
  VoteResult result = VoteResult::kNotFound;
  content::RatingSummary summary;  // the article's figures after this vote
  int your_vote = 0;               // the stars this voter gave (first vote)
};

// A vote exactly as stored, for backups.
struct VoteRecord {
  std::int64_t article_id = 0;
  int stars = 0;
  std::string voter;
  std::string ip_hash;
  std::string feedback;
  util::UnixSeconds created_at = 0;
  std::int64_t id = 0;  // its place in the store's order; ignored by RestoreVote
};

// A vote as editors see it.
struct StoredVote {
  std::int64_t article_id = 0;
  int stars = 0;
  std::string feedback;
  util::UnixSeconds created_at = 0;
};

// Readers' words after a low rating, as editors read them.
struct FeedbackEntry {
  std::int64_t article_id = 0;
  std::string headline;
  int stars = 0;
  std::string feedback;  // reader text: escape it
  util::UnixSeconds created_at = 0;
};

// An article's figures for the ratings view.
struct RatedArticle {
  std::int64_t article_id = 0;
  std::string headline;
  content::RatingSummary rating;
  std::int64_t feedback_count = 0;
};

class RatingStore {
 public:
  virtual ~RatingStore() = default;

  // Records the votes in one transaction (one fsync for the batch: group
  // commit), each accepted vote updating its article's aggregate in the same
  // transaction. Outcomes come in the order of `votes`: kNotFound for an
  // article not visible at the vote's time, kDuplicate for a second vote by
  // the same voter on the same article. An error fails the whole batch and
  // writes nothing.
  virtual Result<std::vector<VoteOutcome>> RecordVotes(const std::vector<Vote>& votes) = 0;
  // The article's aggregate; zero votes for an unknown article.
  virtual Result<content::RatingSummary> FindRating(std::int64_t article_id) = 0;
  // Totals over every article (for the site mean).
  virtual Result<content::RatingSummary> SiteRating() = 0;
  // Attaches feedback to the voter's vote. kNotFound when the voter has not
  // voted on the article; kPermissionDenied when that vote was above
  // content::kFeedbackMaxStars.
  virtual Status SaveFeedback(std::int64_t article_id, std::string_view voter,
                              std::string_view feedback) = 0;
  // Feedback on every article (or one), newest first.
  virtual Result<std::vector<FeedbackEntry>> ListFeedback(std::optional<std::int64_t> article_id,
                                                          int limit, int offset) = 0;
  // Articles with votes, most votes first (then newest).
  virtual Result<std::vector<RatedArticle>> ListRated(int limit, int offset) = 0;
  // Every vote on an article, oldest first.
  virtual Result<std::vector<StoredVote>> ListVotes(std::int64_t article_id) = 0;
  // Visible articles with votes, best first by content::BayesianScore with
  // `prior_votes` at the site mean (ties: more votes, then newer).
  virtual Result<std::vector<content::Article>> TopRated(int limit, double prior_votes,
                                                         util::UnixSeconds now) = 0;

  // Backups: every vote as stored, oldest first, `limit` at a time after
  // the one with `after_id` (pass the last page's last id; 0 to begin); and
  // putting one back with its article's aggregate (whatever the article's
  // status now).
  virtual Result<std::vector<VoteRecord>> ListAllVotes(std::int64_t after_id, int limit) = 0;
  virtual Status RestoreVote(const VoteRecord& vote) = 0;
};

}  // namespace lede::store
