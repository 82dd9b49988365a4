#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "store/safe_html_storage.h"
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/process_watch.h"
#include "store/sql/batch.h"
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

Result<std::unique_ptr<Batch>> SqliteStore::BeginBatch() {
  auto lease = native_pool_.Pin();
  auto transaction = Transaction::Begin(*lease);
  if (!transaction) {
    native_pool_.Unpin(std::move(lease));
    return tl::unexpected(transaction.error());
  }
  Native(*lease).JoinBatches(true);
  return std::unique_ptr<Batch>(new sql::PinnedBatch(
      std::move(lease), std::move(*transaction),
      [this](Pool::Lease done) {
        Native(*done).JoinBatches(false);
        native_pool_.Unpin(std::move(done));
      },
      // A batch writes more than can be named (an import): every page goes.
      [this] { NotifySiteChange(SiteChange::kEverything); }));
}

Status SqliteStore::IndexArticle(sql::Database& db, std::int64_t article_id) {
  return ReindexArticle(Native(db), article_id);
}

}  // namespace lede::store::sqlite
