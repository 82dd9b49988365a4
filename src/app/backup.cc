#include "app/backup.h"

#include <fmt/format.h>

#include "media/library.h"
#include "store/sqlite/backup.h"

namespace lede::app {
namespace {

tl::unexpected<Error> Failed(std::string message) {
  return MakeError(ErrorCode::kUnavailable, std::move(message));
}

}  // namespace

Result<std::uintmax_t> BackupDataDir(const std::filesystem::path& data_dir, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(data_dir / "lede.db", error)) {
    return Failed(fmt::format("{}: not a lede data directory (no lede.db)", data_dir.string()));
  }
  if (fs::exists(to, error) && !(fs::is_directory(to, error) && fs::is_empty(to, error))) {
    return MakeError(ErrorCode::kConflict, fmt::format("{}: already exists and is not empty; name a new directory", to.string()));
  }
  const std::string inside = fs::weakly_canonical(to, error).string() + "/";
  if (inside.starts_with(fs::weakly_canonical(data_dir, error).string() + "/")) {
    return Failed(fmt::format("{}: inside the data directory it would copy", to.string()));
  }
  fs::create_directories(to, error);
  if (error) return Failed(fmt::format("{}: {}", to.string(), error.message()));

  // The database first: media files are only ever added, so any the copy
  // names were written before it and are copied below.
  if (auto copied = store::sqlite::BackupDatabase((data_dir / "lede.db").string(), (to / "lede.db").string());
      !copied) {
    return tl::unexpected(copied.error());
  }
  // Everything else in the directory as it is: the secret, media/ and
  // originals/ (files only ever added), import logs.
  std::uintmax_t files = 0;
  for (auto it = fs::recursive_directory_iterator(data_dir, error); !error && it != fs::end(it);
       it.increment(error)) {
    const fs::path relative = fs::relative(it->path(), data_dir);
    if (it.depth() == 0 && relative.string().starts_with("lede.db")) continue;
    // Uploads still arriving, and files half-written under a temporary
    // name: neither is part of the site yet, and either may vanish.
    if (it.depth() == 0 && relative == "tmp") {
      it.disable_recursion_pending();
      continue;
    }
    // Originals without their metadata, as /media/file/ served them: made
    // again from originals/ when first asked for.
    if (it.depth() == 1 && relative == fs::path("media") / media::Library::kServedFolder) {
      it.disable_recursion_pending();
      continue;
    }
    if (relative.extension() == ".tmp") continue;
    const fs::path target = to / relative;
    if (it->is_directory()) {
      fs::create_directories(target, error);
    } else if (it->is_regular_file()) {
      fs::copy_file(it->path(), target, error);
      ++files;
    }
    if (error) return Failed(fmt::format("{}: {}", target.string(), error.message()));
  }
  if (error) return Failed(fmt::format("{}: {}", data_dir.string(), error.message()));
  fs::permissions(to / "secret", fs::perms::owner_read | fs::perms::owner_write, error);
  return files;
}

}  // namespace lede::app
