#include "app/migrate.h"

#include "app/store_choice.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace lede::app {
namespace {

Result<std::unique_ptr<store::sql::SqlStore>> OpenStore(const std::string& db, const std::string& option,
                                                        bool must_exist) {
  LEDE_TRY(auto choice, ChooseStore(db, option));
  auto opened = [&]() -> Result<std::unique_ptr<store::sql::SqlStore>> {
    if (choice.postgres) return store::postgres::PostgresStore::Open(choice.target);
    if (must_exist && !std::filesystem::exists(choice.target)) {
      return InvalidArgument(fmt::format("there is no database at {}", choice.target));
    }
    return store::sqlite::SqliteStore::Open(choice.target);
  }();
  if (!opened) return InvalidArgument(fmt::format("{}: {}", option, opened.error().message), option);
  return opened;
}

}  // namespace

namespace {

constexpr std::string_view kOriginals = "originals/";

// Every file below the data dir's media/ and originals/, by the key the
// media library keeps it under in a store (media::Library::SharedKey).
Status UploadMedia(store::sql::SqlStore& to, const std::filesystem::path& data_dir, std::int64_t& count) {
  for (const auto& [folder, prefix] : {std::pair{data_dir / "media", std::string()},
                                       std::pair{data_dir / "originals", std::string(kOriginals)}}) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) continue;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_regular_file() || it->path().extension() == ".tmp") continue;
      std::ifstream in(it->path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (in.bad()) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot read {}", it->path().string()));
      LEDE_TRY(to.PutMediaFile(prefix + it->path().lexically_relative(folder).generic_string(), bytes,
                               static_cast<util::UnixSeconds>(std::time(nullptr))));
      ++count;
    }
    if (error) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot list {}: {}", folder.string(), error.message()));
  }
  return {};
}

// Every file the store keeps, into the data dir unless already there.
Status DownloadMedia(store::sql::SqlStore& from, const std::filesystem::path& data_dir, std::int64_t& count) {
  for (std::string after;;) {
    LEDE_TRY(auto paths, from.ListMediaFiles(after, 500));
    if (paths.empty()) return {};
    for (const auto& key : paths) {
      const auto path = key.starts_with(kOriginals) ? data_dir / "originals" / key.substr(kOriginals.size())
                                                    : data_dir / "media" / key;
      const auto safe = path.lexically_normal();
      if (key.find("..") != std::string::npos || std::filesystem::exists(safe)) continue;
      LEDE_TRY(auto bytes, from.FindMediaFile(key));
      std::error_code error;
      std::filesystem::create_directories(safe.parent_path(), error);
      std::ofstream out(safe, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", safe.string()));
      ++count;
    }
    after = paths.back();
  }
}

// Both keep them (one PostgreSQL to another): row by row.
Status CopyMedia(store::sql::SqlStore& from, store::sql::SqlStore& to, std::int64_t& count) {
  for (std::string after;;) {
    LEDE_TRY(auto paths, from.ListMediaFiles(after, 500));
    if (paths.empty()) return {};
    for (const auto& key : paths) {
      LEDE_TRY(auto bytes, from.FindMediaFile(key));
      LEDE_TRY(to.PutMediaFile(key, bytes, static_cast<util::UnixSeconds>(std::time(nullptr))));
      ++count;
    }
    after = paths.back();
  }
}

}  // namespace

Result<std::vector<TableCopy>> MigrateSite(const std::string& from, const std::string& to,
                                           const std::filesystem::path& data_dir,
                                           const std::function<void(const TableCopy&)>& progress) {
  if (from == to) return InvalidArgument("--from and --to name the same database", "to");
  LEDE_TRY(auto source, OpenStore(from, "--from", /*must_exist=*/true));
  LEDE_TRY(auto destination, OpenStore(to, "--to", /*must_exist=*/false));
  std::int64_t files = 0;
  // Before the tables commit, so that a failure leaves nothing to redo by hand.
  const auto media = [&]() -> Status {
    if (destination->KeepsMediaFiles()) {
      LEDE_TRY(source->KeepsMediaFiles() ? CopyMedia(*source, *destination, files)
                                         : UploadMedia(*destination, data_dir, files));
    } else if (source->KeepsMediaFiles()) {
      LEDE_TRY(DownloadMedia(*source, data_dir, files));
    } else {
      return {};  // both on this disk: the data dir already holds them
    }
    if (progress) progress({"media files", files, "-"});
    return {};
  };
  return destination->CopyFrom(*source, progress, media);
}

std::string RedactedDb(const std::string& db) { return store::postgres::RedactUrl(db); }

}  // namespace lede::app
