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
// caller's transaction: indexed when it is not a draft and not in the
// trash, else removed.
Status ReindexArticle(Database& db, std::int64_t article_id);

}  // namespace lede::store::sqlite
