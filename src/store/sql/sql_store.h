#pragma once
// store::Store, PeopleStore and AuditLog written once in SQL over the sql/
// layer: sqlite::SqliteStore and postgres::PostgresStore are this with their
// engine's pool, their search and their batches. Each concern lives in its
// own file (rows, article_writes, search_text, ratings, redirects, sitemaps,
// media, autosaves, people, audit, copy; sql_store.cc the rest).

#include <functional>
#include <memory>
#include <string>

#include "store/audit_log.h"
#include "store/people_store.h"
#include "store/sql/database.h"
#include "store/store.h"

namespace lede::store::sql {

class SqlStore : public Store, public PeopleStore, public AuditLog {
 public:
  ~SqlStore() override;

  Result<std::vector<content::Section>> ListSections() override;
  Result<content::Section> FindSection(std::string_view slug) override;
  Result<content::Section> CreateSection(content::Section section) override;
  Result<content::Section> UpdateSection(content::Section section, util::UnixSeconds now) override;
  Status ShowSectionOnceLive(std::int64_t id, util::UnixSeconds now) override;
  Result<std::int64_t> DeleteSection(std::int64_t id, std::int64_t into, util::UnixSeconds now) override;
  Result<std::vector<content::Author>> ListAuthors() override;
  Result<content::Author> FindAuthor(std::string_view slug) override;
  Result<content::Author> CreateAuthor(content::Author author) override;
  Result<content::Tag> FindTag(std::string_view slug) override;
  Result<content::Tag> CreateTag(content::Tag tag) override;
  Status PutAutosave(const Autosave& autosave) override;
  Result<std::optional<Autosave>> FindAutosave(std::int64_t article_id, std::int64_t user_id) override;
  Status DeleteAutosave(std::int64_t article_id, std::int64_t user_id) override;
  Result<content::MediaItem> CreateMedia(content::MediaItem item) override;
  Result<content::MediaItem> FindMedia(std::int64_t id) override;
  Result<content::MediaItem> FindMediaByPath(std::string_view path) override;
  Result<std::vector<content::MediaItem>> ListAllMedia(std::int64_t after_id, int limit) override;

  Result<std::vector<SitemapMonth>> ListSitemapMonths(util::UnixSeconds now) override;
  Result<std::vector<SitemapArticle>> ListSitemapArticles(util::UnixSeconds from, util::UnixSeconds to,
                                                          util::UnixSeconds now, int limit,
                                                          int offset) override;
  Result<std::vector<SitemapListing>> ListSitemapListings(util::UnixSeconds now) override;
  Result<content::MediaItem> UpdateMedia(content::MediaItem item) override;
  Result<MediaList> ListMedia(const MediaQuery& query) override;
  Result<std::vector<ArticleRef>> ArticlesUsingMedia(std::int64_t media_id) override;
  Status PutMediaFile(std::string_view path, std::string_view bytes, util::UnixSeconds now) override;
  Result<std::string> FindMediaFile(std::string_view path) override;
  Status DeleteMediaFile(std::string_view path) override;
  Result<std::vector<std::string>> ListMediaFiles(std::string_view after, int limit) override;
  Result<content::Article> CreateArticle(content::Article article,
                                         const ArticleEdit& edit) override;
  Result<content::Article> UpdateArticle(content::Article article,
                                         const ArticleEdit& edit) override;
  Result<std::vector<Revision>> ListRevisions(std::int64_t article_id) override;
  Result<Revision> FindRevision(std::int64_t id) override;
  Result<ArticleList> ListForNewsroom(const NewsroomQuery& query) override;
  Result<content::Article> FindArticle(std::int64_t id) override;
  Result<content::Article> FindVisibleArticleBySlug(std::string_view slug,
                                                   util::UnixSeconds now) override;
  Result<content::Article> FindVisibleArticle(std::string_view section_slug,
                                              std::string_view slug,
                                              util::UnixSeconds now) override;
  Result<ArticleList> ListVisible(const ArticleQuery& query,
                                  util::UnixSeconds now) override;
  Result<Neighbours> FindNeighbours(const content::Article& article,
                                    util::UnixSeconds now) override;
  Result<std::vector<content::Article>> ListUpcoming(util::UnixSeconds now, int limit) override;
  Result<std::vector<content::Article>> ListAllArticles(std::int64_t after_id, int limit) override;
  Result<std::vector<content::Tag>> ListTags() override;
  Result<std::vector<content::Page>> ListPages() override;
  Result<bool> ArticleSlugTaken(std::string_view slug,
                                std::int64_t except_id) override;
  Result<std::int64_t> CountArticles() override;
  Result<bool> ClaimScheduledRun(std::int64_t article_id, util::UnixSeconds published_at,
                                 util::UnixSeconds now) override;
  Result<std::vector<VoteOutcome>> RecordVotes(const std::vector<Vote>& votes) override;
  Result<content::RatingSummary> FindRating(std::int64_t article_id) override;
  Result<content::RatingSummary> SiteRating() override;
  Status SaveFeedback(std::int64_t article_id, std::string_view voter,
                      std::string_view feedback) override;
  Result<std::vector<StoredVote>> ListVotes(std::int64_t article_id) override;
  Result<std::vector<FeedbackEntry>> ListFeedback(std::optional<std::int64_t> article_id, int limit,
                                                  int offset) override;
  Result<std::vector<RatedArticle>> ListRated(int limit, int offset) override;
  Result<std::vector<content::Article>> TopRated(int limit, double prior_votes,
                                                 util::UnixSeconds now) override;
  Result<content::Page> SavePage(content::Page page) override;
  Result<content::Page> FindPage(std::string_view path) override;
  Result<std::vector<VoteRecord>> ListAllVotes(std::int64_t after_id, int limit) override;
  Status RestoreVote(const VoteRecord& vote) override;
  Result<std::vector<Redirect>> ListRedirects(std::string_view after_path, int limit) override;
  Result<std::optional<std::int64_t>> FindImported(std::string_view source, std::string_view kind,
                                                   std::string_view key) override;
  Status SaveImported(std::string_view source, std::string_view kind, std::string_view key,
                      std::int64_t target_id) override;
  Result<std::optional<std::string>> FindRedirect(std::string_view from_path) override;
  Status SaveRedirects(std::span<const std::string> from_paths, std::string_view to_path,
                       util::UnixSeconds now) override;
  Result<content::SiteSettings> LoadSettings() override;
  Status SaveSettings(const content::SiteSettings& settings) override;

