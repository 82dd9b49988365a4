#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "store/safe_html_storage.h"
#include "store/sql/rows.h"

namespace lede::store::sql {

using content::Article;

SqlStore::SqlStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}
SqlStore::~SqlStore() = default;

namespace {

constexpr std::string_view kSectionSelect =
    "SELECT id, name, slug, description, menu_order, in_menu FROM sections ";

content::Section ReadSectionRow(const Statement& row) {
  return content::Section{row.Int(0), row.Text(1), row.Text(2), row.Text(3),
                          static_cast<int>(row.Int(4)), MenuPlaceOf(row, 5)};
}

}  // namespace

Result<std::vector<content::Section>> SqlStore::ListSections() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kSectionSelect) + "ORDER BY menu_order, name, id"));
  std::vector<content::Section> sections;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    sections.push_back(ReadSectionRow(*query));
  }
  return sections;
}

Result<content::Section> SqlStore::FindSection(std::string_view slug) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kSectionSelect) + "WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no section \"{}\"", slug));
  auto section = ReadSectionRow(*query);
  query->Reset();
  return section;
}

Result<content::Section> SqlStore::CreateSection(content::Section section) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO sections (name, slug, description, menu_order, in_menu) VALUES (?1, ?2, ?3, ?4, ?5) "
      "RETURNING id"));
  insert->Bind(1, section.name).Bind(2, section.slug).Bind(3, section.description)
      .Bind(4, section.menu_order).Bind(5, InMenuColumn(section.menu));
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "section slug"), "slug");
  }
  section.id = insert->TakeId();
  NotifySiteChange(SiteChange::kEverything);  // the menu lists it
  return section;
}

namespace {

// The slugs of a section's articles (their paths move with it).
Result<std::vector<std::string>> ArticleSlugsIn(Database& db, std::int64_t section_id) {
  LEDE_TRY(auto articles, db.Prepare("SELECT slug FROM articles WHERE section_id = ?1"));
  articles->Bind(1, section_id);
  std::vector<std::string> slugs;
  while (true) {
    LEDE_TRY(bool row, articles->Step());
    if (!row) break;
    slugs.push_back(articles->Text(0));
  }
  return slugs;
}

// A waiting section with a live article, shown; nothing else changed.
// Whether it was shown now.
Result<bool> ShowIfLive(Database& db, std::int64_t id, util::UnixSeconds now) {
  LEDE_TRY(auto show, db.Prepare(
      "UPDATE sections SET in_menu = ?2 WHERE id = ?1 AND in_menu IS NULL AND EXISTS "
      "(SELECT 1 FROM articles a WHERE a.section_id = ?1 AND " + std::string(kVisible) + ")"));
  show->Bind(1, id).Bind(2, *InMenuColumn(content::MenuPlace::kShown));
  show->Bind(show->ParameterIndex(":now"), now);
  LEDE_TRY(show->Run());
  return show->Changes() > 0;
}

}  // namespace

Result<content::Section> SqlStore::UpdateSection(content::Section section,
                                                    util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto old, db->Prepare("SELECT slug FROM sections WHERE id = ?1"));
  old->Bind(1, section.id);
  LEDE_TRY(bool found, old->Step());
  if (!found) return NotFound(fmt::format("no section {}", section.id));
  const content::Section before{section.id, "", old->Text(0), "", 0};
  old->Reset();
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE sections SET name = ?2, slug = ?3, description = ?4, menu_order = ?5, in_menu = ?6 "
      "WHERE id = ?1"));
  update->Bind(1, section.id).Bind(2, section.name).Bind(3, section.slug)
      .Bind(4, section.description).Bind(5, section.menu_order).Bind(6, InMenuColumn(section.menu));
  if (auto status = update->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "section slug"), "slug");
  }
  if (before.slug != section.slug) {
    // The section's page and every article in it move; their old paths
    // answer 301 (and earlier redirects to them follow, no chains).
    const std::string from[] = {content::SectionPath(before)};
    LEDE_TRY(WriteRedirects(*db, from, content::SectionPath(section), now));
    LEDE_TRY(const auto slugs, ArticleSlugsIn(*db, section.id));
    for (const auto& slug : slugs) {
      const std::string old_path[] = {content::SectionPath(before) + util::EncodePathSegment(slug) + "/"};
      LEDE_TRY(WriteRedirects(*db, old_path,
                              content::SectionPath(section) + util::EncodePathSegment(slug) + "/",
                              now));
    }
  }
  LEDE_TRY(transaction.Commit());
  NotifySiteChange(SiteChange::kEverything);
  return section;
}

