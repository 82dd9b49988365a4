#pragma once
// The Catalog answers what a reader may see now, one bundle per page, so a
// page handler makes one call and renders. Drafts and scheduled articles
// before their time never leave it. Safe from any thread.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "publishing/cache_keys.h"
#include "util/shown_keys.h"
#include "util/time.h"
#include "util/time_zone.h"

namespace lede::publishing {

inline constexpr int kListPageSize = 10;
inline constexpr int kRelatedCount = 5;
inline constexpr int kRelatedCoverage = 4;
// Lists the Catalog remembers at most (Catalog::Remembered).
inline constexpr std::size_t kRememberedLists = 4096;
// Imaginary votes at the site mean each article starts with when ranking
// by rating: enough that a single 5-star vote cannot top the list.
inline constexpr double kTopRatedPriorVotes = 10;
// The longest top-rated list a page shows (/top-rated/).
inline constexpr int kTopRatedLength = 20;

// What every page shows around its content: site name and the menu.
struct Masthead {
  content::SiteSettings settings;
  util::TimeZone zone;  // settings.time_zone, resolved (UTC when unknown)
  std::vector<content::Section> sections;  // every section, in menu order
  // The sections the menu and the front page show (content::InMenu).
  std::vector<content::Section> menu;
};

struct ArticleBundle {
  Masthead masthead;
  content::Article article;
  std::vector<content::Article> more_in_section;  // latest 5, not this one
  // Up to kRelatedCoverage others about the same things, by content, none
  // of them in more_in_section.
  std::vector<content::Article> related;
  store::Neighbours neighbours;
  std::vector<content::Article> latest;           // latest 5 site-wide
};

struct HomeBundle {
  Masthead masthead;
  std::vector<content::Article> top_stories;
  std::vector<content::Article> latest;
  struct SectionBlock {
    content::Section section;
    std::vector<content::Article> articles;
  };
  std::vector<SectionBlock> sections;
  std::vector<content::Article> top_rated;  // best 5 by Bayesian average
};

struct TopRatedBundle {
  Masthead masthead;
  std::vector<content::Article> articles;
};

// One page of a section, tag or author listing.
struct ListBundle {
  Masthead masthead;
  std::vector<content::Article> articles;
  int page = 1;         // 1-based
  int page_count = 1;   // at least 1, even when empty
};

// A listing and what it lists: a section, a tag or an author.
template <typename Subject>
struct Listing {
  Subject subject;
  ListBundle list;
};

// What a feed shows: the newest visible articles of the site or of one
// section, tag or author.
inline constexpr int kFeedItems = 30;
enum class FeedKind { kSite, kSection, kTag, kAuthor, kCorrections };
struct FeedBundle {
  Masthead masthead;
  std::string title;        // the subject ("World", a tag, an author); "" for the site
  std::string description;
  std::string path;         // the listing it follows: "/", "/world/", "/tag/x/", "/author/y/"
  std::vector<content::Article> articles;  // newest first, at most kFeedItems
};

// A reader's search: the words as typed and the filters, each checked
// (publishing/catalog_search.cc has the rules).
inline constexpr int kSearchPageSize = 10;
struct SearchRequest {
  std::string text;
  std::string section;  // a section's slug, or ""
  std::string from;     // "YYYY-MM-DD" in the site's time zone, or ""
  std::string to;       // inclusive, likewise
  int page = 1;
  int per_page = kSearchPageSize;  // 1..50
};

struct SearchBundle {
  Masthead masthead;
  std::string text;  // the words as searched (control characters made spaces)
  std::optional<content::Section> section;
  store::SearchResult result;
  int page = 1;
  int page_count = 1;
  std::vector<content::Article> latest;  // when nothing matched: what is new
};

// The Content API's article list: filters by slug, a time, a search, and
// a cursor from the previous page (publishing/catalog_articles.cc has the
// rules; each bad field is kInvalidArgument naming it).
inline constexpr int kApiPageSize = 20;
inline constexpr int kApiMaxPageSize = 50;
struct ArticlesRequest {
  std::string section;  // slugs, or ""
  std::string tag;
  std::string author;
  bool top_stories_only = false;
  // Published or updated at or after: "2026-12-01T18:00:00Z" (an offset,
  // or none for the site's time zone) or a day, "2026-12-01". "" for all.
  std::string since;
  std::string text;    // a search, ranked best first instead of newest first
  std::string cursor;  // a previous answer's next_cursor, or ""
  int limit = kApiPageSize;  // 1..kApiMaxPageSize
};

struct ArticlesBundle {
  Masthead masthead;
  std::vector<content::Article> articles;
  std::string next_cursor;  // "" on the last page
};

// One article for the Content API, with what its page shows beside it.
struct ApiArticleBundle {
  Masthead masthead;
  content::Article article;
  std::vector<content::Article> related;
};

// What the site is made of, for the Content API: every section (in menu
// order), and the tags and authors that visible articles carry (a tag or
// byline only drafts use is not yet public).
struct DirectoryBundle {
  Masthead masthead;
  std::vector<content::Tag> tags;
  std::vector<content::Author> authors;
};

// Escaped text with the matched words in <mark>, and "…" where an excerpt
// was cut: for the search page and the API alike.
std::string MarkedHtml(const store::MarkedText& text);

class Catalog {
 public:
  Catalog(store::Store& store, const util::Clock& clock) : store_(store), clock_(clock) {}

