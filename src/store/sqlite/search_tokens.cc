#include "store/sqlite/search_tokens.h"

#include <algorithm>
#include <cctype>
#include <deque>

namespace lede::store::sqlite {
namespace {

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

// Appends text[from, to) to `marked` as one part.
void AddPart(MarkedText& marked, std::string_view text, std::size_t from, std::size_t to, bool match) {
  if (to > from) marked.parts.push_back({std::string(text.substr(from, to - from)), match});
}

}  // namespace

Result<std::unique_ptr<SearchTokenizer>> SearchTokenizer::Open(sqlite3* db, Kind kind) {
  std::unique_ptr<SearchTokenizer> tokenizer(new SearchTokenizer);
  fts5_api* api = Fts5Api(db);
  void* user_data = nullptr;
  const char* name = kind == Kind::kStems ? "porter" : "unicode61";
  if (!api || api->xFindTokenizer(api, name, &user_data, &tokenizer->api_) != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, "the search tokenizer is missing");
  }
  const char* words[] = {"remove_diacritics", "2"};
  const char* stems[] = {"unicode61", "remove_diacritics", "2"};
  const bool stemming = kind == Kind::kStems;
  if (tokenizer->api_.xCreate(user_data, stemming ? stems : words, stemming ? 3 : 2,
                              &tokenizer->instance_) != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, "cannot start the search tokenizer");
  }
  return tokenizer;
}

SearchTokenizer::~SearchTokenizer() {
  if (instance_) api_.xDelete(instance_);
}

void SearchTokenizer::Run(std::string_view text,
                          int (*callback)(void*, int, const char*, int, int, int), void* context) const {
  if (text.empty()) return;
  api_.xTokenize(instance_, context, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()),
                 callback);
}

std::vector<SearchTokenizer::Token> SearchTokenizer::Tokens(std::string_view text) const {
  std::vector<Token> tokens;
  Each(text, [&tokens](const Token& token) {
    tokens.push_back(token);
    return true;
  });
  return tokens;
}

bool MatchTerms::Matches(std::string_view token, std::string_view written) const {
  if (std::find(stems.begin(), stems.end(), token) != stems.end()) return true;
  if (prefix.empty()) return false;
  // The word as written, folded as far as ASCII goes, or its stem.
  if (written.size() >= prefix.size()) {
    bool same = true;
    for (std::size_t i = 0; i < prefix.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(written[i])) == static_cast<unsigned char>(prefix[i]);
    }
    if (same) return true;
  }
  return token.starts_with(prefix);
}

MarkedText MarkAll(const SearchTokenizer& tokenizer, std::string_view text, const MatchTerms& terms) {
  MarkedText marked;
  std::size_t done = 0;
  tokenizer.Each(text, [&](const SearchTokenizer::Token& token) {
    if (terms.Matches(token.text, text.substr(token.start, token.end - token.start))) {
      AddPart(marked, text, done, token.start, false);
      AddPart(marked, text, token.start, token.end, true);
      done = token.end;
    }
    return true;
  });
  AddPart(marked, text, done, text.size(), false);
  return marked;
}

std::optional<MarkedText> MarkExcerpt(const SearchTokenizer& tokenizer, std::string_view text,
                                      const MatchTerms& terms, int window) {
  // A few words of lead-in before the first match, then the rest of the
  // window after it.
  const std::size_t lead_in = static_cast<std::size_t>(std::max(1, window / 4));
  std::deque<SearchTokenizer::Token> before;
  std::vector<SearchTokenizer::Token> kept;
  bool found = false, more = false, dropped = false;
  tokenizer.Each(text, [&](const SearchTokenizer::Token& token) {
    if (!found) {
      before.push_back(token);
      if (terms.Matches(token.text, text.substr(token.start, token.end - token.start))) {
        found = true;
        kept.assign(before.begin(), before.end());
      } else if (before.size() > lead_in) {
        before.pop_front();
        dropped = true;
      }
      return true;
    }
    if (kept.size() >= static_cast<std::size_t>(window)) {
      more = true;
      return false;
    }
    kept.push_back(token);
    return true;
  });
  if (!found) return std::nullopt;
  MarkedText marked;
  // From the text's start when the window holds its first word.
  const std::size_t start = dropped ? kept.front().start : 0;
  const std::size_t end = more ? kept.back().end : text.size();
  marked.elided_before = start > 0;
  marked.elided_after = more;
  std::size_t done = start;
  for (const auto& token : kept) {
    if (!terms.Matches(token.text, text.substr(token.start, token.end - token.start))) continue;
    AddPart(marked, text, done, token.start, false);
    AddPart(marked, text, token.start, token.end, true);
    done = token.end;
  }
  AddPart(marked, text, done, end, false);
  return marked;
}

}  // namespace lede::store::sqlite
