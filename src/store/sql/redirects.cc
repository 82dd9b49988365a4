// Redirects and the import map of SqlStore.
#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/sql/database.h"
#include "store/sql/rows.h"

namespace lede::store::sql {

Result<std::vector<Redirect>> SqlStore::ListRedirects(std::string_view after_path, int limit) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT from_path, to_path, created_at FROM redirects WHERE from_path > ?1 "
      "ORDER BY from_path LIMIT ?2"));
  query->Bind(1, after_path).Bind(2, std::max(limit, 1));
  std::vector<Redirect> redirects;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    redirects.push_back({query->Text(0), query->Text(1), query->Int(2)});
  }
  return redirects;
}

Result<std::optional<std::int64_t>> SqlStore::FindImported(std::string_view source,
                                                              std::string_view kind,
                                                              std::string_view key) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT target_id FROM import_map WHERE source = ?1 AND kind = ?2 AND key = ?3"));
  query->Bind(1, source).Bind(2, kind).Bind(3, key);
  LEDE_TRY(bool found, query->Step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(query->Int(0));
}

Status SqlStore::SaveImported(std::string_view source, std::string_view kind,
                                 std::string_view key, std::int64_t target_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto upsert, db->Prepare(
      "INSERT INTO import_map (source, kind, key, target_id) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (source, kind, key) DO UPDATE SET target_id = excluded.target_id"));
  return upsert->Bind(1, source).Bind(2, kind).Bind(3, key).Bind(4, target_id).Run();
}

Result<std::optional<std::string>> SqlStore::FindRedirect(std::string_view from_path) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT to_path FROM redirects WHERE from_path = ?1"));
  query->Bind(1, from_path);
  LEDE_TRY(bool found, query->Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(query->Text(0));
}

Status WriteRedirects(Database& db, std::span<const std::string> from_paths,
                      std::string_view to_path, util::UnixSeconds now) {
  // A path that is live again must not redirect away from itself.
  LEDE_TRY(auto clear, db.Prepare("DELETE FROM redirects WHERE from_path = ?1"));
  LEDE_TRY(clear->Bind(1, to_path).Run());
  for (const std::string& from_path : from_paths) {
    if (from_path == to_path) continue;
    LEDE_TRY(auto retarget, db.Prepare("UPDATE redirects SET to_path = ?2 WHERE to_path = ?1"));
    LEDE_TRY(retarget->Bind(1, from_path).Bind(2, to_path).Run());
    LEDE_TRY(auto upsert, db.Prepare(
        "INSERT INTO redirects (from_path, to_path, created_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path"));
    LEDE_TRY(upsert->Bind(1, from_path).Bind(2, to_path).Bind(3, now).Run());
  }
  return {};
}

Status SqlStore::SaveRedirects(std::span<const std::string> from_paths,
                                  std::string_view to_path, util::UnixSeconds now) {
  if (std::all_of(from_paths.begin(), from_paths.end(),
                  [to_path](const std::string& from) { return from == to_path; })) {
    return {};
  }
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(WriteRedirects(*db, from_paths, to_path, now));
  LEDE_TRY(transaction.Commit());
  NotifySiteChange(SiteChange::kRedirects);
  return {};
}

}  // namespace lede::store::sql
