#pragma once
// lede's own backup: the whole site as one JSON document (settings,
// sections, authors, tags, media records, articles with their relations,
// pages, redirects, and every reader vote with its feedback and the
// aggregates they make). Media files are not inside: copy the data dir's
// media/ folder beside it. The site secret (which signs voter cookies) is
// and users' password hashes are included only when asked (without them,
// restored users must be given a password: lede user add, or an
// administrator's invitation).

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "store/people_store.h"
#include "store/store.h"

namespace lede::importers::json {

// 2: arrays in the order a restore needs them (a file read as it streams);
// every media record, not only lead images. Version 1 files still restore.
inline constexpr int kBackupVersion = 2;

// Writes the backup. `secret` is included when given.
Status ExportBackup(store::Store& store, store::PeopleStore& people, std::ostream& out,
                    const std::optional<std::string>& secret = std::nullopt);

struct RestoreReport {
  std::int64_t articles = 0;
  std::int64_t votes = 0;
  std::int64_t users = 0;
  std::optional<std::string> secret;  // present when the backup held one
};

// Restores a backup into an empty site, in one transaction: any error
// (a malformed file, a reference to nothing) leaves the site untouched.
// kConflict when the site already has articles; kInvalidArgument naming the
// file and what is wrong otherwise.
Result<RestoreReport> RestoreBackup(store::Store& store, store::PeopleStore& people,
                                    const std::filesystem::path& file);

}  // namespace lede::importers::json
