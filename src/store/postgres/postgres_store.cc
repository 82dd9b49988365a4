#include "store/postgres/postgres_store.h"

#include <fmt/format.h>

#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/sql/batch.h"

namespace lede::store::postgres {

PostgresStore::PostgresStore(std::unique_ptr<Pool> pool)
    : SqlStore(std::move(pool)), native_pool_(static_cast<Pool&>(*pool_)) {}
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url, PostgresOptions options) {
  LEDE_TRY(auto pool, Pool::Open(url, std::max(2, options.connections)));
  {
    LEDE_TRY(auto db, pool->Acquire());
    if (auto migrated = Migrate(Native(*db)); !migrated) {
      return tl::unexpected(Error{migrated.error().code,
                                  fmt::format("{}: {}", RedactUrl(url), migrated.error().message), {}});
    }
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

// Each call inside the batch runs in a savepoint (Connection::BeginWrite),
// since PostgreSQL aborts a whole transaction at its first error.
Result<std::unique_ptr<Batch>> PostgresStore::BeginBatch() {
  LEDE_TRY(auto lease, native_pool_.Pin());
  auto transaction = sql::Transaction::Begin(*lease);
  if (!transaction) {
    native_pool_.Unpin(std::move(lease));
    return tl::unexpected(transaction.error());
  }
  Native(*lease).JoinBatches(true);
  return std::unique_ptr<Batch>(new sql::PinnedBatch(
      std::move(lease), std::move(*transaction),
      [this](sql::Pool::Lease done) {
        Native(*done).JoinBatches(false);
        native_pool_.Unpin(std::move(done));
      },
      // A batch writes more than can be named (an import): every page goes.
      [this] { NotifySiteChange(SiteChange::kEverything); }));
}

Status PostgresStore::AfterCopy(sql::Database& db, std::string_view table) {
  // The identity's next value past the ids copied in with their rows. The
  // table name is one of lede's own (sql/copy.cc), never input.
  return db.Exec(fmt::format(
      "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {0}",
      table));
}

}  // namespace lede::store::postgres
