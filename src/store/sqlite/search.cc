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
#include <map>
#include <set>

#include "store/sqlite/database.h"
#include "store/sql/related_rules.h"
#include "store/sql/rows.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/search_query.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/search_tokens.h"
#include "store/sqlite/sqlite_store.h"

namespace lede::store::sqlite {

using sql::ArticlesByIds;
using sql::kVisible;
namespace {

constexpr int kExcerptWords = 28;

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
          // Most edits are no word at all: a lookup in the vocabulary says
          // so before any search of the index.
          LEDE_TRY(bool word, InVocabulary(db, edit));
          if (!word) continue;
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

struct Candidate {
  double rank = 0;          // lede_rank: lower is better
  std::int64_t id = 0;
  std::int64_t shared = 0;  // lede_shared_terms, when asked for
};

// Visible matches of the query's filters, the newest `cap`, each with its
// BM25 score and, given `shared_words` (related coverage), how much it
// shares. Filters are fixed fragments added only when used: the usual
// search (no filter, or a section and dates) is answered by the narrow
// articles_search_filter index alone.
Result<std::vector<Candidate>> RankCandidates(Database& db, const MatchQuery& match,
                                              const SearchQuery& query, util::UnixSeconds now,
                                              std::int64_t cap,
                                              std::optional<std::int64_t> shared_words = {}) {
  std::string filters;
  if (query.section_id) filters += "AND a.section_id = :section ";
  if (query.from) filters += "AND a.published_at >= :from ";
  if (query.to) filters += "AND a.published_at < :to ";
  if (query.tag_id) {
    filters += "AND EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id AND x.tag_id = :tag) ";
  }
  if (query.author_id) {
    filters += "AND EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id "
               "AND x.author_id = :author) ";
  }
  if (query.top_stories_only) filters += "AND a.top_story = 1 ";
  if (query.changed_since) filters += "AND COALESCE(a.updated_at, a.published_at) >= :since ";
  LEDE_TRY(auto candidates, db.Prepare(
      "SELECT f.rowid, " + RankCall(match.idfs.size()) +
      (shared_words ? ", lede_shared_terms(article_search, :words)" : "") +
      " FROM article_search f JOIN articles a INDEXED BY articles_search_filter ON a.id = f.rowid "
      "WHERE article_search MATCH :match AND " + std::string(kVisible) + filters +
      "ORDER BY f.rowid DESC LIMIT :cap"));
  const auto bind = [&](const char* name, auto value) {
    if (const int index = candidates->ParameterIndex(name); index > 0) {
      candidates->Bind(index, value);
    }
  };
  bind(":match", std::string_view(match.expression));
  bind(":now", now);
  bind(":section", query.section_id);
  bind(":from", query.from);
  bind(":to", query.to);
  bind(":tag", query.tag_id);
  bind(":author", query.author_id);
  bind(":since", query.changed_since);
  bind(":words", shared_words);
  bind(":cap", cap);
  BindIdfs(*candidates, match.idfs);
  std::vector<Candidate> ranked;
  while (true) {
    LEDE_TRY(bool row, candidates->Step());
    if (!row) break;
    ranked.push_back({candidates->Double(1), candidates->Int(0),
                      shared_words ? candidates->Int(2) : 0});
  }
  return ranked;
}

// Best (lowest bm25) first; ties go to the newer article.
void SortByRank(std::vector<Candidate>& ranked) {
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& x, const Candidate& y) {
    return x.rank != y.rank ? x.rank < y.rank : x.id > y.id;
  });
}

}  // namespace

