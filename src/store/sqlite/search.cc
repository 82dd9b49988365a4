// SearchStore on SQLite FTS5. The reader's text is split into words by the
// index's own tokenizer (so a query folds case and diacritics exactly as
// the index did), and every word is passed to MATCH as a quoted string:
// nothing a reader types is FTS5 syntax.
//
// Ranking: the newest kSearchCandidates matches are scored with BM25 in
// one pass over the index in rowid (article id, so roughly publication)
// order, which stops at the cap. Excerpts are then cut for the page's few
// rows by tokenizing their fields only up to the first match, which costs
// a fraction of FTS5's snippet() (that tokenizes and scores whole bodies).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "store/sqlite/database.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/search_tokens.h"
#include "store/sqlite/sqlite_store.h"

namespace lede::store::sqlite {
namespace {

// Columns' weights for bm25(): headline, standfirst, Quick Looks, body,
// keywords (tags, dateline, byline).
constexpr std::string_view kRank = "bm25(article_search, 10.0, 4.0, 4.0, 1.0, 4.0)";
constexpr int kPrefixFrom = 3;  // the last word's shortest prefix match
constexpr int kExcerptWords = 28;

// A run of the reader's words: a "quoted phrase", or the words between.
struct Segment {
  std::vector<std::string> tokens;
  bool phrase = false;
};

struct ParsedQuery {
  std::vector<Segment> segments;
  bool last_is_prefix = false;
  bool empty() const {
    return std::all_of(segments.begin(), segments.end(),
                       [](const Segment& s) { return s.tokens.empty(); });
  }
};

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

std::string MatchExpression(const ParsedQuery& parsed) {
  std::string match;
  for (std::size_t s = 0; s < parsed.segments.size(); ++s) {
    const Segment& segment = parsed.segments[s];
    if (segment.phrase) {
      std::string words;
      for (const auto& token : segment.tokens) words += (words.empty() ? "" : " ") + token;
      match += (match.empty() ? "" : " ") + Quote(words);
      continue;
    }
    for (std::size_t t = 0; t < segment.tokens.size(); ++t) {
      match += (match.empty() ? "" : " ") + Quote(segment.tokens[t]);
      if (parsed.last_is_prefix && s + 1 == parsed.segments.size() &&
          t + 1 == segment.tokens.size()) {
        match += '*';
      }
    }
  }
  return match;
}

// Edits one step away from `word` (Norvig's four kinds), for suggestions.
std::set<std::string> EditsOf(const std::string& word) {
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  std::set<std::string> edits;
  for (std::size_t i = 0; i <= word.size(); ++i) {
    const std::string head = word.substr(0, i), tail = word.substr(i);
    if (!tail.empty()) edits.insert(head + tail.substr(1));
    if (tail.size() > 1) edits.insert(head + tail[1] + tail[0] + tail.substr(2));
    for (char c : kLetters) {
      if (!tail.empty()) edits.insert(head + c + tail.substr(1));
      edits.insert(head + c + tail);
    }
  }
  edits.erase(word);
  return edits;
}

// True when some visible article holds `match`.
Result<bool> AnyVisible(Database& db, const std::string& match, util::UnixSeconds now) {
  LEDE_TRY(auto query, db.Prepare(
      "SELECT 1 FROM article_search f JOIN articles a INDEXED BY articles_search_filter "
      "ON a.id = f.rowid WHERE article_search MATCH ?1 AND a.status <> 'draft' AND a.published_at <= ?2 LIMIT 1"));
  query->Bind(1, std::string_view(match)).Bind(2, now);
  return query->Step();
}

// How many visible articles hold `match`, counting up to `cap`.
Result<std::int64_t> CountVisible(Database& db, const std::string& match, util::UnixSeconds now,
                                  int cap) {
  LEDE_TRY(auto query, db.Prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM article_search f JOIN articles a "
      "INDEXED BY articles_search_filter ON a.id = f.rowid WHERE article_search MATCH ?1 AND a.status <> 'draft' AND a.published_at <= ?2 LIMIT ?3)"));
  query->Bind(1, std::string_view(match)).Bind(2, now).Bind(3, cap);
  LEDE_TRY(query->Step());
  return query->Int(0);
}

// For a search that found nothing: each word of three to twenty letters
// (a-z) that no visible article holds is replaced by the word one edit
// away that most visible articles hold. Only visible articles count, so a
// suggestion never reveals a word of an embargoed story. nullopt when no
// word changed.
Result<std::optional<std::string>> SuggestSpelling(Database& db, const ParsedQuery& parsed,
                                                   util::UnixSeconds now) {
  constexpr std::size_t kMaxWords = 6;
  std::size_t words = 0;
  bool changed = false;
  std::string suggestion;
  for (const Segment& segment : parsed.segments) {
    std::string text;
    for (const std::string& token : segment.tokens) {
      std::string best = token;
      const bool plain = token.size() >= 3 && token.size() <= 20 &&
                         std::all_of(token.begin(), token.end(),
                                     [](char c) { return c >= 'a' && c <= 'z'; });
      if (plain && ++words <= kMaxWords) {
        LEDE_TRY(bool known, AnyVisible(db, Quote(token), now));
        std::int64_t best_count = 0;
        for (const std::string& edit : known ? std::set<std::string>{} : EditsOf(token)) {
          LEDE_TRY(bool exists, AnyVisible(db, Quote(edit), now));
          if (!exists) continue;
          LEDE_TRY(std::int64_t count, CountVisible(db, Quote(edit), now, kSearchCandidates));
          if (count > best_count) {
            best = edit;
            best_count = count;
          }
        }
      }
      changed = changed || best != token;
      text += (text.empty() ? "" : " ") + best;
    }
    if (segment.phrase) text = "\"" + text + "\"";
    suggestion += (suggestion.empty() ? "" : " ") + text;
  }
  if (!changed) return std::nullopt;
  return suggestion;
}

// Visible matches (filters bound, NULL when unused), newest first, cut one
// past the cap, each with its BM25 score (lower is better).
Result<std::vector<std::pair<double, std::int64_t>>> RankCandidates(Database& db,
                                                                   const std::string& match,
                                                                   const SearchQuery& query,
                                                                   util::UnixSeconds now) {
  constexpr std::string_view kFilters =
      "AND (:section IS NULL OR a.section_id = :section) "
      "AND (:from IS NULL OR a.published_at >= :from) "
      "AND (:to IS NULL OR a.published_at < :to) ";
  LEDE_TRY(auto candidates, db.Prepare(
      "SELECT f.rowid, " + std::string(kRank) +
      " FROM article_search f JOIN articles a INDEXED BY articles_search_filter ON a.id = f.rowid "
      "WHERE article_search MATCH :match AND " + std::string(kVisible) + std::string(kFilters) +
      "ORDER BY f.rowid DESC LIMIT :cap"));
  const auto bind = [&](const char* name, auto value) {
    if (const int index = sqlite3_bind_parameter_index(candidates->raw(), name); index > 0) {
      candidates->Bind(index, value);
    }
  };
  bind(":match", std::string_view(match));
  bind(":now", now);
  bind(":section", query.section_id);
  bind(":from", query.from);
  bind(":to", query.to);
  bind(":cap", std::int64_t{kSearchCandidates + 1});
  std::vector<std::pair<double, std::int64_t>> ranked;
  while (true) {
    LEDE_TRY(bool row, candidates->Step());
    if (!row) break;
    ranked.emplace_back(sqlite3_column_double(candidates->raw(), 1), candidates->Int(0));
  }
  return ranked;
}

}  // namespace

