#include "store/postgres/connection.h"

#include <fmt/format.h>

#include <poll.h>

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
  if (state == "23505") return ErrorCode::kConflict;          // unique_violation
  if (StartsWith(state, "23")) return ErrorCode::kInvalidArgument;  // other integrity
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

std::string NumberedParameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A quoted string or name runs to its closing quote (doubled quotes
      // inside are two adjacent quoted runs, which comes to the same).
      const std::size_t close = sql.find(c, i + 1);
      const std::size_t stop = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t stop = std::min(sql.find('\n', i), sql.size());
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
    } else {
      out += c;
    }
  }
  return out;
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
  }
  values_[slot] = std::move(value);
  // A null keeps the type a value gave the slot before, if any.
  if (type != Type::kUnknown) types_[slot] = type;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  Set(index, Type::kInt8, std::to_string(value));
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  Set(index, Type::kFloat8, fmt::format("{}", value));
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  // PostgreSQL text cannot hold NUL; what the store keeps never needs it.
  std::string text(value);
  std::erase(text, '\0');
  Set(index, Type::kText, std::move(text));
  return *this;
}

Statement& Statement::Bind(int index, std::nullopt_t) {
  Set(index, Type::kUnknown, std::nullopt);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return Bind(index, *value);
  Set(index, Type::kInt8, std::nullopt);
  return *this;
}

Status Statement::Execute() {
  PGconn* connection = connection_->raw();
  if (!prepared_) {
    std::vector<Oid> types(types_.size());
    for (std::size_t i = 0; i < types_.size(); ++i) types[i] = static_cast<Oid>(types_[i]);
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
  for (std::size_t i = 0; i < values_.size(); ++i) values[i] = values_[i] ? values_[i]->c_str() : nullptr;
  if (result_) PQclear(result_);
  result_ = PQexecPrepared(connection, name_.c_str(), static_cast<int>(values.size()),
                           values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
  row_ = -1;
  const auto status = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return tl::unexpected(connection_->ErrorFrom(result_, sql_));
  }
  const char* tuples = PQcmdTuples(result_);
  changes_ = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
  return {};
}

Result<bool> Statement::Step() {
  if (result_ == nullptr) LEDE_TRY(Execute());
  ++row_;
  return row_ < PQntuples(result_);
}

Status Statement::Run() {
  LEDE_TRY(Execute());
  return {};
}

std::int64_t Statement::Int(int column) const {
  const char* text = PQgetvalue(result_, row_, column);
  if (text[0] == 't' && text[1] == '\0') return 1;
  if (text[0] == 'f' && text[1] == '\0') return 0;
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

double Statement::Double(int column) const { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }

std::string Statement::Text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

bool Statement::IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

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

ScopedStatement Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto statement = std::make_unique<Statement>(this, NumberedParameters(sql),
                                                 fmt::format("lede_{}", statements_.size() + 1));
    it = statements_.emplace(std::string(sql), std::move(statement)).first;
  }
  return ScopedStatement(it->second.get());
}

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
  PQreset(connection_);
  if (PQstatus(connection_) != CONNECTION_OK) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot reconnect to {}: {}", RedactUrl(url_),
                                                          OneLine(PQerrorMessage(connection_))));
  }
  PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);
  return Exec("SET TIME ZONE 'UTC'");
}

Error Connection::ErrorFrom(const PGresult* result, std::string_view context) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
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