Status SqlStore::ShowSectionOnceLive(std::int64_t id, util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(const bool shown, ShowIfLive(*db, id, now));
  // Every page's menu, once: a second save of the section's first
  // article (or another node's) finds it shown and drops nothing.
  if (shown) NotifySiteChange(SiteChange::kEverything);
  return {};
}

Result<std::int64_t> SqlStore::DeleteSection(std::int64_t id, std::int64_t into,
                                            util::UnixSeconds now) {
  if (id == into) return InvalidArgument("move the articles to another section", "into");
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  auto slug_of = [&](std::int64_t section_id) -> Result<std::string> {
    LEDE_TRY(auto query, db->Prepare("SELECT slug FROM sections WHERE id = ?1"));
    query->Bind(1, section_id);
    LEDE_TRY(bool found, query->Step());
    if (!found) return NotFound(fmt::format("no section {}", section_id));
    std::string slug = query->Text(0);
    query->Reset();
    return slug;
  };
  LEDE_TRY(const std::string from_slug, slug_of(id));
  LEDE_TRY(const std::string to_slug, slug_of(into));
  const std::string from_path = "/" + util::EncodePathSegment(from_slug) + "/";
  const std::string to_path = "/" + util::EncodePathSegment(to_slug) + "/";
  LEDE_TRY(const auto slugs, ArticleSlugsIn(*db, id));
  // The page and feed, then each article: old paths answer 301 (and
  // earlier redirects to them follow, no chains).
  const std::string page[] = {from_path};
  LEDE_TRY(WriteRedirects(*db, page, to_path, now));
  const std::string feed[] = {from_path + "feed/"};
  LEDE_TRY(WriteRedirects(*db, feed, to_path + "feed/", now));
  for (const auto& slug : slugs) {
    const std::string old_path[] = {from_path + util::EncodePathSegment(slug) + "/"};
    LEDE_TRY(WriteRedirects(*db, old_path, to_path + util::EncodePathSegment(slug) + "/", now));
  }
  LEDE_TRY(auto move, db->Prepare("UPDATE articles SET section_id = ?2 WHERE section_id = ?1"));
  LEDE_TRY(move->Bind(1, id).Bind(2, into).Run());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM sections WHERE id = ?1"));
  LEDE_TRY(remove->Bind(1, id).Run());
  LEDE_TRY(ShowIfLive(*db, into, now));
  LEDE_TRY(transaction.Commit());
  NotifySiteChange(SiteChange::kEverything);
  return static_cast<std::int64_t>(slugs.size());
}

Result<std::vector<content::Author>> SqlStore::ListAuthors() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug, bio FROM authors ORDER BY name, id"));
  std::vector<content::Author> authors;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    authors.push_back({query->Int(0), query->Text(1), query->Text(2), query->Text(3)});
  }
  return authors;
}

Result<content::Author> SqlStore::FindAuthor(std::string_view slug) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug, bio FROM authors WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no author \"{}\"", slug));
  return content::Author{query->Int(0), query->Text(1), query->Text(2), query->Text(3)};
}

Result<content::Author> SqlStore::CreateAuthor(content::Author author) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare("INSERT INTO authors (name, slug, bio) VALUES (?1, ?2, ?3) RETURNING id"));
  insert->Bind(1, author.name).Bind(2, author.slug).Bind(3, author.bio);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "author slug"), "slug");
  }
  author.id = insert->TakeId();
  return author;
}

Result<content::Tag> SqlStore::FindTag(std::string_view slug) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug FROM tags WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no tag \"{}\"", slug));
  return content::Tag{query->Int(0), query->Text(1), query->Text(2)};
}

