// Every newsroom page and API route the router holds, against every role
// and against no session or token: each is refused (401, 403, or a
// sign-in redirect) exactly below the least role that may use it. The
// routes come from the real router, so a route added without a line in
// kLeastRole fails here until someone decides who may use it.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>

#include "app/app.h"
#include "e2e/newsroom_fixture.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::HttpResult;
using testing::Newsroom;

const std::vector<std::string> kRoles = {"none", "contributor", "author", "editor", "administrator"};

// The least role that may use each route ("none": anyone, signed in or
// not). Article routes are tried on a draft another user wrote, so they
// show what a role may do with someone else's work.
const std::map<std::string, std::string> kLeastRole = {
    {"GET /admin/", "none"},  // a redirect to the articles list
    {"GET /admin/sign-in", "none"},
    {"POST /admin/sign-in", "none"},
    {"GET /admin/invite/{secret}/", "none"},
    {"POST /admin/invite/{secret}/", "none"},
    {"GET /admin/articles/", "contributor"},
    {"GET /admin/articles/new", "contributor"},
    {"POST /admin/articles/new", "contributor"},
    {"POST /admin/articles/new/preview", "contributor"},
    {"GET /admin/articles/{id}/", "editor"},
    {"POST /admin/articles/{id}/", "editor"},
    {"POST /admin/articles/{id}/preview", "editor"},
    {"GET /admin/articles/{id}/revisions/", "editor"},
    {"POST /admin/articles/{id}/revisions/{revision}/restore", "editor"},
    // An editor's own unsaved changes: whoever may open the article.
    {"POST /admin/articles/{id}/autosave", "editor"},
    {"POST /admin/articles/{id}/autosave/discard", "editor"},
    // Contributors may look through the library for a lead image; only
    // authors and above upload or describe pictures.
    {"GET /admin/media/", "contributor"},
    {"POST /admin/media/", "author"},
    {"GET /admin/media/{id}/", "contributor"},
    {"POST /admin/media/{id}/", "author"},
    {"GET /admin/ratings/", "editor"},
    {"GET /admin/sections/", "editor"},
    {"POST /admin/sections/", "editor"},
    {"POST /admin/sections/{id}/delete", "editor"},
    {"GET /admin/settings/", "administrator"},
    {"POST /admin/settings/", "administrator"},
    {"GET /admin/users/", "administrator"},
    {"POST /admin/users/invite", "administrator"},
    {"POST /admin/users/invites/{hash}/revoke", "administrator"},
    {"POST /admin/users/{id}/", "administrator"},
    {"GET /admin/tokens/", "administrator"},
    {"POST /admin/tokens/", "administrator"},
    {"POST /admin/tokens/{id}/revoke", "administrator"},
    {"GET /admin/audit/", "administrator"},
    {"POST /admin/sign-out", "contributor"},  // tried last: it ends the session
    {"GET /api/v1/admin/articles", "contributor"},
    {"POST /api/v1/admin/articles", "contributor"},
    {"POST /api/v1/admin/quick-looks/suggest", "contributor"},
    {"GET /api/v1/admin/articles/{id}", "editor"},
    {"PUT /api/v1/admin/articles/{id}", "editor"},
    {"DELETE /api/v1/admin/articles/{id}", "editor"},
    {"POST /api/v1/admin/articles/{id}/restore", "editor"},
    {"GET /api/v1/admin/articles/{id}/revisions", "editor"},
    {"POST /api/v1/admin/articles/{id}/quick-looks/suggest", "editor"},
    {"POST /api/v1/admin/media", "author"},
    {"GET /api/v1/admin/media", "contributor"},
    {"GET /api/v1/admin/tags", "contributor"},
};

int Rank(const std::string& role) {
  return static_cast<int>(std::find(kRoles.begin(), kRoles.end(), role) - kRoles.begin());
}

// Routes anyone may use answer a bad form with 400 or 401 (a wrong
// password): refused means only what a role would cause.
bool Refused(const HttpResult& result, bool for_anyone) {
  if (for_anyone) return result.status == 403;
  if (result.status == 401 || result.status == 403) return true;
  return result.status == 303 && result.Header("Location").starts_with("/admin/sign-in");
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { room_ = Newsroom::Start().release(); }
  static void TearDownTestSuite() { delete room_; }
  static inline Newsroom* room_ = nullptr;
};

