#include "store/postgres/pool.h"

#include <fmt/format.h>

namespace lede::store::postgres {

Pool::Lease::~Lease() {
  if (pool_ && connection_) pool_->Return(std::move(connection_));
}

Result<std::unique_ptr<Pool>> Pool::Open(const std::string& url, int size) {
  LEDE_TRY(auto first, Connection::Open(url));
  auto pool = std::unique_ptr<Pool>(new Pool(url, std::max(size, 1)));
  pool->idle_.push_back(std::move(first));
  pool->open_ = 1;
  return pool;
}

Pool::~Pool() {
  std::unique_lock lock(mutex_);
  // Leases outlive no pool: wait for any still out.
  available_.wait(lock, [&] { return static_cast<int>(idle_.size()) == open_; });
}

Result<Pool::Lease> Pool::Acquire() {
  std::unique_ptr<Connection> connection;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserved while connecting outside the lock
    }
  }
  if (!connection) {
    auto made = Connection::Open(url_);
    if (!made) {
      std::lock_guard lock(mutex_);
      --open_;
      available_.notify_one();
      return tl::unexpected(made.error());
    }
    connection = std::move(*made);
  } else if (!connection->healthy()) {
    if (auto reconnected = connection->Reconnect(); !reconnected) {
      Return(std::move(connection));
      return tl::unexpected(reconnected.error());
    }
  }
  return Lease(this, std::move(connection));
}

void Pool::Return(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
  available_.notify_all();
}

Result<Transaction> Transaction::Begin(Connection& connection, Mode mode) {
  if (mode == Mode::kRead) {
    LEDE_TRY(connection.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    return Transaction(&connection);
  }
  LEDE_TRY(connection.Exec("BEGIN"));
  Transaction transaction(&connection);
  auto lock = connection.Prepare("SELECT pg_advisory_xact_lock(?1)");
  LEDE_TRY(lock->Bind(1, kWriteLock).Run());
  return transaction;
}

Transaction::~Transaction() {
  // A failed ROLLBACK leaves a broken connection, which the pool replaces.
  if (connection_) (void)connection_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return MakeError(ErrorCode::kInternal, "transaction already ended");
  return connection->Exec("COMMIT");
}

}  // namespace lede::store::postgres