Result<content::Tag> SqlStore::CreateTag(content::Tag tag) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare("INSERT INTO tags (name, slug) VALUES (?1, ?2) RETURNING id"));
  insert->Bind(1, tag.name).Bind(2, tag.slug);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "tag slug"), "slug");
  }
  tag.id = insert->TakeId();
  return tag;
}

Result<Article> SqlStore::FindArticle(std::int64_t id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kArticleSelect) + "WHERE a.id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(auto article, FirstArticle(*db, *query));
  if (!article) return NotFound(fmt::format("no article {}", id));
  return std::move(*article);
}

Result<Article> SqlStore::FindVisibleArticle(std::string_view section_slug,
                                                std::string_view slug,
                                                util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      std::string(kArticleSelect) + "WHERE s.slug = :section AND a.slug = :slug AND " +
      std::string(kVisible)));
  query->Bind(1, section_slug).Bind(2, slug).Bind(3, now);
  LEDE_TRY(auto article, FirstArticle(*db, *query));
  if (!article) return NotFound(fmt::format("no article at /{}/{}/", section_slug, slug));
  return std::move(*article);
}

Result<content::Article> SqlStore::FindVisibleArticleBySlug(std::string_view slug,
                                                              util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kArticleSelect) + "WHERE a.slug = :slug AND " +
                                   std::string(kVisible)));
  query->Bind(1, slug).Bind(2, now);
  LEDE_TRY(auto article, FirstArticle(*db, *query));
  if (!article) return NotFound(fmt::format("no article \"{}\"", slug));
  return std::move(*article);
}

Result<ArticleList> SqlStore::ListVisible(const ArticleQuery& query,
                                             util::UnixSeconds now) {
  // The WHERE clause is assembled from fixed fragments (values are always
  // bound), so each shape of query is one cached prepared statement.
  std::string where = "WHERE " + std::string(kVisible);
  if (query.section_id) where += "AND a.section_id = :section ";
  // A tag's or an author's listing is read from its links' own index, in
  // their time order (migration 016): ten steps for a page, not a walk of
  // the archive asking each article whether it has the tag.
  std::string join;
  std::string order = "ORDER BY a.published_at DESC, a.id DESC ";
  if (query.tag_id) {
    join = "JOIN article_tags x ON x.article_id = a.id AND x.tag_id = :tag ";
    order = "ORDER BY x.published_at DESC, x.article_id DESC ";
  }
  if (query.author_id) {
    if (join.empty()) {
      join = "JOIN article_authors x ON x.article_id = a.id AND x.author_id = :author ";
      order = "ORDER BY x.published_at DESC, x.article_id DESC ";
    } else {
      where += "AND EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = a.id "
               "AND w.author_id = :author) ";
    }
  }
  if (query.top_stories_only) where += "AND a.top_story = 1 ";
  if (query.corrected_only) where += "AND a.correction <> '' ";
  if (query.exclude_id) where += "AND a.id <> :exclude ";
  if (query.changed_since) {
    where += "AND COALESCE(a.updated_at, a.published_at) >= :since ";
  }
  if (query.after && !query.corrected_only) {
    // On the links' columns when listing a tag or author, so that their
    // index seeks to the cursor.
    where += join.empty()
                 ? "AND (a.published_at < :after_at OR (a.published_at = :after_at AND a.id < :after_id)) "
                 : "AND (x.published_at < :after_at OR (x.published_at = :after_at AND x.article_id < :after_id)) ";
  }

  auto bind_filters = [&](sql::Statement& statement) {
    const auto bind = [&](const char* name, std::int64_t value) {
      const int index = statement.ParameterIndex(name);
      if (index > 0) statement.Bind(index, value);
    };
    bind(":now", now);
    if (query.section_id) bind(":section", *query.section_id);
    if (query.tag_id) bind(":tag", *query.tag_id);
    if (query.author_id) bind(":author", *query.author_id);
    if (query.exclude_id) bind(":exclude", *query.exclude_id);
    if (query.changed_since) bind(":since", *query.changed_since);
    if (query.after) {
      bind(":after_at", query.after->published_at);
      bind(":after_id", query.after->id);
    }
  };

  LEDE_TRY(auto db, pool_->Acquire());
  ArticleList list;
  if (query.count_total) {
    LEDE_TRY(auto count, db->Prepare("SELECT COUNT(*) FROM articles a " + join + where));
    bind_filters(*count);
    LEDE_TRY(count->Step());
    list.total = count->Int(0);
    count->Reset();
  }

  // Past the last match: nothing to list, and walking to the offset would
  // cost as much as the listing is long.
  if (query.count_total && query.offset >= list.total) return list;
  LEDE_TRY(auto select, db->Prepare(std::string(query.with_bodies ? kArticleSelect : kTeaserSelect) +
                                     join + where +
                                     (query.corrected_only
                                          ? "ORDER BY COALESCE(a.updated_at, a.published_at) DESC, a.id DESC "
                                          : order) +
                                     "LIMIT :limit OFFSET :offset"));
  bind_filters(*select);
  select->Bind(select->ParameterIndex(":limit"), std::clamp(query.limit, 1, 100));
  select->Bind(select->ParameterIndex(":offset"), std::max(0, query.offset));
  LEDE_TRY(list.articles, CollectArticles(*db, *select, /*teasers=*/!query.with_bodies));
  return list;
}

