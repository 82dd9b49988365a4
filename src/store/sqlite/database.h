#pragma once
// A thin RAII layer over the sqlite3 C API: a Database owns one connection
// and caches its prepared statements; a Pool hands connections to threads.
// Values are only ever bound, never spliced into SQL.

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

#include "util/result.h"

namespace lede::store::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position. Chainable.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, std::int64_t{value}); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::nullopt_t);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);

  // Steps once: true while there is a row, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

  // Clears bindings and resets; called before each use from the cache.
  void Reset();
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
};

// A cached statement borrowed for one use. Resetting it when the borrow ends
// matters: a stepped statement left un-reset keeps its read transaction, and
// the connection would go on seeing an old snapshot of the file.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement* statement) : statement_(statement) {}
  ScopedStatement(ScopedStatement&& other) noexcept
      : statement_(std::exchange(other.statement_, nullptr)) {}
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ~ScopedStatement() {
    if (statement_) statement_->Reset();
  }
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

class Database {
 public:
  // Opens (creating if needed) the file at `path`, in WAL mode with foreign
  // keys on and synchronous=FULL. kUnavailable with SQLite's message when the
  // file cannot be opened; kCorruption when it is not a database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();

  // A cached prepared statement, ready to bind. Do not hold two borrows of
  // the same SQL at once.
  Result<ScopedStatement> Prepare(std::string_view sql);
  // Runs SQL text with no parameters (migrations, pragmas).
  Status Exec(std::string_view sql);
  // Runs one statement with no parameters from the cache: for statements
  // run often, like BEGIN and SAVEPOINT, which Exec would compile each time.
  Status Run(std::string_view sql);
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

// Runs BEGIN IMMEDIATE now (a SAVEPOINT when the connection is already in
// a transaction, as inside a batch) and rolls back on destruction unless
// committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept
      : db_(other.db_), kind_(other.kind_), changes_(other.changes_) {
    other.db_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  enum class Kind { kOwn, kSavepoint, kJoined };
  Transaction(Database* db, Kind kind, std::int64_t changes = 0)
      : db_(db), kind_(kind), changes_(changes) {}
  Database* db_;
  Kind kind_;
  std::int64_t changes_;  // rows changed on the connection before a joined call
};

// One read transaction over several statements: they see one snapshot of
// the file, and the connection takes its read lock once rather than per
// statement (a search's dozens of small reads). Inside a caller's
// transaction it does nothing.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db);
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot();

 private:
  Database* db_ = nullptr;  // set when this began the transaction
};

class Checkpointer;

// A fixed set of connections shared by threads. Acquire blocks until one is
// free; the lease returns it when destroyed. Their commits are checkpointed
// by a Checkpointer of the pool's own.
class Pool {
 public:
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    // A lease of the connection this thread's batch holds: not returned.
    explicit Lease(Database* borrowed) : pool_(nullptr), borrowed_(borrowed) {}
    Lease(Lease&&) = default;
    ~Lease();
    Database& operator*() { return borrowed_ ? *borrowed_ : *db_; }
    Database* operator->() { return borrowed_ ? borrowed_ : db_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Database> db_;
    Database* borrowed_ = nullptr;
  };

  static Result<std::unique_ptr<Pool>> Open(const std::string& path, int size);
  // This thread's batch connection when it has one, else a free one.
  Lease Acquire();
  // Pins a connection to the calling thread until Unpin (batches).
  Lease Pin();
  void Unpin(Lease lease);
  ~Pool();

  const Checkpointer& checkpointer() const { return *checkpointer_; }

 private:
  // Declared first, so destroyed after the connections that report to it.
  std::unique_ptr<Checkpointer> checkpointer_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace lede::store::sqlite
