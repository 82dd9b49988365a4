#pragma once
// The stores every store suite runs against: SQLite in a temp folder, and
// PostgreSQL in a database of the test's own on the server ./dev test
// starts (skipped, with one line saying why, where there is none).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede::store::testing_backends {

struct Backend {
  std::string name;
  // Opens a store for one test. `keep` holds what must outlive the store
  // (its PostgreSQL database, dropped when released).
  std::function<Result<std::unique_ptr<sql::SqlStore>>(const testing::TempDir&, std::shared_ptr<void>& keep)>
      open;
  bool needs_postgres = false;
  friend void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }
};

inline std::vector<Backend> All() {
  return {
      Backend{"Sqlite",
              [](const testing::TempDir& dir, std::shared_ptr<void>&) -> Result<std::unique_ptr<sql::SqlStore>> {
                LEDE_TRY(auto store, sqlite::SqliteStore::Open((dir / "lede.db").string()));
                return std::unique_ptr<sql::SqlStore>(std::move(store));
              }},
      Backend{"Postgres",
              [](const testing::TempDir&, std::shared_ptr<void>& keep) -> Result<std::unique_ptr<sql::SqlStore>> {
                std::shared_ptr<testing::PostgresDatabase> database = testing::PostgresDatabase::Create();
                if (!database) return MakeError(ErrorCode::kUnavailable, "no test database");
                keep = database;
                LEDE_TRY(auto store, postgres::PostgresStore::Open(database->url()));
                return std::unique_ptr<sql::SqlStore>(std::move(store));
              },
              /*needs_postgres=*/true},
  };
}

// In a fixture's SetUp, before opening.
#define LEDE_SKIP_BACKEND_WITHOUT_SERVER(backend)              \
  do {                                                          \
    if ((backend).needs_postgres) LEDE_SKIP_WITHOUT_POSTGRES(); \
  } while (false)

}  // namespace lede::store::testing_backends
