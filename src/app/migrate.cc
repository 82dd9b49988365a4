#include "app/migrate.h"

#include <fmt/format.h>

#include <filesystem>

#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace lede::app {
namespace {

Result<std::unique_ptr<store::sql::SqlStore>> OpenStore(const std::string& db, const std::string& option,
                                                        bool must_exist) {
  if (db.starts_with("postgres://") || db.starts_with("postgresql://")) {
    auto opened = store::postgres::PostgresStore::Open(db);
    if (!opened) return InvalidArgument(fmt::format("{}: {}", option, opened.error().message), option);
    return std::unique_ptr<store::sql::SqlStore>(std::move(*opened));
  }
  if (!db.starts_with("sqlite:") || db.size() == 7) {
    return InvalidArgument(fmt::format("{} \"{}\": name sqlite:PATH or postgres://USER@HOST/DB", option, db),
                           option);
  }
  const std::string path = db.substr(7);
  if (must_exist && !std::filesystem::exists(path)) {
    return InvalidArgument(fmt::format("{}: there is no database at {}", option, path), option);
  }
  auto opened = store::sqlite::SqliteStore::Open(path);
  if (!opened) return InvalidArgument(fmt::format("{}: {}", option, opened.error().message), option);
  return std::unique_ptr<store::sql::SqlStore>(std::move(*opened));
}

}  // namespace

Result<std::vector<TableCopy>> MigrateSite(const std::string& from, const std::string& to,
                                           const std::function<void(const TableCopy&)>& progress) {
  if (from == to) return InvalidArgument("--from and --to name the same database", "to");
  LEDE_TRY(auto source, OpenStore(from, "--from", /*must_exist=*/true));
  LEDE_TRY(auto destination, OpenStore(to, "--to", /*must_exist=*/false));
  return destination->CopyFrom(*source, progress);
}

std::string RedactedDb(const std::string& db) { return store::postgres::RedactUrl(db); }

}  // namespace lede::app
