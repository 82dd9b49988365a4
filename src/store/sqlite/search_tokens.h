#pragma once
// The index's tokenizer outside the index: the reader's query is split
// into words exactly as the articles were, and excerpts are cut and marked
// from a field's text without running the query again.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/search_store.h"
#include "util/result.h"

namespace lede::store::sqlite {

// unicode61 with remove_diacritics 2: whole words, as the vocabulary and
// the reader's query are split; or with porter over it, as the index
// stems them (migrations/022_search_stems.sql), for marking what matched.
// One per search; not shared across threads.
class SearchTokenizer {
 public:
  enum class Kind { kWords, kStems };
  static Result<std::unique_ptr<SearchTokenizer>> Open(sqlite3* db, Kind kind = Kind::kWords);
  ~SearchTokenizer();

  struct Token {
    std::string text;  // folded: lower case, no diacritics
    std::size_t start = 0, end = 0;  // byte offsets in the input
  };
  // Every token of `text`, or only up to where `keep` returns false.
  std::vector<Token> Tokens(std::string_view text) const;
  template <typename Keep>
  void Each(std::string_view text, Keep keep) const;

 private:
  SearchTokenizer() = default;
  fts5_tokenizer api_{};
  Fts5Tokenizer* instance_ = nullptr;
  void Run(std::string_view text, int (*callback)(void*, int, const char*, int, int, int),
           void* context) const;
};

// What marks an excerpt: the query's words, stemmed (any form of them
// matches), the last also as a prefix of a word as written.
struct MatchTerms {
  std::vector<std::string> stems;
  std::string prefix;  // folded, as typed; "" when the last word is finished
  // `token` from a kStems tokenizer, `written` the text it came from.
  bool Matches(std::string_view token, std::string_view written) const;
};

// `text` whole with its matched words marked (headlines).
MarkedText MarkAll(const SearchTokenizer& tokenizer, std::string_view text, const MatchTerms& terms);
// About `window` words around the first match in `text`, marked; nullopt
// when nothing in it matches. Tokenizes only as far as the window.
std::optional<MarkedText> MarkExcerpt(const SearchTokenizer& tokenizer, std::string_view text,
                                      const MatchTerms& terms, int window);

template <typename Keep>
void SearchTokenizer::Each(std::string_view text, Keep keep) const {
  struct Context {
    std::string_view text;
    Keep* keep;
  } context{text, &keep};
  Run(text,
      [](void* raw, int, const char* token, int size, int start, int end) {
        auto* c = static_cast<Context*>(raw);
        Token t{std::string(token, static_cast<std::size_t>(size)), static_cast<std::size_t>(start),
                static_cast<std::size_t>(end)};
        return (*c->keep)(t) ? SQLITE_OK : SQLITE_DONE;
      },
      &context);
}

}  // namespace lede::store::sqlite
