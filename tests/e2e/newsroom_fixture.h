#pragma once
// A real lede serving the demo with one user per role, each with an Admin
// API token, made through the command line as an operator would.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"

namespace lede::testing {

struct Person {
  std::string email;
  std::string password;
  std::string token;
};

class Newsroom {
 public:
  // Demo content, users admin@, editor@, author@, contributor@ (example.org);
  // `serve_args` are added to `lede serve`.
  static std::unique_ptr<Newsroom> Start(const std::vector<std::string>& serve_args = {});

  std::uint16_t port() const { return server_->port(); }
  const Person& person(const std::string& role) const { return people_.at(role); }
  const std::filesystem::path& data() const { return dir_.path(); }

  // "Authorization: Bearer ..." for a role, with JSON content type.
  std::vector<std::pair<std::string, std::string>> Api(const std::string& role) const {
    return {{"Authorization", "Bearer " + person(role).token},
            {"Content-Type", "application/json"}};
  }
  HttpResult Call(const std::string& role, const std::string& method, const std::string& target,
                  const std::string& body = {}) const {
    return Fetch(port(), method, target, Api(role), body);
  }

  // kill -9 the server, as a power cut would; Restart serves the same data
  // again (with the same arguments). Restart is false if it would not start.
  int Kill();
  bool Restart();
  std::string ServerOutput() { return server_ ? server_->Output() : ""; }

  // Signs in through the form; returns "lede_session=..." or "".
  std::string SignIn(const std::string& role) const;
  // The CSRF token on an admin page the session can see.
  std::string CsrfToken(const std::string& cookie, const std::string& page = "/admin/articles/") const;

 private:
  TempDir dir_;
  std::unique_ptr<LedeProcess> server_;
  std::vector<std::string> serve_args_;
  std::map<std::string, Person> people_;
};

// "a%20b" form encoding of a value.
std::string FormEncode(const std::string& value);

}  // namespace lede::testing
