// lede migrate: a site copied table by table from one store to another,
// whichever engines they are, with every id kept (links, tokens and
// sessions go on working) and each table verified.
//
// Rows are read in pages by their primary key, so neither side holds a
// whole table: PostgreSQL would otherwise load a result whole. Checksums
// are a sum of per-row BLAKE2b hashes, so the two engines need not agree
// on an order (they collate text differently).
#include <sodium.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "store/sql/sql_store.h"

namespace lede::store::sql {
namespace {

struct Table {
  std::string_view name;
  std::string_view key;  // primary key columns, comma-separated
};

// Every table that holds the site, each after those it refers to. Left
// out: what each engine derives (its search index and vocabulary, rebuilt
// after the copy), what belongs to one engine (SQLite's
// site_generation, PostgreSQL's schema table) and media files, which move
// between a database and a data directory (app/migrate.cc).
constexpr Table kTables[] = {
    {"site_settings", "key"},
    {"sections", "id"},
    {"authors", "id"},
    {"tags", "id"},
    {"media", "id"},
    {"users", "id"},
    {"articles", "id"},
    {"article_quick_looks", "article_id, position"},
    {"article_tags", "article_id, tag_id"},
    {"article_authors", "article_id, author_id"},
    {"ratings", "id"},
    {"article_ratings", "article_id"},
    {"import_map", "source, kind, key"},
    {"redirects", "from_path"},
    {"pages", "id"},
    {"sessions", "id_hash"},
    {"api_tokens", "id"},
    {"invites", "token_hash"},
    {"revisions", "id"},
    {"audit_log", "id"},
    {"scheduled_claims", "article_id, published_at"},
    {"article_autosaves", "article_id, user_id"},
};

constexpr int kPage = 1000;
constexpr std::size_t kRowsPerInsert = 100;

std::vector<std::string> SplitKey(std::string_view key) {
  std::vector<std::string> columns;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find(',', start);
    if (end == std::string_view::npos) end = key.size();
    std::string_view column = key.substr(start, end - start);
    while (column.starts_with(' ')) column.remove_prefix(1);
    columns.emplace_back(column);
    start = end + 1;
  }
  return columns;
}

Result<std::vector<std::string>> ColumnsOf(Database& db, std::string_view table) {
  LEDE_TRY(auto query, db.Prepare(fmt::format("SELECT * FROM {} LIMIT 0", table)));
  LEDE_TRY(query->Step());
  std::vector<std::string> columns;
  for (int i = 0; i < query->ColumnCount(); ++i) columns.push_back(query->ColumnName(i));
  return columns;
}

// One value as it is kept, held between a read and a write.
struct Value {
  Statement::Kind kind = Statement::Kind::kNull;
  std::int64_t number = 0;
  double real = 0;
  std::string text;
};

Value Read(const Statement& row, int column) {
  Value value{row.KindOf(column)};
  switch (value.kind) {
    case Statement::Kind::kInt: value.number = row.Int(column); break;
    case Statement::Kind::kDouble: value.real = row.Double(column); break;
    case Statement::Kind::kText: value.text = row.Text(column); break;
    case Statement::Kind::kNull: break;
  }
  return value;
}

void Bind(Statement& statement, int index, const Value& value) {
  switch (value.kind) {
    case Statement::Kind::kInt: statement.Bind(index, value.number); break;
    case Statement::Kind::kDouble: statement.Bind(index, value.real); break;
    case Statement::Kind::kText: statement.Bind(index, std::string_view(value.text)); break;
    case Statement::Kind::kNull: statement.Bind(index, std::nullopt); break;
  }
}

// The order-free checksum of a table's rows: the sum of each row's hash.
class RowSum {
 public:
  void Add(const std::vector<Value>& row) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 16);
    for (const auto& value : row) {
      std::string encoded;
      switch (value.kind) {
        case Statement::Kind::kNull: encoded = "n"; break;
        case Statement::Kind::kInt: encoded = fmt::format("i{};", value.number); break;
        case Statement::Kind::kDouble: encoded = fmt::format("d{};", value.real); break;
        case Statement::Kind::kText: encoded = fmt::format("t{}:", value.text.size()) + value.text; break;
      }
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(encoded.data()),
                                encoded.size());
    }
    std::array<unsigned char, 16> hash{};
    crypto_generichash_final(&state, hash.data(), hash.size());
    std::uint64_t high = 0, low = 0;
    std::memcpy(&high, hash.data(), 8);
    std::memcpy(&low, hash.data() + 8, 8);
    low_ += low;
    high_ += high + (low_ < low ? 1 : 0);
    ++rows_;
  }
  std::int64_t rows() const { return rows_; }
  std::string hex() const { return fmt::format("{:016x}{:016x}", high_, low_); }

 private:
  std::uint64_t high_ = 0, low_ = 0;
  std::int64_t rows_ = 0;
};