Result<std::vector<Article>> SqlStore::ListUpcoming(util::UnixSeconds now, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      std::string(kTeaserSelect) +
      "WHERE a.published_at > ?1 AND a.status <> 'draft' AND a.trashed_at IS NULL "
      "ORDER BY a.published_at ASC, a.id ASC LIMIT ?2"));
  query->Bind(1, now).Bind(2, std::clamp(limit, 1, 10000));
  return CollectArticles(*db, *query, /*teasers=*/true);
}

Result<Neighbours> SqlStore::FindNeighbours(const Article& article,
                                               util::UnixSeconds now) {
  Neighbours neighbours;
  if (!article.published_at) return neighbours;
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto older, db->Prepare(
      std::string(kTeaserSelect) + "WHERE " + std::string(kVisible) +
      "AND (a.published_at < :at OR (a.published_at = :at AND a.id < :id)) "
      "ORDER BY a.published_at DESC, a.id DESC LIMIT 1"));
  older->Bind(1, now).Bind(2, *article.published_at).Bind(3, article.id);
  LEDE_TRY(neighbours.previous, FirstArticle(*db, *older, /*teasers=*/true));
  LEDE_TRY(auto newer, db->Prepare(
      std::string(kTeaserSelect) + "WHERE " + std::string(kVisible) +
      "AND (a.published_at > :at OR (a.published_at = :at AND a.id > :id)) "
      "ORDER BY a.published_at ASC, a.id ASC LIMIT 1"));
  newer->Bind(1, now).Bind(2, *article.published_at).Bind(3, article.id);
  LEDE_TRY(neighbours.next, FirstArticle(*db, *newer, /*teasers=*/true));
  return neighbours;
}

Result<std::vector<Article>> SqlStore::ListAllArticles(std::int64_t after_id, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kArticleSelect) +
                                   "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"));
  query->Bind(1, after_id).Bind(2, std::clamp(limit, 1, 1000));
  return CollectArticles(*db, *query);
}

Result<std::vector<content::Tag>> SqlStore::ListTags() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug FROM tags ORDER BY id"));
  std::vector<content::Tag> tags;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    tags.push_back({query->Int(0), query->Text(1), query->Text(2)});
  }
  return tags;
}

namespace {

constexpr std::string_view kPageSelect =
    "SELECT p.id, p.path, p.title, p.body_html, p.status, p.created_at, p.updated_at, "
    "a.id, a.name, a.slug, a.bio FROM pages p LEFT JOIN authors a ON a.id = p.author_id ";

content::Page ReadPageRow(const sql::Statement& query) {
  content::Page page{query.Int(0), query.Text(1), query.Text(2),
                     SafeHtmlStorage::FromStored(query.Text(3)), query.Text(4) == "published",
                     query.Int(5), query.Int(6)};
  if (!query.IsNull(7)) {
    page.author_id = query.Int(7);
    page.author = content::Author{query.Int(7), query.Text(8), query.Text(9), query.Text(10)};
  }
  return page;
}

}  // namespace

