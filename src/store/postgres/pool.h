#pragma once
// Connections to one PostgreSQL database shared by threads, and the
// transactions that run on them.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.h"
#include "util/result.h"

namespace lede::store::postgres {

// Keys of the advisory locks lede takes; "lede" in the high bytes keeps
// them apart from any another application sharing the database takes.
inline constexpr std::int64_t kWriteLock = 0x6c656465'00000001;
inline constexpr std::int64_t kMigrationLock = 0x6c656465'00000002;

// At most `size` connections, opened as threads need them. Acquire blocks
// while all are in use, and replaces a connection the server dropped (a
// restart, a failover) before handing it out.
class Pool {
 public:
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Connects once, so that a wrong URL, password or database fails here
  // with one line saying so.
  static Result<std::unique_ptr<Pool>> Open(const std::string& url, int size);
  ~Pool();

  // kUnavailable while the server cannot be reached.
  Result<Lease> Acquire();
  const std::string& url() const { return url_; }

 private:
  Pool(std::string url, int size) : url_(std::move(url)), size_(size) {}
  void Return(std::unique_ptr<Connection> connection);

  const std::string url_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle and leased
};

// BEGIN on a connection, rolled back on destruction unless committed.
// A write transaction first takes lede's write lock for its duration, so
// writers follow one another as they do on SQLite, across every node: a
// version check, a vote's duplicate check and the rows they guard cannot
// interleave with another writer's. A read transaction sees one snapshot.
class Transaction {
 public:
  enum class Mode { kRead, kWrite };
  static Result<Transaction> Begin(Connection& connection, Mode mode);
  Transaction(Transaction&& other) noexcept : connection_(std::exchange(other.connection_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;  // null once committed or rolled back
};

}  // namespace lede::store::postgres