// Calls `each` with every row of `table` (its `columns`, key columns
// first), a page at a time in key order.
Status ForEachRow(Database& db, const Table& table, const std::vector<std::string>& columns,
                  const std::function<Status(const std::vector<Value>&)>& each) {
  const auto key = SplitKey(table.key);
  const std::string select = fmt::format("SELECT {} FROM {} ", fmt::join(columns, ", "), table.name);
  const std::string order = fmt::format(" ORDER BY {} LIMIT {}", table.key, kPage);
  std::string placeholders;
  for (std::size_t i = 0; i < key.size(); ++i) placeholders += fmt::format("{}?{}", i ? ", " : "", i + 1);
  const std::string after = fmt::format("WHERE ({}) > ({})", table.key, placeholders);
  std::vector<Value> last;
  while (true) {
    LEDE_TRY(auto query, db.Prepare(select + (last.empty() ? "" : after) + order));
    for (std::size_t i = 0; i < last.size(); ++i) Bind(*query, static_cast<int>(i + 1), last[i]);
    int rows = 0;
    std::vector<Value> row(columns.size());
    while (true) {
      LEDE_TRY(bool more, query->Step());
      if (!more) break;
      for (std::size_t i = 0; i < columns.size(); ++i) row[i] = Read(*query, static_cast<int>(i));
      LEDE_TRY(each(row));
      ++rows;
    }
    if (rows < kPage) return {};
    last.assign(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(key.size()));
  }
}

}  // namespace

Result<std::vector<SqlStore::TableCopy>> SqlStore::CopyFrom(
    SqlStore& source, const std::function<void(const TableCopy&)>& progress,
    const std::function<Status()>& before_commit) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  LEDE_TRY(auto articles, CountArticles());
  LEDE_TRY(auto users, CountUsers());
  LEDE_TRY(auto sections, ListSections());
  if (articles > 0 || users > 0 || !sections.empty()) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("the destination already holds a site ({} articles, {} sections, {} "
                                 "users): lede migrate copies into an empty database only",
                                 articles, sections.size(), users));
  }
  LEDE_TRY(auto from, source.pool_->Acquire());
  ReadSnapshot snapshot(*from);  // one consistent state of the source, while it serves
  LEDE_TRY(auto to, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*to));
  std::vector<TableCopy> copied;
  for (const auto& table : kTables) {
    LEDE_TRY(auto source_columns, ColumnsOf(*from, table.name));
    LEDE_TRY(auto target_columns, ColumnsOf(*to, table.name));
    for (const auto& column : source_columns) {
      if (std::find(target_columns.begin(), target_columns.end(), column) == target_columns.end()) {
        return InvalidArgument(fmt::format("{}.{} has no place in the destination: is it an older lede?",
                                           table.name, column));
      }
    }
    // Key columns first, the order ForEachRow pages by.
    std::vector<std::string> columns = SplitKey(table.key);
    for (const auto& column : source_columns) {
      if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    }
    // Whatever the empty destination started with (default settings).
    LEDE_TRY(to->Exec(fmt::format("DELETE FROM {}", table.name)));
    // Many rows to a statement: one round trip to a server for each, not
    // one a row. Within SQLite's 32,766 parameters.
    const std::size_t per_insert = std::clamp<std::size_t>(30000 / columns.size(), 1, kRowsPerInsert);
    const auto insert_of = [&](std::size_t rows) {
      std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table.name, fmt::join(columns, ", "));
      std::size_t parameter = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        sql += r ? ", (" : "(";
        for (std::size_t i = 0; i < columns.size(); ++i) sql += fmt::format("{}?{}", i ? ", " : "", ++parameter);
        sql += ")";
      }
      return sql;
    };
    const std::string full_insert = insert_of(per_insert);
    std::vector<std::vector<Value>> pending;
    const auto flush = [&]() -> Status {
      if (pending.empty()) return {};
      LEDE_TRY(auto write, to->Prepare(pending.size() == per_insert ? full_insert : insert_of(pending.size())));
      int index = 0;
      for (const auto& row : pending) {
        for (const auto& value : row) Bind(*write, ++index, value);
      }
      auto ran = write->Run();
      pending.clear();
      if (!ran) return InvalidArgument(fmt::format("{}: {}", table.name, ran.error().message));
      return {};
    };
    RowSum read;
    LEDE_TRY(ForEachRow(*from, table, columns, [&](const std::vector<Value>& row) -> Status {
      read.Add(row);
      pending.push_back(row);
      return pending.size() == per_insert ? flush() : Status{};
    }));
    LEDE_TRY(flush());
    if (table.key == "id") LEDE_TRY(AfterCopy(*to, table.name));
    RowSum written;
    LEDE_TRY(ForEachRow(*to, table, columns, [&](const std::vector<Value>& row) -> Status {
      written.Add(row);
      return {};
    }));
    if (written.rows() != read.rows() || written.hex() != read.hex()) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("{}: {} rows read (checksum {}) but {} written (checksum {}); nothing "
                                   "was kept",
                                   table.name, read.rows(), read.hex(), written.rows(), written.hex()));
    }
    copied.push_back({std::string(table.name), read.rows(), read.hex()});
    if (progress) progress(copied.back());
  }
  // This engine's own search index, from the copied rows.
  LEDE_TRY(IndexAll(*to));
  if (before_commit) LEDE_TRY(before_commit());
  LEDE_TRY(transaction.Commit());
  return copied;
}

Status SqlStore::IndexAll(Database& db) {
  std::vector<std::int64_t> ids;
  {
    LEDE_TRY(auto query, db.Prepare("SELECT id FROM articles ORDER BY id"));
    while (true) {
      LEDE_TRY(bool more, query->Step());
      if (!more) break;
      ids.push_back(query->Int(0));
    }
  }
  for (auto id : ids) LEDE_TRY(IndexArticle(db, id));
  return {};
}

}  // namespace lede::store::sql
