// The ratings half of SqlStore: votes, aggregates, feedback, top rated.
#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/sql/database.h"
#include "store/sql/rows.h"

namespace lede::store::sql {

namespace {

Result<content::RatingSummary> LoadRating(Database& db, std::int64_t article_id) {
  LEDE_TRY(auto query, db.Prepare(
      "SELECT vote_count, star_sum FROM article_ratings WHERE article_id = ?1"));
  query->Bind(1, article_id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return content::RatingSummary{};
  return content::RatingSummary{query->Int(0), query->Int(1)};
}

}  // namespace

Result<std::vector<VoteOutcome>> SqlStore::RecordVotes(const std::vector<Vote>& votes) {
  std::vector<VoteOutcome> outcomes;
  outcomes.reserve(votes.size());
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  for (const Vote& vote : votes) {
    VoteOutcome outcome;
    LEDE_TRY(auto visible, db->Prepare(
        "SELECT 1 FROM articles WHERE id = ?1 AND status <> 'draft' AND published_at <= ?2"));
    visible->Bind(1, vote.article_id).Bind(2, vote.at);
    LEDE_TRY(bool exists, visible->Step());
    if (!exists) {
      outcomes.push_back(outcome);
      continue;
    }
    LEDE_TRY(auto insert, db->Prepare(
        "INSERT INTO ratings (article_id, voter, stars, ip_hash, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, voter) DO NOTHING"));
    LEDE_TRY(insert->Bind(1, vote.article_id).Bind(2, vote.voter).Bind(3, vote.stars)
                 .Bind(4, vote.ip_hash).Bind(5, vote.at).Run());
    if (insert->Changes() == 1) {
      LEDE_TRY(auto aggregate, db->Prepare(
          "INSERT INTO article_ratings (article_id, vote_count, star_sum) VALUES (?1, 1, ?2) "
          "ON CONFLICT (article_id) DO UPDATE SET vote_count = article_ratings.vote_count + 1, "
          "star_sum = article_ratings.star_sum + excluded.star_sum"));
      LEDE_TRY(aggregate->Bind(1, vote.article_id).Bind(2, vote.stars).Run());
      outcome.result = VoteResult::kAccepted;
      outcome.your_vote = vote.stars;
    } else {
      LEDE_TRY(auto earlier, db->Prepare(
          "SELECT stars FROM ratings WHERE article_id = ?1 AND voter = ?2"));
      earlier->Bind(1, vote.article_id).Bind(2, vote.voter);
      LEDE_TRY(earlier->Step());
      outcome.result = VoteResult::kDuplicate;
      outcome.your_vote = static_cast<int>(earlier->Int(0));
    }
    LEDE_TRY(outcome.summary, LoadRating(*db, vote.article_id));
    outcomes.push_back(outcome);
  }
  LEDE_TRY(transaction.Commit());
  return outcomes;
}

Result<content::RatingSummary> SqlStore::FindRating(std::int64_t article_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  return LoadRating(*db, article_id);
}

Result<content::RatingSummary> SqlStore::SiteRating() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT COALESCE(SUM(vote_count), 0), COALESCE(SUM(star_sum), 0) FROM article_ratings"));
  LEDE_TRY(query->Step());
  return content::RatingSummary{query->Int(0), query->Int(1)};
}

Status SqlStore::SaveFeedback(std::int64_t article_id, std::string_view voter,
                                 std::string_view feedback) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto vote, db->Prepare("SELECT stars FROM ratings WHERE article_id = ?1 AND voter = ?2"));
  vote->Bind(1, article_id).Bind(2, voter);
  LEDE_TRY(bool found, vote->Step());
  if (!found) return NotFound("you have not rated this article");
  if (vote->Int(0) > content::kFeedbackMaxStars) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "feedback is asked for after a rating of 1 or 2 stars", "feedback");
  }
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE ratings SET feedback = ?3 WHERE article_id = ?1 AND voter = ?2"));
  LEDE_TRY(update->Bind(1, article_id).Bind(2, voter).Bind(3, feedback).Run());
  return transaction.Commit();
}

Result<std::vector<StoredVote>> SqlStore::ListVotes(std::int64_t article_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT article_id, stars, feedback, created_at FROM ratings WHERE article_id = ?1 "
      "ORDER BY id"));
  query->Bind(1, article_id);
  std::vector<StoredVote> votes;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    votes.push_back({query->Int(0), static_cast<int>(query->Int(1)), query->Text(2), query->Int(3)});
  }
  return votes;
}

