#include "app/data_dir.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace lede::app {
namespace {

constexpr std::size_t kSecretBytes = 32;

tl::unexpected<Error> Unavailable(const std::filesystem::path& path, std::string_view why) {
  return MakeError(ErrorCode::kUnavailable, fmt::format("data dir {}: {}", path.string(), why));
}

// Written to a temporary name, fsynced, then renamed: a crash never leaves
// a short secret behind.
Status WriteSecret(const std::filesystem::path& dir, const std::string& secret) {
  const auto temporary = dir / "secret.tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size()) ||
      ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Unavailable(dir, "cannot write the site secret");
  }
  ::close(fd);
  std::error_code error;
  std::filesystem::rename(temporary, dir / "secret", error);
  if (error) return Unavailable(dir, "cannot write the site secret");
  return {};
}

}  // namespace

Status DataDir::ReplaceSecret(const std::string& secret) {
  if (secret.size() != kSecretBytes) return InvalidArgument("the secret must be 32 bytes");
  LEDE_TRY(WriteSecret(path_, secret));
  secret_ = secret;
  return {};
}

Result<DataDir> DataDir::Open(const std::filesystem::path& path) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error)) {
    return Unavailable(path, "exists but is not a directory");
  }
  std::filesystem::create_directories(path / "media", error);
  if (error) return Unavailable(path, error.message());
  if (::access(path.c_str(), R_OK | W_OK | X_OK) != 0) {
    return Unavailable(path, "not readable and writable by this user");
  }

  DataDir dir;
  dir.path_ = path;
  const auto secret_path = path / "secret";
  if (!std::filesystem::exists(secret_path, error)) {
    std::string secret(kSecretBytes, '\0');
    randombytes_buf(secret.data(), secret.size());
    LEDE_TRY(WriteSecret(path, secret));
  }
  std::ifstream in(secret_path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  dir.secret_ = bytes.str();
  if (!in || dir.secret_.size() != kSecretBytes) {
    return Unavailable(path, "the secret file is unreadable or damaged (delete it to make a new "
                             "one; signed cookies will reset)");
  }
  return dir;
}

}  // namespace lede::app
