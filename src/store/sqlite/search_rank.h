#pragma once
// FTS5 auxiliary functions for ranking, registered on every connection
// (RegisterSearchFunctions):
//   lede_rank(article_search, idf...)   BM25 with the caller's IDFs
//   lede_row_count(article_search)      rows the index holds
//   lede_shared_terms(article_search, words)   related coverage's overlap
//
// Why lede_rank and not FTS5's bm25(): bm25() learns each phrase's IDF by
// running the phrase over the whole index on its first row, which for a
// common word walks a doclist of every article, and for a phrase of
// common words checks positions in all of them: most of a search's time
// at 100,000 articles. lede_rank takes the IDFs from the caller, who
// counts each word's articles only up to a cap (kIdfCountCap).

#include <sqlite3.h>

#include <array>
#include <cstdint>

#include "util/result.h"

namespace lede::store::sqlite {

// Columns' weights: headline, standfirst, Quick Looks, body, keywords
// (tags, dateline, byline).
inline constexpr std::array<double, 5> kColumnWeights = {10.0, 4.0, 4.0, 1.0, 4.0};
// Articles counted per word for its IDF: a word more articles hold than
// this is as common as one held by all of them, as far as ranking goes.
inline constexpr int kIdfCountCap = 2000;

// BM25's IDF for a phrase held by `documents` of `rows` articles (FTS5's
// formula, never below a small positive value).
double InverseDocumentFrequency(std::int64_t rows, std::int64_t documents);

Status RegisterRankFunctions(sqlite3* db);

}  // namespace lede::store::sqlite
