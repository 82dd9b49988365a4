#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "store/safe_html_storage.h"
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"

namespace lede::store::sqlite {
namespace {

using content::Article;
using content::ArticleStatus;

constexpr std::string_view kArticleSelect =
    "SELECT a.id, a.slug, a.headline, a.standfirst, a.body_markdown, "
    "a.body_html, a.section_id, a.dateline, a.edition, a.top_story, "
    "a.lead_media_id, a.lead_caption, a.lead_credit, a.lead_alt, a.status, "
    "a.published_at, a.updated_at, a.created_at, a.correction, "
    "s.name, s.slug, s.description, s.menu_order, "
    "COALESCE(r.vote_count, 0), COALESCE(r.star_sum, 0), a.body_format "
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "LEFT JOIN article_ratings r ON r.article_id = a.id ";

// Visible to readers at ?now: the SQL twin of content::IsVisible.
constexpr std::string_view kVisible =
    "a.status <> 'draft' AND a.published_at <= :now ";

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
  return item;
}

constexpr std::string_view kMediaSelect =
    "SELECT id, path, mime_type, width, height, widths, alt, caption, credit, "
    "created_at, source_url FROM media ";

Result<content::MediaItem> LoadMedia(Database& db, std::int64_t id) {
  LEDE_TRY(auto query, db.Prepare(std::string(kMediaSelect) + "WHERE id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no media item {}", id));
  return ReadMediaRow(*query);
}

// Fills what an article row does not hold: Quick Looks, tags, authors and
// the lead image's media item.
Status LoadRelations(Database& db, Article& article) {
  LEDE_TRY(auto looks, db.Prepare(
      "SELECT text FROM article_quick_looks WHERE article_id = ?1 ORDER BY position"));
  looks->Bind(1, article.id);
  while (true) {
    LEDE_TRY(bool row, looks->Step());
    if (!row) break;
    article.quick_looks.push_back(looks->Text(0));
  }
  LEDE_TRY(auto tags, db.Prepare(
      "SELECT t.id, t.name, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id "
      "WHERE x.article_id = ?1 ORDER BY x.position"));
  tags->Bind(1, article.id);
  while (true) {
    LEDE_TRY(bool row, tags->Step());
    if (!row) break;
    article.tags.push_back({tags->Int(0), tags->Text(1), tags->Text(2)});
    article.tag_ids.push_back(tags->Int(0));
  }
  LEDE_TRY(auto authors, db.Prepare(
      "SELECT p.id, p.name, p.slug, p.bio FROM article_authors x "
      "JOIN authors p ON p.id = x.author_id WHERE x.article_id = ?1 ORDER BY x.position"));
  authors->Bind(1, article.id);
  while (true) {
    LEDE_TRY(bool row, authors->Step());
    if (!row) break;
    article.authors.push_back(
        {authors->Int(0), authors->Text(1), authors->Text(2), authors->Text(3)});
    article.author_ids.push_back(authors->Int(0));
  }
  if (article.lead_image) {
    LEDE_TRY(auto media, LoadMedia(db, article.lead_image->media_id));
    article.lead_image->media = std::move(media);
  }
  return {};
}

// Runs a query of kArticleSelect rows and loads each article's relations.
Result<std::vector<Article>> CollectArticles(Database& db, Statement& query) {
  std::vector<Article> articles;
  while (true) {
    LEDE_TRY(bool row, query.Step());
    if (!row) break;
    articles.push_back(ReadArticleRow(query));
  }
  query.Reset();
  for (auto& article : articles) LEDE_TRY(LoadRelations(db, article));
  return articles;
}

Result<std::optional<Article>> FirstArticle(Database& db, Statement& query) {
  LEDE_TRY(auto articles, CollectArticles(db, query));
  if (articles.empty()) return std::optional<Article>();
  return std::optional<Article>(std::move(articles.front()));
}

std::string ConflictMessage(const Error& error, std::string_view what) {
  return error.code == ErrorCode::kConflict
             ? fmt::format("that {} is already taken", what)
             : error.message;
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       SqliteOptions options) {
  LEDE_TRY(auto pool, Pool::Open(path, std::max(1, options.connections)));
  {
    auto db = pool->Acquire();
    if (auto status = Migrate(*db); !status) {
      return tl::unexpected(Error{status.error().code,
                                  fmt::format("{}: {}", path, status.error().message), {}});
    }
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool)));
}

