#include "cli/backup_command.h"

#include <cstdio>

#include "app/backup.h"
#include "app/store_choice.h"

namespace lede::cli {

int Backup(const std::filesystem::path& data_dir, const std::filesystem::path& to) {
  // The data directory of a PostgreSQL site holds no database: a copy of
  // it would look like a backup and restore nothing.
  if (auto choice = app::ChooseStore(app::DatabaseSetting(""), "LEDE_DB", data_dir / "lede.db");
      choice && choice->postgres) {
    std::fprintf(stderr,
                 "lede: backup: LEDE_DB names a PostgreSQL database: back it up with pg_dump, "
                 "or write a portable copy with lede export json (docs/deploy.md)\n");
    return 1;
  }
  auto files = app::BackupDataDir(data_dir, to);
  if (!files) {
    std::fprintf(stderr, "lede: backup: %s\n", files.error().message.c_str());
    return 1;
  }
  std::printf("backup: %s written: the database and %ju other files (secret, media)\n",
              to.string().c_str(), *files);
  return 0;
}

}  // namespace lede::cli
