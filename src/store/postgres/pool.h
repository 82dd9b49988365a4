#pragma once
// Connections to one PostgreSQL database shared by threads.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.h"
#include "store/sql/database.h"
#include "util/result.h"

namespace lede::store::postgres {

// The advisory lock migrations take (connection.cc has the write lock's).
inline constexpr std::int64_t kMigrationLock = 0x6c656465'00000002;

// At most `size` connections, opened as threads need them. Acquire blocks
// while all are in use, and replaces a connection the server dropped (a
// restart, a failover) before lending it.
class Pool final : public sql::Pool {
 public:
  // Connects once, so that a wrong URL, password or database fails here
  // with one line saying so.
  static Result<std::unique_ptr<Pool>> Open(const std::string& url, int size);
  ~Pool() override;

  // This thread's batch connection when it has one, else a free one.
  // kUnavailable while the server cannot be reached.
  Result<Lease> Acquire() override;
  // Pins a connection to the calling thread until Unpin (batches).
  Result<Lease> Pin();
  void Unpin(Lease lease);
  const std::string& url() const { return url_; }

 protected:
  void Return(sql::Database* db) override;

 private:
  Pool(std::string url, int size) : url_(std::move(url)), size_(size) {}
  Result<Lease> Take();

  const std::string url_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
  int opening_ = 0;  // connections being opened outside the lock
};

}  // namespace lede::store::postgres
