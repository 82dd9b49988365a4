// Search on PostgreSQL: the reader's words through websearch_to_tsquery
// (quoted phrases as phrases, never an error on what they type), the last
// word also as a prefix from three letters, the newest kSearchCandidates
// matches ranked by ts_rank with the index's weights, excerpts by
// ts_headline.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sql/rows.h"

namespace lede::store::postgres {
namespace {

// ts_headline's markers around a match: characters no indexed text holds
// (sql::SearchTextOf makes control characters spaces).
constexpr char kStart = '\x01';
constexpr char kStop = '\x02';
constexpr std::string_view kHeadlineOptions = "HighlightAll=true, StartSel=\x01, StopSel=\x02";
constexpr std::string_view kSnippetOptions = "MaxWords=30, MinWords=12, StartSel=\x01, StopSel=\x02";

struct Words {
  std::string rest;    // for websearch_to_tsquery
  std::string prefix;  // a to_tsquery prefix term ('word':*), or ""
};

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// Splits off the last word as a prefix when it is a bare word (not quoted,
// not negated) of three letters or more.
Words SplitWords(std::string_view text) {
  Words words{std::string(text), ""};
  std::size_t end = text.size();
  while (end > 0 && !IsWordByte(text[end - 1])) {
    if (text[end - 1] == '"') return words;  // ends in a quoted phrase
    --end;
  }
  std::size_t start = end;
  while (start > 0 && IsWordByte(text[start - 1])) --start;
  if (end - start < 3) return words;
  if (start > 0 && text[start - 1] == '-') return words;
  if (std::count(text.begin(), text.begin() + static_cast<long>(start), '"') % 2 == 1) return words;
  std::string word(text.substr(start, end - start));
  words.rest = std::string(text.substr(0, start));
  words.prefix = "'" + word + "':*";  // only letters and digits: nothing to quote
  return words;
}

std::string QueryExpression(const Words& words) {
  const bool rest = std::any_of(words.rest.begin(), words.rest.end(), IsWordByte);
  if (rest && !words.prefix.empty()) {
    return "(websearch_to_tsquery('lede_search', :rest) && to_tsquery('lede_search', :prefix))";
  }
  if (!words.prefix.empty()) return "to_tsquery('lede_search', :prefix)";
  return "websearch_to_tsquery('lede_search', :rest)";
}

MarkedText Marked(std::string_view text, std::string_view source) {
  MarkedText marked;
  std::string plain;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool match = text[i] == kStart;
    if (match) ++i;
    const std::size_t stop = text.find(match ? kStop : kStart, i);
    const std::string_view part = text.substr(i, stop == std::string_view::npos ? text.npos : stop - i);
    if (!part.empty()) {
      marked.parts.push_back({std::string(part), match});
      plain += part;
    }
    i = stop == std::string_view::npos ? text.size() : stop + (match ? 1 : 0);
  }
  const std::string_view trimmed = source.substr(0, std::min<std::size_t>(source.size(), 12));
  marked.elided_before = !plain.empty() && plain.find(trimmed.substr(0, std::min(trimmed.size(), plain.size()))) != 0;
  const std::size_t tail = std::min<std::size_t>({source.size(), plain.size(), 12});
  marked.elided_after = source.substr(source.size() - tail) != std::string_view(plain).substr(plain.size() - tail);
  return marked;
}

}  // namespace

Result<SearchResult> PostgresStore::Search(const SearchQuery& query, util::UnixSeconds now) {
  if (query.text.size() > kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search is at most {} characters", kMaxSearchQueryLength), "q");
  }
  SearchResult result;
  if (!std::any_of(query.text.begin(), query.text.end(), IsWordByte)) {
    result.empty = true;
    return result;
  }
  const Words words = SplitWords(query.text);
  const std::string tsquery = QueryExpression(words);
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
  const auto bind = [&](sql::Statement& statement) {
    const auto set = [&](const char* name, auto value) {
      if (const int index = statement.ParameterIndex(name); index > 0) statement.Bind(index, value);
    };
    set(":rest", std::string_view(words.rest));
    set(":prefix", std::string_view(words.prefix));
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
  LEDE_TRY(auto articles, sql::ArticlesByIds(db, page));
  for (auto& article : articles) {
    LEDE_TRY(auto marks, db.Prepare(
        "SELECT ts_headline('lede_search', a.headline, q.query, :headline_options), "
        "ts_headline('lede_search', a.standfirst || ' ' || s.body, q.query, :snippet_options), "
        "a.standfirst || ' ' || s.body FROM (SELECT " + tsquery + " AS query) q, articles a "
        "JOIN article_search s ON s.article_id = a.id WHERE a.id = :id"));
    bind(*marks);
    marks->Bind(marks->ParameterIndex(":headline_options"), kHeadlineOptions);
    marks->Bind(marks->ParameterIndex(":snippet_options"), kSnippetOptions);
    marks->Bind(marks->ParameterIndex(":id"), article.id);
    LEDE_TRY(bool found, marks->Step());
    SearchHit hit;
    if (found) {
      hit.headline = Marked(marks->Text(0), article.headline);
      hit.snippet = Marked(marks->Text(1), marks->Text(2));
    }
    hit.article = std::move(article);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

Result<std::vector<content::Article>> PostgresStore::FindRelated(const content::Article& article,
                                                                 const std::vector<std::int64_t>& exclude,
                                                                 int limit, util::UnixSeconds now) {
  // Articles sharing the most of its tags, then its headline's words,
  // among the newest hundred that share any.
  std::vector<std::int64_t> skip = exclude;
  skip.push_back(article.id);
  LEDE_TRY(auto lease, pool_->Acquire());
  sql::Database& db = *lease;
  std::string words;
  for (char c : article.headline + " " + article.standfirst) {
    words += IsWordByte(c) ? c : ' ';
  }
  LEDE_TRY(auto query, db.Prepare(
      "SELECT a.id FROM articles a JOIN article_search s ON s.article_id = a.id, "
      "(SELECT replace(plainto_tsquery('lede_search', :words)::text, '&', '|')::tsquery AS query) q "
      "WHERE " + std::string(sql::kVisible) +
      "AND a.id NOT IN (" + db.dialect().id_list(":skip") + ") "
      "AND (s.document @@ q.query OR EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id "
      "AND x.tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = :article))) "
      "ORDER BY (SELECT COUNT(*) FROM article_tags x WHERE x.article_id = a.id "
      "AND x.tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = :article)) DESC, "
      "ts_rank(s.document, q.query) DESC, a.published_at DESC LIMIT :limit"));
  query->Bind(query->ParameterIndex(":words"), std::string_view(words));
  query->Bind(query->ParameterIndex(":now"), now);
  std::string skip_list = "[";
  for (std::size_t i = 0; i < skip.size(); ++i) skip_list += (i ? "," : "") + std::to_string(skip[i]);
  skip_list += "]";
  query->Bind(query->ParameterIndex(":skip"), std::string_view(skip_list));
  query->Bind(query->ParameterIndex(":article"), article.id);
  query->Bind(query->ParameterIndex(":limit"), std::clamp(limit, 1, 20));
  std::vector<std::int64_t> ids;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    ids.push_back(query->Int(0));
  }
  query->Reset();
  return sql::ArticlesByIds(db, ids, /*with_bodies=*/false);
}

}  // namespace lede::store::postgres
