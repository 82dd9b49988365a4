#include "store/sqlite/database.h"

#include "store/sqlite/search_index.h"

#include <fmt/format.h>

#include "store/sqlite/checkpointer.h"

namespace lede::store::sqlite {

Statement::~Statement() { sqlite3_finalize(stmt_); }

sql::Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

sql::Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

sql::Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

sql::Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

sql::Statement& Statement::Bind(int index, std::nullopt_t) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

sql::Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : Bind(index, std::nullopt);
}

int Statement::ParameterIndex(std::string_view name) const {
  return sqlite3_bind_parameter_index(stmt_, std::string(name).c_str());
}

std::int64_t Statement::Changes() const { return sqlite3_changes64(sqlite3_db_handle(stmt_)); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

Result<bool> Statement::Step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  const int extended = sqlite3_extended_errcode(db);
  const ErrorCode error_code =
      (extended & 0xFF) == SQLITE_CONSTRAINT ? ErrorCode::kConflict
      : (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? ErrorCode::kCorruption
      : (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? ErrorCode::kUnavailable
                                                       : ErrorCode::kInternal;
  return lede::MakeError(error_code, fmt::format("sqlite: {}", sqlite3_errmsg(db)));
}

std::int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (!bytes) return {};
  return std::string(static_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Statement::Kind Statement::KindOf(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL: return Kind::kNull;
    case SQLITE_INTEGER: return Kind::kInt;
    case SQLITE_FLOAT: return Kind::kDouble;
    default: return Kind::kText;
  }
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? name : "";
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (code != SQLITE_OK) {
    return tl::unexpected(db->MakeError(code, fmt::format("cannot open {}", path)));
  }
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_extended_result_codes(raw, 1);
  // journal_mode is the first statement that reads the file, so a file that
  // is not a database is reported here.
  if (auto status = db->Exec("PRAGMA journal_mode=WAL"); !status) {
    return tl::unexpected(Error{status.error().code,
                                fmt::format("{}: {}", path, status.error().message), {}});
  }
  // Statement journals (one per savepoint: every write nested in a batch)
  // stay in memory; as temp files they were most of an import's writes.
  LEDE_TRY(db->Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
  // 32 MiB of pages per connection (SQLite's default is 2 MiB): the search
  // index's busy doclists and the front pages' rows stay in the process
  // instead of being copied in from the OS on every read. Reads of the
  // database file go through a memory map besides (up to 2 GiB, SQLite's
  // usual ceiling): a search touches pages all over a large index, and a
  // mapped page costs no system call and no copy (bench/RESULTS.md,
  // "Search at 100,000 articles").
  LEDE_TRY(db->Exec("PRAGMA cache_size=-32768; PRAGMA mmap_size=2147418112;"));
  return db;
}

Database::~Database() {
  statements_.clear();
  sqlite3_close_v2(db_);
}

Error Database::MakeError(int code, std::string_view context) const {
  const ErrorCode error_code =
      (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? ErrorCode::kCorruption
      : (code & 0xFF) == SQLITE_CONSTRAINT             ? ErrorCode::kConflict
      : (code == SQLITE_CANTOPEN || code == SQLITE_PERM ||
         code == SQLITE_READONLY || code == SQLITE_BUSY)
          ? ErrorCode::kUnavailable
          : ErrorCode::kInternal;
  const char* message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  return Error{error_code, fmt::format("{}: {}", context, message), {}};
}

Result<ScopedStatement> Database::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return ScopedStatement(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (code != SQLITE_OK) return tl::unexpected(MakeError(code, "prepare"));
  auto owned = std::make_unique<Statement>(stmt);
  sql::Statement* result = owned.get();
  statements_.emplace(std::string(sql), std::move(owned));
  return ScopedStatement(result);
}

Status Database::Exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    Error error = MakeError(code, "sqlite");
    error.message = fmt::format("sqlite: {}", detail);
    return tl::unexpected(error);
  }
  return {};
}

namespace {

std::string IdList(std::string_view parameter) {
  return fmt::format("SELECT value FROM json_each({})", parameter);
}
std::string Contains(std::string_view haystack, std::string_view needle) {
  return fmt::format("instr(lower({}), lower({})) > 0", haystack, needle);
}
std::string Greatest(std::string_view a, std::string_view b) { return fmt::format("MAX({}, {})", a, b); }
std::string YearOf(std::string_view time) {
  return fmt::format("CAST(strftime('%Y', {}, 'unixepoch') AS INTEGER)", time);
}
std::string MonthOf(std::string_view time) {
  return fmt::format("CAST(strftime('%m', {}, 'unixepoch') AS INTEGER)", time);
}

std::string IndexedBy(std::string_view index) { return fmt::format("INDEXED BY {} ", index); }

constexpr sql::Dialect kSqlite{IdList, Contains, Greatest, YearOf, MonthOf, IndexedBy};

// Database::Begun::kind
enum Kind { kOwn, kSavepoint, kJoined };

}  // namespace

const sql::Dialect& Database::dialect() const { return kSqlite; }

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

bool Database::BeginSnapshot() { return sqlite3_get_autocommit(db_) && Exec("BEGIN"); }

void Database::EndSnapshot() { (void)Exec("COMMIT"); }

Result<Database::Begun> Database::BeginWrite() {
  if (!sqlite3_get_autocommit(db_)) {
    if (joins_batch_) return Begun{kJoined, sqlite3_total_changes64(db_)};
    LEDE_TRY(Run("SAVEPOINT lede"));
    return Begun{kSavepoint, 0};
  }
  LEDE_TRY(Run("BEGIN IMMEDIATE"));
  return Begun{kOwn, 0};
}

void Database::RollbackWrite(Begun begun) {
  switch (begun.kind) {
    case kOwn:
      (void)Exec("ROLLBACK");
      break;
    case kSavepoint:
      (void)Exec("ROLLBACK TO lede; RELEASE lede");
      break;
    case kJoined:
      if (sqlite3_total_changes64(db_) != begun.mark) BreakBatch();
      break;
  }
}

Status Database::CommitWrite(Begun begun) {
  switch (begun.kind) {
    case kJoined:
      return {};
    case kSavepoint:
      return Run("RELEASE lede");
    default:
      break;
  }
  if (batch_broken()) {
    (void)Exec("ROLLBACK");
    return lede::MakeError(ErrorCode::kInternal,
                           "a write in the batch failed part-way: the whole batch was rolled back");
  }
  if (auto status = Run("COMMIT"); !status) {
    (void)Exec("ROLLBACK");
    return status;
  }
  return {};
}

Result<std::unique_ptr<Pool>> Pool::Open(const std::string& path, int size) {
  auto pool = std::unique_ptr<Pool>(new Pool());
  for (int i = 0; i < size; ++i) {
    LEDE_TRY(auto db, Database::Open(path));
    // Every connection may write an article, and writes keep the search
    // index, whose definition calls this function.
    LEDE_TRY(RegisterSearchFunctions(db->raw()));
    pool->idle_.push_back(db.get());
    pool->all_.push_back(std::move(db));
  }
  // Opened after the others: the first connection creates the file.
  LEDE_TRY(pool->checkpointer_, Checkpointer::Start(path));
  for (auto& db : pool->all_) pool->checkpointer_->Watch(*db);
  return pool;
}

Pool::~Pool() = default;

namespace {
// The connection a batch pinned to this thread, per pool.
thread_local std::pair<const Pool*, Database*> pinned{nullptr, nullptr};
}  // namespace

Pool::Lease Pool::Pin() {
  Lease lease = Take();
  pinned = {this, &Native(*lease)};
  return lease;
}

void Pool::Unpin(Lease) {
  pinned = {nullptr, nullptr};
  // The lease, taken by value, returns the connection as it goes.
}

Result<Pool::Lease> Pool::Acquire() {
  if (pinned.first == this) return Lease(nullptr, pinned.second);
  return Take();
}

Pool::Lease Pool::Take() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  Database* db = idle_.back();
  idle_.pop_back();
  return Lease(this, db);
}

void Pool::Return(sql::Database* db) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&Native(*db));
  }
  available_.notify_one();
}

}  // namespace lede::store::sqlite
