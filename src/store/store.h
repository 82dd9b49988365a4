#pragma once
// The store interfaces: Store (content, made of AutosaveStore, MediaStore,
// RatingStore, RedirectStore, SearchStore, SettingsStore and SitemapStore), PeopleStore
// and AuditLog beside it.
// Both implementations (store/sql/ on SQLite and on PostgreSQL) pass the same test suites. All methods are safe to call from any thread; each write
// is one transaction, so a failure or a crash leaves nothing half-written.
//
// "Visible" means what readers may see at time `now`: published articles and
// scheduled ones whose time has come (content::IsVisible). Lists are ordered
// newest first, fully: published_at DESC, id DESC.

#include <cstdint>
#include <functional>
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
#include "store/autosave_store.h"
#include "store/media_store.h"
#include "store/rating_store.h"
#include "store/redirect_store.h"
#include "store/search_store.h"
#include "store/settings_store.h"
#include "store/sitemap_store.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct ArticleQuery {
  std::optional<std::int64_t> section_id;
  std::optional<std::int64_t> tag_id;
  std::optional<std::int64_t> author_id;
  bool top_stories_only = false;
  // Only articles with a correction note, newest change first (the
  // /corrections/ listing) instead of newest publication first.
  bool corrected_only = false;
  std::optional<std::int64_t> exclude_id;
  // Only articles published or updated at or after this time (an app
  // fetching what changed since it last looked).
  std::optional<util::UnixSeconds> changed_since;
  // Keyset paging: only articles after this one in the list's order
  // (published earlier, or at the same second with a smaller id). Stable
  // while articles are published, unlike an offset. Not with corrected_only.
  struct Position {
    util::UnixSeconds published_at = 0;
    std::int64_t id = 0;
  };
  std::optional<Position> after;
  int limit = 10;   // 1..100
  int offset = 0;
  // Count every match (ArticleList::total); lists that show a fixed number
  // (a feed, the "Latest News" block) skip that second query.
  bool count_total = true;
  // False for lists shown as teasers and headlines: bodies come back empty
  // and are never read.
  bool with_bodies = true;
};

struct ArticleList {
  std::vector<content::Article> articles;
  std::int64_t total = 0;  // matches ignoring limit and offset; 0 without count_total
};

// The visible articles published just before and just after one article,
// site-wide.
struct Neighbours {
  std::optional<content::Article> previous;  // older
  std::optional<content::Article> next;      // newer
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
  // Where the article stood, for revisions saved since lede kept it
  // (nullopt in older ones): what two editors' clash compares against.
  struct Placement {
    std::string section;               // slug
    std::vector<std::string> tags;     // names
    std::vector<std::string> authors;  // slugs
    bool top_story = false;
    std::int64_t lead_media_id = 0;    // 0: no lead image
    std::string lead_caption;
    std::string lead_credit;
    std::string lead_alt;
    // "draft", "scheduled" or "published", and its time; nullopt in
    // revisions made before lede kept it.
    std::optional<std::string> status;
    std::optional<std::int64_t> published_at;
  };
  std::optional<Placement> placement;
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
  // kAny leaves out the trash. kScheduled is what will go live after
  // `now`; kPublished what readers can see at `now` (a scheduled article
  // whose time has come is published).
  NewsroomStatus status = NewsroomStatus::kAny;
  util::UnixSeconds now = 0;
  std::optional<std::int64_t> section_id;
  std::optional<std::int64_t> author_id;
  std::string headline_contains;
  // Only these articles (the newsroom's search, SearchStore::MatchNewsroom).
  std::optional<std::vector<std::int64_t>> ids;
  // Only articles this user created, or that carry this author's byline
  // (a contributor's or author's own): publishing::Editorial::List.
  std::optional<std::int64_t> owned_by_user;
  std::optional<std::int64_t> owned_by_author;
  int limit = 25;  // 1..100
  int offset = 0;
};

// A batch of writes sharing one transaction: see Store::BeginBatch.
class Batch {
 public:
  // Rolls back unless committed.
  virtual ~Batch() = default;
  virtual Status Commit() = 0;
};

