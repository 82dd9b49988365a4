#include "store/postgres/connection.h"

#include <fmt/format.h>

#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace lede::store::postgres {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// libpq's messages run over several lines ("...failed: Connection
// refused\n\tIs the server running..."): one line for logs and terminals.
std::string OneLine(std::string_view message) {
  std::string line;
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

// The error code a SQLSTATE means for callers.
ErrorCode CodeFor(std::string_view state) {
  // Every integrity violation (unique, foreign key, check, not null) is a
  // conflict, as SQLite's SQLITE_CONSTRAINT is: the store tells them apart.
  if (StartsWith(state, "23")) return ErrorCode::kConflict;
  if (StartsWith(state, "22")) return ErrorCode::kInvalidArgument;  // data exception
  if (StartsWith(state, "08") || StartsWith(state, "57") || StartsWith(state, "53") ||
      state == "40001" || state == "40P01") {
    // Connection lost, server shutting down, out of resources, or a
    // transaction to retry: the same request may succeed later.
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

}  // namespace

Status CheckUrl(std::string_view url) {
  if (!StartsWith(url, "postgres://") && !StartsWith(url, "postgresql://")) {
    return InvalidArgument(fmt::format("{}: a PostgreSQL URL starts with postgres://", RedactUrl(url)));
  }
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? OneLine(error) : "cannot be parsed";
    PQfreemem(error);
    return InvalidArgument(fmt::format("{}: {}", RedactUrl(url), message));
  }
  PQconninfoFree(options);
  return {};
}

std::string RedactUrl(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t start = scheme + 3;
  const std::size_t end = std::min(url.find('/', start), url.find('?', start));
  const std::string_view authority = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const std::size_t colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(url);
  std::string redacted(url.substr(0, start + colon + 1));
  redacted += "***";
  redacted += url.substr(start + at);
  return redacted;
}

namespace {

bool NameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool NameChar(char c) { return NameStart(c) || (c >= '0' && c <= '9'); }

// Calls `text` for each stretch outside quotes and comments, `quoted` for
// each quoted string, quoted name or comment.
template <typename Text, typename Quoted>
void Scan(std::string_view sql, const Text& text, const Quoted& quoted) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    std::size_t stop = std::string_view::npos;
    if (sql[i] == '\'' || sql[i] == '"') {
      // Doubled quotes inside are two adjacent quoted runs: the same thing.
      const std::size_t close = sql.find(sql[i], i + 1);
      stop = close == std::string_view::npos ? sql.size() : close + 1;
    } else if (sql[i] == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      stop = std::min(sql.find('\n', i), sql.size());
    }
    if (stop == std::string_view::npos) continue;
    text(sql.substr(start, i - start));
    quoted(sql.substr(i, stop - i));
    start = stop;
    i = stop - 1;
  }
  text(sql.substr(start));
}

}  // namespace

std::string NumberedParameters(std::string_view sql, std::vector<std::string>* names,
                               int* first_named) {
  // Named parameters come after the highest numbered one.
  int highest = 0;
  Scan(sql, [&](std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      if (text[i] != '?' || text[i + 1] < '0' || text[i + 1] > '9') continue;
      int n = 0;
      for (std::size_t j = i + 1; j < text.size() && text[j] >= '0' && text[j] <= '9'; ++j) {
        n = n * 10 + (text[j] - '0');
      }
      highest = std::max(highest, n);
    }
  }, [](std::string_view) {});
  std::vector<std::string> found;
  std::string out;
  out.reserve(sql.size());
  Scan(sql, [&](std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const bool next_digit = i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9';
      if (c == '?' && next_digit) {
        out += '$';
      } else if (c == ':' && i + 1 < text.size() && NameStart(text[i + 1]) &&
                 (i == 0 || text[i - 1] != ':')) {
        std::size_t end = i + 1;
        while (end < text.size() && NameChar(text[end])) ++end;
        const std::string name(text.substr(i, end - i));
        auto at = std::find(found.begin(), found.end(), name);
        if (at == found.end()) at = found.insert(found.end(), name);
        out += '$';
        out += std::to_string(highest + 1 + (at - found.begin()));
        i = end - 1;
      } else {
        out += c;
      }
    }
  }, [&](std::string_view quoted) { out += quoted; });
  if (names) *names = std::move(found);
  if (first_named) *first_named = highest + 1;
  return out;
}

Statement::Statement(Connection* connection, std::string_view sql, std::string name)
    : connection_(connection), name_(std::move(name)) {
  sql_ = NumberedParameters(sql, &names_, &first_named_);
}

int Statement::ParameterIndex(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return first_named_ + static_cast<int>(i);
  }
  return 0;
}

