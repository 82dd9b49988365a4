#pragma once
// What the SQL store's code runs on, whichever database is underneath:
// a connection that prepares statements and runs transactions, statements
// that bind values by position and step through rows, and a pool that
// lends connections to threads. sqlite/ and postgres/ implement it.
//
// SQL is written once, with numbered parameters (?1) or named ones (:now,
// found with ParameterIndex); the few places where the dialects differ ask
// the connection's Dialect for their fragment. Values are only ever bound,
// never spliced into SQL.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/result.h"

namespace lede::store::sql {

class Statement {
 public:
  virtual ~Statement() = default;

  // Binds by 1-based position. Chainable.
  virtual Statement& Bind(int index, std::int64_t value) = 0;
  Statement& Bind(int index, int value) { return Bind(index, std::int64_t{value}); }
  virtual Statement& Bind(int index, double value) = 0;
  virtual Statement& Bind(int index, std::string_view value) = 0;
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  virtual Statement& Bind(int index, std::nullopt_t) = 0;
  // Bytes that may hold anything, NUL included (media files).
  virtual Statement& BindBlob(int index, std::string_view bytes) = 0;
  virtual Statement& Bind(int index, const std::optional<std::int64_t>& value) = 0;
  // The position of a named parameter (":now"); 0 when the SQL has none.
  virtual int ParameterIndex(std::string_view name) const = 0;

  // Steps once: true while there is a row, false when done.
  virtual Result<bool> Step() = 0;
  // Runs a statement that returns no rows (or ignores them).
  Status Run() {
    LEDE_TRY(Step());
    return {};
  }
  // Rows the last run inserted, updated or deleted.
  virtual std::int64_t Changes() const = 0;
  // After Run of an INSERT ... RETURNING id: the id, and the statement
  // ended there (SQLite commits a lone write, and lets its transaction
  // commit, only once the statement is reset).
  std::int64_t TakeId() {
    const std::int64_t id = Int(0);
    Reset();
    return id;
  }

  // Columns of the current row. Booleans read as 1 and 0.
  virtual std::int64_t Int(int column) const = 0;
  std::optional<std::int64_t> OptionalInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // A column bound with BindBlob.
  virtual std::string Blob(int column) const = 0;
  // What a column of the current row holds, for code that copies rows
  // without knowing their tables (lede migrate).
  enum class Kind { kNull, kInt, kDouble, kText };
  virtual Kind KindOf(int column) const = 0;
  // The result's columns, once the statement has stepped (even past its
  // last row).
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int column) const = 0;

  // Clears bindings and results; called when a borrow ends.
  virtual void Reset() = 0;
};

// A cached statement borrowed for one use, reset when the borrow ends (an
// un-reset SQLite statement keeps its read transaction open).
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

// Where SQLite and PostgreSQL spell the same thing differently.
struct Dialect {
  // A subquery of the ids in a parameter bound to a JSON array of
  // integers ("[1,2,3]"), for `x IN (...)`; `parameter` is "?1".
  std::string (*id_list)(std::string_view parameter);
  // True when `needle` occurs in `haystack`, ignoring ASCII case.
  std::string (*contains)(std::string_view haystack, std::string_view needle);
  // The larger of two values (SQLite's two-argument MAX, GREATEST).
  std::string (*greatest)(std::string_view a, std::string_view b);
  // The year and the month (1-12) of a Unix time, as integers, in UTC.
  std::string (*year_of)(std::string_view unix_seconds);
  std::string (*month_of)(std::string_view unix_seconds);
  // "INDEXED BY name " where the planner needs telling (SQLite), else "".
  std::string (*indexed_by)(std::string_view index);
};

class Database {
 public:
  virtual ~Database() = default;

  // A cached prepared statement, ready to bind. Do not hold two borrows of
  // the same SQL at once.
  virtual Result<ScopedStatement> Prepare(std::string_view sql) = 0;
  // Runs SQL text with no parameters; may hold several statements.
  virtual Status Exec(std::string_view sql) = 0;
  // Runs one statement with no parameters from the cache (BEGIN...).
  Status Run(std::string_view sql) {
    LEDE_TRY(auto statement, Prepare(sql));
    return statement->Run();
  }
  virtual const Dialect& dialect() const = 0;

 protected:
  friend class Transaction;
  friend class ReadSnapshot;
  // How a transaction began, for its end: an engine's own codes.
  struct Begun {
    int kind = 0;
    std::int64_t mark = 0;
    std::int64_t changes = 0;
  };
  // Begins a write transaction (or its nested equivalent inside one).
  virtual Result<Begun> BeginWrite() = 0;
  virtual Status CommitWrite(Begun begun) = 0;
  virtual void RollbackWrite(Begun begun) = 0;
  // Begins a read snapshot; false when already inside a transaction.
  virtual bool BeginSnapshot() = 0;
  virtual void EndSnapshot() = 0;
};

// A write transaction: each store write is one, so a failure leaves
// nothing half-written. Rolled back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db) {
    LEDE_TRY(auto begun, db.BeginWrite());
    return Transaction(&db, begun);
  }
  Transaction(Transaction&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), begun_(other.begun_) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (db_) db_->RollbackWrite(begun_);
  }
  Status Commit() {
    Database* db = std::exchange(db_, nullptr);
    if (db == nullptr) return MakeError(ErrorCode::kInternal, "transaction already ended");
    return db->CommitWrite(begun_);
  }

 private:
  Transaction(Database* db, Database::Begun begun) : db_(db), begun_(begun) {}
  Database* db_;
  Database::Begun begun_;
};

// One read transaction over several statements: they see one snapshot, and
// the connection takes its read lock once. Inside a transaction it does
// nothing.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db.BeginSnapshot() ? &db : nullptr) {}
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    if (db_) db_->EndSnapshot();
  }

 private:
  Database* db_;
};

// Lends connections to threads. A lease returns its connection when it
// ends.
class Pool {
 public:
  class Lease {
   public:
    Lease(Pool* pool, Database* db) : pool_(pool), db_(db) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(std::exchange(other.db_, nullptr)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_ && pool_) pool_->Return(db_);
    }
    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_; }

   private:
    Pool* pool_;  // null: a borrowed connection, not returned
    Database* db_;
  };

  virtual ~Pool() = default;
  // Blocks while every connection is lent. kUnavailable when the database
  // cannot be reached.
  virtual Result<Lease> Acquire() = 0;

 protected:
  virtual void Return(Database* db) = 0;
};

}  // namespace lede::store::sql
