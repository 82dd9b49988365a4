#pragma once
// lede migrate: a whole site moved between stores (SQLite to PostgreSQL and
// back), ids kept, every table counted and checksummed on both sides.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/sql/sql_store.h"
#include "util/result.h"

namespace lede::app {

using TableCopy = store::sql::SqlStore::TableCopy;

// Copies the site in `from` (sqlite:PATH or postgres://...) into `to`,
// which must hold no site yet. kInvalidArgument naming the option for a
// malformed or missing store; kConflict when `to` already holds a site;
// anything else as the stores say. On any failure `to` is left as it was.
// Media files follow the stores: into a store that keeps them (PostgreSQL)
// from `data_dir`'s media/ and originals/, out of one into `data_dir`
// (files already there are left), reported as table "media files".
Result<std::vector<TableCopy>> MigrateSite(const std::string& from, const std::string& to,
                                           const std::filesystem::path& data_dir,
                                           const std::function<void(const TableCopy&)>& progress = {});
// `db` as it may be printed: any password replaced by "***".
std::string RedactedDb(const std::string& db);

}  // namespace lede::app
