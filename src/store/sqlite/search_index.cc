// The full-text index's upkeep on SQLite (its text: sql/search_text).
#include "store/sqlite/search_index.h"

#include "store/sqlite/search_query.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/search_tokens.h"

#include <fmt/format.h>

#include <cstring>

#include "store/sql/search_text.h"

namespace lede::store::sqlite {

using sql::SearchTextOf;

namespace {

void SearchTextFunction(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* text = sqlite3_value_text(argv[0]);
  if (!text) {
    sqlite3_result_text(context, "", 0, SQLITE_STATIC);
    return;
  }
  const std::string result =
      SearchTextOf(std::string_view(reinterpret_cast<const char*>(text),
                                    static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))),
                   sqlite3_value_int(argv[1]) != 0);
  sqlite3_result_text(context, result.data(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
}

}  // namespace

Status RegisterSearchFunctions(sqlite3* db) {
  const int code = sqlite3_create_function_v2(
      db, "lede_search_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
      SearchTextFunction, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, "cannot register lede_search_text");
  }
  return RegisterRankFunctions(db);
}

Status ReindexArticle(Database& db, std::int64_t article_id) {
  for (const char* table : {"article_search", "article_search_drafts"}) {
    LEDE_TRY(auto remove, db.Prepare(fmt::format("DELETE FROM {} WHERE rowid = ?1", table)));
    LEDE_TRY(remove->Bind(1, article_id).Run());
  }
  // A draft (or trashed) article in the newsroom's index, any other in
  // readers' (migration 022 says why they are apart).
  LEDE_TRY(auto status, db.Prepare("SELECT status = 'draft' FROM articles WHERE id = ?1"));
  status->Bind(1, article_id);
  LEDE_TRY(bool found, status->Step());
  if (!found) return {};
  const std::string table = status->Int(0) ? "article_search_drafts" : "article_search";
  status->Reset();
  LEDE_TRY(auto insert, db.Prepare(fmt::format(
      "INSERT INTO {} (rowid, headline, standfirst, quick_looks, body, keywords) "
      "SELECT id, headline, standfirst, quick_looks, body, keywords FROM article_search_source "
      "WHERE id = ?1", table)));
  LEDE_TRY(insert->Bind(1, article_id).Run());
  // Its words join the vocabulary that prefixes expand from.
  LEDE_TRY(auto text, db.Prepare(fmt::format(
      "SELECT headline, standfirst, quick_looks, body, keywords FROM {} WHERE rowid = ?1", table)));
  text->Bind(1, article_id);
  LEDE_TRY(bool indexed, text->Step());
  if (!indexed) return {};
  std::vector<std::string> texts;
  for (int column = 0; column < 5; ++column) texts.push_back(text->Text(column));
  text->Reset();
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db.raw()));
  return AddToVocabulary(db, *tokenizer, texts);
}

}  // namespace lede::store::sqlite