Result<SearchResult> SqliteStore::Search(const SearchQuery& query, util::UnixSeconds now) {
  if (query.text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search may be at most {} characters long",
                                       kMaxSearchQueryLength),
                           "q");
  }
  LEDE_TRY(auto lease, pool_->Acquire());
  Database* db = &Native(*lease);
  ReadSnapshot snapshot(*db);
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db->raw()));
  const ParsedQuery parsed = Parse(*tokenizer, query.text);
  SearchResult result;
  if (parsed.empty()) {
    result.empty = true;
    return result;
  }
  LEDE_TRY(const MatchQuery match, BuildMatch(*db, parsed));

  LEDE_TRY(auto ranked, RankCandidates(*db, match, query, now, kSearchCandidates + 1));
  if (ranked.size() > static_cast<std::size_t>(kSearchCandidates)) {
    ranked.pop_back();
    result.capped = true;
  }
  result.total = static_cast<std::int64_t>(ranked.size());
  SortByRank(ranked);

  // Excerpts mark every form of the query's words: text and query both
  // stemmed, as the index stems them.
  LEDE_TRY(const auto stemmer, SearchTokenizer::Open(db->raw(), SearchTokenizer::Kind::kStems));
  MatchTerms terms;
  for (const Segment& segment : parsed.segments) {
    for (const std::string& word : segment.tokens) {
      for (auto& stem : stemmer->Tokens(word)) terms.stems.push_back(std::move(stem.text));
    }
  }
  if (parsed.last_is_prefix) terms.prefix = parsed.segments.back().tokens.back();
  const std::size_t first = static_cast<std::size_t>(std::max(0, query.offset));
  const std::size_t count = static_cast<std::size_t>(std::clamp(query.limit, 1, 50));
  std::vector<std::int64_t> page;
  for (std::size_t i = first; i < ranked.size() && i < first + count; ++i) page.push_back(ranked[i].id);
  LEDE_TRY(auto articles, ArticlesByIds(*db, page));
  for (auto& article : articles) {
    const std::int64_t id = article.id;
    SearchHit hit;
    hit.headline = MarkAll(*stemmer, article.headline, terms);
    // The first of standfirst, Quick Looks and body with a match; the body
    // is read (as the index holds it, markup dropped) only when needed.
    auto excerpt = MarkExcerpt(*stemmer, article.standfirst, terms, kExcerptWords);
    for (std::size_t look = 0; !excerpt && look < article.quick_looks.size(); ++look) {
      excerpt = MarkExcerpt(*stemmer, article.quick_looks[look], terms, kExcerptWords);
    }
    if (!excerpt) {
      LEDE_TRY(auto body, db->Prepare("SELECT body FROM article_search WHERE rowid = ?1"));
      body->Bind(1, id);
      LEDE_TRY(bool found, body->Step());
      if (found) excerpt = MarkExcerpt(*stemmer, body->Text(0), terms, kExcerptWords);
    }
    // No match in the text (the headline or keywords matched): the standfirst.
    hit.snippet = excerpt ? std::move(*excerpt) : MarkedText{{{article.standfirst, false}}};
    hit.article = std::move(article);
    result.hits.push_back(std::move(hit));
  }
  if (result.total == 0) {
    LEDE_TRY(result.suggestion, SuggestSpelling(*db, parsed, now));
  }
  return result;
}

Result<std::vector<std::int64_t>> SqliteStore::MatchNewsroom(std::string_view text, int limit) {
  if (text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search may be at most {} characters long", kMaxSearchQueryLength),
                           "q");
  }
  LEDE_TRY(auto lease, pool_->Acquire());
  Database* db = &Native(*lease);
  ReadSnapshot snapshot(*db);
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db->raw()));
  const ParsedQuery parsed = Parse(*tokenizer, text);
  std::vector<std::int64_t> ids;
  if (parsed.empty()) return ids;
  LEDE_TRY(const MatchQuery match, BuildMatch(*db, parsed));
  // Readers' index and the newsroom's (drafts and the trash): every
  // article, newest first, no visibility join.
  LEDE_TRY(auto query, db->Prepare(
      "SELECT rowid FROM article_search WHERE article_search MATCH ?1 UNION ALL "
      "SELECT rowid FROM article_search_drafts WHERE article_search_drafts MATCH ?1 "
      "ORDER BY 1 DESC LIMIT ?2"));
  query->Bind(1, std::string_view(match.expression)).Bind(2, std::max(1, limit));
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    ids.push_back(query->Int(0));
  }
  return ids;
}

