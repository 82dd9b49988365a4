#pragma once

#include "store/sqlite/database.h"

namespace lede::store::sqlite {

// Applies every embedded migration newer than the file's user_version, each
// in its own transaction with the version bump. A file from a newer lede
// (user_version above what this binary knows) gives kUnavailable.
Status Migrate(Database& db);

}  // namespace lede::store::sqlite
