#pragma once
// A consistent copy of a live SQLite store, taken while servers keep
// writing to it: SQLite's online backup, in one read transaction (in WAL
// mode readers never stop writers, so the copy need not restart as they
// write).

#include <string>

#include "util/result.h"

namespace lede::store::sqlite {

// Copies the database at `from` to a new file `to` (written beside it
// under a temporary name and renamed into place when complete, so `to` is
// either absent or whole). kConflict when `to` exists; kUnavailable when
// either file cannot be opened or written.
Status BackupDatabase(const std::string& from, const std::string& to);

}  // namespace lede::store::sqlite
