// Search on PostgreSQL: the reader's words (each one must match; "quoted
// phrases" as phrases; nothing typed is query syntax), the last word also as
// a prefix from three letters while it is typed, the newest
// kSearchCandidates matches ranked by ts_rank with the index's weights,
// excerpts by ts_headline.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/search_index.h"
#include "store/sql/related_rules.h"
#include "store/sql/rows.h"
#include "store/sql/search_text.h"

namespace lede::store::postgres {
namespace {

// ts_headline's markers around a match: characters no indexed text holds
// (sql::SearchTextOf makes control characters spaces).
constexpr char kStart = '\x01';
constexpr char kStop = '\x02';
constexpr std::string_view kHeadlineOptions = "HighlightAll=true, StartSel=\x01, StopSel=\x02";
constexpr std::string_view kSnippetOptions = "MaxWords=30, MinWords=12, StartSel=\x01, StopSel=\x02";

// The reader's text, taken apart: bare words (for plainto_tsquery, which
// reads every word as a word), quoted phrases (phraseto_tsquery each) and
// the word being typed.
struct Words {
  std::string bare;
  std::vector<std::string> phrases;
  std::string prefix;  // a to_tsquery prefix term ('word':*), or ""
  // The whole words the prefix begins, from the vocabulary, as a
  // to_tsquery OR ('election' | 'elections'); "" when none or too many.
  std::string expansion;
};
// Words a prefix may expand to; beyond this only its stem's prefix counts.
constexpr int kPrefixExpansion = 128;
constexpr std::size_t kMaxPhrases = 4;

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

Words SplitWords(std::string_view text) {
  Words words;
  bool quoted = false;
  std::string phrase;
  for (char c : text) {
    if (c == '"') {
      if (quoted && words.phrases.size() < kMaxPhrases) words.phrases.push_back(phrase);
      if (quoted && words.phrases.size() >= kMaxPhrases) words.bare += " " + phrase;
      phrase.clear();
      quoted = !quoted;
      continue;
    }
    // Anything not a letter or digit separates words: no operators.
    const char kept = IsWordByte(c) ? c : ' ';
    (quoted ? phrase : words.bare) += kept;
  }
  if (quoted) words.bare += " " + phrase;  // an unclosed quote: plain words
  // The last word, while it is being typed (nothing after it), is also a
  // prefix from three letters.
  if (!text.empty() && IsWordByte(text.back()) && !quoted) {
    std::size_t start = words.bare.size();
    while (start > 0 && IsWordByte(words.bare[start - 1])) --start;
    if (words.bare.size() - start >= 3) {
      words.prefix = "'" + words.bare.substr(start) + "':*";  // letters and digits only
      words.bare.erase(start);
    }
  }
  return words;
}

std::string QueryExpression(const Words& words) {
  std::vector<std::string> parts;
  if (std::any_of(words.bare.begin(), words.bare.end(), IsWordByte)) {
    parts.push_back("plainto_tsquery('lede_search', :bare)");
  }
  for (std::size_t i = 0; i < words.phrases.size(); ++i) {
    parts.push_back(fmt::format("phraseto_tsquery('lede_search', :phrase{})", i));
  }
  if (!words.prefix.empty()) {
    // The index holds stems: "electi" begins no stem ("elect"), so the
    // words it begins are asked for too.
    parts.push_back(words.expansion.empty()
                        ? "to_tsquery('lede_search', :prefix)"
                        : "(to_tsquery('lede_search', :prefix) || to_tsquery('lede_search', :expansion))");
  }
  if (parts.empty()) return "plainto_tsquery('lede_search', '')";
  std::string expression = "(" + parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) expression += " && " + parts[i];
  return expression + ")";
}

// PostgreSQL's text search parser takes "<gate>" for a tag and drops it; the
// index and excerpts see these two private-use characters instead, and
// readers see the brackets again (Unbracket; Bracketed in search_index.h).
constexpr std::string_view kOpen = "\uE000";
constexpr std::string_view kClose = "\uE001";
std::string Unbracket(std::string text) {
  for (const auto& [from, to] : {std::pair{kOpen, '<'}, std::pair{kClose, '>'}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, from.size(), 1, to);
    }
  }
  return text;
}

