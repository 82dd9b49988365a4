#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "store/safe_html_storage.h"
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/process_watch.h"
#include "store/sqlite/search_index.h"

namespace lede::store::sqlite {

using content::Article;

SqliteStore::SqliteStore(std::unique_ptr<Pool> pool, std::string path)
    : SqlStore(std::move(pool)), native_pool_(static_cast<Pool&>(*pool_)), path_(std::move(path)) {}
SqliteStore::~SqliteStore() = default;

Status SqliteStore::AnnounceChanges(std::chrono::milliseconds wait) {
  LEDE_TRY(auto db, pool_->Acquire());
  return sqlite::AnnounceChanges(Native(*db), wait);
}

void SqliteStore::StopWatching() { watch_.reset(); }

Status SqliteStore::WatchOtherProcesses(std::chrono::milliseconds interval) {
  LEDE_TRY(watch_, ProcessWatch::Start(path_, interval, [this] {
             NotifySiteChange(SiteChange::kEverything);
           }));
  return {};
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       SqliteOptions options) {
  LEDE_TRY(auto pool, Pool::Open(path, std::max(1, options.connections)));
  {
    LEDE_TRY(auto db, pool->Acquire());
    if (auto status = Migrate(Native(*db)); !status) {
      return tl::unexpected(Error{status.error().code,
                                  fmt::format("{}: {}", path, status.error().message), {}});
    }
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool), path));
}

namespace {

class SqliteBatch final : public Batch {
 public:
  SqliteBatch(Pool& pool, Pool::Lease lease, Transaction transaction,
              std::function<void()> committed)
      : pool_(pool),
        lease_(std::move(lease)),
        transaction_(std::move(transaction)),
        committed_(std::move(committed)) {}
  ~SqliteBatch() override {
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
    Native(*lease_).JoinBatches(false);
    pool_.Unpin(std::move(lease_));
  }

  Pool& pool_;
  Pool::Lease lease_;
  std::optional<Transaction> transaction_;
  std::function<void()> committed_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<Batch>> SqliteStore::BeginBatch() {
  auto lease = native_pool_.Pin();
  auto transaction = Transaction::Begin(*lease);
  if (!transaction) {
    native_pool_.Unpin(std::move(lease));
    return tl::unexpected(transaction.error());
  }
  Native(*lease).JoinBatches(true);
  // A batch writes more than can be named (an import): every page goes.
  return std::unique_ptr<Batch>(new SqliteBatch(native_pool_, std::move(lease), std::move(*transaction),
                                                [this] { NotifySiteChange(SiteChange::kEverything); }));
}

Status SqliteStore::IndexArticle(sql::Database& db, std::int64_t article_id) {
  return ReindexArticle(Native(db), article_id);
}

}  // namespace lede::store::sqlite
