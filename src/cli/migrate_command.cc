#include "cli/migrate_command.h"

#include <chrono>
#include <cstdio>

#include "app/migrate.h"

namespace lede::cli {

int Migrate(const std::string& from, const std::string& to, const std::filesystem::path& data_dir) {
  const auto start = std::chrono::steady_clock::now();
  std::int64_t rows = 0;
  auto copied = app::MigrateSite(from, to, data_dir, [&](const app::TableCopy& table) {
    if (table.table != "media files") rows += table.rows;
    std::printf("  %-20s %10lld rows  checksum %s\n", table.table.c_str(),
                static_cast<long long>(table.rows), table.checksum.c_str());
    std::fflush(stdout);
  });
  if (!copied) {
    std::fprintf(stderr, "lede: migrate: %s\n", copied.error().message.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("migrate: %zu tables, %lld rows copied to %s and verified (counts and checksums) in %.1f s\n",
              copied->size(), static_cast<long long>(rows), app::RedactedDb(to).c_str(), seconds);
  return 0;
}

}  // namespace lede::cli
