#include "store/postgres/postgres_store.h"

#include <fmt/format.h>

#include <functional>
#include <optional>

#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"

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

namespace {

// One transaction on a connection pinned to the batch's thread; each call
// inside it runs in a savepoint (Connection::BeginWrite), since PostgreSQL
// aborts a whole transaction at its first error.
class PostgresBatch final : public Batch {
 public:
  PostgresBatch(Pool& pool, sql::Pool::Lease lease, sql::Transaction transaction,
                std::function<void()> committed)
      : pool_(pool),
        lease_(std::move(lease)),
        transaction_(std::move(transaction)),
        committed_(std::move(committed)) {}
  ~PostgresBatch() override {
    if (!done_) Finish();
  }
  Status Commit() override {
    auto status = transaction_->Commit();
    transaction_.reset();
    Finish();
    if (status) committed_();
    return status;
  }

 private:
  void Finish() {
    done_ = true;
    transaction_.reset();  // rolls back when not committed
    Native(**lease_).JoinBatches(false);
    pool_.Unpin(std::move(*lease_));
    lease_.reset();
  }

  Pool& pool_;
  std::optional<sql::Pool::Lease> lease_;
  std::optional<sql::Transaction> transaction_;
  std::function<void()> committed_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<Batch>> PostgresStore::BeginBatch() {
  LEDE_TRY(auto lease, native_pool_.Pin());
  auto transaction = sql::Transaction::Begin(*lease);
  if (!transaction) {
    native_pool_.Unpin(std::move(lease));
    return tl::unexpected(transaction.error());
  }
  Native(*lease).JoinBatches(true);
  // A batch writes more than can be named (an import): every page goes.
  return std::unique_ptr<Batch>(new PostgresBatch(native_pool_, std::move(lease), std::move(*transaction),
                                                  [this] { NotifySiteChange(SiteChange::kEverything); }));
}

}  // namespace lede::store::postgres
