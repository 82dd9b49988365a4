#pragma once
// A data directory holds everything one site keeps: the SQLite file
// (lede.db), uploaded media (media/, the originals as sent in originals/,
// uploads still arriving in tmp/) and the site's secret (secret, 0600).

#include <filesystem>
#include <string>

#include "util/result.h"

namespace lede::app {

class DataDir {
 public:
  // Creates the directory (and media/) when missing and the secret when
  // absent. kUnavailable with one line naming the path when it is not a
  // directory, cannot be created or written, or the secret is unreadable.
  static Result<DataDir> Open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path database() const { return path_ / "lede.db"; }
  std::filesystem::path media() const { return path_ / "media"; }
  // Uploads as sent (with their camera data): kept; served only with the
  // metadata removed (media::StripMetadata, at /media/file/, from a copy
  // made once under media/file/, which a backup leaves out).
  std::filesystem::path originals() const { return path_ / "originals"; }
  // Uploads while they arrive, before the media library takes them in
  // (beside media/ and originals/, so taking one is a rename); nothing
  // there outlives its request, and a backup skips it.
  std::filesystem::path spool() const { return path_ / "tmp"; }
  // 32 random bytes, made once per site; signs cookies and tokens.
  const std::string& secret() const { return secret_; }
  // Replaces the secret (restoring a backup made with --with-secrets).
  // kInvalidArgument unless 32 bytes; kUnavailable when it cannot be written.
  Status ReplaceSecret(const std::string& secret);

 private:
  std::filesystem::path path_;
  std::string secret_;
};

}  // namespace lede::app