Statement::~Statement() {
  if (result_) PQclear(result_);
}

void Statement::Set(int index, Type type, std::optional<std::string> value) {
  LEDE_CHECK(index >= 1);
  const auto slot = static_cast<std::size_t>(index - 1);
  if (values_.size() <= slot) {
    values_.resize(slot + 1);
    types_.resize(slot + 1, Type::kUnknown);
    bound_.resize(slot + 1, false);
  }
  bound_[slot] = true;
  values_[slot] = std::move(value);
  // A null keeps the type a value gave the slot before, if any.
  if (type != Type::kUnknown) types_[slot] = type;
}

sql::Statement& Statement::Bind(int index, std::int64_t value) {
  Set(index, Type::kInt8, std::to_string(value));
  return *this;
}

sql::Statement& Statement::Bind(int index, double value) {
  Set(index, Type::kFloat8, fmt::format("{}", value));
  return *this;
}

sql::Statement& Statement::Bind(int index, std::string_view value) {
  // PostgreSQL text cannot hold NUL; what the store keeps never needs it.
  std::string text(value);
  std::erase(text, '\0');
  Set(index, Type::kText, std::move(text));
  return *this;
}

sql::Statement& Statement::BindBlob(int index, std::string_view bytes) {
  Set(index, Type::kBytea, std::string(bytes));  // sent in binary form (ExecuteNow)
  return *this;
}

sql::Statement& Statement::Bind(int index, std::nullopt_t) {
  Set(index, Type::kUnknown, std::nullopt);
  return *this;
}

sql::Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return Bind(index, *value);
  Set(index, Type::kInt8, std::nullopt);
  return *this;
}

Status Statement::Execute() {
  // In a batch, outside any call's own transaction, a statement that fails
  // would abort the whole batch: it gets a savepoint of its own.
  if (connection_->batch_ && connection_->savepoints_ == 0) {
    LEDE_TRY(connection_->Exec("SAVEPOINT lede_statement"));
    auto ran = ExecuteNow();
    (void)connection_->Exec(ran ? "RELEASE SAVEPOINT lede_statement"
                                : "ROLLBACK TO SAVEPOINT lede_statement; RELEASE SAVEPOINT lede_statement");
    return ran;
  }
  return ExecuteNow();
}

Status Statement::ExecuteNow() {
  PGconn* connection = connection_->raw();
  if (!prepared_) {
    // A parameter the SQL names but this use never binds (an update's
    // ?19 in the shared text of an insert) still needs a type: text.
    std::vector<Oid> types(types_.size());
    for (std::size_t i = 0; i < types_.size(); ++i) {
      types[i] = static_cast<Oid>(bound_[i] || types_[i] != Type::kUnknown ? types_[i] : Type::kText);
    }
    PGresult* made = PQprepare(connection, name_.c_str(), sql_.c_str(), static_cast<int>(types.size()),
                               types.empty() ? nullptr : types.data());
    const bool ok = made && PQresultStatus(made) == PGRES_COMMAND_OK;
    if (!ok) {
      Error error = connection_->ErrorFrom(made, "prepare");
      PQclear(made);
      return tl::unexpected(std::move(error));
    }
    PQclear(made);
    prepared_ = true;
  }
  std::vector<const char*> values(values_.size());
  // Text, except bytea: its bytes as they are, with their length.
  std::vector<int> lengths(values_.size(), 0), formats(values_.size(), 0);
  for (std::size_t i = 0; i < values_.size(); ++i) {
    values[i] = values_[i] ? values_[i]->c_str() : nullptr;
    if (types_[i] == Type::kBytea && values_[i]) {
      formats[i] = 1;
      lengths[i] = static_cast<int>(values_[i]->size());
    }
  }
  if (result_) PQclear(result_);
  result_ = PQexecPrepared(connection, name_.c_str(), static_cast<int>(values.size()),
                           values.empty() ? nullptr : values.data(), lengths.empty() ? nullptr : lengths.data(),
                           formats.empty() ? nullptr : formats.data(), 0);
  row_ = -1;
  const auto status = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return tl::unexpected(connection_->ErrorFrom(result_, sql_));
  }
  const char* tuples = PQcmdTuples(result_);
  changes_ = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
  connection_->changes_ += changes_;
  return {};
}

Result<bool> Statement::Step() {
  if (result_ == nullptr) LEDE_TRY(Execute());
  ++row_;
  return row_ < PQntuples(result_);
}

