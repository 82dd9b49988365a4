// Keeping article_search in line with the articles: one article as it is
// saved, or every article at once after lede migrate copied them in.
#include "store/postgres/search_index.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "store/sql/search_text.h"

namespace lede::store::postgres {

std::string Bracketed(std::string_view column) {
  return fmt::format("translate({}, '<>', E'\\uE000\\uE001')", column);
}

namespace {

// An article's id and its body as plain text (sql::SearchTextOf: the HTML
// is read here, not in SQL).
using Document = std::pair<std::int64_t, std::string>;

// Writes the article_search rows of `documents`, in one statement.
Status WriteDocuments(sql::Database& db, const std::vector<Document>& documents) {
  if (documents.empty()) return {};
  std::string values;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    values += fmt::format("{}(?{}::bigint, ?{}::text)", i ? ", " : "", 2 * i + 1, 2 * i + 2);
  }
  // Weights: A the headline; B the standfirst and Quick Looks; C the
  // keywords (dateline, tags, bylines); D the body.
  LEDE_TRY(auto write, db.Prepare(
      "INSERT INTO article_search (article_id, document, body) "
      "SELECT a.id, "
      "setweight(to_tsvector('lede_search', " + Bracketed("a.headline") + "), 'A') || "
      "setweight(to_tsvector('lede_search', " + Bracketed("a.standfirst || ' ' || COALESCE((SELECT "
      "string_agg(q.text, ' ' ORDER BY q.position) FROM article_quick_looks q "
      "WHERE q.article_id = a.id), '')") + "), 'B') || "
      "setweight(to_tsvector('lede_search', " + Bracketed("a.dateline || ' ' || COALESCE((SELECT "
      "string_agg(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id "
      "WHERE x.article_id = a.id), '') || ' ' || COALESCE((SELECT string_agg(w.name, ' ') "
      "FROM article_authors x JOIN authors w ON w.id = x.author_id WHERE x.article_id = a.id), "
      "'')") + "), 'C') || "
      "setweight(to_tsvector('lede_search', " + Bracketed("v.body") + "), 'D'), " + Bracketed("v.body") + " "
      "FROM (VALUES " + values + ") v (id, body) JOIN articles a ON a.id = v.id "
      "ON CONFLICT (article_id) DO UPDATE SET document = excluded.document, body = excluded.body"));
  for (std::size_t i = 0; i < documents.size(); ++i) {
    write->Bind(static_cast<int>(2 * i + 1), documents[i].first);
    write->Bind(static_cast<int>(2 * i + 2), std::string_view(documents[i].second));
  }
  return write->Run();
}

// The indexed words, whole (lede_words: the index itself holds stems),
// join the vocabulary suggestions and prefixes are drawn from: those of
// the rows the condition put in its {} keeps (every row without one).
constexpr std::string_view kVocabulary =
    "INSERT INTO search_vocabulary (term) SELECT DISTINCT lexeme FROM article_search s "
    "JOIN articles a ON a.id = s.article_id, unnest(to_tsvector('lede_words', "
    "translate(a.headline || ' ' || a.standfirst, '<>', E'\\uE000\\uE001') || ' ' || s.body)) "
    "WHERE {} length(lexeme) BETWEEN 3 AND 40 ON CONFLICT (term) DO NOTHING";

}  // namespace

Status PostgresStore::IndexArticle(sql::Database& db, std::int64_t article_id) {
  std::string body;
  {
    // Every article, drafts and the trash too: the newsroom searches them
    // all; readers' searches keep to what they may see.
    LEDE_TRY(auto row, db.Prepare("SELECT body_html FROM articles WHERE id = ?1"));
    row->Bind(1, article_id);
    LEDE_TRY(bool indexed, row->Step());
    if (!indexed) {
      row->Reset();
      LEDE_TRY(auto remove, db.Prepare("DELETE FROM article_search WHERE article_id = ?1"));
      return remove->Bind(1, article_id).Run();
    }
    body = sql::SearchTextOf(row->Text(0), /*is_html=*/true);
  }
  LEDE_TRY(WriteDocuments(db, {{article_id, std::move(body)}}));
  LEDE_TRY(auto vocabulary, db.Prepare(fmt::format(kVocabulary, "s.article_id = ?1 AND")));
  return vocabulary->Bind(1, article_id).Run();
}

// A hundred articles a statement and the vocabulary once, where one
// article at a time took three statements each (bench/RESULTS.md); what
// remains is PostgreSQL making the tsvectors.
Status PostgresStore::IndexAll(sql::Database& db) {
  // The tables were just filled: without statistics PostgreSQL plans each
  // page's join as if they were empty and scans every article for it, a
  // copy quadratic in the size of the site (354 s at 100,000 articles).
  LEDE_TRY(db.Exec("ANALYZE"));
  constexpr int kPerStatement = 100;
  for (std::int64_t after = 0;;) {
    std::vector<Document> documents;
    {
      LEDE_TRY(auto page, db.Prepare("SELECT id, body_html FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2"));
      page->Bind(1, after).Bind(2, kPerStatement);
      while (true) {
        LEDE_TRY(bool more, page->Step());
        if (!more) break;
        documents.emplace_back(page->Int(0), sql::SearchTextOf(page->Text(1), /*is_html=*/true));
      }
    }
    if (documents.empty()) break;
    LEDE_TRY(WriteDocuments(db, documents));
    after = documents.back().first;
  }
  LEDE_TRY(auto vocabulary, db.Prepare(fmt::format(kVocabulary, "")));
  return vocabulary->Run();
}

}  // namespace lede::store::postgres