  // Every absolute URL (canonical links, structured data, sitemaps) is
  // built from the masthead's settings.base_url: `over` replaces the
  // setting; `fallback` stands in when neither is set (the address the
  // server listens on). Call before serving.
  void SetPublicUrl(std::string over, std::string fallback) {
    public_url_ = std::move(over);
    fallback_url_ = std::move(fallback);
    ForgetAll();
  }
  // The address absolute links start from ("https://news.example"), as
  // the masthead has it.
  Result<std::string> PublicUrl() {
    LEDE_TRY(auto masthead, LoadMasthead());
    return masthead.settings.base_url;
  }

  // From now on the masthead and each listing's size are read once and
  // remembered until Forget names them: only for a catalog whose every
  // write is announced (the server's, wired to the ChangeTracker).
  // Remember(false) forgets everything and reads every time again, for
  // as long as announcements may be missed (a node cut off from the
  // others' announcements).
  void Remember(bool on = true) {
    remember_ = on;
    if (!on) ForgetAll();
  }
  // Drops what is remembered under these content keys ("site": the
  // masthead; "section-3", "tag-5", "author-7", "corrections": sizes).
  void Forget(const std::vector<std::string>& keys);
  void ForgetAll();
  Result<Masthead> LoadMasthead();
  // kNotFound unless the article is visible now.
  Result<ArticleBundle> Article(std::string_view section_slug, std::string_view slug);
  // The page around an article in any status, as readers would see it once
  // published (previews too): no neighbours unless it is visible.
  Result<ArticleBundle> Around(content::Article article);
  // Around() the article with this id, in any status but the trash
  // (signed previews: a link shared before a story was binned shows it no
  // more). kNotFound for a trashed article.
  Result<ArticleBundle> PreviewOf(std::int64_t id) {
    LEDE_TRY(auto article, store_.FindArticle(id));
    if (article.trashed_at) return NotFound("that article is in the trash");
    return Around(std::move(article));
  }
  Result<HomeBundle> Home();
  // Up to `limit` visible articles with votes, best Bayesian average first.
  Result<TopRatedBundle> TopRated(int limit);
  // The published page at `path` with the masthead; kNotFound otherwise.
  Result<std::pair<Masthead, content::Page>> PageAt(std::string_view path);
  // Where an old URL now lives (imports, renamed articles), or nullopt.
  Result<std::optional<std::string>> RedirectFor(std::string_view path_and_query) {
    util::NoteShown(keys::kMissing);  // a redirect may be added
    return store_.FindRedirect(path_and_query);
  }
  // The visible article at the path, without the page's other lists.
  Result<content::Article> VisibleArticle(std::string_view section_slug, std::string_view slug);
  // kNotFound for an unknown slug, or a page past the last (page 1 of an
  // empty listing exists).
  Result<Listing<content::Section>> SectionPage(std::string_view slug, int page);
  Result<Listing<content::Tag>> TagPage(std::string_view slug, int page);
  Result<Listing<content::Author>> AuthorPage(std::string_view slug, int page);
  // Visible articles with a correction note, the latest change first.
  Result<ListBundle> CorrectionsPage(int page);

