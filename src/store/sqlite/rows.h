#pragma once
// What SqliteStore's files share: reading rows into content types, and
// writes that run inside another call's transaction.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "content/media_item.h"
#include "store/sqlite/database.h"

namespace lede::store::sqlite {

// The columns ReadArticleRow reads, joined with the section and rating.
extern const std::string_view kArticleSelect;
// kArticleSelect's columns with empty bodies (teasers, headline lists).
extern const std::string_view kTeaserSelect;
// Visible to readers at :now: the SQL twin of content::IsVisible.
extern const std::string_view kVisible;

content::Article ReadArticleRow(const sql::Statement& row);
// The columns ReadMediaRow reads.
extern const std::string_view kMediaSelect;
content::MediaItem ReadMediaRow(const sql::Statement& row);
Result<content::MediaItem> LoadMedia(sql::Database& db, std::int64_t id);
// The articles with these ids, in this order (those that exist), with
// their relations.
Result<std::vector<content::Article>> ArticlesByIds(sql::Database& db, const std::vector<std::int64_t>& ids,
                                                    bool with_bodies = true);
// Quick Looks, tags, authors and the lead image's media item of each
// article, in a few queries for the whole list.
// `teasers`: rows of kTeaserSelect, shown as cards and headlines: only
// their lead pictures are loaded (no Quick Looks, tags or authors).
Status LoadRelations(sql::Database& db, std::vector<content::Article>& articles, bool teasers = false);
Result<std::vector<content::Article>> CollectArticles(sql::Database& db, sql::Statement& query,
                                                      bool teasers = false);
Result<std::optional<content::Article>> FirstArticle(sql::Database& db, sql::Statement& query,
                                                     bool teasers = false);
// Redirects from each of `from_paths` to `to_path` inside the caller's
// transaction (Store::SaveRedirects has the rules).
Status WriteRedirects(sql::Database& db, std::span<const std::string> from_paths,
                      std::string_view to_path, util::UnixSeconds now);
// "that {what} is already taken" for a constraint error, else its message.
std::string ConflictMessage(const Error& error, std::string_view what);

}  // namespace lede::store::sqlite
