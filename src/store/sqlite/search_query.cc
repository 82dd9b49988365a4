#include "store/sqlite/search_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/sqlite/search_rank.h"

namespace lede::store::sqlite {

bool ParsedQuery::empty() const {
  return std::all_of(segments.begin(), segments.end(), [](const Segment& s) { return s.tokens.empty(); });
}

ParsedQuery Parse(const SearchTokenizer& tokenizer, std::string_view text) {
  ParsedQuery parsed;
  bool in_quotes = false;
  std::size_t start = 0;
  // An unbalanced quote quotes the rest, as a reader would mean it.
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '"') continue;
    Segment segment;
    segment.phrase = in_quotes;
    for (auto& token : tokenizer.Tokens(text.substr(start, i - start))) {
      segment.tokens.push_back(std::move(token.text));
    }
    if (!segment.tokens.empty()) parsed.segments.push_back(std::move(segment));
    in_quotes = !in_quotes;
    start = i + 1;
  }
  // The last word is still being typed unless something follows it.
  if (!parsed.segments.empty() && !parsed.segments.back().phrase && !text.empty()) {
    const unsigned char last = static_cast<unsigned char>(text.back());
    parsed.last_is_prefix = (last >= 0x80 || std::isalnum(last)) &&
                            parsed.segments.back().tokens.back().size() >= kPrefixFrom;
  }
  return parsed;
}

std::string Quote(std::string_view token) {
  std::string quoted = "\"";
  for (char c : token) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

Result<std::int64_t> CappedCount(Database& db, const std::string& match, std::int64_t cap) {
  // Readers' index only: drafts and the trash are in the newsroom's
  // (migration 022), so a word only drafts use is not counted, with no
  // join to pay for (joining each match to its article to leave drafts
  // out made a search half as slow again: bench/RESULTS.md).
  LEDE_TRY(auto query, db.Prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ?1 LIMIT ?2)"));
  query->Bind(1, std::string_view(match)).Bind(2, cap);
  LEDE_TRY(query->Step());
  return query->Int(0);
}

Result<std::int64_t> IndexedRows(Database& db) {
  LEDE_TRY(auto rows, db.Prepare("SELECT lede_row_count(article_search) FROM article_search LIMIT 1"));
  LEDE_TRY(bool any, rows->Step());
  return any ? rows->Int(0) : 0;
}

std::string RankCall(std::size_t phrases) {
  std::string call = "lede_rank(article_search";
  for (std::size_t i = 0; i < phrases; ++i) call += fmt::format(", :idf{}", i);
  return call + ")";
}

void BindIdfs(sql::Statement& statement, const std::vector<double>& idfs) {
  for (std::size_t i = 0; i < idfs.size(); ++i) {
    statement.Bind(statement.ParameterIndex(fmt::format(":idf{}", i)), idfs[i]);
  }
}

Result<bool> InVocabulary(Database& db, std::string_view word) {
  LEDE_TRY(auto query, db.Prepare("SELECT 1 FROM search_vocabulary WHERE term = ?1"));
  query->Bind(1, word);
  return query->Step();
}

Status AddToVocabulary(Database& db, const SearchTokenizer& tokenizer,
                       const std::vector<std::string>& texts) {
  std::set<std::string> words;
  for (const auto& text : texts) {
    tokenizer.Each(text, [&](SearchTokenizer::Token& token) {
      words.insert(std::move(token.text));
      return true;
    });
  }
  LEDE_TRY(auto insert, db.Prepare("INSERT OR IGNORE INTO search_vocabulary (term) VALUES (?1)"));
  for (const auto& word : words) {
    insert->Reset();
    LEDE_TRY(insert->Bind(1, std::string_view(word)).Run());
  }
  return {};
}

namespace {

// The words the index holds that begin with `prefix`, up to one past the
// expansion limit.
Result<std::vector<std::string>> Completions(Database& db, const std::string& prefix) {
  // Every string that begins with `prefix` sorts below it with its last
  // byte raised (UTF-8 never uses 0xFF).
  std::string above = prefix;
  above.back() = static_cast<char>(static_cast<unsigned char>(above.back()) + 1);
  LEDE_TRY(auto query, db.Prepare(
      "SELECT term FROM search_vocabulary WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3"));
  query->Bind(1, std::string_view(prefix)).Bind(2, std::string_view(above)).Bind(3, kPrefixExpansion + 1);
  std::vector<std::string> words;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    words.push_back(query->Text(0));
  }
  return words;
}

}  // namespace

Result<MatchQuery> BuildMatch(Database& db, const ParsedQuery& parsed) {
  LEDE_TRY(const std::int64_t rows, IndexedRows(db));
  std::map<std::string, std::int64_t> counted;
  const auto idf_of = [&](const std::string& match) -> Result<double> {
    auto it = counted.find(match);
    if (it == counted.end()) {
      LEDE_TRY(const std::int64_t documents, CappedCount(db, match));
      it = counted.emplace(match, documents).first;
    }
    return InverseDocumentFrequency(rows, it->second);
  };
  MatchQuery query;
  const auto add = [&](const std::string& part) {
    query.expression += (query.expression.empty() ? "" : " AND ") + part;
  };
  for (std::size_t s = 0; s < parsed.segments.size(); ++s) {
    const Segment& segment = parsed.segments[s];
    if (segment.phrase) {
      std::string words;
      double idf = 0;
      for (const auto& token : segment.tokens) {
        words += (words.empty() ? "" : " ") + token;
        LEDE_TRY(const double word_idf, idf_of(Quote(token)));
        idf = std::max(idf, word_idf);
      }
      add(Quote(words));
      query.idfs.push_back(idf);
      continue;
    }
    for (std::size_t t = 0; t < segment.tokens.size(); ++t) {
      const std::string& token = segment.tokens[t];
      const bool prefix = parsed.last_is_prefix && s + 1 == parsed.segments.size() &&
                          t + 1 == segment.tokens.size();
      if (!prefix || token.size() <= kIndexedPrefix) {
        const std::string part = Quote(token) + (prefix ? "*" : "");
        LEDE_TRY(const double idf, idf_of(part));
        add(part);
        query.idfs.push_back(idf);
        continue;
      }
      LEDE_TRY(const auto words, Completions(db, token));
      if (words.empty() || words.size() > static_cast<std::size_t>(kPrefixExpansion)) {
        // Nothing begins so (the prefix matches nothing, cheaply), or too
        // much to list: FTS5's own prefix query.
        const std::string part = Quote(token) + "*";
        LEDE_TRY(const double idf, idf_of(part));
        add(part);
        query.idfs.push_back(idf);
        continue;
      }
      std::string group;
      for (const auto& word : words) group += (group.empty() ? "" : " OR ") + Quote(word);
      group = "(" + group + ")";
      LEDE_TRY(const double idf, idf_of(group));
      add(group);
      query.idfs.insert(query.idfs.end(), words.size(), idf);
    }
  }
  return query;
}

}  // namespace lede::store::sqlite