  // kNotFound for an unknown slug.
  Result<FeedBundle> Feed(FeedKind kind, std::string_view slug);
  // kInvalidArgument naming the field ("q", "section", "from", "to",
  // "page", "per_page") for a request that cannot be searched.
  Result<SearchBundle> Search(SearchRequest request);

  // What the sitemaps list, visible now (store::SitemapStore).
  Result<std::vector<store::SitemapMonth>> SitemapMonths() {
    util::NoteShown(keys::kIndex);
    return store_.ListSitemapMonths(clock_.Now());
  }
  Result<std::vector<store::SitemapArticle>> SitemapArticles(util::UnixSeconds from,
                                                             util::UnixSeconds to, int limit,
                                                             int offset) {
    util::NoteShown(keys::kIndex);
    return store_.ListSitemapArticles(from, to, clock_.Now(), limit, offset);
  }
  Result<std::vector<store::SitemapListing>> SitemapListings() {
    util::NoteShown(keys::kIndex);
    return store_.ListSitemapListings(clock_.Now());
  }
  // Published static pages.
  Result<std::vector<content::Page>> PublishedPages();
  Result<DirectoryBundle> Directory();
  Result<ArticlesBundle> Articles(const ArticlesRequest& request);
  // kNotFound unless the article with this slug is visible now.
  Result<ApiArticleBundle> ArticleBySlug(std::string_view slug);
  util::UnixSeconds Now() const { return clock_.Now(); }

 private:
  // kNotFound past the last page; with kNotFound for `when_empty`, also
  // when nothing readers can see is listed (a tag or byline used only by
  // drafts has no public page to give it away).
  enum class WhenEmpty { kEmptyPage, kNotFound };
  Result<ListBundle> ListPage(store::ArticleQuery query, int page,
                              WhenEmpty when_empty = WhenEmpty::kEmptyPage);
  // The latest kRelatedCount others of the article's section, visible now.
  Result<std::vector<content::Article>> MoreInSection(const content::Article& article);
  // Related coverage for `article`, leaving out `shown` (and the article).
  Result<std::vector<content::Article>> Related(const content::Article& article,
                                               const std::vector<content::Article>& shown);

  // The size of the listing `query` asks for, remembered or counted.
  Result<std::int64_t> ListingSize(const store::ArticleQuery& query);
  // `load()`'s articles, remembered under `name` with the content keys
  // noted while loading them (and noted again on each reuse), until a
  // Forget names one of those keys. Loads every time unless remembering.
  // (Defined in catalog.cc, its only user: no std::function on the path
  // every article page takes.)
  template <typename Load>
  Result<std::vector<content::Article>> Remembered(const std::string& name, const Load& load);

  store::Store& store_;
  const util::Clock& clock_;
  std::string public_url_;
  std::string fallback_url_;
  struct Memo {
    std::mutex mutex;
    std::optional<Masthead> masthead;
    std::unordered_map<std::string, std::int64_t> sizes;  // by listing key
    struct List {
      std::vector<content::Article> articles;
      std::vector<std::string> keys;
    };
    std::unordered_map<std::string, List> lists;  // by name
    // Content key -> names of the lists noted under it (some may be gone).
    std::unordered_map<std::string, std::vector<std::string>> lists_by_key;
    // Bumped by every Forget: a value read before one is not remembered.
    std::uint64_t generation = 0;
  };
  std::atomic<bool> remember_{false};
  std::unique_ptr<Memo> memo_ = std::make_unique<Memo>();
};

}  // namespace lede::publishing