namespace {

class SqliteBatch final : public Batch {
 public:
  SqliteBatch(Pool& pool, Pool::Lease lease, Transaction transaction)
      : pool_(pool), lease_(std::move(lease)), transaction_(std::move(transaction)) {}
  ~SqliteBatch() override {
    if (!done_) Finish();
  }
  Status Commit() override {
    auto status = transaction_->Commit();
    transaction_.reset();
    Finish();
    return status;
  }

 private:
  void Finish() {
    done_ = true;
    transaction_.reset();  // rolls back when not committed
    lease_->JoinBatches(false);
    pool_.Unpin(std::move(lease_));
  }

  Pool& pool_;
  Pool::Lease lease_;
  std::optional<Transaction> transaction_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<Batch>> SqliteStore::BeginBatch() {
  auto lease = pool_->Pin();
  auto transaction = Transaction::Begin(*lease);
  if (!transaction) {
    pool_->Unpin(std::move(lease));
    return tl::unexpected(transaction.error());
  }
  lease->JoinBatches(true);
  return std::unique_ptr<Batch>(new SqliteBatch(*pool_, std::move(lease), std::move(*transaction)));
}

Result<std::vector<content::Section>> SqliteStore::ListSections() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id, name, slug, description, menu_order FROM sections "
      "ORDER BY menu_order, name, id"));
  std::vector<content::Section> sections;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    sections.push_back({query->Int(0), query->Text(1), query->Text(2),
                        query->Text(3), static_cast<int>(query->Int(4))});
  }
  return sections;
}

Result<content::Section> SqliteStore::FindSection(std::string_view slug) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id, name, slug, description, menu_order FROM sections WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no section \"{}\"", slug));
  return content::Section{query->Int(0), query->Text(1), query->Text(2),
                          query->Text(3), static_cast<int>(query->Int(4))};
}

Result<content::Section> SqliteStore::CreateSection(content::Section section) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO sections (name, slug, description, menu_order) VALUES (?1, ?2, ?3, ?4)"));
  insert->Bind(1, section.name).Bind(2, section.slug).Bind(3, section.description)
      .Bind(4, section.menu_order);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "section slug"), "slug");
  }
  section.id = db->LastInsertId();
  return section;
}

Result<std::vector<content::Author>> SqliteStore::ListAuthors() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug, bio FROM authors ORDER BY name, id"));
  std::vector<content::Author> authors;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    authors.push_back({query->Int(0), query->Text(1), query->Text(2), query->Text(3)});
  }
  return authors;
}

Result<content::Author> SqliteStore::FindAuthor(std::string_view slug) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug, bio FROM authors WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no author \"{}\"", slug));
  return content::Author{query->Int(0), query->Text(1), query->Text(2), query->Text(3)};
}

Result<content::Author> SqliteStore::CreateAuthor(content::Author author) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto insert, db->Prepare("INSERT INTO authors (name, slug, bio) VALUES (?1, ?2, ?3)"));
  insert->Bind(1, author.name).Bind(2, author.slug).Bind(3, author.bio);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "author slug"), "slug");
  }
  author.id = db->LastInsertId();
  return author;
}

Result<content::Tag> SqliteStore::FindTag(std::string_view slug) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug FROM tags WHERE slug = ?1"));
  query->Bind(1, slug);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no tag \"{}\"", slug));
  return content::Tag{query->Int(0), query->Text(1), query->Text(2)};
}

Result<content::Tag> SqliteStore::CreateTag(content::Tag tag) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto insert, db->Prepare("INSERT INTO tags (name, slug) VALUES (?1, ?2)"));
  insert->Bind(1, tag.name).Bind(2, tag.slug);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "tag slug"), "slug");
  }
  tag.id = db->LastInsertId();
  return tag;
}

