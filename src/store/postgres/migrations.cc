#include "store/postgres/migrations.h"

#include <fmt/format.h>

#include "store/postgres/pool.h"
#include "util/strings.h"

namespace lede::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& postgres_migrations();
}

namespace lede::store::postgres {
namespace {

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS lede_schema ("
    "version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

Result<std::int64_t> ReadVersion(Connection& connection) {
  LEDE_TRY(auto query, connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM lede_schema"));
  LEDE_TRY(query->Step());
  return query->Int(0);
}

}  // namespace

const MigrationList& EmbeddedMigrations() { return embedded::postgres_migrations(); }

Result<std::int64_t> SchemaVersion(Connection& connection) {
  LEDE_TRY(auto exists, connection.Prepare("SELECT to_regclass('lede_schema') IS NOT NULL"));
  LEDE_TRY(exists->Step());
  if (exists->Int(0) == 0) return 0;
  return ReadVersion(connection);
}

Status Migrate(Connection& connection, const MigrationList& migrations) {
  LEDE_TRY(connection.Exec("BEGIN"));
  // Rolled back unless committed below: DDL is transactional here.
  struct Rollback {
    Connection& connection;
    bool done = false;
    ~Rollback() {
      if (!done) (void)connection.Exec("ROLLBACK");
    }
  } rollback{connection};
  LEDE_TRY(auto lock, connection.Prepare("SELECT pg_advisory_xact_lock(?1)"));
  LEDE_TRY(lock->Bind(1, kMigrationLock).Run());
  LEDE_TRY(connection.Exec(kVersionTable));
  LEDE_TRY(const std::int64_t current, ReadVersion(connection));

  std::int64_t latest = 0;
  for (const auto& [name, sql] : migrations) {
    const auto version = util::ParseInt(name.substr(0, name.find('_')));
    LEDE_CHECK(version.has_value());
    latest = std::max(latest, *version);
  }
  if (current > latest) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("the database is at schema version {}, newer than this lede knows "
                                 "({}); upgrade lede",
                                 current, latest));
  }
  for (const auto& [name, sql] : migrations) {
    const auto version = util::ParseInt(name.substr(0, name.find('_')));
    if (*version <= current) continue;
    if (auto status = connection.Exec(sql); !status) {
      return InvalidArgument(fmt::format("migration {} failed, none applied: {}", name,
                                         status.error().message));
    }
    LEDE_TRY(auto record, connection.Prepare("INSERT INTO lede_schema (version, name) VALUES (?1, ?2)"));
    LEDE_TRY(record->Bind(1, *version).Bind(2, name).Run());
  }
  LEDE_TRY(connection.Exec("COMMIT"));
  rollback.done = true;
  return {};
}

}  // namespace lede::store::postgres
