// Saving articles: one transaction for the article, its relations, its
// version check, its revision and its redirect.
#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/sql/database.h"
#include "store/safe_html_storage.h"
#include "store/sql/rows.h"

namespace lede::store::sql {

using content::Article;

namespace {

std::string Snapshot(const Article& article) {
  nlohmann::json snapshot{{"headline", article.headline},     {"slug", article.slug},
                          {"standfirst", article.standfirst}, {"body", article.body_markdown},
                          {"quick_looks", article.quick_looks}, {"dateline", article.dateline},
                          {"edition", article.edition},       {"correction", article.correction}};
  nlohmann::json tags = nlohmann::json::array(), authors = nlohmann::json::array();
  for (const auto& tag : article.tags) tags.push_back(tag.name);
  for (const auto& author : article.authors) authors.push_back(author.slug);
  nlohmann::json placement{{"section", article.section.slug}, {"tags", tags}, {"authors", authors},
                           {"top_story", article.top_story}};
  if (article.lead_image) {
    placement["lead_image"] = {{"media_id", article.lead_image->media_id},
                               {"caption", article.lead_image->caption},
                               {"credit", article.lead_image->credit},
                               {"alt", article.lead_image->alt}};
  }
  placement["status"] = content::ArticleStatusName(article.status);
  if (article.published_at) placement["published_at"] = *article.published_at;
  snapshot["placement"] = std::move(placement);
  return snapshot.dump();
}

RevisionText ReadSnapshot(std::string_view json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  RevisionText text;
  if (!parsed.is_object()) return text;
  text.headline = parsed.value("headline", "");
  text.slug = parsed.value("slug", "");
  text.standfirst = parsed.value("standfirst", "");
  text.body = parsed.value("body", "");
  text.quick_looks = parsed.value("quick_looks", std::vector<std::string>{});
  text.dateline = parsed.value("dateline", "");
  text.edition = parsed.value("edition", "");
  text.correction = parsed.value("correction", "");
  if (const auto placement = parsed.find("placement"); placement != parsed.end() && placement->is_object()) {
    RevisionText::Placement where;
    where.section = placement->value("section", "");
    where.tags = placement->value("tags", std::vector<std::string>{});
    where.authors = placement->value("authors", std::vector<std::string>{});
    where.top_story = placement->value("top_story", false);
    if (const auto lead = placement->find("lead_image"); lead != placement->end() && lead->is_object()) {
      where.lead_media_id = lead->value("media_id", std::int64_t{0});
      where.lead_caption = lead->value("caption", "");
      where.lead_credit = lead->value("credit", "");
      where.lead_alt = lead->value("alt", "");
    }
    if (const auto status = placement->find("status"); status != placement->end() && status->is_string()) {
      where.status = status->get<std::string>();
    }
    if (const auto at = placement->find("published_at"); at != placement->end() && at->is_number_integer()) {
      where.published_at = at->get<std::int64_t>();
    }
    text.placement = std::move(where);
  }
  return text;
}

constexpr std::string_view kRevisionSelect =
    "SELECT v.id, v.article_id, v.version, v.user_id, COALESCE(u.name, ''), v.created_at, "
    "v.snapshot FROM revisions v LEFT JOIN users u ON u.id = v.user_id ";

Revision ReadRevisionRow(const Statement& row) {
  return Revision{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Int(5),
                  ReadSnapshot(row.Text(6))};
}

}  // namespace

Result<Article> SqlStore::CreateArticle(Article article, const ArticleEdit& edit) {
  return SaveArticle(std::move(article), edit, /*create=*/true);
}

Result<Article> SqlStore::UpdateArticle(Article article, const ArticleEdit& edit) {
  return SaveArticle(std::move(article), edit, /*create=*/false);
}

Result<Article> SqlStore::SaveArticle(Article article, const ArticleEdit& edit, bool create) {
  LEDE_TRY(content::Validate(article));
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  constexpr std::string_view kInsert =
      "INSERT INTO articles (slug, headline, standfirst, body_markdown, body_html, "
      "section_id, dateline, edition, top_story, lead_media_id, lead_caption, "
      "lead_credit, lead_alt, status, published_at, updated_at, created_at, correction, "
      "body_format, trashed_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?20, ?22, ?23) RETURNING id";
  constexpr std::string_view kUpdate =
      "UPDATE articles SET slug = ?1, headline = ?2, standfirst = ?3, "
      "body_markdown = ?4, body_html = ?5, section_id = ?6, dateline = ?7, "
      "edition = ?8, top_story = ?9, lead_media_id = ?10, lead_caption = ?11, "
      "lead_credit = ?12, lead_alt = ?13, status = ?14, published_at = ?15, "
      "updated_at = ?16, created_at = ?17, correction = ?18, body_format = ?20, "
      "trashed_at = ?22, version = version + 1 "
      "WHERE id = ?19 AND (?21 IS NULL OR version = ?21)";
  LEDE_TRY(auto write, db->Prepare(create ? kInsert : kUpdate));
  if (create) {
    write->Bind(23, article.created_by);
  } else {
    write->Bind(19, article.id).Bind(21, edit.expected_version);
  }
  write->Bind(22, article.trashed_at);
  const auto& lead = article.lead_image;
  write->Bind(1, article.slug).Bind(2, article.headline).Bind(3, article.standfirst)
      .Bind(4, article.body_markdown).Bind(5, article.body_html.view())
      .Bind(6, article.section_id).Bind(7, article.dateline).Bind(8, article.edition)
      .Bind(9, article.top_story ? 1 : 0)
      .Bind(10, lead ? std::optional<std::int64_t>(lead->media_id) : std::nullopt)
      .Bind(11, lead ? lead->caption : "").Bind(12, lead ? lead->credit : "")
      .Bind(13, lead ? lead->alt : "")
      .Bind(14, content::ArticleStatusName(article.status))
      .Bind(15, article.published_at).Bind(16, article.updated_at)
      .Bind(17, article.created_at).Bind(18, article.correction)
      .Bind(20, article.body_format == content::BodyFormat::kHtml ? "html" : "markdown");
  if (auto status = write->Run(); !status) {
    const auto& error = status.error();
    if (error.code == ErrorCode::kConflict &&
        error.message.find("UNIQUE") != std::string::npos) {
      return MakeError(ErrorCode::kConflict, "another article already uses that slug", "slug");
    }
    if (error.code == ErrorCode::kConflict) {
      return InvalidArgument("the section or lead image does not exist", "section");
    }
    return tl::unexpected(error);
  }
  if (create) {
    article.id = write->TakeId();
  } else if (write->Changes() == 0) {
    LEDE_TRY(auto exists, db->Prepare("SELECT version FROM articles WHERE id = ?1"));
    exists->Bind(1, article.id);
    LEDE_TRY(bool found, exists->Step());
    if (!found) return NotFound(fmt::format("no article {}", article.id));
    return MakeError(ErrorCode::kConflict,
                     fmt::format("the article changed since you opened it (version {} is saved, "
                                 "you started from {})",
                                 exists->Int(0), edit.expected_version.value_or(0)),
                     "version");
  }

  // Relations are replaced wholesale: simpler than diffing, and the
  // transaction makes it atomic. A new article has none yet.
  if (!create) {
    for (std::string_view table : {"article_quick_looks", "article_tags", "article_authors"}) {
      LEDE_TRY(auto clear, db->Prepare(fmt::format("DELETE FROM {} WHERE article_id = ?1", table)));
      LEDE_TRY(clear->Bind(1, article.id).Run());
    }
  }
  LEDE_TRY(auto look, db->Prepare(
      "INSERT INTO article_quick_looks (article_id, position, text) VALUES (?1, ?2, ?3)"));
  for (std::size_t i = 0; i < article.quick_looks.size(); ++i) {
    look->Reset();
    LEDE_TRY(look->Bind(1, article.id).Bind(2, static_cast<std::int64_t>(i))
                 .Bind(3, article.quick_looks[i]).Run());
  }
  auto link_all = [&](std::string_view sql, const std::vector<std::int64_t>& ids,
                      std::string_view field) -> Status {
    LEDE_TRY(auto link, db->Prepare(sql));
    for (std::size_t i = 0; i < ids.size(); ++i) {
      link->Reset();
      if (auto status = link->Bind(1, article.id).Bind(2, ids[i])
                            .Bind(3, static_cast<std::int64_t>(i)).Bind(4, article.published_at).Run();
          !status) {
        return InvalidArgument(fmt::format("unknown or repeated {} {}", field, ids[i]),
                               std::string(field));
      }
    }
    return {};
  };
  // Links carry the article's time: tag and author listings are read from
  // their indexes in that order (migration 016).
  LEDE_TRY(link_all("INSERT INTO article_tags (article_id, tag_id, position, published_at) "
                    "VALUES (?1, ?2, ?3, ?4)",
                    article.tag_ids, "tag"));
  LEDE_TRY(link_all("INSERT INTO article_authors (article_id, author_id, position, published_at) "
                    "VALUES (?1, ?2, ?3, ?4)",
                    article.author_ids, "author"));
  LEDE_TRY(IndexArticle(*db, article.id));
  LEDE_TRY(auto reread, db->Prepare(std::string(kArticleSelect) + "WHERE a.id = ?1"));
  reread->Bind(1, article.id);
  LEDE_TRY(auto stored, FirstArticle(*db, *reread));
  if (!stored) return NotFound(fmt::format("no article {}", article.id));
  if (edit.keep_revision) {
    LEDE_TRY(auto revision, db->Prepare(
        "INSERT INTO revisions (article_id, version, user_id, created_at, snapshot) "
        "VALUES (?1, ?2, ?3, ?4, ?5)"));
    LEDE_TRY(revision->Bind(1, stored->id).Bind(2, stored->version).Bind(3, edit.user_id)
                 .Bind(4, edit.now).Bind(5, Snapshot(*stored)).Run());
  }
  if (const std::string path = content::ArticlePath(*stored);
      edit.redirect_from && *edit.redirect_from != path) {
    const std::string from[] = {*edit.redirect_from};
    LEDE_TRY(WriteRedirects(*db, from, path, edit.now));
  }
  LEDE_TRY(transaction.Commit());
  return std::move(*stored);
}

Result<std::vector<Revision>> SqlStore::ListRevisions(std::int64_t article_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kRevisionSelect) +
                                   "WHERE v.article_id = ?1 ORDER BY v.id DESC"));
  query->Bind(1, article_id);
  std::vector<Revision> revisions;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    revisions.push_back(ReadRevisionRow(*query));
  }
  return revisions;
}

