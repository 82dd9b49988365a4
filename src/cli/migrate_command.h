#pragma once
// `lede migrate --from DB --to DB`: moves a whole site between SQLite and
// PostgreSQL (either way), verified table by table.

#include <filesystem>
#include <string>

namespace lede::cli {

// Prints each table's rows and checksum as it is verified, then a total;
// one line and exit code 1 when anything fails (the destination is then
// left as it was).
// Media files move between `data_dir` and a store that keeps them.
int Migrate(const std::string& from, const std::string& to, const std::filesystem::path& data_dir);

}  // namespace lede::cli