Result<SearchResult> SqliteStore::Search(const SearchQuery& query, util::UnixSeconds now) {
  if (query.text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search may be at most {} characters long",
                                       kMaxSearchQueryLength),
                           "q");
  }
  auto db = pool_->Acquire();
  ReadSnapshot snapshot(*db);
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db->raw()));
  const ParsedQuery parsed = Parse(*tokenizer, query.text);
  SearchResult result;
  if (parsed.empty()) {
    result.empty = true;
    return result;
  }
  const std::string match = MatchExpression(parsed);

  LEDE_TRY(auto ranked, RankCandidates(*db, match, query, now));
  if (ranked.size() > static_cast<std::size_t>(kSearchCandidates)) {
    ranked.pop_back();
    result.capped = true;
  }
  result.total = static_cast<std::int64_t>(ranked.size());
  // bm25() is better when lower; ties go to the newer article.
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second > y.second;
  });

  MatchTerms terms;
  for (const Segment& segment : parsed.segments) {
    terms.words.insert(terms.words.end(), segment.tokens.begin(), segment.tokens.end());
  }
  if (parsed.last_is_prefix) terms.prefix = terms.words.back();
  const std::size_t first = static_cast<std::size_t>(std::max(0, query.offset));
  const std::size_t count = static_cast<std::size_t>(std::clamp(query.limit, 1, 50));
  for (std::size_t i = first; i < ranked.size() && i < first + count; ++i) {
    const std::int64_t id = ranked[i].second;
    LEDE_TRY(auto row, db->Prepare(std::string(kArticleSelect) + "WHERE a.id = ?1"));
    row->Bind(1, id);
    LEDE_TRY(auto article, FirstArticle(*db, *row));
    if (!article) continue;
    SearchHit hit;
    hit.headline = MarkAll(*tokenizer, article->headline, terms);
    // The first of standfirst, Quick Looks and body with a match; the body
    // is read (as the index holds it, markup dropped) only when needed.
    auto excerpt = MarkExcerpt(*tokenizer, article->standfirst, terms, kExcerptWords);
    for (std::size_t look = 0; !excerpt && look < article->quick_looks.size(); ++look) {
      excerpt = MarkExcerpt(*tokenizer, article->quick_looks[look], terms, kExcerptWords);
    }
    if (!excerpt) {
      LEDE_TRY(auto body, db->Prepare("SELECT body FROM article_search WHERE rowid = ?1"));
      body->Bind(1, id);
      LEDE_TRY(bool found, body->Step());
      if (found) excerpt = MarkExcerpt(*tokenizer, body->Text(0), terms, kExcerptWords);
    }
    // No match in the text (the headline or keywords matched): the standfirst.
    hit.snippet = excerpt ? std::move(*excerpt) : MarkedText{{{article->standfirst, false}}};
    hit.article = std::move(*article);
    result.hits.push_back(std::move(hit));
  }
  if (result.total == 0) {
    LEDE_TRY(result.suggestion, SuggestSpelling(*db, parsed, now));
  }
  return result;
}

}  // namespace lede::store::sqlite