Result<content::MediaItem> SqliteStore::CreateMedia(content::MediaItem item) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO media (path, mime_type, width, height, widths, alt, caption, credit, "
      "created_at, source_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  insert->Bind(1, item.path).Bind(2, item.mime_type).Bind(3, item.width)
      .Bind(4, item.height).Bind(5, nlohmann::json(item.widths).dump())
      .Bind(6, item.alt).Bind(7, item.caption).Bind(8, item.credit)
      .Bind(9, item.created_at).Bind(10, item.source_url);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "media path"), "path");
  }
  item.id = db->LastInsertId();
  return item;
}

Result<content::MediaItem> SqliteStore::FindMedia(std::int64_t id) {
  auto db = pool_->Acquire();
  return LoadMedia(*db, id);
}

Result<Article> SqliteStore::CreateArticle(Article article) {
  return SaveArticle(std::move(article), /*create=*/true);
}

Result<Article> SqliteStore::UpdateArticle(Article article) {
  return SaveArticle(std::move(article), /*create=*/false);
}

Result<Article> SqliteStore::SaveArticle(Article article, bool create) {
  LEDE_TRY(content::Validate(article));
  auto db = pool_->Acquire();
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  constexpr std::string_view kInsert =
      "INSERT INTO articles (slug, headline, standfirst, body_markdown, body_html, "
      "section_id, dateline, edition, top_story, lead_media_id, lead_caption, "
      "lead_credit, lead_alt, status, published_at, updated_at, created_at, correction, "
      "body_format) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
      "?16, ?17, ?18, ?20)";
  constexpr std::string_view kUpdate =
      "UPDATE articles SET slug = ?1, headline = ?2, standfirst = ?3, "
      "body_markdown = ?4, body_html = ?5, section_id = ?6, dateline = ?7, "
      "edition = ?8, top_story = ?9, lead_media_id = ?10, lead_caption = ?11, "
      "lead_credit = ?12, lead_alt = ?13, status = ?14, published_at = ?15, "
      "updated_at = ?16, created_at = ?17, correction = ?18, body_format = ?20 WHERE id = ?19";
  LEDE_TRY(auto write, db->Prepare(create ? kInsert : kUpdate));
  if (!create) write->Bind(19, article.id);
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
    article.id = db->LastInsertId();
  } else if (sqlite3_changes(db->raw()) == 0) {
    return NotFound(fmt::format("no article {}", article.id));
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
                            .Bind(3, static_cast<std::int64_t>(i)).Run();
          !status) {
        return InvalidArgument(fmt::format("unknown or repeated {} {}", field, ids[i]),
                               std::string(field));
      }
    }
    return {};
  };
  LEDE_TRY(link_all("INSERT INTO article_tags (article_id, tag_id, position) VALUES (?1, ?2, ?3)",
                    article.tag_ids, "tag"));
  LEDE_TRY(link_all("INSERT INTO article_authors (article_id, author_id, position) "
                    "VALUES (?1, ?2, ?3)",
                    article.author_ids, "author"));
  LEDE_TRY(transaction.Commit());

  LEDE_TRY(auto reread, db->Prepare(std::string(kArticleSelect) + "WHERE a.id = ?1"));
  reread->Bind(1, article.id);
  LEDE_TRY(auto stored, FirstArticle(*db, *reread));
  if (!stored) return NotFound(fmt::format("no article {}", article.id));
  return std::move(*stored);
}

Result<Article> SqliteStore::FindArticle(std::int64_t id) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(std::string(kArticleSelect) + "WHERE a.id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(auto article, FirstArticle(*db, *query));
  if (!article) return NotFound(fmt::format("no article {}", id));
  return std::move(*article);
}

Result<Article> SqliteStore::FindVisibleArticle(std::string_view section_slug,
                                                std::string_view slug,
                                                util::UnixSeconds now) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      std::string(kArticleSelect) + "WHERE s.slug = :section AND a.slug = :slug AND " +
      std::string(kVisible)));
  query->Bind(1, section_slug).Bind(2, slug).Bind(3, now);
  LEDE_TRY(auto article, FirstArticle(*db, *query));
  if (!article) return NotFound(fmt::format("no article at /{}/{}/", section_slug, slug));
  return std::move(*article);
}

