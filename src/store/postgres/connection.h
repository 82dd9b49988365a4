#pragma once
// A thin RAII layer over libpq with the shape of sqlite::Database: a
// Connection owns one server connection and caches its prepared statements;
// a Statement binds values by position and steps through rows. Values are
// only ever bound, never spliced into SQL.
//
// SQL is written with SQLite's numbered parameters (?1, ?2...) and turned
// into PostgreSQL's ($1, $2...) when prepared, so one text can serve both
// stores. A statement is prepared on the server the first time it runs,
// with the types of the values bound then (bigint, double precision, text),
// so `?1 IS NULL` needs no cast.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/result.h"

namespace lede::store::postgres {

// kInvalidArgument naming what is wrong when `url` is not a PostgreSQL
// connection URI (postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?options]).
Status CheckUrl(std::string_view url);
// The URL with any password replaced by "***", for messages and logs.
std::string RedactUrl(std::string_view url);

class Connection;

class Statement {
 public:
  Statement(Connection* connection, std::string sql, std::string name)
      : connection_(connection), sql_(std::move(sql)), name_(std::move(name)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based position. Chainable.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, std::int64_t{value}); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::nullopt_t);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);

  // Runs the statement on the first call, then steps through its rows:
  // true while there is a row, false when done.
  Result<bool> Step();
  // Runs a statement and ignores any rows.
  Status Run();
  // Rows the last run inserted, updated or deleted.
  std::int64_t Changes() const { return changes_; }

  // Columns of the current row. Booleans read as 1 and 0.
  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

  // Drops the bindings and the result; called after each borrow.
  void Reset();

 private:
  enum class Type : unsigned { kUnknown = 0, kInt8 = 20, kText = 25, kFloat8 = 701 };
  void Set(int index, Type type, std::optional<std::string> value);
  Status Execute();

  Connection* connection_;
  std::string sql_;   // already in PostgreSQL's $N form
  std::string name_;  // of the server-side prepared statement
  bool prepared_ = false;
  std::vector<Type> types_;
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

// A cached statement borrowed for one use; reset when the borrow ends.
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

class Connection {
 public:
  // Connects to the server `url` names, giving up after `connect_timeout_s`
  // unless the URL says otherwise. kInvalidArgument for a malformed URL;
  // kUnavailable with one line saying why (refused, no such host, wrong
  // password, no such database) otherwise. The password never appears in it.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url,
                                                  int connect_timeout_s = 5);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached statement, ready to bind. Do not hold two borrows of the same
  // SQL at once.
  ScopedStatement Prepare(std::string_view sql);
  // Runs SQL text with no parameters; may hold several statements
  // (migrations).
  Status Exec(std::string_view sql);

  // False once the server went away (a restart, a network failure): the
  // connection then only fails, and its pool replaces it. Reads what the
  // server sent meanwhile, so call it between queries, not during one.
  bool healthy();
  // Connects again after a failure; prepared statements start over.
  Status Reconnect();

  PGconn* raw() const { return connection_; }
  // The error for a failed result (null: the connection's own), with the
  // code its SQLSTATE means: unique and foreign-key violations are
  // kConflict and kInvalidArgument, a lost server kUnavailable.
  Error ErrorFrom(const PGresult* result, std::string_view context) const;

 private:
  explicit Connection(PGconn* connection, std::string url)
      : connection_(connection), url_(std::move(url)) {}
  PGconn* connection_;
  std::string url_;
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> statements_;
};

// ?1 → $1, leaving quoted strings, quoted names and comments alone.
std::string NumberedParameters(std::string_view sql);

}  // namespace lede::store::postgres