  // PeopleStore (people.cc).
  Result<content::User> CreateUser(content::User user, std::string_view password_hash) override;
  Result<content::User> UpdateUser(content::User user) override;
  Result<content::User> FindUser(std::int64_t id) override;
  Result<content::User> FindUserByEmail(std::string_view email) override;
  Result<std::vector<content::User>> ListUsers() override;
  Result<std::int64_t> CountUsers() override;
  Result<std::string> PasswordHash(std::int64_t user_id) override;
  Status SetPasswordHash(std::int64_t user_id, std::string_view hash) override;
  Status CreateSession(const Session& session) override;
  Result<Session> FindSession(std::string_view id_hash, util::UnixSeconds now) override;
  Status DeleteSession(std::string_view id_hash) override;
  Status DeleteSessionsOf(std::int64_t user_id) override;
  Result<ApiToken> CreateToken(ApiToken token) override;
  Result<ApiToken> FindToken(std::string_view token_hash) override;
  Result<std::vector<ApiToken>> ListTokens() override;
  Status RevokeToken(std::int64_t id, util::UnixSeconds now) override;
  Status CreateInvite(const Invite& invite) override;
  Result<std::vector<Invite>> ListInvites() override;
  Status RevokeInvite(std::string_view token_hash) override;
  Result<Invite> FindInvite(std::string_view token_hash) override;
  Result<content::User> AcceptInvite(std::string_view token_hash, content::User user,
                                     std::string_view password_hash,
                                     util::UnixSeconds now) override;

  // AuditLog (audit.cc).
  Status Record(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;

  // lede migrate (copy.cc): copies every table of `source`, ids and all,
  // into this store, which must hold no site yet (no article, section or
  // user), in one transaction, then rebuilds this engine's search index.
  // Each table's rows are counted and checksummed as they are read from
  // the source and again as they read back here; any difference rolls the
  // whole copy back. `progress` hears of each table when it is done.
  struct TableCopy {
    std::string table;
    std::int64_t rows = 0;
    std::string checksum;  // of the rows, whatever their order (hex)
  };
  // `before_commit` runs once every table is verified, before the commit;
  // an error from it rolls the copy back too.
  Result<std::vector<TableCopy>> CopyFrom(SqlStore& source,
                                          const std::function<void(const TableCopy&)>& progress = {},
                                          const std::function<Status()>& before_commit = {});

 protected:
  explicit SqlStore(std::unique_ptr<Pool> pool);
  // After rows were copied with their ids into `table` (keyed by `id`):
  // an engine whose ids come from a sequence moves it past them.
  virtual Status AfterCopy(Database&, std::string_view /*table*/) { return {}; }
  // Brings the engine's search index entry of one article in line with its
  // row, inside the save's transaction.
  virtual Status IndexArticle(Database& db, std::int64_t article_id) = 0;
  // Indexes every article of a store whose index is empty (CopyFrom's
  // destination). By default one IndexArticle each.
  virtual Status IndexAll(Database& db);

  std::unique_ptr<Pool> pool_;

 private:
  Result<content::Article> SaveArticle(content::Article article, const ArticleEdit& edit,
                                       bool create);
};

}  // namespace lede::store::sql