Result<ArticleList> SqliteStore::ListVisible(const ArticleQuery& query,
                                             util::UnixSeconds now) {
  // The WHERE clause is assembled from fixed fragments (values are always
  // bound), so each shape of query is one cached prepared statement.
  std::string where = "WHERE " + std::string(kVisible);
  if (query.section_id) where += "AND a.section_id = :section ";
  if (query.tag_id) {
    where += "AND EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id "
             "AND x.tag_id = :tag) ";
  }
  if (query.author_id) {
    where += "AND EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id "
             "AND x.author_id = :author) ";
  }
  if (query.top_stories_only) where += "AND a.top_story = 1 ";
  if (query.exclude_id) where += "AND a.id <> :exclude ";

  auto bind_filters = [&](Statement& statement) {
    const auto bind = [&](const char* name, std::int64_t value) {
      const int index = sqlite3_bind_parameter_index(statement.raw(), name);
      if (index > 0) statement.Bind(index, value);
    };
    bind(":now", now);
    if (query.section_id) bind(":section", *query.section_id);
    if (query.tag_id) bind(":tag", *query.tag_id);
    if (query.author_id) bind(":author", *query.author_id);
    if (query.exclude_id) bind(":exclude", *query.exclude_id);
  };

  auto db = pool_->Acquire();
  ArticleList list;
  LEDE_TRY(auto count, db->Prepare("SELECT COUNT(*) FROM articles a " + where));
  bind_filters(*count);
  LEDE_TRY(count->Step());
  list.total = count->Int(0);
  count->Reset();

  LEDE_TRY(auto select, db->Prepare(std::string(kArticleSelect) + where +
                                     "ORDER BY a.published_at DESC, a.id DESC "
                                     "LIMIT :limit OFFSET :offset"));
  bind_filters(*select);
  select->Bind(sqlite3_bind_parameter_index(select->raw(), ":limit"),
               std::clamp(query.limit, 1, 100));
  select->Bind(sqlite3_bind_parameter_index(select->raw(), ":offset"),
               std::max(0, query.offset));
  LEDE_TRY(list.articles, CollectArticles(*db, *select));
  return list;
}

Result<Neighbours> SqliteStore::FindNeighbours(const Article& article,
                                               util::UnixSeconds now) {
  Neighbours neighbours;
  if (!article.published_at) return neighbours;
  auto db = pool_->Acquire();
  LEDE_TRY(auto older, db->Prepare(
      std::string(kArticleSelect) + "WHERE " + std::string(kVisible) +
      "AND (a.published_at < :at OR (a.published_at = :at AND a.id < :id)) "
      "ORDER BY a.published_at DESC, a.id DESC LIMIT 1"));
  older->Bind(1, now).Bind(2, *article.published_at).Bind(3, article.id);
  LEDE_TRY(neighbours.previous, FirstArticle(*db, *older));
  LEDE_TRY(auto newer, db->Prepare(
      std::string(kArticleSelect) + "WHERE " + std::string(kVisible) +
      "AND (a.published_at > :at OR (a.published_at = :at AND a.id > :id)) "
      "ORDER BY a.published_at ASC, a.id ASC LIMIT 1"));
  newer->Bind(1, now).Bind(2, *article.published_at).Bind(3, article.id);
  LEDE_TRY(neighbours.next, FirstArticle(*db, *newer));
  return neighbours;
}

Result<std::vector<Article>> SqliteStore::ListAllArticles(std::int64_t after_id, int limit) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(std::string(kArticleSelect) +
                                   "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"));
  query->Bind(1, after_id).Bind(2, std::clamp(limit, 1, 1000));
  return CollectArticles(*db, *query);
}

Result<std::vector<content::Tag>> SqliteStore::ListTags() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT id, name, slug FROM tags ORDER BY id"));
  std::vector<content::Tag> tags;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    tags.push_back({query->Int(0), query->Text(1), query->Text(2)});
  }
  return tags;
}

