#pragma once
// The sql/ layer on the sqlite3 C API: a Database owns one connection and
// caches its prepared statements; a Pool hands connections to threads.

#include <sqlite3.h>

#include <condition_variable>
#include <functional>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/sql/database.h"
#include "util/result.h"

namespace lede::store::sqlite {

using sql::ReadSnapshot;
using sql::ScopedStatement;
using sql::Transaction;

class Statement final : public sql::Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  using sql::Statement::Bind;
  sql::Statement& Bind(int index, std::int64_t value) override;
  sql::Statement& Bind(int index, double value) override;
  sql::Statement& Bind(int index, std::string_view value) override;
  sql::Statement& Bind(int index, std::nullopt_t) override;
  sql::Statement& BindBlob(int index, std::string_view bytes) override;
  sql::Statement& Bind(int index, const std::optional<std::int64_t>& value) override;
  int ParameterIndex(std::string_view name) const override;

  Result<bool> Step() override;
  std::int64_t Changes() const override;

  std::int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  bool IsNull(int column) const override;
  std::string Blob(int column) const override;
  Kind KindOf(int column) const override;
  int ColumnCount() const override;
  std::string ColumnName(int column) const override;

  void Reset() override;
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
};

class Database final : public sql::Database {
 public:
  // Opens (creating if needed) the file at `path`, in WAL mode with foreign
  // keys on and synchronous=FULL. kUnavailable with SQLite's message when the
  // file cannot be opened; kCorruption when it is not a database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database() override;

  Result<ScopedStatement> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  const sql::Dialect& dialect() const override;
  std::int64_t LastInsertId() const;
  sqlite3* raw() const { return db_; }

  // While a bulk batch holds this connection (Store::BeginBatch), each
  // call's transaction joins the batch's instead of opening a savepoint:
  // savepoints copied every page a call touched, most of an import's work.
  // A call that fails after changing rows breaks the batch: it can then
  // only roll back. (A call failing in its first statement changed
  // nothing: SQLite undoes a failed statement by itself.)
  void JoinBatches(bool join) {
    joins_batch_ = join;
    batch_broken_ = false;
  }
  bool joins_batch() const { return joins_batch_; }
  void BreakBatch() { batch_broken_ = true; }
  bool batch_broken() const { return batch_broken_; }

  Error MakeError(int code, std::string_view context) const;

 protected:
  // BEGIN IMMEDIATE now (a SAVEPOINT when the connection is already in a
  // transaction; nothing of its own when it joins a batch).
  Result<Begun> BeginWrite() override;
  Status CommitWrite(Begun begun) override;
  void RollbackWrite(Begun begun) override;
  bool BeginSnapshot() override;
  void EndSnapshot() override;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool joins_batch_ = false;
  bool batch_broken_ = false;
  // Looked up by string_view without building a std::string each time.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> statements_;
};

class Checkpointer;

// A fixed set of connections shared by threads. Acquire blocks until one is
// free; the lease returns it when destroyed. Their commits are checkpointed
// by a Checkpointer of the pool's own.
class Pool final : public sql::Pool {
 public:
  static Result<std::unique_ptr<Pool>> Open(const std::string& path, int size);
  ~Pool() override;

  // This thread's batch connection when it has one, else a free one.
  Result<Lease> Acquire() override;
  // Pins a connection to the calling thread until Unpin (batches).
  Lease Pin();
  void Unpin(Lease lease);

  const Checkpointer& checkpointer() const { return *checkpointer_; }

 protected:
  void Return(sql::Database* db) override;

 private:
  Pool() = default;
  Lease Take();

  // Declared first, so destroyed after the connections that report to it.
  std::unique_ptr<Checkpointer> checkpointer_;
  std::vector<std::unique_ptr<Database>> all_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Database*> idle_;
};

// The connection a lease lends, as SQLite's own (for what only SQLite has:
// its search index, its file).
inline Database& Native(sql::Database& db) { return static_cast<Database&>(db); }

}  // namespace lede::store::sqlite
