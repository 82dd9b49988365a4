#pragma once
// Store is everything lede keeps: sections, authors, tags, media, articles
// and site settings. Implementations (SQLite now, PostgreSQL later) pass the
// same test suite. All methods are safe to call from any thread; each write
// is one transaction, so a failure or a crash leaves nothing half-written.
//
// "Visible" means what readers may see at time `now`: published articles and
// scheduled ones whose time has come (content::IsVisible). Lists are ordered
// newest first, fully: published_at DESC, id DESC.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "content/author.h"
#include "content/media_item.h"
#include "content/page.h"
#include "content/section.h"
#include "content/site_settings.h"
#include "content/tag.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct ArticleQuery {
  std::optional<std::int64_t> section_id;
  std::optional<std::int64_t> tag_id;
  std::optional<std::int64_t> author_id;
  bool top_stories_only = false;
  std::optional<std::int64_t> exclude_id;
  int limit = 10;   // 1..100
  int offset = 0;
};

struct ArticleList {
  std::vector<content::Article> articles;
  std::int64_t total = 0;  // matches ignoring limit and offset
};

// The visible articles published just before and just after one article,
// site-wide.
struct Neighbours {
  std::optional<content::Article> previous;  // older
  std::optional<content::Article> next;      // newer
};

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
};

struct Redirect {
  std::string from_path;
  std::string to_path;
  util::UnixSeconds created_at = 0;
};

// A vote as editors see it.
struct StoredVote {
  std::int64_t article_id = 0;
  int stars = 0;
  std::string feedback;
  util::UnixSeconds created_at = 0;
};

// What one save of an article records beside it, in the same transaction,
// so that a version check, the article and its revision never disagree.
struct ArticleEdit {
  // Who saves: a user id, or 0 for a tool (an import, the demo).
  std::int64_t user_id = 0;
  // The version the editor started from. When the stored article has moved
  // on, the save is kConflict and changes nothing. nullopt: no check.
  std::optional<std::int64_t> expected_version;
  // Keep a revision of what this save stores (the newsroom does; imports
  // and restores do not).
  bool keep_revision = false;
  // The article's path before this save, when it changed: it then answers
  // 301 to the new one (see SaveRedirects).
  std::optional<std::string> redirect_from;
  util::UnixSeconds now = 0;
};

// An article's text fields as one save left them.
struct RevisionText {
  std::string headline;
  std::string slug;
  std::string standfirst;
  std::string body;  // the source (Markdown, or imported HTML)
  std::vector<std::string> quick_looks;
  std::string dateline;
  std::string edition;
  std::string correction;
};

struct Revision {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::int64_t version = 0;
  std::int64_t user_id = 0;
  std::string user_name;  // "" for tools
  util::UnixSeconds created_at = 0;
  RevisionText text;
};

// The newsroom's list of articles: any status, newest first.
enum class NewsroomStatus { kAny, kDraft, kScheduled, kPublished, kTrash };

struct NewsroomQuery {
  NewsroomStatus status = NewsroomStatus::kAny;  // kAny leaves out the trash
  std::optional<std::int64_t> section_id;
  std::optional<std::int64_t> author_id;
  std::string headline_contains;
  int limit = 25;  // 1..100
  int offset = 0;
};

struct MediaQuery {
  std::string search;  // in caption, alt, credit and file name; "" for all
  int limit = 24;      // 1..100
  int offset = 0;
};

struct MediaList {
  std::vector<content::MediaItem> items;  // newest first
  std::int64_t total = 0;
};

// An article as the media library lists its users.
struct ArticleRef {
  std::int64_t id = 0;
  std::string headline;
  std::string status;
  bool trashed = false;
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

// A batch of writes sharing one transaction: see Store::BeginBatch.
class Batch {
 public:
  // Rolls back unless committed.
  virtual ~Batch() = default;
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Until the batch is committed or destroyed, every call this thread makes
  // on the store joins one transaction, and the batch costs one fsync. A
  // call that fails before changing anything (a taken slug, a missing row)
  // leaves the batch as it was; one that fails part-way through its writes
  // makes Commit roll the whole batch back and fail. Other threads wait for
  // its write lock as for any writer. Not nestable. For bulk work (imports),
  // not for requests.
  virtual Result<std::unique_ptr<Batch>> BeginBatch() = 0;

  // Sections in menu order (then name). 
  virtual Result<std::vector<content::Section>> ListSections() = 0;
  // kNotFound for an unknown slug.
  virtual Result<content::Section> FindSection(std::string_view slug) = 0;
  // Returns the section with its id. kConflict when the slug is taken.
  virtual Result<content::Section> CreateSection(content::Section section) = 0;
  // Replaces name, slug, description and menu order. When the slug
  // changes, the section's old path and each of its articles' old paths
  // answer 301 to the new ones, in the same transaction. kNotFound;
  // kConflict (field "slug") when the slug is taken.
  virtual Result<content::Section> UpdateSection(content::Section section,
                                                 util::UnixSeconds now) = 0;

  virtual Result<std::vector<content::Author>> ListAuthors() = 0;
  virtual Result<content::Author> FindAuthor(std::string_view slug) = 0;
  virtual Result<content::Author> CreateAuthor(content::Author author) = 0;

