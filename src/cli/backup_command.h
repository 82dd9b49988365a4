#pragma once
// `lede backup`: a complete copy of a live data directory while servers
// keep running on it.

#include <filesystem>

namespace lede::cli {

// Writes `to` as a data directory of its own: a consistent copy of the
// database (SQLite's online backup) and every other file in it as it is
// (the site secret, media/, originals/).
// `to` must not exist yet (or be empty). `lede serve --data TO` serves it.
// Refused when LEDE_DB names PostgreSQL (pg_dump backs that up).
int Backup(const std::filesystem::path& data_dir, const std::filesystem::path& to);

}  // namespace lede::cli
