// Catalog::Articles and ArticleBySlug: the Content API's articles. Each
// filter is checked and named when wrong, so an app's typo is an error,
// not a silently empty list.
//
// Cursors: a plain list pages by position (the last article's publication
// time and id: "p<time>.<id>"), which never repeats or skips an article
// when others are published between two requests; a search pages by rank
// ("s<offset>"), as ranks have no such key. Both are opaque to clients.
#include <fmt/format.h>

#include "publishing/catalog.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

struct Cursor {
  std::optional<store::ArticleQuery::Position> after;  // a list's
  int offset = 0;                                      // a search's
};

Result<Cursor> ParseCursor(std::string_view text, bool search) {
  const auto bad = [] { return InvalidArgument("cursor is not one this API gave", "cursor"); };
  Cursor cursor;
  if (text.empty()) return cursor;
  if (search) {
    if (text.front() != 's') return bad();
    const auto offset = util::ParseInt(text.substr(1));
    if (!offset || *offset < 1 || *offset >= store::kSearchCandidates) return bad();
    cursor.offset = static_cast<int>(*offset);
    return cursor;
  }
  const std::size_t dot = text.find('.');
  if (text.front() != 'p' || dot == std::string_view::npos) return bad();
  const auto at = util::ParseInt(text.substr(1, dot - 1));
  const auto id = util::ParseInt(text.substr(dot + 1));
  if (!at || !id || *id < 1) return bad();
  cursor.after = store::ArticleQuery::Position{*at, *id};
  return cursor;
}

// kInvalidArgument naming `field` when no such slug exists.
template <typename Find>
Result<std::int64_t> IdOf(std::string_view slug, std::string_view field, std::string_view what,
                          Find find) {
  auto found = find(slug);
  if (!found && found.error().code == ErrorCode::kNotFound) {
    return InvalidArgument(fmt::format("there is no {} \"{}\"", what, slug), std::string(field));
  }
  if (!found) return tl::unexpected(found.error());
  return found->id;
}

}  // namespace

Result<ArticlesBundle> Catalog::Articles(const ArticlesRequest& request) {
  if (request.limit < 1 || request.limit > kApiMaxPageSize) {
    return InvalidArgument(fmt::format("limit must be from 1 to {}", kApiMaxPageSize), "limit");
  }
  if (request.text.size() > store::kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("q may be at most {} characters long",
                                       store::kMaxSearchQueryLength),
                           "q");
  }
  if (!util::IsUtf8(request.text)) return InvalidArgument("q is not UTF-8 text", "q");
  const bool search = !util::Trim(request.text).empty();
  LEDE_TRY(const Cursor cursor, ParseCursor(request.cursor, search));

  ArticlesBundle bundle;
  LEDE_TRY(bundle.masthead, LoadMasthead());
  store::ArticleQuery query;
  query.top_stories_only = request.top_stories_only;
  query.count_total = false;
  if (!request.section.empty()) {
    LEDE_TRY(query.section_id, IdOf(request.section, "section", "section",
                                    [&](std::string_view s) { return store_.FindSection(s); }));
  }
  if (!request.tag.empty()) {
    LEDE_TRY(query.tag_id,
             IdOf(request.tag, "tag", "tag", [&](std::string_view s) { return store_.FindTag(s); }));
  }
  if (!request.author.empty()) {
    LEDE_TRY(query.author_id, IdOf(request.author, "author", "author",
                                   [&](std::string_view s) { return store_.FindAuthor(s); }));
  }
  if (!request.since.empty()) {
    const std::string text = request.since.size() == 10 ? request.since + "T00:00" : request.since;
    query.changed_since = bundle.masthead.zone.ParseLocal(text);
    if (!query.changed_since) {
      return InvalidArgument("since must be a time like 2026-12-01T18:00:00Z or a day like 2026-12-01",
                             "since");
    }
  }

  const util::UnixSeconds now = clock_.Now();
  if (search) {
    store::SearchQuery find;
    find.text = request.text;
    find.section_id = query.section_id;
    find.tag_id = query.tag_id;
    find.author_id = query.author_id;
    find.top_stories_only = query.top_stories_only;
    find.changed_since = query.changed_since;
    find.limit = request.limit;
    find.offset = cursor.offset;
    LEDE_TRY(auto found, store_.Search(find, now));
    for (auto& hit : found.hits) bundle.articles.push_back(std::move(hit.article));
    util::NoteShown(keys::kSearch);
    keys::NoteArticles(bundle.articles);
    const int next = cursor.offset + request.limit;
    if (next < found.total) bundle.next_cursor = fmt::format("s{}", next);
    return bundle;
  }
  query.after = cursor.after;
  query.limit = request.limit + 1;  // one more says whether there is a next page
  LEDE_TRY(auto list, store_.ListVisible(query, now));
  bundle.articles = std::move(list.articles);
  keys::NoteQuery(query, bundle.articles);
  if (bundle.articles.size() > static_cast<std::size_t>(request.limit)) {
    bundle.articles.resize(static_cast<std::size_t>(request.limit));
    const auto& last = bundle.articles.back();
    bundle.next_cursor = fmt::format("p{}.{}", last.published_at.value_or(0), last.id);
  }
  return bundle;
}

Result<ApiArticleBundle> Catalog::ArticleBySlug(std::string_view slug) {
  const util::UnixSeconds now = clock_.Now();
  ApiArticleBundle bundle;
  LEDE_TRY(bundle.article, store_.FindVisibleArticleBySlug(slug, now));
  LEDE_TRY(bundle.masthead, LoadMasthead());
  // What the article's page shows as "More on {Section}" is left out here
  // too, so an app showing both never shows an article twice.
  LEDE_TRY(const auto more, MoreInSection(bundle.article));
  LEDE_TRY(bundle.related, Related(bundle.article, more));
  keys::NoteArticle(bundle.article);
  keys::NoteList(keys::kRelated, bundle.related);
  return bundle;
}

}  // namespace lede::publishing