// Store is everything the site keeps about its content, in one object
// made of narrow parts: articles, sections, authors, tags and pages here;
// media, ratings, redirects and settings in their own interfaces, which a
// service that needs only one of them takes instead.
// What a committed write that is not an article save or a vote changed
// (those have their own, exact, announcements: publishing::SaveObserver and
// ratings::RecorderOptions::on_recorded).
enum class SiteChange {
  // Settings, sections, static pages, media captions, restored votes, a
  // batch (an import): what every page shows, or too much to name.
  kEverything,
  // Only redirects: answers for paths that did not exist.
  kRedirects,
};

class Store : public AutosaveStore,
              public MediaStore,
              public RatingStore,
              public RedirectStore,
              public SearchStore,
              public SettingsStore,
              public SitemapStore {
 public:
  ~Store() override = default;

  // Told after each such write commits, on the writing thread (the page
  // cache listens). Set before writes run on other threads.
  void WatchSiteChanges(std::function<void(SiteChange)> listener) {
    site_listener_ = std::move(listener);
  }

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
  // Puts section `id` in the menu if it waits for its first live article
  // (MenuPlace::kWaiting) and has one live at `now`; a section shown or
  // hidden by hand stays as it is. One statement touching the menu place
  // alone, so a rename saved meanwhile is never undone.
  virtual Status ShowSectionOnceLive(std::int64_t id, util::UnixSeconds now) = 0;
  // Moves every article of section `id` into section `into` (each old
  // path, and the section's page and feed, answer 301 to their new ones)
  // and deletes the section, in one transaction. Returns how many articles
  // moved; `into` is then shown in the menu if it was waiting and now has
  // a live article. kNotFound for either section; kInvalidArgument when
  // they are the same.
  virtual Result<std::int64_t> DeleteSection(std::int64_t id, std::int64_t into,
                                             util::UnixSeconds now) = 0;

  virtual Result<std::vector<content::Author>> ListAuthors() = 0;
  virtual Result<content::Author> FindAuthor(std::string_view slug) = 0;
  virtual Result<content::Author> CreateAuthor(content::Author author) = 0;

  virtual Result<content::Tag> FindTag(std::string_view slug) = 0;
  // kConflict when the slug is taken.
  virtual Result<content::Tag> CreateTag(content::Tag tag) = 0;

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
  // The visible article with this slug (slugs are unique site-wide).
  virtual Result<content::Article> FindVisibleArticleBySlug(std::string_view slug,
                                                           util::UnixSeconds now) = 0;
  virtual Result<ArticleList> ListVisible(const ArticleQuery& query,
                                          util::UnixSeconds now) = 0;
  virtual Result<Neighbours> FindNeighbours(const content::Article& article,
                                            util::UnixSeconds now) = 0;
  // Articles that will become visible after `now` (published or scheduled
  // for later, not trashed), soonest first, without bodies: read from the
  // time index, whatever the size of the archive.
  virtual Result<std::vector<content::Article>> ListUpcoming(util::UnixSeconds now, int limit) = 0;
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
  // Claims the announcement of an article going live at its scheduled
  // `published_at`: true for the first caller of each (article, time) in
  // the whole store, whichever process or node it is in; false for every
  // later one, so the announcement happens exactly once.
  virtual Result<bool> ClaimScheduledRun(std::int64_t article_id,
                                         util::UnixSeconds published_at,
                                         util::UnixSeconds now) = 0;

  // Creates (id 0) or replaces a page. kConflict when another page has the
  // path; kNotFound for an unknown id.
  virtual Result<content::Page> SavePage(content::Page page) = 0;
  // The page at `path`, published or not; kNotFound when there is none.
  virtual Result<content::Page> FindPage(std::string_view path) = 0;

 protected:
  void NotifySiteChange(SiteChange change) const {
    if (site_listener_) site_listener_(change);
  }

 private:
  std::function<void(SiteChange)> site_listener_;
};

}  // namespace lede::store
