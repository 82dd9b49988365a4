#pragma once
// What SqlStore's files share: reading rows into content types, and
// writes that run inside another call's transaction.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "content/media_item.h"
#include "store/sql/database.h"

namespace lede::store::sql {

// The columns ReadArticleRow reads, joined with the section and rating.
extern const std::string_view kArticleSelect;
// kArticleSelect's columns with empty bodies (teasers, headline lists).
extern const std::string_view kTeaserSelect;
// Visible to readers at :now: the SQL twin of content::IsVisible.
extern const std::string_view kVisible;

content::Article ReadArticleRow(const Statement& row);
// A section's in_menu column: NULL waiting, 1 shown, 0 hidden.
content::MenuPlace MenuPlaceOf(const Statement& row, int column);
std::optional<std::int64_t> InMenuColumn(content::MenuPlace menu);
// The columns ReadMediaRow reads.
extern const std::string_view kMediaSelect;
content::MediaItem ReadMediaRow(const Statement& row);
Result<content::MediaItem> LoadMedia(Database& db, std::int64_t id);
// The articles with these ids, in this order (those that exist), with
// their relations.
Result<std::vector<content::Article>> ArticlesByIds(Database& db, const std::vector<std::int64_t>& ids,
                                                    bool with_bodies = true);
// Quick Looks, tags, authors and the lead image's media item of each
// article, in a few queries for the whole list.
// `teasers`: rows of kTeaserSelect, shown as cards and headlines: only
// their lead pictures are loaded (no Quick Looks, tags or authors).
Status LoadRelations(Database& db, std::vector<content::Article>& articles, bool teasers = false);
Result<std::vector<content::Article>> CollectArticles(Database& db, Statement& query,
                                                      bool teasers = false);
Result<std::optional<content::Article>> FirstArticle(Database& db, Statement& query,
                                                     bool teasers = false);
// Redirects from each of `from_paths` to `to_path` inside the caller's
// transaction (Store::SaveRedirects has the rules).
Status WriteRedirects(Database& db, std::span<const std::string> from_paths,
                      std::string_view to_path, util::UnixSeconds now);
// "that {what} is already taken" for a constraint error, else its message.
std::string ConflictMessage(const Error& error, std::string_view what);

}  // namespace lede::store::sql
