#include "app/store_choice.h"

#include <fmt/format.h>

#include <cstdlib>

namespace lede::app {

std::string DatabaseSetting(std::string_view flag) {
  if (!flag.empty()) return std::string(flag);
  const char* from_environment = std::getenv("LEDE_DB");
  return from_environment ? from_environment : "";
}

Result<StoreChoice> ChooseStore(std::string_view db, std::string_view option,
                                const std::filesystem::path& default_sqlite) {
  if (db.starts_with("postgres://") || db.starts_with("postgresql://")) return StoreChoice{true, std::string(db)};
  if (db.empty() && !default_sqlite.empty()) return StoreChoice{false, default_sqlite.string()};
  if (db.starts_with("sqlite:") && db.size() > 7) return StoreChoice{false, std::string(db.substr(7))};
  std::string field(option);
  while (field.starts_with('-')) field.erase(0, 1);
  return InvalidArgument(fmt::format("{} \"{}\": name sqlite:PATH or postgres://USER@HOST/DB", option, db), field);
}

}  // namespace lede::app