std::int64_t Statement::Int(int column) const {
  const char* text = PQgetvalue(result_, row_, column);
  if (text[0] == 't' && text[1] == '\0') return 1;
  if (text[0] == 'f' && text[1] == '\0') return 0;
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

double Statement::Double(int column) const { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }

std::string Statement::Text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

bool Statement::IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

std::string Statement::Blob(int column) const {
  // Results come as text: bytea in its hex form.
  std::size_t size = 0;
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, column)), &size);
  if (!bytes) return {};
  std::string blob(reinterpret_cast<const char*>(bytes), size);
  PQfreemem(bytes);
  return blob;
}

Statement::Kind Statement::KindOf(int column) const {
  if (IsNull(column)) return Kind::kNull;
  switch (PQftype(result_, column)) {
    case 16:   // boolean
    case 20:   // bigint
    case 21:   // smallint
    case 23:   // integer
      return Kind::kInt;
    case 700:  // real
    case 701:  // double precision
      return Kind::kDouble;
    default:
      return Kind::kText;
  }
}

int Statement::ColumnCount() const { return result_ ? PQnfields(result_) : 0; }

std::string Statement::ColumnName(int column) const {
  const char* name = result_ ? PQfname(result_, column) : nullptr;
  return name ? name : "";
}

void Statement::Reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  for (auto& value : values_) value.reset();
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url, int connect_timeout_s) {
  LEDE_TRY(CheckUrl(url));
  // Parameters before dbname are defaults the URL's own options override.
  const std::string timeout = std::to_string(connect_timeout_s);
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "lede", url.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keys, values, 1);
  if (connection == nullptr) return MakeError(ErrorCode::kUnavailable, "out of memory connecting to PostgreSQL");
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = OneLine(PQerrorMessage(connection));
    PQfinish(connection);
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot connect to {}: {}", RedactUrl(url), message));
  }
  // Notices (a table that already exists...) are not errors: keep them out
  // of standard error.
  PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
  auto made = std::unique_ptr<Connection>(new Connection(connection, url));
  // Times are Unix seconds in bigint columns; text compares byte by byte, as
  // on SQLite, whatever the database's locale.
  LEDE_TRY(made->Exec("SET TIME ZONE 'UTC'"));
  return made;
}

Connection::~Connection() {
  statements_.clear();
  if (connection_) PQfinish(connection_);
}

Result<ScopedStatement> Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto statement = std::make_unique<Statement>(this, sql, fmt::format("lede_{}", statements_.size() + 1));
    it = statements_.emplace(std::string(sql), std::move(statement)).first;
  }
  return ScopedStatement(it->second.get());
}

namespace {

std::string IdList(std::string_view parameter) {
  return fmt::format("SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST({} AS json))",
                     parameter);
}
std::string Contains(std::string_view haystack, std::string_view needle) {
  return fmt::format("strpos(lower({}), lower({})) > 0", haystack, needle);
}
std::string Greatest(std::string_view a, std::string_view b) { return fmt::format("GREATEST({}, {})", a, b); }
std::string YearOf(std::string_view time) {
  return fmt::format("CAST(EXTRACT(YEAR FROM to_timestamp({})) AS bigint)", time);
}
std::string MonthOf(std::string_view time) {
  return fmt::format("CAST(EXTRACT(MONTH FROM to_timestamp({})) AS bigint)", time);
}
std::string IndexedBy(std::string_view) { return ""; }

constexpr sql::Dialect kPostgres{IdList, Contains, Greatest, YearOf, MonthOf, IndexedBy};

// Begun::kind
enum Kind { kOwn, kSavepoint };

// Keys of the advisory locks lede takes; "lede" in the high bytes keeps
// them apart from those another application sharing the database takes.
constexpr std::int64_t kWriteLockKey = 0x6c656465'00000001;

}  // namespace

const sql::Dialect& Connection::dialect() const { return kPostgres; }

bool Connection::in_transaction() const { return PQtransactionStatus(connection_) != PQTRANS_IDLE; }

Result<sql::Database::Begun> Connection::BeginWrite() {
  if (in_transaction()) {
    // Inside a batch: PostgreSQL aborts a whole transaction at its first
    // error, so each call gets a savepoint to fail back to.
    LEDE_TRY(Exec(fmt::format("SAVEPOINT lede_{}", ++savepoints_)));
    return Begun{kSavepoint, savepoints_, changes_};
  }
  LEDE_TRY(Exec("BEGIN"));
  LEDE_TRY(auto lock, Prepare("SELECT pg_advisory_xact_lock(?1)"));
  if (auto locked = lock->Bind(1, kWriteLockKey).Run(); !locked) {
    (void)Exec("ROLLBACK");
    return tl::unexpected(locked.error());
  }
  return Begun{kOwn, 0};
}