Result<std::vector<content::Article>> SqliteStore::FindRelated(const content::Article& article,
                                                               const std::vector<std::int64_t>& exclude,
                                                               int limit, util::UnixSeconds now) {
  // The article's own words, folded as the index folds them.
  using sql::related::kCounted;
  using sql::related::kTerms;
  LEDE_TRY(auto lease, pool_->Acquire());
  Database* db = &Native(*lease);
  ReadSnapshot snapshot(*db);
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db->raw()));
  std::set<std::string> words;
  const auto collect = [&](std::string_view text) {
    for (auto& token : tokenizer->Tokens(text)) {
      if (token.text.size() >= 3) words.insert(std::move(token.text));
    }
  };
  collect(article.headline);
  for (const auto& look : article.quick_looks) collect(look);

  // A word held by more than one article in 20 (or, on a small site, more
  // than 5; on a large one, 500 or more) is not distinctive; one only this
  // article holds matches nothing else. Rarest first. Counting stops there,
  // so a common word costs no more than a rare one (an article page asks
  // this of every word of its headline and Quick Looks).
  LEDE_TRY(const std::int64_t indexed, IndexedRows(*db));
  const std::int64_t common_from = sql::related::CommonFrom(indexed);
  // Only the longest words are counted (each count is a search): in any
  // language the longer a word, the rarer it tends to be.
  std::vector<std::string> longest(words.begin(), words.end());
  std::stable_sort(longest.begin(), longest.end(),
                   [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  if (longest.size() > kCounted) longest.resize(kCounted);
  std::vector<std::pair<std::int64_t, std::string>> rare;
  for (const std::string& word : longest) {
    LEDE_TRY(const std::int64_t documents, CappedCount(*db, Quote(word), common_from));
    if (documents >= 2 && documents < common_from) rare.emplace_back(documents, word);
  }
  std::sort(rare.begin(), rare.end());
  if (rare.size() > kTerms) rare.resize(kTerms);

  std::string match;
  std::vector<double> idfs;
  for (const auto& [documents, word] : rare) {
    match += (match.empty() ? "" : " OR ") + Quote(word);
    idfs.push_back(InverseDocumentFrequency(indexed, documents));
  }
  // A tag is matched as a phrase among the keywords, where tags are indexed;
  // one on most articles (a catch-all an import brought) is no more
  // distinctive than a common word.
  for (const auto& tag : article.tags) {
    std::string phrase;
    for (const auto& token : tokenizer->Tokens(tag.name)) phrase += (phrase.empty() ? "" : " ") + token.text;
    if (phrase.empty()) continue;
    const std::string tagged = "keywords : " + Quote(phrase);
    LEDE_TRY(const std::int64_t documents, CappedCount(*db, tagged, common_from));
    if (documents >= common_from) continue;
    match += (match.empty() ? "" : " OR ") + tagged;
    idfs.push_back(InverseDocumentFrequency(indexed, documents));
  }
  std::vector<content::Article> related;
  if (match.empty()) return related;

  // Scored over the newest candidates as searches are; kept only when they
  // share two words or a tag; most shared first, then BM25.
  LEDE_TRY(auto candidates,
           RankCandidates(*db, MatchQuery{match, idfs}, SearchQuery{}, now, sql::related::kCandidates,
                          static_cast<std::int64_t>(rare.size())));
  std::vector<Candidate> kept;
  for (const Candidate& candidate : candidates) {
    if (candidate.shared < 2 || candidate.id == article.id ||
        std::find(exclude.begin(), exclude.end(), candidate.id) != exclude.end()) {
      continue;
    }
    kept.push_back(candidate);
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& x, const Candidate& y) {
    if (x.shared != y.shared) return x.shared > y.shared;
    return x.rank != y.rank ? x.rank < y.rank : x.id > y.id;
  });
  std::vector<std::int64_t> best;
  for (const Candidate& candidate : kept) {
    if (static_cast<int>(best.size()) >= limit) break;
    best.push_back(candidate.id);
  }
  return ArticlesByIds(*db, best, /*with_bodies=*/false);  // shown as cards
}

}  // namespace lede::store::sqlite
