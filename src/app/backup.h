#pragma once
// A complete copy of a live data directory (lede backup).

#include <cstdint>
#include <filesystem>

#include "util/result.h"

namespace lede::app {

// Writes `to` as a data directory of its own: a consistent copy of the
// database (SQLite's online backup, one snapshot taken while servers keep
// writing) and every other file in it as it is (the site secret, media/,
// originals/). `to` must not exist yet, or be empty, and must not lie
// inside `data_dir`. Returns how many files besides the database it copied.
Result<std::uintmax_t> BackupDataDir(const std::filesystem::path& data_dir, const std::filesystem::path& to);

}  // namespace lede::app
