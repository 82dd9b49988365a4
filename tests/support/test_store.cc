#include "support/test_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>

#include "support/postgres_database.h"

namespace lede::testing {
namespace {

std::mutex& Mutex() {
  static std::mutex mutex;
  return mutex;
}

// Data folder (absolute, normal form) -> its database.
std::map<std::filesystem::path, std::unique_ptr<PostgresDatabase>>& Databases() {
  static auto* databases = new std::map<std::filesystem::path, std::unique_ptr<PostgresDatabase>>();
  return *databases;
}

std::filesystem::path Key(const std::filesystem::path& dir) {
  return std::filesystem::absolute(dir).lexically_normal();
}

}  // namespace

bool OnPostgres() {
  const char* store = std::getenv("LEDE_TEST_STORE");
  return store && std::string_view(store) == "postgres";
}

std::string DatabaseFor(const std::filesystem::path& data_dir) {
  if (!OnPostgres()) return "";
  if (PostgresDatabase::ServerUrl().empty()) {
    ADD_FAILURE() << "LEDE_TEST_STORE=postgres needs LEDE_TEST_POSTGRES (./dev test all sets both)";
    return "";
  }
  std::lock_guard lock(Mutex());
  auto& slot = Databases()[Key(data_dir)];
  if (!slot) slot = PostgresDatabase::Create();
  return slot ? slot->url() : "";
}

void DropDatabasesUnder(const std::filesystem::path& dir) {
  if (!OnPostgres()) return;
  const auto root = Key(dir);
  std::lock_guard lock(Mutex());
  auto& databases = Databases();
  for (auto it = databases.begin(); it != databases.end();) {
    const auto relative = it->first.lexically_relative(root);
    const bool inside = !relative.empty() && *relative.begin() != "..";
    it = inside ? databases.erase(it) : std::next(it);
  }
}

}  // namespace lede::testing