  virtual Result<content::Tag> FindTag(std::string_view slug) = 0;
  // kConflict when the slug is taken.
  virtual Result<content::Tag> CreateTag(content::Tag tag) = 0;

  virtual Result<content::MediaItem> CreateMedia(content::MediaItem item) = 0;
  virtual Result<content::MediaItem> FindMedia(std::int64_t id) = 0;
  // Replaces alt, caption, credit, the focal point and which derived files
  // exist. kNotFound.
  virtual Result<content::MediaItem> UpdateMedia(content::MediaItem item) = 0;
  virtual Result<MediaList> ListMedia(const MediaQuery& query) = 0;
  // The articles that lead with the item, any status, newest first.
  virtual Result<std::vector<ArticleRef>> ArticlesUsingMedia(std::int64_t media_id) = 0;

  // Creates the article with its Quick Looks, tags and authors in one
  // transaction and returns it as stored. kConflict when the slug is taken;
  // kInvalidArgument when it fails content::Validate or names a section,
  // tag, author or media item that does not exist.
  // With `edit`, its revision and redirect are written in the same
  // transaction.
  virtual Result<content::Article> CreateArticle(content::Article article,
                                                 const ArticleEdit& edit = {}) = 0;
  // Replaces every field of the article with this id and counts a new
  // version. kNotFound when there is none; kConflict when
  // edit.expected_version is older than the stored version; otherwise as
  // CreateArticle.
  virtual Result<content::Article> UpdateArticle(content::Article article,
                                                 const ArticleEdit& edit = {}) = 0;
  // Newest first; kept revisions only.
  virtual Result<std::vector<Revision>> ListRevisions(std::int64_t article_id) = 0;
  // kNotFound for an unknown id.
  virtual Result<Revision> FindRevision(std::int64_t id) = 0;
  // Articles in any status for the newsroom, newest first by publication
  // time (creation time for drafts), with
  // the total matching.
  virtual Result<ArticleList> ListForNewsroom(const NewsroomQuery& query) = 0;
  // Any status. kNotFound when there is none.
  virtual Result<content::Article> FindArticle(std::int64_t id) = 0;
  // The visible article at /{section_slug}/{slug}/; drafts, scheduled
  // articles before their time and unknown paths give kNotFound.
  virtual Result<content::Article> FindVisibleArticle(
      std::string_view section_slug, std::string_view slug,
      util::UnixSeconds now) = 0;
  virtual Result<ArticleList> ListVisible(const ArticleQuery& query,
                                          util::UnixSeconds now) = 0;
  virtual Result<Neighbours> FindNeighbours(const content::Article& article,
                                            util::UnixSeconds now) = 0;
  // Every article, any status, in id order after `after_id` (paging for
  // exports: pass the last id seen).
  virtual Result<std::vector<content::Article>> ListAllArticles(std::int64_t after_id,
                                                                int limit) = 0;
  virtual Result<std::vector<content::Tag>> ListTags() = 0;
  virtual Result<std::vector<content::Page>> ListPages() = 0;
  // True when some article other than `except_id` uses the slug.
  virtual Result<bool> ArticleSlugTaken(std::string_view slug,
                                        std::int64_t except_id) = 0;
  virtual Result<std::int64_t> CountArticles() = 0;

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

  // Creates (id 0) or replaces a page. kConflict when another page has the
  // path; kNotFound for an unknown id.
  virtual Result<content::Page> SavePage(content::Page page) = 0;
  // The page at `path`, published or not; kNotFound when there is none.
  virtual Result<content::Page> FindPage(std::string_view path) = 0;

  // Backups: every vote as stored, oldest first; and putting one back with
  // its article's aggregate (whatever the article's status now).
  virtual Result<std::vector<VoteRecord>> ListAllVotes() = 0;
  virtual Status RestoreVote(const VoteRecord& vote) = 0;
  virtual Result<std::vector<Redirect>> ListRedirects() = 0;

  // The lede id an import made from a source object, or nullopt.
  virtual Result<std::optional<std::int64_t>> FindImported(std::string_view source,
                                                           std::string_view kind,
                                                           std::string_view key) = 0;
  virtual Status SaveImported(std::string_view source, std::string_view kind,
                              std::string_view key, std::int64_t target_id) = 0;

  // Where an old path now lives, or nullopt. Paths may carry a query.
  virtual Result<std::optional<std::string>> FindRedirect(std::string_view from_path) = 0;
  // Adds or replaces redirects from each of `from_paths` to `to_path`, in
  // one transaction; a redirect to itself is ignored, redirects that pointed
  // at a from path are pointed at `to_path` (no chains), and a redirect away
  // from `to_path` goes (it is live again).
  virtual Status SaveRedirects(std::span<const std::string> from_paths, std::string_view to_path,
                               util::UnixSeconds now) = 0;
  Status SaveRedirect(std::string_view from_path, std::string_view to_path, util::UnixSeconds now) {
    const std::string from[] = {std::string(from_path)};
    return SaveRedirects(from, to_path, now);
  }

  virtual Result<content::SiteSettings> LoadSettings() = 0;
  virtual Status SaveSettings(const content::SiteSettings& settings) = 0;
};

}  // namespace lede::store
