#include "store/postgres/pool.h"

#include <fmt/format.h>

namespace lede::store::postgres {

Result<std::unique_ptr<Pool>> Pool::Open(const std::string& url, int size) {
  LEDE_TRY(auto first, Connection::Open(url));
  auto pool = std::unique_ptr<Pool>(new Pool(url, std::max(size, 1)));
  pool->idle_.push_back(first.get());
  pool->all_.push_back(std::move(first));
  return pool;
}

Pool::~Pool() {
  std::unique_lock lock(mutex_);
  // No lease outlives its pool: wait for any still out.
  available_.wait(lock, [&] { return idle_.size() == all_.size(); });
}

namespace {
// The connection a batch pinned to this thread, per pool.
thread_local std::pair<const Pool*, Connection*> pinned{nullptr, nullptr};
}  // namespace

Result<sql::Pool::Lease> Pool::Acquire() {
  if (pinned.first == this) return Lease(nullptr, pinned.second);
  return Take();
}

Result<sql::Pool::Lease> Pool::Pin() {
  LEDE_TRY(auto lease, Take());
  pinned = {this, &Native(*lease)};
  return lease;
}

void Pool::Unpin(Lease) {
  pinned = {nullptr, nullptr};
  // The lease, taken by value, returns the connection as it goes.
}

Result<sql::Pool::Lease> Pool::Take() {
  Connection* connection = nullptr;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || static_cast<int>(all_.size()) + opening_ < size_; });
    if (!idle_.empty()) {
      connection = idle_.back();
      idle_.pop_back();
    } else {
      ++opening_;  // a place kept while connecting outside the lock
    }
  }
  if (connection == nullptr) {
    auto made = Connection::Open(url_);
    std::lock_guard lock(mutex_);
    --opening_;
    if (!made) {
      available_.notify_all();
      return tl::unexpected(made.error());
    }
    connection = made->get();
    all_.push_back(std::move(*made));
  } else if (!connection->healthy()) {
    if (auto reconnected = connection->Reconnect(); !reconnected) {
      Return(connection);
      return tl::unexpected(reconnected.error());
    }
  }
  return Lease(this, connection);
}

void Pool::Return(sql::Database* db) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&Native(*db));
  }
  available_.notify_all();
}

}  // namespace lede::store::postgres