Result<std::vector<content::Page>> SqliteStore::ListPages() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id, path, title, body_html, status, created_at, updated_at FROM pages ORDER BY id"));
  std::vector<content::Page> pages;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    pages.push_back({query->Int(0), query->Text(1), query->Text(2),
                     SafeHtmlStorage::FromStored(query->Text(3)), query->Text(4) == "published", query->Int(5), query->Int(6)});
  }
  return pages;
}

Result<bool> SqliteStore::ArticleSlugTaken(std::string_view slug, std::int64_t except_id) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT 1 FROM articles WHERE slug = ?1 AND id <> ?2"));
  query->Bind(1, slug).Bind(2, except_id);
  return query->Step();
}

Result<std::int64_t> SqliteStore::CountArticles() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT COUNT(*) FROM articles"));
  LEDE_TRY(query->Step());
  return query->Int(0);
}

namespace {

Result<content::RatingSummary> LoadRating(Database& db, std::int64_t article_id) {
  LEDE_TRY(auto query, db.Prepare(
      "SELECT vote_count, star_sum FROM article_ratings WHERE article_id = ?1"));
  query->Bind(1, article_id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return content::RatingSummary{};
  return content::RatingSummary{query->Int(0), query->Int(1)};
}

}  // namespace

Result<std::vector<VoteOutcome>> SqliteStore::RecordVotes(const std::vector<Vote>& votes) {
  std::vector<VoteOutcome> outcomes;
  outcomes.reserve(votes.size());
  auto db = pool_->Acquire();
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  for (const Vote& vote : votes) {
    VoteOutcome outcome;
    LEDE_TRY(auto visible, db->Prepare(
        "SELECT 1 FROM articles WHERE id = ?1 AND status <> 'draft' AND published_at <= ?2"));
    visible->Bind(1, vote.article_id).Bind(2, vote.at);
    LEDE_TRY(bool exists, visible->Step());
    if (!exists) {
      outcomes.push_back(outcome);
      continue;
    }
    LEDE_TRY(auto insert, db->Prepare(
        "INSERT INTO ratings (article_id, voter, stars, ip_hash, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, voter) DO NOTHING"));
    LEDE_TRY(insert->Bind(1, vote.article_id).Bind(2, vote.voter).Bind(3, vote.stars)
                 .Bind(4, vote.ip_hash).Bind(5, vote.at).Run());
    if (sqlite3_changes(db->raw()) == 1) {
      LEDE_TRY(auto aggregate, db->Prepare(
          "INSERT INTO article_ratings (article_id, vote_count, star_sum) VALUES (?1, 1, ?2) "
          "ON CONFLICT (article_id) DO UPDATE SET vote_count = vote_count + 1, "
          "star_sum = star_sum + excluded.star_sum"));
      LEDE_TRY(aggregate->Bind(1, vote.article_id).Bind(2, vote.stars).Run());
      outcome.result = VoteResult::kAccepted;
      outcome.your_vote = vote.stars;
    } else {
      LEDE_TRY(auto earlier, db->Prepare(
          "SELECT stars FROM ratings WHERE article_id = ?1 AND voter = ?2"));
      earlier->Bind(1, vote.article_id).Bind(2, vote.voter);
      LEDE_TRY(earlier->Step());
      outcome.result = VoteResult::kDuplicate;
      outcome.your_vote = static_cast<int>(earlier->Int(0));
    }
    LEDE_TRY(outcome.summary, LoadRating(*db, vote.article_id));
    outcomes.push_back(outcome);
  }
  LEDE_TRY(transaction.Commit());
  return outcomes;
}

Result<content::RatingSummary> SqliteStore::FindRating(std::int64_t article_id) {
  auto db = pool_->Acquire();
  return LoadRating(*db, article_id);
}

Result<content::RatingSummary> SqliteStore::SiteRating() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT COALESCE(SUM(vote_count), 0), COALESCE(SUM(star_sum), 0) FROM article_ratings"));
  LEDE_TRY(query->Step());
  return content::RatingSummary{query->Int(0), query->Int(1)};
}

