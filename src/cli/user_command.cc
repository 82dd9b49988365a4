#include "cli/user_command.h"

#include <fmt/format.h>

#include <iostream>

#include "app/app.h"
#include "auth/secrets.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::cli {
namespace {

// Opens the site's app, or prints why not (one line) and returns nullptr.
std::unique_ptr<app::App> OpenApp(const std::filesystem::path& data_dir) {
  auto opened = app::App::Open({.data_dir = data_dir});
  if (!opened) {
    std::cerr << "lede: " << opened.error().message << "\n";
    return nullptr;
  }
  return std::move(*opened);
}

int Fail(std::string_view what, const Error& error) {
  std::cerr << "lede: " << what << ": " << error.message;
  if (!error.field.empty()) std::cerr << " (" << error.field << ")";
  std::cerr << "\n";
  return 1;
}

}  // namespace

int UserAdd(const UserAddOptions& options) {
  const auto role = content::ParseRole(options.role);
  if (!role) {
    std::cerr << "lede: --role must be contributor, author, editor or administrator\n";
    return 2;
  }
  std::optional<std::string> password;
  if (options.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    password = line;
  }
  auto app = OpenApp(options.data_dir);
  if (!app) return 1;
  auto made = app->accounts().AddUser(
      {.email = options.email, .name = options.name, .role = *role}, password);
  if (!made) return Fail("user add", made.error());
  std::cerr << fmt::format("lede: added {} <{}> as {} (user {})\n", made->user.name,
                           made->user.email, content::RoleName(made->user.role), made->user.id);
  if (!made->generated_password.empty()) {
    std::cout << "one-time password: " << made->generated_password << "\n";
  }
  return 0;
}

int UserList(const std::filesystem::path& data_dir) {
  auto app = OpenApp(data_dir);
  if (!app) return 1;
  auto users = app->people().ListUsers();
  if (!users) return Fail("user list", users.error());
  for (const auto& user : *users) {
    std::cout << fmt::format("{}\t{}\t{}\t{}{}\n", user.id, user.email,
                             content::RoleName(user.role), user.name,
                             user.disabled ? "\tdisabled" : "");
  }
  return 0;
}

int TokenAdd(const std::string& email, const std::string& label,
             const std::filesystem::path& data_dir) {
  auto app = OpenApp(data_dir);
  if (!app) return 1;
  auto user = app->people().FindUserByEmail(email);
  if (!user) return Fail("token add", user.error());
  auto token = app->accounts().AddToken(user->id, label, 0);
  if (!token) return Fail("token add", token.error());
  std::cout << *token << "\n";
  return 0;
}

int TokenRevoke(const std::string& token_or_id, const std::filesystem::path& data_dir) {
  auto app = OpenApp(data_dir);
  if (!app) return 1;
  std::int64_t id = 0;
  if (auto number = util::ParseInt(token_or_id)) {
    id = *number;
  } else {
    auto token = app->people().FindToken(auth::HashSecret(token_or_id));
    if (!token) return Fail("token revoke", token.error());
    id = token->id;
  }
  if (auto revoked = app->accounts().RevokeToken(id, 0); !revoked) {
    return Fail("token revoke", revoked.error());
  }
  std::cerr << fmt::format("lede: token {} revoked\n", id);
  return 0;
}

int TokenList(const std::filesystem::path& data_dir) {
  auto app = OpenApp(data_dir);
  if (!app) return 1;
  auto tokens = app->people().ListTokens();
  if (!tokens) return Fail("token list", tokens.error());
  for (const auto& token : *tokens) {
    auto user = app->people().FindUser(token.user_id);
    std::cout << fmt::format("{}\t{}\t{}\t{}{}\n", token.id, user ? user->email : "?",
                             token.label, util::FormatIso8601(token.created_at),
                             token.revoked_at ? "\trevoked" : "");
  }
  return 0;
}

}  // namespace lede::cli
