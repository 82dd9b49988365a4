// What the real binary tells browsers and how it meets abuse: the security
// headers on public and newsroom pages, HSTS and Secure cookies on an https
// site, votes and sign-ins behind a trusted proxy, and guessing that slows
// the guesser but never locks the real editor out.

#include <gtest/gtest.h>

#include "e2e/newsroom_fixture.h"
#include "util/strings.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::FormEncode;
using testing::HttpResult;
using testing::Newsroom;

const std::pair<std::string, std::string> kForm = {"Content-Type",
                                                   "application/x-www-form-urlencoded"};
const std::pair<std::string, std::string> kJson = {"Content-Type", "application/json"};

HttpResult SignInFrom(const Newsroom& room, const std::string& address, const std::string& email,
                      const std::string& password) {
  return Fetch(room.port(), "POST", "/admin/sign-in", {kForm, {"X-Forwarded-For", address}},
               "email=" + FormEncode(email) + "&password=" + FormEncode(password));
}

TEST(SecurityHeadersTest, PublicPagesAllowOnlyOurOwnScriptsAndTheNewsroomCannotBeFramed) {
  auto room = Newsroom::Start();
  for (const std::string path : {"/", "/world/", "/search?q=rain", "/api/v1/articles",
                                 "/no-such-page/", "/feed/", "/admin/sign-in"}) {
    const auto page = Fetch(room->port(), "GET", path);
    const std::string policy = page.Header("Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << path << ": " << policy;
    EXPECT_NE(policy.find("object-src 'none'"), std::string::npos) << path;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos) << path;
    EXPECT_EQ(page.Header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_FALSE(page.Header("Referrer-Policy").empty()) << path;
    EXPECT_TRUE(page.Header("Strict-Transport-Security").empty()) << path << ": plain http";
  }
  const std::string cookie = room->SignIn("editor");
  ASSERT_FALSE(cookie.empty());
  for (const std::string path : {"/admin/articles/", "/admin/articles/new", "/admin/sign-in"}) {
    const auto page = Fetch(room->port(), "GET", path, {{"Cookie", cookie}});
    EXPECT_NE(page.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << path;
    EXPECT_EQ(page.Header("X-Frame-Options"), "DENY") << path;
  }
}

TEST(SecurityHeadersTest, AnHttpsSiteSendsHstsAndOnlySecureCookies) {
  auto room = Newsroom::Start({"--public-url", "https://news.example"});
  const auto home = Fetch(room->port(), "GET", "/");
  EXPECT_EQ(home.Header("Strict-Transport-Security"), "max-age=31536000");
  const auto signed_in = Fetch(room->port(), "POST", "/admin/sign-in", {kForm},
                               "email=editor%40example.org&password=" +
                                   FormEncode(room->person("editor").password));
  ASSERT_EQ(signed_in.status, 303);
  const auto vote = Fetch(room->port(), "POST", "/api/v1/articles/1/ratings", {kJson},
                          R"({"stars": 4})");
  ASSERT_EQ(vote.status, 201);
  for (const std::string& cookie : {signed_in.Header("Set-Cookie"), vote.Header("Set-Cookie")}) {
    ASSERT_FALSE(cookie.empty());
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite="), std::string::npos) << cookie;
  }
}

TEST(AbuseTest, BehindATrustedProxyVotesCountPerReaderAddressAndAClaimedAddressIsNotTrustedOtherwise) {
  for (const bool trusted : {true, false}) {
    std::vector<std::string> args = {"--vote-limit", "2/600"};
    if (trusted) args.insert(args.end(), {"--trusted-proxy", "127.0.0.1"});
    auto room = Newsroom::Start(args);
    const auto vote = [&](const std::string& address) {
      // A new cookie each time: a vote-stuffer clearing cookies.
      return Fetch(room->port(), "POST", "/api/v1/articles/2/ratings",
                   {kJson, {"X-Forwarded-For", address}}, R"({"stars": 1})")
          .status;
    };
    EXPECT_EQ(vote("203.0.113.1"), 201);
    EXPECT_EQ(vote("203.0.113.1"), 201);
    EXPECT_EQ(vote("203.0.113.1"), 429) << "many cookies, one address";
    // Another reader behind the proxy votes; without the setting the header
    // is only a claim, and the address is still the one over its limit.
    EXPECT_EQ(vote("203.0.113.2"), trusted ? 201 : 429);
    // One IPv6 host rotating through its /64 is one reader.
    if (trusted) {
      EXPECT_EQ(vote("2001:db8:5:6::1"), 201);
      EXPECT_EQ(vote("2001:db8:5:6::2"), 201);
      EXPECT_EQ(vote("2001:db8:5:6::3"), 429);
    }
  }
}

TEST(AbuseTest, AReplayedVoterCookieIsRefusedAndCountsOnce) {
  auto room = Newsroom::Start();
  const auto first = Fetch(room->port(), "POST", "/api/v1/articles/3/ratings", {kJson},
                           R"({"stars": 1})");
  ASSERT_EQ(first.status, 201);
  const std::string cookie = first.Header("Set-Cookie").substr(0, first.Header("Set-Cookie").find(';'));
  for (int i = 0; i < 5; ++i) {
    const auto again = Fetch(room->port(), "POST", "/api/v1/articles/3/ratings",
                             {kJson, {"Cookie", cookie}}, R"({"stars": 5})");
    EXPECT_EQ(again.status, 409) << again.body;
  }
  const auto rating = Fetch(room->port(), "GET", "/api/v1/articles/3/rating");
  EXPECT_NE(rating.body.find(R"("count":1)"), std::string::npos) << rating.body;
  // A forged cookie is a new reader, not the one it claims to be.
  const auto forged = Fetch(room->port(), "POST", "/api/v1/articles/3/ratings",
                            {kJson, {"Cookie", cookie.substr(0, cookie.size() - 2) + "xx"}},
                            R"({"stars": 5})");
  EXPECT_EQ(forged.status, 201);
  EXPECT_NE(Fetch(room->port(), "GET", "/api/v1/articles/3/rating").body.find(R"("count":2)"),
            std::string::npos);
}

constexpr int auth_free_address_failures = 10;  // auth::kFreeAddressFailures

TEST(AbuseTest, CredentialStuffingSlowsTheGuesserButNotTheEditor) {
  auto room = Newsroom::Start({"--trusted-proxy", "127.0.0.1"});
  const std::string attacker = "203.0.113.66";
  const std::string& editor_password = room->person("editor").password;
  // The editor's account, guessed at from one address.
  HttpResult last;
  for (int i = 0; i < 6; ++i) last = SignInFrom(*room, attacker, "editor@example.org", "guess" + std::to_string(i));
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.Header("Retry-After").empty());
  // Even the right password waits, from there.
  EXPECT_EQ(SignInFrom(*room, attacker, "editor@example.org", editor_password).status, 429);
  // The editor, from her own address, is not locked out.
  EXPECT_EQ(SignInFrom(*room, "198.51.100.7", "editor@example.org", editor_password).status, 303);
  // A stuffer's address trying many accounts, one guess each: its free
  // failures pass, then it is slowed. Past them each wait doubles (1 s,
  // 2 s, ...), so a slow machine (a sanitizer build) may outlast the first
  // wait or two between guesses, but not many.
  int first_slowed = -1;
  for (int i = 0; i < auth_free_address_failures + 8 && first_slowed < 0; ++i) {
    if (SignInFrom(*room, "203.0.113.77", "user" + std::to_string(i) + "@example.org", "pw").status == 429) {
      first_slowed = i;
    }
  }
  EXPECT_GE(first_slowed, auth_free_address_failures) << "slowed within its free failures";
  EXPECT_GE(first_slowed, 0) << "never slowed";
  EXPECT_EQ(SignInFrom(*room, "198.51.100.8", "author@example.org",
                       room->person("author").password).status,
            303);
}

}  // namespace
}  // namespace lede
