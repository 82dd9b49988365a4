#pragma once
// The content keys a public answer is filed under (util/shown_keys.h):
// the Catalog notes them as it loads a page's parts, the page cache files
// the answer under them, and ChangesFor names the keys a change drops.
// They double as the Surrogate-Key header a CDN purges by.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::publishing::keys {

// The masthead: settings, sections, menu. Every page shows it.
inline constexpr std::string_view kSite = "site";
// Lists of the newest articles site-wide (home, Latest News, site feeds).
inline constexpr std::string_view kLatest = "latest";
inline constexpr std::string_view kTopStories = "top-stories";
// Which articles rank best by rating (home's list, /top-rated/).
inline constexpr std::string_view kTopRated = "top-rated";
// Related coverage: chosen by the words and tags of every article.
inline constexpr std::string_view kRelated = "related";
inline constexpr std::string_view kSearch = "search";
inline constexpr std::string_view kCorrections = "corrections";
// What is visible at all and when it last changed: sitemaps, the API's
// directory and "since" lists.
inline constexpr std::string_view kIndex = "index";
// Answers for paths that do not exist (yet): a publish or a redirect may
// make one exist.
inline constexpr std::string_view kMissing = "missing";

// One article's headline, teaser or page, wherever it shows.
inline constexpr std::string_view kArticle = "article";
// One article's rating aggregate, wherever it shows.
inline constexpr std::string_view kRating = "rating";
// One article's Previous/Next links.
inline constexpr std::string_view kNeighbours = "neighbours";
// The articles of one section, tag or author, in order.
inline constexpr std::string_view kSection = "section";
inline constexpr std::string_view kTag = "tag";
inline constexpr std::string_view kAuthor = "author";

std::string Key(std::string_view kind, long long id);

// Notes an article shown in a list or on its page.
void NoteArticle(const content::Article& article);
void NoteArticles(const std::vector<content::Article>& articles);
// Notes the ratings of articles shown with their stars.
void NoteRatings(const std::vector<content::Article>& articles);

// Notes a list's own key (what decides its members) and each member.
void NoteList(std::string_view key, const std::vector<content::Article>& articles);
void NoteList(std::string_view kind, std::int64_t id, const std::vector<content::Article>& articles);
// Notes the key deciding which articles `query` lists, and each of them.
void NoteQuery(const store::ArticleQuery& query, const std::vector<content::Article>& articles);

// The keys a save of an article drops: `before` is nullptr for a new one
// (or one that was not yet visible), `neighbours_after` the ids of the
// articles now beside it (their Previous/Next changed). Empty when readers
// saw the article neither before nor after.
std::vector<std::string> ChangesFor(const content::Article* before, const content::Article& after,
                                    util::UnixSeconds now,
                                    const std::vector<std::int64_t>& neighbours_after);

}  // namespace lede::publishing::keys