Status SqliteStore::SaveFeedback(std::int64_t article_id, std::string_view voter,
                                 std::string_view feedback) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto vote, db->Prepare("SELECT stars FROM ratings WHERE article_id = ?1 AND voter = ?2"));
  vote->Bind(1, article_id).Bind(2, voter);
  LEDE_TRY(bool found, vote->Step());
  if (!found) return NotFound("you have not rated this article");
  if (vote->Int(0) > content::kFeedbackMaxStars) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "feedback is asked for after a rating of 1 or 2 stars", "feedback");
  }
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE ratings SET feedback = ?3 WHERE article_id = ?1 AND voter = ?2"));
  LEDE_TRY(update->Bind(1, article_id).Bind(2, voter).Bind(3, feedback).Run());
  return transaction.Commit();
}

Result<std::vector<StoredVote>> SqliteStore::ListVotes(std::int64_t article_id) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT article_id, stars, feedback, created_at FROM ratings WHERE article_id = ?1 "
      "ORDER BY id"));
  query->Bind(1, article_id);
  std::vector<StoredVote> votes;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    votes.push_back({query->Int(0), static_cast<int>(query->Int(1)), query->Text(2), query->Int(3)});
  }
  return votes;
}

Result<std::vector<content::Article>> SqliteStore::TopRated(int limit, double prior_votes,
                                                            util::UnixSeconds now) {
  LEDE_TRY(auto site, SiteRating());
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      std::string(kArticleSelect) + "WHERE " + std::string(kVisible) +
      "AND r.vote_count > 0 "
      "ORDER BY (:prior * :mean + r.star_sum) / (:prior + r.vote_count) DESC, "
      "r.vote_count DESC, a.published_at DESC, a.id DESC LIMIT :limit"));
  const auto bind_real = [&](const char* name, double value) {
    sqlite3_bind_double(query->raw(), sqlite3_bind_parameter_index(query->raw(), name), value);
  };
  query->Bind(sqlite3_bind_parameter_index(query->raw(), ":now"), now);
  bind_real(":prior", prior_votes);
  bind_real(":mean", site.Average());
  query->Bind(sqlite3_bind_parameter_index(query->raw(), ":limit"), std::clamp(limit, 1, 100));
  return CollectArticles(*db, *query);
}

Result<content::Page> SqliteStore::SavePage(content::Page page) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto write, db->Prepare(
      page.id == 0
          ? "INSERT INTO pages (path, title, body_html, status, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
          : "UPDATE pages SET path = ?1, title = ?2, body_html = ?3, status = ?4, "
            "created_at = ?5, updated_at = ?6 WHERE id = ?7"));
  write->Bind(1, page.path).Bind(2, page.title).Bind(3, page.body_html.view())
      .Bind(4, page.published ? "published" : "draft").Bind(5, page.created_at)
      .Bind(6, page.updated_at);
  if (page.id != 0) write->Bind(7, page.id);
  if (auto status = write->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "page path"), "path");
  }
  if (page.id == 0) {
    page.id = db->LastInsertId();
  } else if (sqlite3_changes(db->raw()) == 0) {
    return NotFound(fmt::format("no page {}", page.id));
  }
  return page;
}

Result<content::Page> SqliteStore::FindPage(std::string_view path) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id, path, title, body_html, status, created_at, updated_at FROM pages WHERE path = ?1"));
  query->Bind(1, path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no page at {}", path));
  return content::Page{query->Int(0), query->Text(1), query->Text(2),
                       SafeHtmlStorage::FromStored(query->Text(3)), query->Text(4) == "published", query->Int(5), query->Int(6)};
}

Result<std::vector<VoteRecord>> SqliteStore::ListAllVotes() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT article_id, stars, voter, ip_hash, feedback, created_at FROM ratings ORDER BY id"));
  std::vector<VoteRecord> votes;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    votes.push_back({query->Int(0), static_cast<int>(query->Int(1)), query->Text(2), query->Text(3),
                     query->Text(4), query->Int(5)});
  }
  return votes;
}

