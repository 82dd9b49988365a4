#pragma once
// Which store a --db value (or LEDE_DB, or lede migrate's --from and --to)
// names: the one rule every command reads it by.

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.h"

namespace lede::app {

// What a command was told to store the site in: its --db value, else the
// LEDE_DB environment variable, else "" (the data folder's SQLite file).
std::string DatabaseSetting(std::string_view flag);

struct StoreChoice {
  bool postgres = false;
  std::string target;  // the postgres:// URL, or the SQLite file's path
};

// "postgres://..." (or "postgresql://"), or "sqlite:PATH"; "" is
// `default_sqlite` when one is given. kInvalidArgument naming `option`
// (its field without the dashes) for anything else.
Result<StoreChoice> ChooseStore(std::string_view db, std::string_view option,
                                const std::filesystem::path& default_sqlite = {});

}  // namespace lede::app
