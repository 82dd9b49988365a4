#include "store/sql/rows.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "store/safe_html_storage.h"

namespace lede::store::sql {

using content::Article;
using content::ArticleStatus;

namespace {

// An article row's columns; `bodies` fills the two body columns.
std::string ArticleSelect(std::string_view bodies) {
  return std::string("SELECT a.id, a.slug, a.headline, a.standfirst, ") + std::string(bodies) +
         "a.section_id, a.dateline, a.edition, a.top_story, "
         "a.lead_media_id, a.lead_caption, a.lead_credit, a.lead_alt, a.status, "
         "a.published_at, a.updated_at, a.created_at, a.correction, "
         "s.name, s.slug, s.description, s.menu_order, "
         "COALESCE(r.vote_count, 0), COALESCE(r.star_sum, 0), a.body_format, "
         "a.version, a.trashed_at, a.created_by, s.in_menu "
         "FROM articles a JOIN sections s ON s.id = a.section_id "
         "LEFT JOIN article_ratings r ON r.article_id = a.id ";
}

const std::string kArticleSelectText = ArticleSelect("a.body_markdown, a.body_html, ");
// Teasers: a body is most of an article's bytes, often in overflow pages
// of its own, and a card never shows it.
const std::string kTeaserSelectText = ArticleSelect("'', '', ");

}  // namespace

const std::string_view kArticleSelect = kArticleSelectText;
const std::string_view kTeaserSelect = kTeaserSelectText;

// Visible to readers at ?now: the SQL twin of content::IsVisible.
const std::string_view kVisible =
    "a.status <> 'draft' AND a.published_at <= :now ";

content::MenuPlace MenuPlaceOf(const Statement& row, int column) {
  if (row.IsNull(column)) return content::MenuPlace::kWaiting;
  return row.Int(column) != 0 ? content::MenuPlace::kShown : content::MenuPlace::kHidden;
}

std::optional<std::int64_t> InMenuColumn(content::MenuPlace menu) {
  switch (menu) {
    case content::MenuPlace::kWaiting: return std::nullopt;
    case content::MenuPlace::kShown: return 1;
    case content::MenuPlace::kHidden: return 0;
  }
  return std::nullopt;
}

Article ReadArticleRow(const Statement& row) {
  Article article;
  article.id = row.Int(0);
  article.slug = row.Text(1);
  article.headline = row.Text(2);
  article.standfirst = row.Text(3);
  article.body_markdown = row.Text(4);
  article.body_html = SafeHtmlStorage::FromStored(row.Text(5));
  article.section_id = row.Int(6);
  article.dateline = row.Text(7);
  article.edition = row.Text(8);
  article.top_story = row.Int(9) != 0;
  if (auto media_id = row.OptionalInt(10)) {
    article.lead_image = content::LeadImage{*media_id, row.Text(11),
                                            row.Text(12), row.Text(13), {}};
  }
  article.status =
      content::ParseArticleStatus(row.Text(14)).value_or(ArticleStatus::kDraft);
  article.published_at = row.OptionalInt(15);
  article.updated_at = row.OptionalInt(16);
  article.created_at = row.Int(17);
  article.correction = row.Text(18);
  article.section = content::Section{article.section_id, row.Text(19),
                                     row.Text(20), row.Text(21),
                                     static_cast<int>(row.Int(22))};
  article.rating = {row.Int(23), row.Int(24)};
  article.body_format =
      row.Text(25) == "html" ? content::BodyFormat::kHtml : content::BodyFormat::kMarkdown;
  article.version = row.Int(26);
  article.trashed_at = row.OptionalInt(27);
  article.created_by = row.Int(28);
  article.section.menu = MenuPlaceOf(row, 29);
  return article;
}

content::MediaItem ReadMediaRow(const Statement& row) {
  content::MediaItem item;
  item.id = row.Int(0);
  item.path = row.Text(1);
  item.mime_type = row.Text(2);
  item.width = static_cast<int>(row.Int(3));
  item.height = static_cast<int>(row.Int(4));
  item.widths = nlohmann::json::parse(row.Text(5), nullptr, false)
                    .get<std::vector<int>>();
  item.alt = row.Text(6);
  item.caption = row.Text(7);
  item.credit = row.Text(8);
  item.created_at = row.Int(9);
  item.source_url = row.Text(10);
  item.original = row.Text(11);
  item.webp = row.Int(12) != 0;
  item.crops = row.Int(13) != 0;
  if (auto x = row.OptionalInt(14)) item.focal_x = static_cast<int>(*x);
  if (auto y = row.OptionalInt(15)) item.focal_y = static_cast<int>(*y);
  item.original_width = static_cast<int>(row.Int(16));
  item.original_height = static_cast<int>(row.Int(17));
  return item;
}

const std::string_view kMediaSelect =
    "SELECT id, path, mime_type, width, height, widths, alt, caption, credit, "
    "created_at, source_url, original, webp, crops, focal_x, focal_y, original_width, "
    "original_height FROM media ";

Result<content::MediaItem> LoadMedia(Database& db, std::int64_t id) {
  LEDE_TRY(auto query, db.Prepare(std::string(kMediaSelect) + "WHERE id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no media item {}", id));
  return ReadMediaRow(*query);
}

// Fills what the article rows do not hold: Quick Looks, tags, authors and
// the lead images' media items. Four queries for the whole list (one more
// with images), whatever its length: a listing page shows dozens.
Status LoadRelations(Database& db, std::vector<Article>& articles, bool teasers) {
  if (articles.empty()) return {};
  std::unordered_map<std::int64_t, Article*> by_id;
  nlohmann::json ids = nlohmann::json::array();
  nlohmann::json media_ids = nlohmann::json::array();
  for (auto& article : articles) {
    by_id.emplace(article.id, &article);
    ids.push_back(article.id);
    if (article.lead_image) media_ids.push_back(article.lead_image->media_id);
  }
  const std::string id_list = ids.dump();
  const std::string ids_in = db.dialect().id_list("?1");
  // Each query's rows in the list's articles, in their own order.
  const auto each_row = [&](const std::string& sql, const std::string& list,
                            const auto& take) -> Status {
    LEDE_TRY(auto query, db.Prepare(std::string(sql)));
    query->Bind(1, std::string_view(list));
    while (true) {
      LEDE_TRY(bool row, query->Step());
      if (!row) return {};
      take(*query);
    }
  };
  // A teaser shows its picture, not its Quick Looks, tags or byline.
  if (!teasers) {
  LEDE_TRY(each_row(
      "SELECT article_id, text FROM article_quick_looks "
      "WHERE article_id IN (" + ids_in + ") ORDER BY article_id, position",
      id_list, [&](const Statement& row) { by_id[row.Int(0)]->quick_looks.push_back(row.Text(1)); }));
  LEDE_TRY(each_row(
      "SELECT x.article_id, t.id, t.name, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id "
      "WHERE x.article_id IN (" + ids_in + ") ORDER BY x.article_id, x.position",
      id_list, [&](const Statement& row) {
        Article& article = *by_id[row.Int(0)];
        article.tags.push_back({row.Int(1), row.Text(2), row.Text(3)});
        article.tag_ids.push_back(row.Int(1));
      }));
  LEDE_TRY(each_row(
      "SELECT x.article_id, p.id, p.name, p.slug, p.bio FROM article_authors x "
      "JOIN authors p ON p.id = x.author_id "
      "WHERE x.article_id IN (" + ids_in + ") ORDER BY x.article_id, x.position",
      id_list, [&](const Statement& row) {
        Article& article = *by_id[row.Int(0)];
        article.authors.push_back({row.Int(1), row.Text(2), row.Text(3), row.Text(4)});
        article.author_ids.push_back(row.Int(1));
      }));
  }
  if (media_ids.empty()) return {};
  std::unordered_map<std::int64_t, content::MediaItem> media;
  LEDE_TRY(each_row(std::string(kMediaSelect) + "WHERE id IN (" + ids_in + ")",
                    media_ids.dump(), [&](const Statement& row) {
                      auto item = ReadMediaRow(row);
                      media.emplace(item.id, std::move(item));
                    }));
  for (auto& article : articles) {
    if (!article.lead_image) continue;
    const auto found = media.find(article.lead_image->media_id);
    if (found == media.end()) return NotFound(fmt::format("no media item {}", article.lead_image->media_id));
    article.lead_image->media = found->second;
  }
  return {};
}

Result<std::vector<Article>> ArticlesByIds(Database& db, const std::vector<std::int64_t>& ids,
                                           bool with_bodies) {
  if (ids.empty()) return std::vector<Article>();
  LEDE_TRY(auto query, db.Prepare(std::string(with_bodies ? kArticleSelect : kTeaserSelect) +
                                  "WHERE a.id IN (" + db.dialect().id_list("?1") + ")"));
  query->Bind(1, std::string_view(nlohmann::json(ids).dump()));
  LEDE_TRY(auto found, CollectArticles(db, *query, /*teasers=*/!with_bodies));
  std::unordered_map<std::int64_t, Article*> by_id;
  for (auto& article : found) by_id.emplace(article.id, &article);
  std::vector<Article> ordered;
  for (const std::int64_t id : ids) {
    if (auto it = by_id.find(id); it != by_id.end()) ordered.push_back(std::move(*it->second));
  }
  return ordered;
}

// Runs a query of kArticleSelect rows and loads each article's relations.
Result<std::vector<Article>> CollectArticles(Database& db, Statement& query, bool teasers) {
  std::vector<Article> articles;
  while (true) {
    LEDE_TRY(bool row, query.Step());
    if (!row) break;
    articles.push_back(ReadArticleRow(query));
  }
  query.Reset();
  LEDE_TRY(LoadRelations(db, articles, teasers));
  return articles;
}

Result<std::optional<Article>> FirstArticle(Database& db, Statement& query, bool teasers) {
  LEDE_TRY(auto articles, CollectArticles(db, query, teasers));
  if (articles.empty()) return std::optional<Article>();
  return std::optional<Article>(std::move(articles.front()));
}

std::string ConflictMessage(const Error& error, std::string_view what) {
  return error.code == ErrorCode::kConflict
             ? fmt::format("that {} is already taken", what)
             : error.message;
}

}  // namespace lede::store::sql
