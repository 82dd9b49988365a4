// The media half of SqlStore: the library's records.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/sql/database.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace lede::store::sql {
namespace {

std::optional<std::int64_t> Widen(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return *value;
}

}  // namespace

Result<content::MediaItem> SqlStore::CreateMedia(content::MediaItem item) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO media (path, mime_type, width, height, widths, alt, caption, credit, "
      "created_at, source_url, original, webp, crops, focal_x, focal_y, original_width, "
      "original_height) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
      "RETURNING id"));
  insert->Bind(1, item.path).Bind(2, item.mime_type).Bind(3, item.width)
      .Bind(4, item.height).Bind(5, nlohmann::json(item.widths).dump())
      .Bind(6, item.alt).Bind(7, item.caption).Bind(8, item.credit)
      .Bind(9, item.created_at).Bind(10, item.source_url).Bind(11, item.original)
      .Bind(12, item.webp ? 1 : 0).Bind(13, item.crops ? 1 : 0)
      .Bind(14, Widen(item.focal_x)).Bind(15, Widen(item.focal_y))
      .Bind(16, item.original_width).Bind(17, item.original_height);
  if (auto status = insert->Run(); !status) {
    return MakeError(status.error().code, ConflictMessage(status.error(), "media path"), "path");
  }
  item.id = insert->TakeId();
  return item;
}

Result<content::MediaItem> SqlStore::UpdateMedia(content::MediaItem item) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE media SET alt = ?2, caption = ?3, credit = ?4, webp = ?5, crops = ?6, "
      "focal_x = ?7, focal_y = ?8 WHERE id = ?1"));
  LEDE_TRY(update->Bind(1, item.id).Bind(2, item.alt).Bind(3, item.caption).Bind(4, item.credit)
               .Bind(5, item.webp ? 1 : 0).Bind(6, item.crops ? 1 : 0)
               .Bind(7, Widen(item.focal_x)).Bind(8, Widen(item.focal_y)).Run());
  if (update->Changes() == 0) return NotFound(fmt::format("no media item {}", item.id));
  LEDE_TRY(auto updated, LoadMedia(*db, item.id));
  NotifySiteChange(SiteChange::kEverything);  // captions and alt text show on pages
  return updated;
}

Result<content::MediaItem> SqlStore::FindMedia(std::int64_t id) {
  LEDE_TRY(auto db, pool_->Acquire());
  return LoadMedia(*db, id);
}

Result<content::MediaItem> SqlStore::FindMediaByPath(std::string_view path) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kMediaSelect) + "WHERE path = ?1"));
  query->Bind(1, path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no media item at {}", path));
  return ReadMediaRow(*query);
}

Result<std::vector<content::MediaItem>> SqlStore::ListAllMedia(std::int64_t after_id, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kMediaSelect) + "WHERE id > ?1 ORDER BY id LIMIT ?2"));
  query->Bind(1, after_id).Bind(2, limit);
  std::vector<content::MediaItem> items;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    items.push_back(ReadMediaRow(*query));
  }
  return items;
}

Result<MediaList> SqlStore::ListMedia(const MediaQuery& query) {
  LEDE_TRY(auto db, pool_->Acquire());
  const std::string kWhere =
      "WHERE (?1 = '' OR " +
      db->dialect().contains("caption || ' ' || alt || ' ' || credit || ' ' || path", "?1") + ") ";
  LEDE_TRY(auto count, db->Prepare("SELECT COUNT(*) FROM media " + std::string(kWhere)));
  count->Bind(1, query.search);
  LEDE_TRY(count->Step());
  MediaList list;
  list.total = count->Int(0);
  count->Reset();
  LEDE_TRY(auto page, db->Prepare(std::string(kMediaSelect) + std::string(kWhere) +
                                  "ORDER BY id DESC LIMIT ?2 OFFSET ?3"));
  page->Bind(1, query.search).Bind(2, std::clamp(query.limit, 1, 100))
      .Bind(3, std::max(0, query.offset));
  while (true) {
    LEDE_TRY(bool row, page->Step());
    if (!row) break;
    list.items.push_back(ReadMediaRow(*page));
  }
  return list;
}

Result<std::vector<ArticleRef>> SqlStore::ArticlesUsingMedia(std::int64_t media_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id, headline, status, trashed_at IS NOT NULL FROM articles "
      "WHERE lead_media_id = ?1 ORDER BY id DESC"));
  query->Bind(1, media_id);
  std::vector<ArticleRef> refs;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    refs.push_back({query->Int(0), query->Text(1), query->Text(2), query->Int(3) != 0});
  }
  return refs;
}

Status SqlStore::PutMediaFile(std::string_view path, std::string_view bytes, util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto put, db->Prepare(
      "INSERT INTO media_files (path, content, created_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (path) DO UPDATE SET content = excluded.content, created_at = excluded.created_at"));
  put->Bind(1, path).BindBlob(2, bytes).Bind(3, now);
  return put->Run();
}

Result<std::string> SqlStore::FindMediaFile(std::string_view path) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT content FROM media_files WHERE path = ?1"));
  query->Bind(1, path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no media file {}", path));
  return query->Blob(0);
}

Status SqlStore::DeleteMediaFile(std::string_view path) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM media_files WHERE path = ?1"));
  remove->Bind(1, path);
  return remove->Run();
}

Result<std::vector<std::string>> SqlStore::ListMediaFiles(std::string_view after, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT path FROM media_files WHERE path > ?1 ORDER BY path LIMIT ?2"));
  query->Bind(1, after).Bind(2, std::max(limit, 1));
  std::vector<std::string> paths;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    paths.push_back(query->Text(0));
  }
  return paths;
}

}  // namespace lede::store::sql
