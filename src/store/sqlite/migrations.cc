#include "store/sqlite/migrations.h"

#include <fmt/format.h>

#include <string_view>
#include <utility>
#include <vector>

#include "util/strings.h"

namespace lede::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& sqlite_migrations();
}

namespace lede::store::sqlite {

Status Migrate(Database& db) {
  LEDE_TRY(auto version_query, db.Prepare("PRAGMA user_version"));
  LEDE_TRY(version_query->Step());
  const std::int64_t current = version_query->Int(0);
  version_query->Reset();

  std::int64_t latest = 0;
  for (const auto& [name, sql] : embedded::sqlite_migrations()) {
    // Files are named NNN_what.sql; the number is the schema version.
    const auto version = util::ParseInt(name.substr(0, name.find('_')));
    LEDE_CHECK(version.has_value());
    latest = std::max(latest, *version);
    if (*version <= current) continue;
    LEDE_TRY(auto transaction, Transaction::Begin(db));
    if (auto status = db.Exec(sql); !status) {
      return InvalidArgument(fmt::format("migration {}: {}", name, status.error().message));
    }
    LEDE_TRY(db.Exec(fmt::format("PRAGMA user_version = {}", *version)));
    LEDE_TRY(transaction.Commit());
  }
  if (current > latest) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("the database is at schema version {}, newer than this "
                                 "lede knows ({}); upgrade lede",
                                 current, latest));
  }
  return {};
}

}  // namespace lede::store::sqlite
