#pragma once
// The full-text index's upkeep, shared by the files that write articles.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "store/sqlite/database.h"
#include "util/result.h"

namespace lede::store::sqlite {

// Registers lede_search_text(text, is_html) on a connection: the text the
// index holds for a field (tags dropped and character references decoded
// for HTML; control characters, which are no reader's text, made spaces). The migration that builds the index needs it too.
Status RegisterSearchFunctions(sqlite3* db);

// Brings the index entry of one article in line with its row, inside the
// caller's transaction: in the readers' index when it is neither a draft
// nor in the trash, else in article_search_drafts (the newsroom's search).
Status ReindexArticle(Database& db, std::int64_t article_id);

}  // namespace lede::store::sqlite