Result<std::vector<content::Article>> SqlStore::TopRated(int limit, double prior_votes,
                                                            util::UnixSeconds now) {
  LEDE_TRY(auto site, SiteRating());
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      // Driven from the rated articles (the IN list), not a walk of every
      // visible article looking for votes. Shown as headlines: no bodies.
      std::string(kTeaserSelect) +
      "WHERE a.id IN (SELECT article_id FROM article_ratings WHERE vote_count > 0) AND " +
      std::string(kVisible) + "AND r.vote_count > 0 "
      "ORDER BY (:prior * :mean + r.star_sum) / (:prior + r.vote_count) DESC, "
      "r.vote_count DESC, a.published_at DESC, a.id DESC LIMIT :limit"));
  query->Bind(query->ParameterIndex(":now"), now);
  query->Bind(query->ParameterIndex(":prior"), prior_votes);
  query->Bind(query->ParameterIndex(":mean"), site.Average());
  query->Bind(query->ParameterIndex(":limit"), std::clamp(limit, 1, 100));
  return CollectArticles(*db, *query, /*teasers=*/true);
}

Result<std::vector<VoteRecord>> SqlStore::ListAllVotes(std::int64_t after_id, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT article_id, stars, voter, ip_hash, feedback, created_at, id FROM ratings "
      "WHERE id > ?1 ORDER BY id LIMIT ?2"));
  query->Bind(1, after_id).Bind(2, std::max(limit, 1));
  std::vector<VoteRecord> votes;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    votes.push_back({query->Int(0), static_cast<int>(query->Int(1)), query->Text(2), query->Text(3),
                     query->Text(4), query->Int(5), query->Int(6)});
  }
  return votes;
}

Status SqlStore::RestoreVote(const VoteRecord& vote) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO ratings (article_id, voter, stars, ip_hash, feedback, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  if (auto status = insert->Bind(1, vote.article_id).Bind(2, vote.voter).Bind(3, vote.stars)
                        .Bind(4, vote.ip_hash).Bind(5, vote.feedback).Bind(6, vote.created_at).Run();
      !status) {
    return InvalidArgument(fmt::format("vote on article {}: {}", vote.article_id,
                                       status.error().message));
  }
  LEDE_TRY(auto aggregate, db->Prepare(
      "INSERT INTO article_ratings (article_id, vote_count, star_sum) VALUES (?1, 1, ?2) "
      "ON CONFLICT (article_id) DO UPDATE SET vote_count = article_ratings.vote_count + 1, "
      "star_sum = article_ratings.star_sum + excluded.star_sum"));
  LEDE_TRY(aggregate->Bind(1, vote.article_id).Bind(2, vote.stars).Run());
  LEDE_TRY(transaction.Commit());
  NotifySiteChange(SiteChange::kEverything);
  return {};
}

Result<std::vector<FeedbackEntry>> SqlStore::ListFeedback(std::optional<std::int64_t> article_id,
                                                            int limit, int offset) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT r.article_id, a.headline, r.stars, r.feedback, r.created_at FROM ratings r "
      "JOIN articles a ON a.id = r.article_id WHERE r.feedback <> '' "
      "AND (?1 IS NULL OR r.article_id = ?1) ORDER BY r.created_at DESC, r.id DESC "
      "LIMIT ?2 OFFSET ?3"));
  query->Bind(1, article_id).Bind(2, std::clamp(limit, 1, 200)).Bind(3, std::max(0, offset));
  std::vector<FeedbackEntry> entries;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    entries.push_back({query->Int(0), query->Text(1), static_cast<int>(query->Int(2)),
                       query->Text(3), query->Int(4)});
  }
  return entries;
}

Result<std::vector<RatedArticle>> SqlStore::ListRated(int limit, int offset) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT a.id, a.headline, g.vote_count, g.star_sum, "
      "(SELECT COUNT(*) FROM ratings f WHERE f.article_id = a.id AND f.feedback <> '') "
      "FROM article_ratings g JOIN articles a ON a.id = g.article_id WHERE g.vote_count > 0 "
      "ORDER BY g.vote_count DESC, a.id DESC LIMIT ?1 OFFSET ?2"));
  query->Bind(1, std::clamp(limit, 1, 200)).Bind(2, std::max(0, offset));
  std::vector<RatedArticle> rated;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    rated.push_back({query->Int(0), query->Text(1), {query->Int(2), query->Int(3)}, query->Int(4)});
  }
  return rated;
}

}  // namespace lede::store::sql