Result<std::vector<content::Page>> SqlStore::ListPages() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kPageSelect) + "ORDER BY p.id"));
  std::vector<content::Page> pages;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    pages.push_back(ReadPageRow(*query));
  }
  return pages;
}

Result<bool> SqlStore::ArticleSlugTaken(std::string_view slug, std::int64_t except_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT 1 FROM articles WHERE slug = ?1 AND id <> ?2"));
  query->Bind(1, slug).Bind(2, except_id);
  return query->Step();
}

Result<std::int64_t> SqlStore::CountArticles() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT COUNT(*) FROM articles"));
  LEDE_TRY(query->Step());
  return query->Int(0);
}

Result<bool> SqlStore::ClaimScheduledRun(std::int64_t article_id, util::UnixSeconds published_at,
                                         util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto claim, db->Prepare(
      "INSERT INTO scheduled_claims (article_id, published_at, claimed_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT DO NOTHING"));
  LEDE_TRY(claim->Bind(1, article_id).Bind(2, published_at).Bind(3, now).Run());
  return claim->Changes() == 1;
}

Result<content::Page> SqlStore::SavePage(content::Page page) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto write, db->Prepare(
      page.id == 0
          ? "INSERT INTO pages (path, title, body_html, status, created_at, updated_at, author_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"
          : "UPDATE pages SET path = ?1, title = ?2, body_html = ?3, status = ?4, "
            "created_at = ?5, updated_at = ?6, author_id = ?7 WHERE id = ?8"));
  write->Bind(1, page.path).Bind(2, page.title).Bind(3, page.body_html.view())
      .Bind(4, page.published ? "published" : "draft").Bind(5, page.created_at)
      .Bind(6, page.updated_at).Bind(7, page.author_id);
  if (page.id != 0) write->Bind(8, page.id);
  if (auto status = write->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "page path"), "path");
  }
  if (page.id == 0) {
    page.id = write->TakeId();
  } else if (write->Changes() == 0) {
    return NotFound(fmt::format("no page {}", page.id));
  }
  NotifySiteChange(SiteChange::kEverything);  // the footer and menu may link it
  return page;
}

Result<content::Page> SqlStore::FindPage(std::string_view path) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kPageSelect) + "WHERE p.path = ?1"));
  query->Bind(1, path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no page at {}", path));
  return ReadPageRow(*query);
}

Result<content::SiteSettings> SqlStore::LoadSettings() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT key, value FROM site_settings"));
  std::map<std::string, std::string, std::less<>> stored;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    stored[query->Text(0)] = query->Text(1);
  }
  content::SiteSettings settings;
  // Keys never saved keep their defaults, so new settings need no migration.
  for (auto& [key, field] : content::TextSettings(settings)) {
    if (auto it = stored.find(key); it != stored.end()) *field = it->second;
  }
  if (auto it = stored.find(content::kRatingStructuredDataKey); it != stored.end()) {
    settings.rating_structured_data = it->second == "1";
  }
  return settings;
}

Status SqlStore::SaveSettings(const content::SiteSettings& settings) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto upsert, db->Prepare(
      "INSERT INTO site_settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  content::SiteSettings copy = settings;
  for (const auto& [key, field] : content::TextSettings(copy)) {
    upsert->Reset();
    LEDE_TRY(upsert->Bind(1, key).Bind(2, *field).Run());
  }
  upsert->Reset();
  LEDE_TRY(upsert->Bind(1, content::kRatingStructuredDataKey)
               .Bind(2, settings.rating_structured_data ? "1" : "0").Run());
  LEDE_TRY(transaction.Commit());
  NotifySiteChange(SiteChange::kEverything);
  return {};
}

}  // namespace lede::store::sql
