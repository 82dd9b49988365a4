#include "e2e/site_store.h"

#include "store/postgres/change_channel.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_store.h"

namespace lede::testing {

Result<std::unique_ptr<store::Store>> OpenSiteStore(const std::filesystem::path& data_dir) {
  if (OnPostgres()) {
    LEDE_TRY(auto postgres, store::postgres::PostgresStore::Open(DatabaseFor(data_dir)));
    return std::unique_ptr<store::Store>(std::move(postgres));
  }
  LEDE_TRY(auto sqlite, store::sqlite::SqliteStore::Open((data_dir / "lede.db").string()));
  return std::unique_ptr<store::Store>(std::move(sqlite));
}

Status AnnounceWrites(store::Store& store, const std::filesystem::path& data_dir) {
  if (!OnPostgres()) return static_cast<store::sqlite::SqliteStore&>(store).AnnounceChanges();
  LEDE_TRY(auto channel, store::postgres::ChangeChannel::Open(DatabaseFor(data_dir)));
  channel->Publish({});
  return {};
}

}  // namespace lede::testing
