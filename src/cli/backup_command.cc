#include "cli/backup_command.h"

#include <cstdio>

#include "app/backup.h"

namespace lede::cli {

int Backup(const std::filesystem::path& data_dir, const std::filesystem::path& to) {
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
