#pragma once
// Versioned schema migrations for the PostgreSQL store, embedded from
// migrations/NNN_what.sql. All pending ones run in one transaction under
// an advisory lock: a failure rolls every one of them back, and nodes
// starting together on an empty database take turns (the first migrates,
// the others wait, then find nothing to do).

#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/connection.h"
#include "util/result.h"

namespace lede::store::postgres {

// (file name, SQL), in version order.
using MigrationList = std::vector<std::pair<std::string_view, std::string_view>>;
const MigrationList& EmbeddedMigrations();

// Brings the database to the newest version in `migrations`. kUnavailable
// when the database's schema is newer than any of them (a newer lede wrote
// it); kInvalidArgument naming the migration that failed.
Status Migrate(Connection& connection, const MigrationList& migrations = EmbeddedMigrations());

// The version the database is at; 0 for an empty database.
Result<std::int64_t> SchemaVersion(Connection& connection);

}  // namespace lede::store::postgres