Status SqliteStore::RestoreVote(const VoteRecord& vote) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO ratings (article_id, voter, stars, ip_hash, feedback, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  if (auto status = insert->Bind(1, vote.article_id).Bind(2, vote.voter).Bind(3, vote.stars)
                        .Bind(4, vote.ip_hash).Bind(5, vote.feedback).Bind(6, vote.created_at).Run();
      !status) {
    return InvalidArgument(fmt::format("vote on article {}: {}", vote.article_id,
                                       status.error().message));
  }
  LEDE_TRY(auto aggregate, db->Prepare(
      "INSERT INTO article_ratings (article_id, vote_count, star_sum) VALUES (?1, 1, ?2) "
      "ON CONFLICT (article_id) DO UPDATE SET vote_count = vote_count + 1, "
      "star_sum = star_sum + excluded.star_sum"));
  LEDE_TRY(aggregate->Bind(1, vote.article_id).Bind(2, vote.stars).Run());
  return transaction.Commit();
}

Result<std::vector<Redirect>> SqliteStore::ListRedirects() {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT from_path, to_path, created_at FROM redirects ORDER BY from_path"));
  std::vector<Redirect> redirects;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    redirects.push_back({query->Text(0), query->Text(1), query->Int(2)});
  }
  return redirects;
}

Result<std::optional<std::int64_t>> SqliteStore::FindImported(std::string_view source,
                                                              std::string_view kind,
                                                              std::string_view key) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare(
      "SELECT target_id FROM import_map WHERE source = ?1 AND kind = ?2 AND key = ?3"));
  query->Bind(1, source).Bind(2, kind).Bind(3, key);
  LEDE_TRY(bool found, query->Step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(query->Int(0));
}

Status SqliteStore::SaveImported(std::string_view source, std::string_view kind,
                                 std::string_view key, std::int64_t target_id) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto upsert, db->Prepare(
      "INSERT INTO import_map (source, kind, key, target_id) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (source, kind, key) DO UPDATE SET target_id = excluded.target_id"));
  return upsert->Bind(1, source).Bind(2, kind).Bind(3, key).Bind(4, target_id).Run();
}

Result<std::optional<std::string>> SqliteStore::FindRedirect(std::string_view from_path) {
  auto db = pool_->Acquire();
  LEDE_TRY(auto query, db->Prepare("SELECT to_path FROM redirects WHERE from_path = ?1"));
  query->Bind(1, from_path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(query->Text(0));
}

Status SqliteStore::SaveRedirects(std::span<const std::string> from_paths,
                                  std::string_view to_path, util::UnixSeconds now) {
  if (std::all_of(from_paths.begin(), from_paths.end(),
                  [to_path](const std::string& from) { return from == to_path; })) {
    return {};
  }
  auto db = pool_->Acquire();
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  // A path that is live again must not redirect away from itself.
  LEDE_TRY(auto clear, db->Prepare("DELETE FROM redirects WHERE from_path = ?1"));
  LEDE_TRY(clear->Bind(1, to_path).Run());
  for (const std::string& from_path : from_paths) {
    if (from_path == to_path) continue;
    LEDE_TRY(auto retarget, db->Prepare("UPDATE redirects SET to_path = ?2 WHERE to_path = ?1"));
    LEDE_TRY(retarget->Bind(1, from_path).Bind(2, to_path).Run());
    LEDE_TRY(auto upsert, db->Prepare(
        "INSERT INTO redirects (from_path, to_path, created_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path"));
    LEDE_TRY(upsert->Bind(1, from_path).Bind(2, to_path).Bind(3, now).Run());
  }
  return transaction.Commit();
}

Result<content::SiteSettings> SqliteStore::LoadSettings() {
  auto db = pool_->Acquire();
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

Status SqliteStore::SaveSettings(const content::SiteSettings& settings) {
  auto db = pool_->Acquire();
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
  return transaction.Commit();
}

}  // namespace lede::store::sqlite
