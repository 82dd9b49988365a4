#pragma once
// `lede migrate --from DB --to DB`: moves a whole site between SQLite and
// PostgreSQL (either way), verified table by table.

#include <string>

namespace lede::cli {

// Prints each table's rows and checksum as it is verified, then a total;
// one line and exit code 1 when anything fails (the destination is then
// left as it was).
int Migrate(const std::string& from, const std::string& to);

}  // namespace lede::cli
