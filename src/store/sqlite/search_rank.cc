#include "store/sqlite/search_rank.h"

#include <cmath>
#include <vector>

namespace lede::store::sqlite {
namespace {

constexpr double kK1 = 1.2;  // BM25's usual parameters, as FTS5 uses
constexpr double kB = 0.75;

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

// lede_rank(table, idf0, idf1, ...): lower is better, like bm25().
void Rank(const Fts5ExtensionApi* fts, Fts5Context* context, sqlite3_context* result, int argc,
          sqlite3_value** argv) {
  // The average article's length, once per query.
  auto* average = static_cast<double*>(fts->xGetAuxdata(context, 0));
  if (!average) {
    sqlite3_int64 rows = 0, tokens = 0;
    if (fts->xRowCount(context, &rows) != SQLITE_OK ||
        fts->xColumnTotalSize(context, -1, &tokens) != SQLITE_OK) {
      sqlite3_result_error(result, "cannot read the index's statistics", -1);
      return;
    }
    average = static_cast<double*>(sqlite3_malloc(sizeof(double)));
    if (!average) {
      sqlite3_result_error_nomem(result);
      return;
    }
    *average = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
    if (fts->xSetAuxdata(context, average, sqlite3_free) != SQLITE_OK) {
      sqlite3_result_error_nomem(result);
      return;
    }
  }
  int length = 0;
  if (fts->xColumnSize(context, -1, &length) != SQLITE_OK) {
    sqlite3_result_error(result, "cannot read the row's length", -1);
    return;
  }
  const double norm = kK1 * (1 - kB + kB * length / std::max(*average, 1.0));
  double score = 0;
  const int phrases = fts->xPhraseCount(context);
  for (int phrase = 0; phrase < phrases; ++phrase) {
    double frequency = 0;
    Fts5PhraseIter iterator;
    int column = -1, offset = -1;
    if (fts->xPhraseFirst(context, phrase, &iterator, &column, &offset) != SQLITE_OK) {
      sqlite3_result_error(result, "cannot read the match", -1);
      return;
    }
    for (; column >= 0; fts->xPhraseNext(context, &iterator, &column, &offset)) {
      frequency += column < static_cast<int>(kColumnWeights.size()) ? kColumnWeights[column] : 1.0;
    }
    const double idf = phrase < argc ? sqlite3_value_double(argv[phrase]) : 1.0;
    score += idf * frequency * (kK1 + 1) / (frequency + norm);
  }
  sqlite3_result_double(result, -score);
}

void RowCount(const Fts5ExtensionApi* fts, Fts5Context* context, sqlite3_context* result, int,
              sqlite3_value**) {
  sqlite3_int64 rows = 0;
  if (fts->xRowCount(context, &rows) != SQLITE_OK) {
    sqlite3_result_error(result, "cannot count the index's rows", -1);
    return;
  }
  sqlite3_result_int64(result, rows);
}

// 1 for each of the first `words` phrases present, 2 for each later one
// (a tag): a row sharing one common-ish word is no relation; two words,
// or a tag, is.
void SharedTerms(const Fts5ExtensionApi* fts, Fts5Context* context, sqlite3_context* result, int argc,
                 sqlite3_value** argv) {
  const int words = argc > 0 ? sqlite3_value_int(argv[0]) : 0;
  int shared = 0;
  for (int phrase = 0; phrase < fts->xPhraseCount(context); ++phrase) {
    Fts5PhraseIter iterator;
    int column = -1, offset = -1;
    if (fts->xPhraseFirst(context, phrase, &iterator, &column, &offset) != SQLITE_OK) {
      sqlite3_result_error(result, "cannot read the match", -1);
      return;
    }
    if (column >= 0) shared += phrase < words ? 1 : 2;
  }
  sqlite3_result_int(result, shared);
}

}  // namespace

double InverseDocumentFrequency(std::int64_t rows, std::int64_t documents) {
  const double idf = std::log((static_cast<double>(rows - documents) + 0.5) /
                              (static_cast<double>(documents) + 0.5));
  return std::max(idf, 1e-6);
}

Status RegisterRankFunctions(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api || api->xCreateFunction(api, "lede_rank", nullptr, Rank, nullptr) != SQLITE_OK ||
      api->xCreateFunction(api, "lede_row_count", nullptr, RowCount, nullptr) != SQLITE_OK ||
      api->xCreateFunction(api, "lede_shared_terms", nullptr, SharedTerms, nullptr) != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, "cannot register the search's ranking functions");
  }
  return {};
}

}  // namespace lede::store::sqlite
