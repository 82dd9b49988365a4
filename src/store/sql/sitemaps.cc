// The sitemap half of SqlStore: lean rows over the visible-articles
// index.
#include <nlohmann/json.hpp>

#include "store/sql/database.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace lede::store::sql {

Result<std::vector<SitemapMonth>> SqlStore::ListSitemapMonths(util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  const sql::Dialect& dialect = db->dialect();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT " + dialect.year_of("a.published_at") + ", " + dialect.month_of("a.published_at") +
      ", COUNT(*), MAX(" + dialect.greatest("a.published_at", "COALESCE(a.updated_at, 0)") +
      ") FROM articles a " + dialect.indexed_by("articles_sitemap") + "WHERE " +
      std::string(kVisible) + "GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC"));
  query->Bind(query->ParameterIndex(":now"), now);
  std::vector<SitemapMonth> months;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    months.push_back({static_cast<int>(query->Int(0)), static_cast<int>(query->Int(1)), query->Int(2),
                      query->Int(3)});
  }
  return months;
}

Result<std::vector<SitemapArticle>> SqlStore::ListSitemapArticles(util::UnixSeconds from,
                                                                     util::UnixSeconds to,
                                                                     util::UnixSeconds now, int limit,
                                                                     int offset) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT s.slug, a.slug, a.headline, a.published_at, " +
      db->dialect().greatest("a.published_at", "COALESCE(a.updated_at, 0)") +
      ", m.path, m.widths, m.source_url "
      "FROM articles a JOIN sections s ON s.id = a.section_id "
      "LEFT JOIN media m ON m.id = a.lead_media_id WHERE " +
      std::string(kVisible) +
      "AND a.published_at >= :from AND a.published_at < :to "
      "ORDER BY a.published_at, a.id LIMIT :limit OFFSET :offset"));
  const auto bind = [&](const char* name, std::int64_t value) {
    query->Bind(query->ParameterIndex(name), value);
  };
  bind(":now", now);
  bind(":from", from);
  bind(":to", to);
  bind(":limit", limit);
  bind(":offset", offset);
  std::vector<SitemapArticle> articles;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    SitemapArticle article{query->Text(0), query->Text(1), query->Text(2), query->Int(3),
                           query->Int(4), std::nullopt};
    if (!query->IsNull(5)) {
      content::MediaItem image;
      image.path = query->Text(5);
      image.widths = nlohmann::json::parse(query->Text(6), nullptr, false).get<std::vector<int>>();
      image.source_url = query->Text(7);
      article.image = std::move(image);
    }
    articles.push_back(std::move(article));
  }
  return articles;
}

Result<std::vector<SitemapListing>> SqlStore::ListSitemapListings(util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  const std::string changed =
      "MAX(" + db->dialect().greatest("a.published_at", "COALESCE(a.updated_at, 0)") + ")";
  const std::string visible = std::string(kVisible);
  // From the covering index (INDEXED BY: the planner would pick the wider
  // articles_visible and read every article's row for two dates).
  const std::string articles = "FROM articles a " + db->dialect().indexed_by("articles_sitemap");
  LEDE_TRY(auto query, db->Prepare(
      "SELECT 0, s.slug, " + changed + " " + articles + "JOIN sections s ON s.id = a.section_id "
      "WHERE " + visible + "GROUP BY s.id "
      "UNION ALL SELECT 1, t.slug, " + changed + " " + articles +
      "JOIN article_tags x ON x.article_id = a.id JOIN tags t ON t.id = x.tag_id "
      "WHERE " + visible + "GROUP BY t.id "
      "UNION ALL SELECT 2, w.slug, " + changed + " " + articles +
      "JOIN article_authors x ON x.article_id = a.id JOIN authors w ON w.id = x.author_id "
      "WHERE " + visible + "GROUP BY w.id "
      "ORDER BY 1, 2"));
  query->Bind(query->ParameterIndex(":now"), now);
  std::vector<SitemapListing> listings;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    listings.push_back({static_cast<SitemapListing::Kind>(query->Int(0)), query->Text(1), query->Int(2)});
  }
  return listings;
}

}  // namespace lede::store::sql
