#pragma once
// The sql/ layer on libpq: a Connection owns one server connection and
// caches its prepared statements.
//
// SQL written for both stores uses SQLite's parameters, numbered (?1) and
// named (:now); they become PostgreSQL's $1, $2... when prepared. A
// statement is prepared on the server the first time it runs, with the
// types of the values bound then (bigint, double precision, text), so
// `?1 IS NULL` needs no cast.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/sql/database.h"
#include "util/result.h"

namespace lede::store::postgres {

using sql::ScopedStatement;

// kInvalidArgument naming what is wrong when `url` is not a PostgreSQL
// connection URI (postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?options]).
Status CheckUrl(std::string_view url);
// The URL with any password replaced by "***", for messages and logs.
std::string RedactUrl(std::string_view url);

// SQL in PostgreSQL's form: ?N becomes $N, each distinct :name the next
// free $N (listed in `names`, in order), leaving quoted strings, quoted
// names, comments and :: casts alone.
std::string NumberedParameters(std::string_view sql, std::vector<std::string>* names = nullptr,
                               int* first_named = nullptr);

class Connection;

class Statement final : public sql::Statement {
 public:
  Statement(Connection* connection, std::string_view sql, std::string name);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() override;

  using sql::Statement::Bind;
  sql::Statement& Bind(int index, std::int64_t value) override;
  sql::Statement& Bind(int index, double value) override;
  sql::Statement& Bind(int index, std::string_view value) override;
  sql::Statement& Bind(int index, std::nullopt_t) override;
  sql::Statement& BindBlob(int index, std::string_view bytes) override;
  sql::Statement& Bind(int index, const std::optional<std::int64_t>& value) override;
  int ParameterIndex(std::string_view name) const override;

  // Runs the statement on the first call, then steps through its rows.
  Result<bool> Step() override;
  std::int64_t Changes() const override { return changes_; }

  std::int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  bool IsNull(int column) const override;
  std::string Blob(int column) const override;
  Kind KindOf(int column) const override;
  int ColumnCount() const override;
  std::string ColumnName(int column) const override;

  void Reset() override;

 private:
  enum class Type : unsigned { kUnknown = 0, kBytea = 17, kInt8 = 20, kText = 25, kFloat8 = 701 };
  void Set(int index, Type type, std::optional<std::string> value);
  Status Execute();
  Status ExecuteNow();

  Connection* connection_;
  std::string sql_;   // in PostgreSQL's $N form
  std::vector<std::string> names_;  // named parameters; names_[i] is $(first_named_ + i)
  int first_named_ = 1;
  std::string name_;  // of the server-side prepared statement
  bool prepared_ = false;
  std::vector<Type> types_;
  std::vector<bool> bound_;  // bound at least once
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

class Connection final : public sql::Database {
 public:
  // Connects to the server `url` names, giving up after `connect_timeout_s`
  // unless the URL says otherwise. kInvalidArgument for a malformed URL;
  // kUnavailable with one line saying why (refused, no such host, wrong
  // password, no such database) otherwise. The password never appears in it.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url,
                                                  int connect_timeout_s = 5);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<ScopedStatement> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  const sql::Dialect& dialect() const override;

  // False once the server went away (a restart, a network failure): the
  // connection then only fails, and its pool replaces it. Reads what the
  // server sent meanwhile, so call it between queries, not during one.
  bool healthy();
  // Connects again after a failure; prepared statements start over.
  Status Reconnect();
  // Inside a transaction (or a failed one not yet rolled back).
  bool in_transaction() const;
  // While a batch holds this connection (Store::BeginBatch).
  void JoinBatches(bool join) {
    batch_ = join;
    batch_broken_ = false;
  }

  PGconn* raw() const { return connection_; }
  // The error for a failed result (null: the connection's own), with the
  // code its SQLSTATE means: a unique violation is kConflict, other
  // constraint and data errors kInvalidArgument, a lost server kUnavailable.
  Error ErrorFrom(const PGresult* result, std::string_view context) const;

 protected:
  // BEGIN and lede's write lock (a SAVEPOINT inside a transaction).
  Result<Begun> BeginWrite() override;
  Status CommitWrite(Begun begun) override;
  void RollbackWrite(Begun begun) override;
  bool BeginSnapshot() override;
  void EndSnapshot() override;

 private:
  explicit Connection(PGconn* connection, std::string url)
      : connection_(connection), url_(std::move(url)) {}
  friend class Statement;
  PGconn* connection_;
  std::string url_;
  int savepoints_ = 0;           // calls' savepoints open now
  std::int64_t changes_ = 0;     // rows changed on this connection, ever
  bool batch_ = false;
  bool batch_broken_ = false;
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> statements_;
};

inline Connection& Native(sql::Database& db) { return static_cast<Connection&>(db); }

}  // namespace lede::store::postgres