MarkedText Marked(const std::string& bracketed, const std::string& bracketed_source) {
  const std::string text = Unbracket(bracketed);
  const std::string source = Unbracket(bracketed_source);
  MarkedText marked;
  std::string plain;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool match = text[i] == kStart;
    if (match) ++i;
    const std::size_t stop = text.find(match ? kStop : kStart, i);
    const std::string_view part =
        std::string_view(text).substr(i, stop == std::string_view::npos ? text.npos : stop - i);
    if (!part.empty()) {
      marked.parts.push_back({std::string(part), match});
      plain += part;
    }
    i = stop == std::string_view::npos ? text.size() : stop + (match ? 1 : 0);
  }
  const std::string_view trimmed = std::string_view(source).substr(0, std::min<std::size_t>(source.size(), 12));
  marked.elided_before = !plain.empty() && plain.find(trimmed.substr(0, std::min(trimmed.size(), plain.size()))) != 0;
  const std::size_t tail = std::min<std::size_t>({source.size(), plain.size(), 12});
  marked.elided_after =
      std::string_view(source).substr(source.size() - tail) != std::string_view(plain).substr(plain.size() - tail);
  return marked;
}

// Fills words.expansion from the vocabulary.
Status ExpandPrefix(sql::Database& db, Words& words) {
  if (words.prefix.size() < 5) return {};
  std::string prefix = words.prefix.substr(1, words.prefix.size() - 4);  // 'word':* -> word
  for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string above = prefix;
  if (static_cast<unsigned char>(above.back()) == 0xFF) return {};
  above.back() = static_cast<char>(static_cast<unsigned char>(above.back()) + 1);
  LEDE_TRY(auto query, db.Prepare(
      "SELECT term FROM search_vocabulary WHERE term ~>=~ ?1 AND term ~<~ ?2 ORDER BY term USING ~<~ LIMIT ?3"));
  query->Bind(1, std::string_view(prefix)).Bind(2, std::string_view(above)).Bind(3, kPrefixExpansion + 1);
  std::vector<std::string> found;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    found.push_back(query->Text(0));
  }
  if (found.empty() || found.size() > static_cast<std::size_t>(kPrefixExpansion)) return {};
  for (const auto& word : found) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    words.expansion += (words.expansion.empty() ? "" : " | ") + quoted + "'";
  }
  return {};
}

}  // namespace

namespace {

// The query with each word the index does not hold replaced by the closest
// one it does (at most two edits away); nullopt when nothing was replaced.
Result<std::optional<std::string>> Suggest(sql::Database& db, const std::string& text, util::UnixSeconds now) {
  std::string suggestion;
  bool replaced = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      suggestion += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && IsWordByte(text[end])) ++end;
    std::string word = text.substr(i, end - i);
    i = end;
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.size() < 3) {
      suggestion += word;
      continue;
    }
    LEDE_TRY(auto close, db.Prepare(
        "SELECT term FROM search_vocabulary WHERE length(term) BETWEEN length(?1) - 2 AND length(?1) + 2 "
        "AND levenshtein(term, ?1) <= 2 "
        // Only words readers may see: none an embargoed article alone holds.
        "AND EXISTS (SELECT 1 FROM article_search s JOIN articles a ON a.id = s.article_id "
        "WHERE s.document @@ to_tsquery('lede_search', quote_literal(term)) AND a.status <> 'draft' "
        "AND a.published_at <= ?2) "
        "ORDER BY levenshtein(term, ?1), abs(length(term) - length(?1)), term LIMIT 1"));
    close->Bind(1, std::string_view(lower)).Bind(2, now);
    LEDE_TRY(bool found, close->Step());
    const std::string best = found ? close->Text(0) : "";
    if (found && best != lower) {
      suggestion += best;
      replaced = true;
    } else {
      suggestion += word;
    }
  }
  if (!replaced) return std::optional<std::string>();
  return std::optional<std::string>(suggestion);
}

}  // namespace

