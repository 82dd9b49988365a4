// The AuditLog half of SqlStore.
#include <algorithm>

#include "store/sql/database.h"
#include "store/sql/sql_store.h"

namespace lede::store::sql {

Status SqlStore::Record(const AuditEntry& entry) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO audit_log (at, user_id, action, object_kind, object_id, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  return insert->Bind(1, entry.at).Bind(2, entry.user_id).Bind(3, entry.action)
      .Bind(4, entry.object_kind).Bind(5, entry.object_id).Bind(6, entry.detail).Run();
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(const AuditQuery& query) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto select, db->Prepare(
      "SELECT l.id, l.at, l.user_id, l.action, l.object_kind, l.object_id, l.detail, "
      "COALESCE(u.name, '') FROM audit_log l LEFT JOIN users u ON u.id = l.user_id "
      "WHERE (?1 IS NULL OR l.user_id = ?1) AND (?2 = '' OR substr(l.action, 1, length(?2)) = ?2) "
      "AND (?3 IS NULL OR l.id < ?3) ORDER BY l.id DESC LIMIT ?4"));
  select->Bind(1, query.user_id).Bind(2, query.action_prefix).Bind(3, query.before_id)
      .Bind(4, std::clamp(query.limit, 1, 200));
  std::vector<AuditEntry> entries;
  while (true) {
    LEDE_TRY(bool row, select->Step());
    if (!row) break;
    entries.push_back({select->Int(0), select->Int(1), select->Int(2), select->Text(3),
                       select->Text(4), select->Int(5), select->Text(6), select->Text(7)});
  }
  return entries;
}

}  // namespace lede::store::sql