TEST_F(AccessMatrixTest, EveryNewsroomRouteRefusesEveryoneBelowItsRole) {
  // The routes, from a router built as the server builds it.
  testing::TempDir scratch;
  auto app = app::App::Open({.data_dir = scratch.path()});
  ASSERT_OK(app);
  std::vector<std::string> routes;
  for (const std::string& route : (*app)->router().Describe()) {
    const std::string path = route.substr(route.find(' ') + 1);
    if (path.starts_with("/admin/") || path.starts_with("/api/v1/admin/")) routes.push_back(route);
  }
  ASSERT_GT(routes.size(), 30u);
  // Signing out ends the session every later route is tried with.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const std::string& route) { return route != "POST /admin/sign-out"; });

  // A draft the administrator wrote: nobody else's own.
  const auto draft = room_->Call(
      "administrator", "POST", "/api/v1/admin/articles",
      R"({"headline": "The matrix draft", "section": "world", "body": "Words.", "quick_looks": ["One"]})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string draft_id = std::to_string(nlohmann::json::parse(draft.body)["id"].get<long>());

  std::map<std::string, std::string> cookies, csrf;
  for (const std::string& role : kRoles) {
    if (role == "none") continue;
    cookies[role] = room_->SignIn(role);
    csrf[role] = room_->CsrfToken(cookies[role]);
    ASSERT_FALSE(csrf[role].empty()) << role;
  }

  std::vector<std::string> wrong;
  for (const std::string& route : routes) {
    const auto least = kLeastRole.find(route);
    if (least == kLeastRole.end()) {
      wrong.push_back(route + ": not in kLeastRole; decide who may use it");
      continue;
    }
    const std::string method = route.substr(0, route.find(' '));
    std::string path = route.substr(route.find(' ') + 1);
    // Ids that exist where a wrong answer would show (articles, media);
    // ids that do not where an allowed call would change the fixture.
    const bool people = path.find("/users/") != std::string::npos ||
                        path.find("/tokens/") != std::string::npos;
    path = std::regex_replace(path, std::regex(R"(\{id\})"),
                              people ? "999999"
                              : path.find("/media") != std::string::npos ? "1"
                                                                           : draft_id);
    path = std::regex_replace(path, std::regex(R"(\{revision\})"), "1");
    path = std::regex_replace(path, std::regex(R"(\{secret\})"), "not-an-invitation");
    const bool api = path.starts_with("/api/");
    for (const std::string& role : kRoles) {
      std::vector<std::pair<std::string, std::string>> headers;
      std::string body;
      if (api) {
        headers.emplace_back("Content-Type", "application/json");
        if (role != "none") headers.emplace_back("Authorization", "Bearer " + room_->person(role).token);
        if (method != "GET") body = "{}";
      } else {
        headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        if (role != "none") {
          headers.emplace_back("Cookie", cookies[role]);
          if (method != "GET") body = "csrf=" + csrf[role];
        }
      }
      const auto result = Fetch(room_->port(), method, path, headers, body);
      if (route == "POST /admin/sign-out") {
        // It sends everyone to the sign-in page; what matters is that the
        // session is over on the server.
        if (role != "none" &&
            !Refused(Fetch(room_->port(), "GET", "/admin/articles/", {{"Cookie", cookies[role]}}),
                     false)) {
          wrong.push_back("the session of " + role + " outlived signing out");
        }
        continue;
      }
      const bool should_refuse = Rank(role) < Rank(least->second);
      if (result.status == 0 || result.status >= 500 ||
          Refused(result, least->second == "none") != should_refuse) {
        wrong.push_back(fmt::format("{} as {}: {} ({})", route, role, result.status,
                                    should_refuse ? "should be refused" : "should be allowed"));
      }
    }
  }
  std::string report;
  for (const auto& line : wrong) report += line + "\n";
  EXPECT_TRUE(wrong.empty()) << report;
  std::printf("access matrix: %zu routes x %zu roles\n", routes.size(), kRoles.size());
}

TEST_F(AccessMatrixTest, RevokedTokensAndDisabledUsersStopAtOnce) {
  // A token revoked from the command line, beside the running server.
  const auto before = room_->Call("author", "GET", "/api/v1/admin/tags");
  ASSERT_EQ(before.status, 200);
  auto revoked = testing::RunLede(
      {"token", "revoke", room_->person("author").token, "--data", room_->data().string()});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_EQ(room_->Call("author", "GET", "/api/v1/admin/tags").status, 401);

  // A contributor disabled by the administrator: session and token, at once.
  const std::string session = room_->SignIn("contributor");
  ASSERT_EQ(Fetch(room_->port(), "GET", "/admin/articles/", {{"Cookie", session}}).status, 200);
  ASSERT_EQ(room_->Call("contributor", "GET", "/api/v1/admin/tags").status, 200);
  const auto users = testing::RunLede({"user", "list", "--data", room_->data().string()});
  std::smatch match;
  ASSERT_TRUE(std::regex_search(users.output, match, std::regex(R"((\d+)\tcontributor@example\.org)")))
      << users.output;
  const std::string admin = room_->SignIn("administrator");
  const auto disabled = Fetch(
      room_->port(), "POST", "/admin/users/" + match[1].str() + "/",
      {{"Cookie", admin}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "csrf=" + room_->CsrfToken(admin) + "&role=contributor&disabled=on");
  ASSERT_EQ(disabled.status, 303) << disabled.body;
  EXPECT_TRUE(Refused(Fetch(room_->port(), "GET", "/admin/articles/", {{"Cookie", session}}), false));
  EXPECT_EQ(room_->Call("contributor", "GET", "/api/v1/admin/tags").status, 401);
}

}  // namespace
}  // namespace lede