Result<Revision> SqlStore::FindRevision(std::int64_t id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kRevisionSelect) + "WHERE v.id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no revision {}", id));
  return ReadRevisionRow(*query);
}

Result<ArticleList> SqlStore::ListForNewsroom(const NewsroomQuery& query) {
  const std::string id_list = query.ids ? nlohmann::json(*query.ids).dump() : std::string();
  // Filters are bound, never spliced; an unused one is NULL and matches all.
  // Numbered parameters first, named ones after them in the text: the two
  // engines number named parameters differently otherwise.
  LEDE_TRY(auto db, pool_->Acquire());
  std::string where = "WHERE (?1 IS NULL OR a.section_id = ?1) "
                      "AND (?2 IS NULL OR EXISTS (SELECT 1 FROM article_authors x "
                      "WHERE x.article_id = a.id AND x.author_id = ?2)) "
                      "AND (?3 = '' OR " + db->dialect().contains("a.headline", "?3") + ") "
                      "AND (:owner IS NULL OR a.created_by = :owner OR EXISTS (SELECT 1 FROM "
                      "article_authors y WHERE y.article_id = a.id AND y.author_id = :byline)) ";
  if (query.ids) where += "AND a.id IN (" + db->dialect().id_list(":ids") + ") ";
  switch (query.status) {
    case NewsroomStatus::kAny: where += "AND a.trashed_at IS NULL "; break;
    case NewsroomStatus::kDraft: where += "AND a.trashed_at IS NULL AND a.status = 'draft' "; break;
    case NewsroomStatus::kScheduled:
      where += "AND a.status = 'scheduled' AND a.published_at > :now ";
      break;
    case NewsroomStatus::kPublished:
      where += "AND (a.status = 'published' OR (a.status = 'scheduled' AND a.published_at <= :now)) ";
      break;
    case NewsroomStatus::kTrash: where += "AND a.trashed_at IS NOT NULL "; break;
  }
  auto bind = [&](Statement& statement) {
    statement.Bind(1, query.section_id).Bind(2, query.author_id).Bind(3, query.headline_contains)
        .Bind(statement.ParameterIndex(":owner"), query.owned_by_user)
        .Bind(statement.ParameterIndex(":byline"), query.owned_by_author.value_or(0));
    if (const int now = statement.ParameterIndex(":now")) statement.Bind(now, query.now);
    if (query.ids) statement.Bind(statement.ParameterIndex(":ids"), std::string_view(id_list));
  };
  LEDE_TRY(auto count, db->Prepare("SELECT COUNT(*) FROM articles a " + where));
  bind(*count);
  LEDE_TRY(count->Step());
  ArticleList list;
  list.total = count->Int(0);
  count->Reset();
  LEDE_TRY(auto page, db->Prepare(std::string(kArticleSelect) + where +
                                  "ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC "
                                  "LIMIT :limit OFFSET :offset"));
  bind(*page);
  // Named, as the filters are: SQLite numbers a named parameter after the
  // highest number it has read so far, so numbered ones after it collide.
  page->Bind(page->ParameterIndex(":limit"), std::clamp(query.limit, 1, 100))
      .Bind(page->ParameterIndex(":offset"), std::max(0, query.offset));
  LEDE_TRY(list.articles, CollectArticles(*db, *page));
  return list;
}

}  // namespace lede::store::sql
