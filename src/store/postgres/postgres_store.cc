#include "store/postgres/postgres_store.h"

#include <fmt/format.h>

#include <functional>
#include <optional>

#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/sql/search_text.h"

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

Status PostgresStore::IndexArticle(sql::Database& db, std::int64_t article_id) {
  std::string body;
  {
    LEDE_TRY(auto row, db.Prepare(
        "SELECT body_html FROM articles WHERE id = ?1 AND status <> 'draft' AND trashed_at IS NULL"));
    row->Bind(1, article_id);
    LEDE_TRY(bool indexed, row->Step());
    if (!indexed) {
      row->Reset();
      LEDE_TRY(auto remove, db.Prepare("DELETE FROM article_search WHERE article_id = ?1"));
      return remove->Bind(1, article_id).Run();
    }
    body = sql::SearchTextOf(row->Text(0), /*is_html=*/true);
  }
  // Weights: A the headline; B the standfirst and Quick Looks; C the
  // keywords (dateline, tags, bylines); D the body.
  LEDE_TRY(auto write, db.Prepare(
      "INSERT INTO article_search (article_id, document, body) "
      "SELECT a.id, "
      "setweight(to_tsvector('lede_search', a.headline), 'A') || "
      "setweight(to_tsvector('lede_search', a.standfirst || ' ' || COALESCE((SELECT "
      "string_agg(q.text, ' ' ORDER BY q.position) FROM article_quick_looks q "
      "WHERE q.article_id = a.id), '')), 'B') || "
      "setweight(to_tsvector('lede_search', a.dateline || ' ' || COALESCE((SELECT "
      "string_agg(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id "
      "WHERE x.article_id = a.id), '') || ' ' || COALESCE((SELECT string_agg(w.name, ' ') "
      "FROM article_authors x JOIN authors w ON w.id = x.author_id WHERE x.article_id = a.id), "
      "'')), 'C') || "
      "setweight(to_tsvector('lede_search', ?2), 'D'), ?2 "
      "FROM articles a WHERE a.id = ?1 "
      "ON CONFLICT (article_id) DO UPDATE SET document = excluded.document, body = excluded.body"));
  return write->Bind(1, article_id).Bind(2, body).Run();
}

}  // namespace lede::store::postgres
