// The autosave half of SqlStore: what editors typed, unsaved.
#include "store/sql/database.h"
#include "store/sql/sql_store.h"

namespace lede::store::sql {

Status SqlStore::PutAutosave(const Autosave& autosave) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto put, db->Prepare(
      "INSERT INTO article_autosaves (article_id, user_id, saved_at, version, form) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, user_id) DO UPDATE SET "
      "saved_at = excluded.saved_at, version = excluded.version, form = excluded.form"));
  return put->Bind(1, autosave.article_id).Bind(2, autosave.user_id).Bind(3, autosave.saved_at)
      .Bind(4, autosave.version).Bind(5, autosave.form).Run();
}

Result<std::optional<Autosave>> SqlStore::FindAutosave(std::int64_t article_id, std::int64_t user_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT saved_at, version, form FROM article_autosaves WHERE article_id = ?1 AND user_id = ?2"));
  query->Bind(1, article_id).Bind(2, user_id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return std::optional<Autosave>();
  Autosave autosave{article_id, user_id, query->Int(0), query->Int(1), query->Text(2)};
  query->Reset();
  return std::optional<Autosave>(std::move(autosave));
}

Status SqlStore::DeleteAutosave(std::int64_t article_id, std::int64_t user_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM article_autosaves WHERE article_id = ?1 AND user_id = ?2"));
  return remove->Bind(1, article_id).Bind(2, user_id).Run();
}

}  // namespace lede::store::sql
