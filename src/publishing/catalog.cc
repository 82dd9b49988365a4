#include "publishing/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>

#include "publishing/cache_keys.h"
#include "util/shown_keys.h"

namespace lede::publishing {

void Catalog::Forget(const std::vector<std::string>& forgotten) {
  std::lock_guard lock(memo_->mutex);
  ++memo_->generation;
  for (const auto& key : forgotten) {
    if (key == keys::kSite) memo_->masthead.reset();
    memo_->sizes.erase(key);
  }
  // A listing's size changes with what is visible at all.
  if (std::find(forgotten.begin(), forgotten.end(), keys::kLatest) != forgotten.end()) {
    memo_->sizes.clear();
  }
  // By key, not by scanning every list: votes forget on every batch.
  for (const auto& key : forgotten) {
    const auto names = memo_->lists_by_key.find(key);
    if (names == memo_->lists_by_key.end()) continue;
    for (const auto& name : names->second) memo_->lists.erase(name);
    memo_->lists_by_key.erase(names);
  }
}

void Catalog::ForgetAll() {
  std::lock_guard lock(memo_->mutex);
  ++memo_->generation;
  memo_->masthead.reset();
  memo_->sizes.clear();
  memo_->lists.clear();
  memo_->lists_by_key.clear();
}

template <typename Load>
Result<std::vector<content::Article>> Catalog::Remembered(const std::string& name,
                                                          const Load& load) {
  if (!remember_) return load();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(memo_->mutex);
    if (const auto found = memo_->lists.find(name); found != memo_->lists.end()) {
      for (const auto& key : found->second.keys) util::NoteShown(key);
      return found->second.articles;
    }
    generation = memo_->generation;
  }
  util::ShownKeys noted;
  Result<std::vector<content::Article>> loaded;
  {
    const util::ShownKeysScope recording(noted);
    loaded = load();
  }
  for (const auto& key : noted.keys()) util::NoteShown(key);
  if (!loaded) return loaded;
  std::lock_guard lock(memo_->mutex);
  if (memo_->generation == generation) {
    // Bounded: one entry or two per article read; a crawl of the archive
    // starts it over rather than holding the archive's lists.
    if (memo_->lists.size() >= kRememberedLists) {
      memo_->lists.clear();
      memo_->lists_by_key.clear();
    }
    for (const auto& key : noted.keys()) {
      auto& names = memo_->lists_by_key[key];
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    memo_->lists[name] = {*loaded, noted.keys()};
  }
  return loaded;
}

Result<Masthead> Catalog::LoadMasthead() {
  util::NoteShown(keys::kSite);
  std::uint64_t generation = 0;
  if (remember_) {
    std::lock_guard lock(memo_->mutex);
    if (memo_->masthead) return *memo_->masthead;
    generation = memo_->generation;
  }
  Masthead masthead;
  LEDE_TRY(masthead.settings, store_.LoadSettings());
  if (!public_url_.empty()) {
    masthead.settings.base_url = public_url_;
  } else if (masthead.settings.base_url.empty()) {
    masthead.settings.base_url = fallback_url_;
  }
  masthead.zone = util::TimeZone::Named(masthead.settings.time_zone).value_or(util::TimeZone());
  LEDE_TRY(masthead.sections, store_.ListSections());
  for (const auto& section : masthead.sections) {
    if (content::InMenu(section)) masthead.menu.push_back(section);
  }
  if (remember_) {
    std::lock_guard lock(memo_->mutex);
    if (memo_->generation == generation) memo_->masthead = masthead;
  }
  return masthead;
}

Result<ArticleBundle> Catalog::Article(std::string_view section_slug, std::string_view slug) {
  LEDE_TRY(auto article, store_.FindVisibleArticle(section_slug, slug, clock_.Now()));
  return Around(std::move(article));
}

Result<ArticleBundle> Catalog::Around(content::Article article) {
  const util::UnixSeconds now = clock_.Now();
  ArticleBundle bundle;
  bundle.article = std::move(article);
  // What an article's page lists besides it is shared (the latest, its
  // section's latest) or its own (neighbours, related coverage): each is
  // remembered while the page cache is off too, until a write changes it.
  // Not for previews: an article readers cannot see yet drops nothing.
  const bool visible = content::IsVisible(bundle.article, now);
  const std::string id = std::to_string(bundle.article.id);
  auto remembered = [&](const std::string& name, const auto& load) {
    return visible ? Remembered(name, load) : load();
  };
  LEDE_TRY(bundle.masthead, LoadMasthead());
  LEDE_TRY(bundle.more_in_section, MoreInSection(bundle.article));
  LEDE_TRY(bundle.related, remembered("related-" + id, [&]() -> Result<std::vector<content::Article>> {
    LEDE_TRY(auto related, Related(bundle.article, bundle.more_in_section));
    keys::NoteList(keys::kRelated, related);
    return related;
  }));
  if (visible) {
    LEDE_TRY(auto beside, remembered("neighbours-" + id, [&]() -> Result<std::vector<content::Article>> {
      LEDE_TRY(auto found, store_.FindNeighbours(bundle.article, now));
      util::NoteShown(keys::kNeighbours, bundle.article.id);
      // [previous, next], an empty slot for a missing one.
      std::vector<content::Article> pair(2);
      if (found.previous) pair[0] = std::move(*found.previous);
      if (found.next) pair[1] = std::move(*found.next);
      for (const auto& one : pair) {
        if (one.id) keys::NoteArticle(one);
      }
      return pair;
    }));
    if (beside[0].id) bundle.neighbours.previous = std::move(beside[0]);
    if (beside[1].id) bundle.neighbours.next = std::move(beside[1]);
  }
  LEDE_TRY(bundle.latest, Remembered("latest", [&]() -> Result<std::vector<content::Article>> {
    store::ArticleQuery latest;
    latest.limit = kRelatedCount;
    latest.count_total = false;
    latest.with_bodies = false;
    LEDE_TRY(auto list, store_.ListVisible(latest, now));
    keys::NoteList(keys::kLatest, list.articles);
    return std::move(list.articles);
  }));
  keys::NoteArticle(bundle.article);
  return bundle;
}

Result<std::vector<content::Article>> Catalog::MoreInSection(const content::Article& article) {
  // The section's latest, shared by all its articles' pages: one more than
  // shown, so that leaving this article out still leaves enough.
  LEDE_TRY(auto latest, Remembered(keys::Key(keys::kSection, article.section_id) + "-latest",
                                   [&]() -> Result<std::vector<content::Article>> {
    store::ArticleQuery more;
    more.section_id = article.section_id;
    more.limit = kRelatedCount + 1;
    more.count_total = false;
    more.with_bodies = false;
    LEDE_TRY(auto list, store_.ListVisible(more, clock_.Now()));
    keys::NoteList(keys::kSection, article.section_id, list.articles);
    return std::move(list.articles);
  }));
  std::erase_if(latest, [&](const content::Article& other) { return other.id == article.id; });
  if (latest.size() > static_cast<std::size_t>(kRelatedCount)) latest.resize(kRelatedCount);
  return latest;
}

Result<std::vector<content::Article>> Catalog::Related(const content::Article& article,
                                                      const std::vector<content::Article>& shown) {
  std::vector<std::int64_t> exclude;
  for (const auto& other : shown) exclude.push_back(other.id);
  return store_.FindRelated(article, exclude, kRelatedCoverage, clock_.Now());
}

Result<HomeBundle> Catalog::Home() {
  const util::UnixSeconds now = clock_.Now();
  HomeBundle bundle;
  LEDE_TRY(bundle.masthead, LoadMasthead());
  // The home page shows a few of each list and pages none: nothing is
  // counted (a count reads every match, the whole archive for "latest").
  store::ArticleQuery top;
  top.top_stories_only = true;
  top.limit = 5;
  top.count_total = false;
  top.with_bodies = false;
  LEDE_TRY(auto top_list, store_.ListVisible(top, now));
  bundle.top_stories = std::move(top_list.articles);
  store::ArticleQuery latest;
  latest.limit = 8;
  latest.count_total = false;
  latest.with_bodies = false;
  LEDE_TRY(auto latest_list, store_.ListVisible(latest, now));
  bundle.latest = std::move(latest_list.articles);
  // A block per section of the menu: one an editor hid is not featured.
  for (const auto& section : bundle.masthead.menu) {
    store::ArticleQuery in_section;
    in_section.section_id = section.id;
    in_section.limit = 4;
    in_section.count_total = false;
    in_section.with_bodies = false;
    LEDE_TRY(auto list, store_.ListVisible(in_section, now));
    // Noted even when empty: a first article there makes the block appear.
    keys::NoteList(keys::kSection, section.id, list.articles);
    if (!list.articles.empty()) {
      bundle.sections.push_back({section, std::move(list.articles)});
    }
  }
  LEDE_TRY(bundle.top_rated, store_.TopRated(5, kTopRatedPriorVotes, now));
  keys::NoteList(keys::kTopStories, bundle.top_stories);
  keys::NoteList(keys::kLatest, bundle.latest);
  keys::NoteList(keys::kTopRated, bundle.top_rated);
  keys::NoteRatings(bundle.top_rated);  // the list shows their stars
  return bundle;
}

Result<std::pair<Masthead, content::Page>> Catalog::PageAt(std::string_view path) {
  LEDE_TRY(auto page, store_.FindPage(path));
  if (!page.published) return NotFound(fmt::format("no page at {}", path));
  LEDE_TRY(auto masthead, LoadMasthead());
  return std::pair<Masthead, content::Page>(std::move(masthead), std::move(page));
}

Result<TopRatedBundle> Catalog::TopRated(int limit) {
  TopRatedBundle bundle;
  LEDE_TRY(bundle.masthead, LoadMasthead());
  LEDE_TRY(bundle.articles, store_.TopRated(limit, kTopRatedPriorVotes, clock_.Now()));
  keys::NoteList(keys::kTopRated, bundle.articles);
  keys::NoteRatings(bundle.articles);
  return bundle;
}

Result<content::Article> Catalog::VisibleArticle(std::string_view section_slug,
                                                 std::string_view slug) {
  LEDE_TRY(auto article, store_.FindVisibleArticle(section_slug, slug, clock_.Now()));
  keys::NoteArticle(article);
  return article;
}

Result<std::int64_t> Catalog::ListingSize(const store::ArticleQuery& query) {
  std::string key;
  if (query.section_id) key = keys::Key(keys::kSection, *query.section_id);
  if (query.tag_id) key = keys::Key(keys::kTag, *query.tag_id);
  if (query.author_id) key = keys::Key(keys::kAuthor, *query.author_id);
  if (query.corrected_only) key = keys::kCorrections;
  std::uint64_t generation = 0;
  if (remember_ && !key.empty()) {
    std::lock_guard lock(memo_->mutex);
    if (const auto found = memo_->sizes.find(key); found != memo_->sizes.end()) {
      return found->second;
    }
    generation = memo_->generation;
  }
  store::ArticleQuery count = query;
  count.limit = 1;
  count.offset = std::numeric_limits<int>::max();  // counted, nothing listed
  count.count_total = true;
  LEDE_TRY(auto counted, store_.ListVisible(count, clock_.Now()));
  if (remember_ && !key.empty()) {
    std::lock_guard lock(memo_->mutex);
    if (memo_->generation == generation) memo_->sizes[key] = counted.total;
  }
  return counted.total;
}

Result<ListBundle> Catalog::ListPage(store::ArticleQuery query, int page, WhenEmpty when_empty) {
  if (page < 1) return NotFound("page numbers start at 1");
  ListBundle bundle;
  // The size first: a page past the last is a 404 without listing anything.
  LEDE_TRY(const auto total, ListingSize(query));
  if (total == 0 && when_empty == WhenEmpty::kNotFound) {
    keys::NoteQuery(query, {});  // the first article to be listed drops the 404
    return NotFound("nothing readers can see is listed here yet");
  }
  bundle.page = page;
  bundle.page_count =
      std::max<int>(1, static_cast<int>((total + kListPageSize - 1) / kListPageSize));
  if (page > bundle.page_count) {
    keys::NoteQuery(query, {});
    return NotFound(fmt::format("there is no page {}", page));
  }
  query.limit = kListPageSize;
  query.offset = (page - 1) * kListPageSize;
  query.count_total = false;
  query.with_bodies = false;
  LEDE_TRY(auto list, store_.ListVisible(query, clock_.Now()));
  keys::NoteQuery(query, list.articles);
  bundle.articles = std::move(list.articles);
  LEDE_TRY(bundle.masthead, LoadMasthead());
  return bundle;
}

Result<Listing<content::Section>> Catalog::SectionPage(std::string_view slug, int page) {
  Listing<content::Section> listing;
  LEDE_TRY(listing.subject, store_.FindSection(slug));
  store::ArticleQuery query;
  query.section_id = listing.subject.id;
  LEDE_TRY(listing.list, ListPage(query, page));
  return listing;
}

Result<Listing<content::Tag>> Catalog::TagPage(std::string_view slug, int page) {
  Listing<content::Tag> listing;
  LEDE_TRY(listing.subject, store_.FindTag(slug));
  store::ArticleQuery query;
  query.tag_id = listing.subject.id;
  LEDE_TRY(listing.list, ListPage(query, page, WhenEmpty::kNotFound));
  return listing;
}

Result<Listing<content::Author>> Catalog::AuthorPage(std::string_view slug, int page) {
  Listing<content::Author> listing;
  LEDE_TRY(listing.subject, store_.FindAuthor(slug));
  store::ArticleQuery query;
  query.author_id = listing.subject.id;
  LEDE_TRY(listing.list, ListPage(query, page, WhenEmpty::kNotFound));
  return listing;
}

Result<ListBundle> Catalog::CorrectionsPage(int page) {
  store::ArticleQuery query;
  query.corrected_only = true;
  return ListPage(query, page);
}

Result<FeedBundle> Catalog::Feed(FeedKind kind, std::string_view slug) {
  FeedBundle feed;
  store::ArticleQuery query;
  query.limit = kFeedItems;
  query.count_total = false;  // feeds carry whole bodies
  switch (kind) {
    case FeedKind::kSite:
      feed.path = "/";
      break;
    case FeedKind::kCorrections:
      query.corrected_only = true;
      feed.title = "Corrections";
      feed.description = "Every correction, the latest first";
      feed.path = "/corrections/";
      break;
    case FeedKind::kSection: {
      LEDE_TRY(auto section, store_.FindSection(slug));
      query.section_id = section.id;
      feed.title = section.name;
      feed.description = section.description;
      feed.path = content::SectionPath(section);
      break;
    }
    case FeedKind::kTag: {
      LEDE_TRY(auto tag, store_.FindTag(slug));
      query.tag_id = tag.id;
      feed.title = tag.name;
      feed.path = "/tag/" + util::EncodePathSegment(tag.slug) + "/";
      break;
    }
    case FeedKind::kAuthor: {
      LEDE_TRY(auto author, store_.FindAuthor(slug));
      query.author_id = author.id;
      feed.title = author.name;
      feed.description = author.bio;
      feed.path = "/author/" + util::EncodePathSegment(author.slug) + "/";
      break;
    }
  }
  LEDE_TRY(feed.masthead, LoadMasthead());
  LEDE_TRY(auto list, store_.ListVisible(query, clock_.Now()));
  keys::NoteQuery(query, list.articles);
  // As their pages: a tag or byline only drafts use has no feed either.
  if (list.articles.empty() && (kind == FeedKind::kTag || kind == FeedKind::kAuthor)) {
    return NotFound("nothing readers can see is listed here yet");
  }
  feed.articles = std::move(list.articles);
  return feed;
}

Result<std::vector<content::Page>> Catalog::PublishedPages() {
  LEDE_TRY(auto pages, store_.ListPages());
  std::erase_if(pages, [](const content::Page& page) { return !page.published; });
  return pages;
}

Result<DirectoryBundle> Catalog::Directory() {
  DirectoryBundle bundle;
  LEDE_TRY(bundle.masthead, LoadMasthead());
  util::NoteShown(keys::kIndex);
  LEDE_TRY(auto listed, store_.ListSitemapListings(clock_.Now()));
  std::set<std::string> tags, authors;
  for (const auto& listing : listed) {
    if (listing.kind == store::SitemapListing::Kind::kTag) tags.insert(listing.slug);
    if (listing.kind == store::SitemapListing::Kind::kAuthor) authors.insert(listing.slug);
  }
  LEDE_TRY(auto all_tags, store_.ListTags());
  for (auto& tag : all_tags) {
    if (tags.contains(tag.slug)) bundle.tags.push_back(std::move(tag));
  }
  LEDE_TRY(auto all_authors, store_.ListAuthors());
  for (auto& author : all_authors) {
    if (authors.contains(author.slug)) bundle.authors.push_back(std::move(author));
  }
  return bundle;
}

}  // namespace lede::publishing
