#pragma once
// `lede user ...` and `lede token ...`: people and Admin API tokens from the
// command line, for the first administrator and for scripts.

#include <filesystem>
#include <optional>
#include <string>

namespace lede::cli {

struct UserAddOptions {
  std::string email;
  std::string name;
  std::string role = "contributor";
  bool password_stdin = false;
  std::filesystem::path data_dir = "data";
};

// Creates the user; prints a one-time password unless one is read from
// standard input (first line, without its newline).
int UserAdd(const UserAddOptions& options);
// One line per user: id, email, role, name, and "disabled" when so.
int UserList(const std::filesystem::path& data_dir);
// Prints a new token alone on standard output.
int TokenAdd(const std::string& email, const std::string& label,
             const std::filesystem::path& data_dir);
// Revokes a token named by its id (from `lede token list`) or its value.
int TokenRevoke(const std::string& token_or_id, const std::filesystem::path& data_dir);
// One line per token: id, user, label, created, and "revoked" when so.
int TokenList(const std::filesystem::path& data_dir);

}  // namespace lede::cli