Status Connection::CommitWrite(Begun begun) {
  if (begun.kind == kSavepoint) {
    savepoints_ = static_cast<int>(begun.mark) - 1;
    return Exec(fmt::format("RELEASE SAVEPOINT lede_{}", begun.mark));
  }
  if (batch_broken_) {
    (void)Exec("ROLLBACK");
    return lede::MakeError(ErrorCode::kInternal,
                           "a write in the batch failed part-way: the whole batch was rolled back");
  }
  if (auto status = Exec("COMMIT"); !status) {
    (void)Exec("ROLLBACK");
    return status;
  }
  return {};
}

void Connection::RollbackWrite(Begun begun) {
  if (begun.kind == kSavepoint) {
    // The store promises what SQLite's batches do: a call that fails after
    // changing rows fails the whole batch (one that changed nothing leaves
    // it as it was), though here the savepoint could undo the call alone.
    if (batch_ && changes_ != begun.changes) batch_broken_ = true;
    savepoints_ = static_cast<int>(begun.mark) - 1;
    (void)Exec(fmt::format("ROLLBACK TO SAVEPOINT lede_{0}; RELEASE SAVEPOINT lede_{0}", begun.mark));
    return;
  }
  // A failed ROLLBACK leaves a broken connection, which the pool replaces.
  (void)Exec("ROLLBACK");
}

bool Connection::BeginSnapshot() {
  return !in_transaction() && Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").has_value();
}

void Connection::EndSnapshot() { (void)Exec("COMMIT"); }

Status Connection::Exec(std::string_view sql) {
  PGresult* result = PQexec(connection_, std::string(sql).c_str());
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error error = ErrorFrom(result, sql.substr(0, 80));
    PQclear(result);
    return tl::unexpected(std::move(error));
  }
  PQclear(result);
  return {};
}

bool Connection::healthy() {
  if (PQstatus(connection_) != CONNECTION_OK) return false;
  // A server that ended the session while it sat idle (a restart, a
  // failover, pg_terminate_backend) has said goodbye and closed the socket;
  // libpq notices only when it next reads.
  pollfd socket{PQsocket(connection_), POLLIN, 0};
  if (::poll(&socket, 1, 0) > 0) {
    while (PQconsumeInput(connection_) == 1 && ::poll(&socket, 1, 0) > 0) {
    }
  }
  return PQstatus(connection_) == CONNECTION_OK;
}

Status Connection::Reconnect() {
  statements_.clear();
  savepoints_ = 0;
  PQreset(connection_);
  if (PQstatus(connection_) != CONNECTION_OK) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot reconnect to {}: {}", RedactUrl(url_),
                                                          OneLine(PQerrorMessage(connection_))));
  }
  PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);
  return Exec("SET TIME ZONE 'UTC'");
}

namespace {

// A constraint violation in SQLite's words ("UNIQUE constraint failed:
// users.email"), which the store's code reads to say which field is wrong,
// whichever engine reported it. PostgreSQL names a unique constraint
// TABLE_COLUMN_key; its table and column say the rest.
std::string ConstraintMessage(const PGresult* result, std::string_view state) {
  const auto field = [&](int code) {
    const char* value = PQresultErrorField(result, code);
    return std::string(value ? value : "");
  };
  const std::string table = field(PG_DIAG_TABLE_NAME);
  std::string constraint = field(PG_DIAG_CONSTRAINT_NAME);
  if (state == "23505") {
    std::string column = constraint;
    if (column.starts_with(table + "_")) column.erase(0, table.size() + 1);
    if (column.ends_with("_key")) column.erase(column.size() - 4);
    return fmt::format("UNIQUE constraint failed: {}.{}", table, column);
  }
  if (state == "23503") return fmt::format("FOREIGN KEY constraint failed: {}", constraint);
  if (state == "23502") return fmt::format("NOT NULL constraint failed: {}.{}", table, field(PG_DIAG_COLUMN_NAME));
  return fmt::format("CHECK constraint failed: {}", constraint);
}

}  // namespace

Error Connection::ErrorFrom(const PGresult* result, std::string_view context) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state && StartsWith(state, "23")) {
    return Error{ErrorCode::kConflict, ConstraintMessage(result, state), {}};
  }
  std::string message = OneLine(result && *PQresultErrorMessage(result) ? PQresultErrorMessage(result)
                                                                        : PQerrorMessage(connection_));
  ErrorCode code = state ? CodeFor(state) : ErrorCode::kInternal;
  if (PQstatus(connection_) != CONNECTION_OK) code = ErrorCode::kUnavailable;
  Error error;
  error.code = code;
  error.message = fmt::format("{}: {}", OneLine(context), message);
  return error;
}

}  // namespace lede::store::postgres
