#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

namespace lede::store::sqlite {
namespace {

tl::unexpected<Error> Failed(std::string_view what, const std::string& path, sqlite3* db) {
  return MakeError(ErrorCode::kUnavailable,
                   fmt::format("{}: {}: {}", path, what, db ? sqlite3_errmsg(db) : "out of memory"));
}

// Closes both handles however the copy ends.
struct Handles {
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  ~Handles() {
    sqlite3_close_v2(target);
    sqlite3_close_v2(source);
  }
};

}  // namespace

Status BackupDatabase(const std::string& from, const std::string& to) {
  std::error_code error;
  if (std::filesystem::exists(to, error)) {
    return MakeError(ErrorCode::kConflict, fmt::format("{}: already exists; name a new file", to));
  }
  if (!std::filesystem::exists(from, error)) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("{}: no database here", from));
  }
  const std::string partial = to + ".partial";
  std::filesystem::remove(partial, error);
  Handles handles;
  if (sqlite3_open_v2(from.c_str(), &handles.source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return Failed("cannot open", from, handles.source);
  }
  // A server may hold the write lock for a moment: wait for it.
  sqlite3_busy_timeout(handles.source, 10'000);
  if (sqlite3_open_v2(partial.c_str(), &handles.target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return Failed("cannot create", partial, handles.target);
  }
  sqlite3_backup* backup = sqlite3_backup_init(handles.target, "main", handles.source, "main");
  if (backup == nullptr) return Failed("cannot start the backup", to, handles.target);
  // Every page in one step: one read transaction, one consistent snapshot.
  int step = sqlite3_backup_step(backup, -1);
  while (step == SQLITE_BUSY || step == SQLITE_LOCKED) {
    sqlite3_sleep(20);
    step = sqlite3_backup_step(backup, -1);
  }
  const int finished = sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE || finished != SQLITE_OK) {
    std::filesystem::remove(partial, error);
    return Failed("the backup failed", from, handles.target);
  }
  // The copy keeps the source's WAL mode; fold everything into the file
  // itself so that it stands alone, then make it durable before it gets
  // its name.
  if (sqlite3_exec(handles.target, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::filesystem::remove(partial, error);
    return Failed("cannot finish the copy", partial, handles.target);
  }
  sqlite3_close_v2(handles.target);
  handles.target = nullptr;
  const int fd = ::open(partial.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced || std::rename(partial.c_str(), to.c_str()) != 0) {
    std::filesystem::remove(partial, error);
    return MakeError(ErrorCode::kUnavailable, fmt::format("{}: cannot write the backup", to));
  }
  return {};
}

}  // namespace lede::store::sqlite