Result<std::vector<std::int64_t>> PostgresStore::MatchNewsroom(std::string_view text, int limit) {
  if (text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search is at most {} characters", kMaxSearchQueryLength), "q");
  }
  std::vector<std::int64_t> ids;
  if (!std::any_of(text.begin(), text.end(), IsWordByte)) return ids;
  Words words = SplitWords(text);
  LEDE_TRY(auto lease, pool_->Acquire());
  sql::Database& db = *lease;
  LEDE_TRY(ExpandPrefix(db, words));
  // Every article is in the index: no visibility join, newest first.
  LEDE_TRY(auto query, db.Prepare("SELECT s.article_id FROM (SELECT " + QueryExpression(words) +
                                  " AS query) q, article_search s WHERE s.document @@ q.query "
                                  "ORDER BY s.article_id DESC LIMIT :limit"));
  const auto set = [&](const std::string& name, auto value) {
    if (const int index = query->ParameterIndex(name); index > 0) query->Bind(index, value);
  };
  set(":bare", std::string_view(words.bare));
  set(":prefix", std::string_view(words.prefix));
  set(":expansion", std::string_view(words.expansion));
  for (std::size_t i = 0; i < words.phrases.size(); ++i) {
    set(fmt::format(":phrase{}", i), std::string_view(words.phrases[i]));
  }
  set(":limit", std::max(1, limit));
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    ids.push_back(query->Int(0));
  }
  return ids;
}

