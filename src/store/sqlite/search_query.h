#pragma once
// A reader's search as an FTS5 query: the words split by the index's own
// tokenizer, each passed quoted (nothing typed is syntax), the last word
// as a prefix while it is being typed, and one IDF per FTS5 phrase for
// lede_rank.
//
// The last word's prefix: three- and four-letter prefixes have indexes of
// their own (migrations/009_search.sql). A longer one would make FTS5
// merge the whole doclist of every word it begins, which for a common
// word is every article; instead it is expanded from search_vocabulary to
// the words the index holds that begin with it, as an OR of plain words
// that FTS5 reads newest first and stops reading at the cap.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/database.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/search_tokens.h"
#include "util/result.h"

namespace lede::store::sqlite {

// The last word's shortest prefix match.
inline constexpr std::size_t kPrefixFrom = 3;
// Longest prefix the index has its own entries for.
inline constexpr std::size_t kIndexedPrefix = 4;
// Words a longer prefix may expand to; beyond this it is left to FTS5.
inline constexpr int kPrefixExpansion = 128;

// A run of the reader's words: a "quoted phrase", or the words between.
struct Segment {
  std::vector<std::string> tokens;
  bool phrase = false;
};

struct ParsedQuery {
  std::vector<Segment> segments;
  bool last_is_prefix = false;
  bool empty() const;
};

ParsedQuery Parse(const SearchTokenizer& tokenizer, std::string_view text);

// `token` as an FTS5 string.
std::string Quote(std::string_view token);

struct MatchQuery {
  std::string expression;   // for MATCH
  std::vector<double> idfs;  // one per FTS5 phrase of `expression`, in order
};

// Every word must match. A quoted phrase's IDF is its rarest word's (an
// upper bound on the articles holding the phrase, found without checking
// a position); an expanded prefix's words share the prefix's.
Result<MatchQuery> BuildMatch(Database& db, const ParsedQuery& parsed);

// How many articles that are not drafts hold `match`, counting up to
// `cap`: FTS5 reads the doclist from its start and stops there.
Result<std::int64_t> CappedCount(Database& db, const std::string& match,
                                 std::int64_t cap = kIdfCountCap);
// Rows the index holds (articles indexed).
Result<std::int64_t> IndexedRows(Database& db);
// "lede_rank(article_search, :idf0, ...)" for `phrases` phrases; BindIdfs
// fills them.
std::string RankCall(std::size_t phrases);
void BindIdfs(sql::Statement& statement, const std::vector<double>& idfs);

// True when some article (any status) holds `word` (search_vocabulary).
Result<bool> InVocabulary(Database& db, std::string_view word);
// Adds the words of an article's indexed text to search_vocabulary.
Status AddToVocabulary(Database& db, const SearchTokenizer& tokenizer,
                       const std::vector<std::string>& texts);

}  // namespace lede::store::sqlite
