#include "e2e/newsroom_fixture.h"

#include <signal.h>

#include <regex>

namespace lede::testing {

std::string FormEncode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : value) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

std::unique_ptr<Newsroom> Newsroom::Start(const std::vector<std::string>& serve_args) {
  auto room = std::make_unique<Newsroom>();
  const std::string data = room->dir_.path().string();
  auto demo = RunLede({"demo", "--data", data});
  EXPECT_EQ(demo.exit_code, 0) << demo.output;
  for (const std::string role : {"administrator", "editor", "author", "contributor"}) {
    const std::string email = role + "@example.org";
    auto added = RunLede({"user", "add", email, "--name", "The " + role, "--role", role, "--data", data});
    EXPECT_EQ(added.exit_code, 0) << added.output;
    std::smatch match;
    EXPECT_TRUE(std::regex_search(added.output, match, std::regex("one-time password: (\\S+)")))
        << added.output;
    auto token = RunLede({"token", "add", "--user", email, "--data", data});
    EXPECT_EQ(token.exit_code, 0) << token.output;
    std::string value = token.output.substr(0, token.output.find('\n'));
    room->people_[role] = {email, match[1], value};
  }
  room->people_["admin"] = room->people_["administrator"];
  std::string output;
  std::vector<std::string> args{"--data", data};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  room->serve_args_ = args;
  room->server_ = LedeProcess::Serve(args, &output);
  EXPECT_NE(room->server_, nullptr) << output;
  return room;
}

int Newsroom::Kill() {
  const int status = server_->Stop(SIGKILL);
  server_.reset();
  return status;
}

bool Newsroom::Restart() {
  std::string output;
  server_ = LedeProcess::Serve(serve_args_, &output);
  EXPECT_NE(server_, nullptr) << output;
  return server_ != nullptr;
}

std::string Newsroom::SignIn(const std::string& role) const {
  const Person& who = person(role);
  auto result = Fetch(port(), "POST", "/admin/sign-in",
                      {{"Content-Type", "application/x-www-form-urlencoded"}},
                      "email=" + FormEncode(who.email) + "&password=" + FormEncode(who.password) +
                          "&next=%2Fadmin%2Farticles%2F");
  const std::string cookie = result.Header("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

std::string Newsroom::CsrfToken(const std::string& cookie, const std::string& page) const {
  auto result = Fetch(port(), "GET", page, {{"Cookie", cookie}});
  std::smatch match;
  if (!std::regex_search(result.body, match, std::regex("name=\"csrf\" value=\"([^\"]+)\""))) return "";
  return match[1];
}

}  // namespace lede::testing