Result<SearchResult> PostgresStore::Search(const SearchQuery& query, util::UnixSeconds now) {
  if (query.text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search is at most {} characters", kMaxSearchQueryLength), "q");
  }
  SearchResult result;
  if (!std::any_of(query.text.begin(), query.text.end(), IsWordByte)) {
    result.empty = true;
    return result;
  }
  Words words = SplitWords(query.text);
  std::string filters;
  if (query.section_id) filters += "AND a.section_id = :section ";
  if (query.from) filters += "AND a.published_at >= :from ";
  if (query.to) filters += "AND a.published_at < :to ";
  if (query.tag_id) filters += "AND EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id AND x.tag_id = :tag) ";
  if (query.author_id) {
    filters += "AND EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id AND x.author_id = :author) ";
  }
  if (query.top_stories_only) filters += "AND a.top_story = 1 ";
  if (query.changed_since) filters += "AND COALESCE(a.updated_at, a.published_at) >= :since ";

  LEDE_TRY(auto lease, pool_->Acquire());
  sql::Database& db = *lease;
  sql::ReadSnapshot snapshot(db);
  LEDE_TRY(ExpandPrefix(db, words));
  const std::string tsquery = QueryExpression(words);
  const auto bind = [&](sql::Statement& statement) {
    const auto set = [&](const char* name, auto value) {
      if (const int index = statement.ParameterIndex(name); index > 0) statement.Bind(index, value);
    };
    set(":bare", std::string_view(words.bare));
    set(":prefix", std::string_view(words.prefix));
    set(":expansion", std::string_view(words.expansion));
    for (std::size_t i = 0; i < words.phrases.size(); ++i) {
      set(fmt::format(":phrase{}", i).c_str(), std::string_view(words.phrases[i]));
    }
    set(":now", now);
    if (query.section_id) set(":section", *query.section_id);
    if (query.from) set(":from", *query.from);
    if (query.to) set(":to", *query.to);
    if (query.tag_id) set(":tag", *query.tag_id);
    if (query.author_id) set(":author", *query.author_id);
    if (query.changed_since) set(":since", *query.changed_since);
  };
  // The newest matches, ranked: a headline match counts most, then the
  // standfirst and Quick Looks, the keywords, the body.
  struct Ranked {
    double rank;
    std::int64_t id;
  };
  std::vector<Ranked> ranked;
  {
    LEDE_TRY(auto candidates, db.Prepare(
        "SELECT a.id, ts_rank('{0.1, 0.3, 0.6, 1.0}', s.document, q.query) FROM (SELECT " + tsquery +
        " AS query) q, article_search s JOIN articles a ON a.id = s.article_id "
        "WHERE s.document @@ q.query AND " + std::string(sql::kVisible) + filters +
        "ORDER BY a.published_at DESC, a.id DESC LIMIT :cap"));
    bind(*candidates);
    candidates->Bind(candidates->ParameterIndex(":cap"), kSearchCandidates + 1);
    while (true) {
      LEDE_TRY(bool row, candidates->Step());
      if (!row) break;
      ranked.push_back({candidates->Double(1), candidates->Int(0)});
    }
  }
  result.capped = ranked.size() > static_cast<std::size_t>(kSearchCandidates);
  if (result.capped) ranked.pop_back();
  result.total = static_cast<std::int64_t>(ranked.size());
  // Best first; among equals, the newer (the order they came in).
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.rank > b.rank; });
  const std::size_t first = std::min(ranked.size(), static_cast<std::size_t>(std::max(0, query.offset)));
  const std::size_t last = std::min(ranked.size(), first + static_cast<std::size_t>(std::clamp(query.limit, 1, 50)));
  std::vector<std::int64_t> page;
  for (std::size_t i = first; i < last; ++i) page.push_back(ranked[i].id);
  if (ranked.empty()) {
    LEDE_TRY(result.suggestion, Suggest(db, query.text, now));
  }
  LEDE_TRY(auto articles, sql::ArticlesByIds(db, page));
  // The page's marked headlines and excerpts, in one query.
  std::map<std::int64_t, SearchHit> marked;
  if (!page.empty()) {
    const std::string ids = nlohmann::json(page).dump();
    LEDE_TRY(auto marks, db.Prepare(
        "SELECT a.id, ts_headline('lede_search', " + Bracketed("a.headline") + ", q.query, :headline_options), "
        "ts_headline('lede_search', " + Bracketed("a.standfirst") + " || ' ' || s.body, q.query, "
        ":snippet_options), " + Bracketed("a.standfirst") + " || ' ' || s.body, a.standfirst "
        "FROM (SELECT " + tsquery + " AS query) q, articles a "
        "JOIN article_search s ON s.article_id = a.id WHERE a.id IN (" + db.dialect().id_list(":ids") + ")"));
    bind(*marks);
    marks->Bind(marks->ParameterIndex(":headline_options"), kHeadlineOptions);
    marks->Bind(marks->ParameterIndex(":snippet_options"), kSnippetOptions);
    marks->Bind(marks->ParameterIndex(":ids"), std::string_view(ids));
    while (true) {
      LEDE_TRY(bool row, marks->Step());
      if (!row) break;
      SearchHit& hit = marked[marks->Int(0)];
      hit.headline = Marked(marks->Text(1), marks->Text(1));
      hit.snippet = Marked(marks->Text(2), marks->Text(3));
      // Without a match in the text, the excerpt is the standfirst.
      if (std::none_of(hit.snippet.parts.begin(), hit.snippet.parts.end(),
                       [](const MarkedText::Part& part) { return part.match; })) {
        hit.snippet = MarkedText{{{marks->Text(4), false}}, false, false};
      }
    }
  }
  for (auto& article : articles) {
    SearchHit hit = std::move(marked[article.id]);
    hit.article = std::move(article);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

Result<std::vector<content::Article>> PostgresStore::FindRelated(const content::Article& article,
                                                                 const std::vector<std::int64_t>& exclude,
                                                                 int limit, util::UnixSeconds now) {
  // The same rules as on SQLite (search_store.h): its rarest headline and
  // Quick Looks words and its tags that few articles carry; kept when an
  // article shares a tag or two such words; most shared first, then rank.
  using sql::related::kCounted;
  using sql::related::kTerms;
  LEDE_TRY(auto lease, pool_->Acquire());
  sql::Database& db = *lease;
  sql::ReadSnapshot snapshot(db);
  std::string text = article.headline;
  for (const auto& look : article.quick_looks) text += " " + look;
  std::vector<std::string> words;
  {
    LEDE_TRY(auto lexemes, db.Prepare(
        "SELECT lexeme FROM unnest(to_tsvector('lede_search', " + Bracketed("?1") + ")) "
        "WHERE length(lexeme) >= 3 ORDER BY length(lexeme) DESC, lexeme LIMIT ?2"));
    lexemes->Bind(1, std::string_view(text)).Bind(2, static_cast<std::int64_t>(kCounted));
    while (true) {
      LEDE_TRY(bool row, lexemes->Step());
      if (!row) break;
      words.push_back(lexemes->Text(0));
    }
  }
  std::int64_t indexed = 0;
  {
    // Articles readers see or will: drafts are indexed for the newsroom
    // only, and say nothing of what readers' articles are about.
    LEDE_TRY(auto count, db.Prepare("SELECT COUNT(*) FROM articles WHERE status <> 'draft'"));
    LEDE_TRY(count->Step());
    indexed = count->Int(0);
  }
  const std::int64_t common_from = sql::related::CommonFrom(indexed);
  // Counting stops at common_from: a common word costs no more than a rare one.
  std::vector<std::pair<std::int64_t, std::string>> rare;
  for (const std::string& word : words) {
    LEDE_TRY(auto count, db.Prepare(
        "SELECT COUNT(*) FROM (SELECT 1 FROM article_search s JOIN articles a ON a.id = s.article_id "
        "WHERE s.document @@ to_tsquery('lede_search', quote_literal(?1)) AND a.status <> 'draft' "
        "LIMIT ?2) x"));
    count->Bind(1, std::string_view(word)).Bind(2, common_from);
    LEDE_TRY(count->Step());
    const std::int64_t documents = count->Int(0);
    if (documents >= 2 && documents < common_from) rare.emplace_back(documents, word);
  }
  std::sort(rare.begin(), rare.end());
  if (rare.size() > kTerms) rare.resize(kTerms);
  std::vector<std::int64_t> tags;
  for (const auto& tag : article.tags) {
    LEDE_TRY(auto count, db.Prepare(
        "SELECT COUNT(*) FROM (SELECT 1 FROM article_tags WHERE tag_id = ?1 LIMIT ?2) x"));
    count->Bind(1, tag.id).Bind(2, common_from);
    LEDE_TRY(count->Step());
    if (count->Int(0) < common_from) tags.push_back(tag.id);
  }
  if (rare.empty() && tags.empty()) return std::vector<content::Article>();

  std::string query_text;  // 'a' | 'b' | ...
  for (const auto& [documents, word] : rare) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    query_text += (query_text.empty() ? "" : " | ") + quoted + "'";
  }
  const std::string tag_list = nlohmann::json(tags).dump();
  std::vector<std::int64_t> skip = exclude;
  skip.push_back(article.id);
  const std::string skip_list = nlohmann::json(skip).dump();
  // Each candidate's shared words: the rare words its document holds.
  std::string shared_words = "0";
  for (std::size_t i = 0; i < rare.size(); ++i) {
    shared_words += fmt::format(" + (s.document @@ to_tsquery('lede_search', quote_literal(:w{})))::int", i);
  }
  LEDE_TRY(auto candidates, db.Prepare(
      "SELECT a.id, " + shared_words + ", (SELECT COUNT(*) FROM article_tags x WHERE x.article_id = a.id "
      "AND x.tag_id IN (" + db.dialect().id_list(":tags") + ")), "
      "ts_rank(s.document, to_tsquery('lede_search', :query)) "
      "FROM article_search s JOIN articles a ON a.id = s.article_id "
      "WHERE " + std::string(sql::kVisible) + "AND a.id NOT IN (" + db.dialect().id_list(":skip") + ") "
      "AND ((:query <> '' AND s.document @@ to_tsquery('lede_search', :query)) OR EXISTS (SELECT 1 FROM "
      "article_tags x WHERE x.article_id = a.id AND x.tag_id IN (" + db.dialect().id_list(":tags") + "))) "
      "ORDER BY a.published_at DESC, a.id DESC LIMIT :cap"));
  for (std::size_t i = 0; i < rare.size(); ++i) {
    candidates->Bind(candidates->ParameterIndex(fmt::format(":w{}", i)), std::string_view(rare[i].second));
  }
  candidates->Bind(candidates->ParameterIndex(":tags"), std::string_view(tag_list));
  candidates->Bind(candidates->ParameterIndex(":query"), std::string_view(query_text));
  candidates->Bind(candidates->ParameterIndex(":now"), now);
  candidates->Bind(candidates->ParameterIndex(":skip"), std::string_view(skip_list));
  candidates->Bind(candidates->ParameterIndex(":cap"), sql::related::kCandidates);
  struct Kept {
    std::int64_t shared;
    double rank;
    std::int64_t id;
  };
  std::vector<Kept> kept;
  while (true) {
    LEDE_TRY(bool row, candidates->Step());
    if (!row) break;
    const std::int64_t words_shared = candidates->Int(1), tags_shared = candidates->Int(2);
    if (words_shared < 2 && tags_shared < 1) continue;
    kept.push_back({words_shared + tags_shared, candidates->Double(3), candidates->Int(0)});
  }
  candidates->Reset();
  std::sort(kept.begin(), kept.end(), [](const Kept& x, const Kept& y) {
    if (x.shared != y.shared) return x.shared > y.shared;
    return x.rank != y.rank ? x.rank > y.rank : x.id > y.id;
  });
  std::vector<std::int64_t> best;
  for (const Kept& candidate : kept) {
    if (static_cast<int>(best.size()) >= std::clamp(limit, 1, 20)) break;
    best.push_back(candidate.id);
  }
  return sql::ArticlesByIds(db, best, /*with_bodies=*/false);  // shown as cards
}

}  // namespace lede::store::postgres
