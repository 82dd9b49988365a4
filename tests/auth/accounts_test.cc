#include "auth/accounts.h"

#include <gtest/gtest.h>

#include "auth/secrets.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::auth {
namespace {

using content::Role;
using content::User;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    store_ = std::move(*store);
    accounts_ = std::make_unique<Accounts>(*store_, *store_, clock_,
                                           AccountOptions{.session_lifetime = 3600});
  }
  User Make(std::string email, Role role = Role::kEditor) {
    return User{.email = std::move(email), .name = "Mina Cho", .role = role};
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, AUserWithoutAPasswordGetsAOneTimeOne) {
  auto made = accounts_->AddUser(Make("mina@example.org"), std::nullopt);
  ASSERT_OK(made);
  ASSERT_EQ(made->generated_password.size(), 20u);
  EXPECT_OK(accounts_->SignIn("mina@example.org", made->generated_password, "127.0.0.1"));
  auto given = accounts_->AddUser(Make("dan@example.org"), "a long passphrase");
  ASSERT_OK(given);
  EXPECT_TRUE(given->generated_password.empty());
  EXPECT_EQ(accounts_->AddUser(Make("x@example.org"), "short").error().field, "password");
  EXPECT_EQ(accounts_->AddUser(Make("bad"), "a long passphrase").error().field, "email");
  auto nameless = Make("y@example.org");
  nameless.name = "  ";
  EXPECT_EQ(accounts_->AddUser(nameless, "a long passphrase").error().field, "name");
  EXPECT_EQ(store_->ListAudit({.action_prefix = "user.create"})->size(), 2u);
}

TEST_F(AccountsTest, SessionsStartWithANewIdAndEnd) {
  ASSERT_OK(accounts_->AddUser(Make("mina@example.org"), "a long passphrase"));
  auto first = accounts_->SignIn("MINA@example.org", "a long passphrase", "127.0.0.1");
  ASSERT_OK(first);
  auto second = accounts_->SignIn("mina@example.org", "a long passphrase", "127.0.0.1");
  ASSERT_OK(second);
  EXPECT_NE(first->cookie_value, second->cookie_value);
  EXPECT_NE(first->principal.csrf, second->principal.csrf);
  auto who = accounts_->FromSession(first->cookie_value);
  ASSERT_OK(who);
  EXPECT_EQ(who->user.email, "mina@example.org");
  EXPECT_EQ(who->csrf, first->principal.csrf);
  ASSERT_OK(accounts_->SignOut(first->cookie_value));
  EXPECT_FALSE(accounts_->FromSession(first->cookie_value));
  EXPECT_OK(accounts_->FromSession(second->cookie_value));
  clock_.Advance(3600);
  EXPECT_FALSE(accounts_->FromSession(second->cookie_value)) << "expired";
  EXPECT_FALSE(accounts_->FromSession(""));
  EXPECT_FALSE(accounts_->FromSession("made-up"));
}

TEST_F(AccountsTest, WrongPasswordsUnknownEmailsAndDisabledUsersAreRefusedAlike) {
  auto made = accounts_->AddUser(Make("mina@example.org"), "a long passphrase");
  ASSERT_OK(made);
  auto wrong = accounts_->SignIn("mina@example.org", "a wrong passphrase", "10.0.0.1");
  auto unknown = accounts_->SignIn("nobody@example.org", "a long passphrase", "10.0.0.2");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  auto session = accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.3");
  ASSERT_OK(session);
  made->user.disabled = true;
  ASSERT_OK(accounts_->UpdateUser(made->user, 0));
  EXPECT_FALSE(accounts_->FromSession(session->cookie_value)) << "disabling ends sessions";
  EXPECT_EQ(accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.3").error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, RepeatedFailuresAreThrottledEvenWithTheRightPassword) {
  ASSERT_OK(accounts_->AddUser(Make("mina@example.org"), "a long passphrase"));
  for (int i = 0; i < kFreeSignInFailures; ++i) {
    ASSERT_FALSE(accounts_->SignIn("mina@example.org", "guess", "10.0.0.1"));
  }
  auto throttled = accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(accounts_->RetryAfter("mina@example.org", "10.0.0.1"), 1);
  clock_.Advance(1);
  EXPECT_OK(accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1"));
}

TEST_F(AccountsTest, TokensWorkUntilRevokedOrTheUserIsDisabled) {
  auto made = accounts_->AddUser(Make("bot@example.org", Role::kAuthor), std::nullopt);
  ASSERT_OK(made);
  auto token = accounts_->AddToken(made->user.id, "wire feed", 0);
  ASSERT_OK(token);
  EXPECT_EQ(token->rfind("lede_", 0), 0u);
  auto who = accounts_->FromToken(*token);
  ASSERT_OK(who);
  EXPECT_EQ(who->user.id, made->user.id);
  EXPECT_TRUE(who->csrf.empty());
  EXPECT_FALSE(accounts_->FromToken(*token + "x"));
  const auto tokens = store_->ListTokens();
  ASSERT_OK(tokens);
  EXPECT_NE(tokens->front().token_hash, *token) << "only a hash is stored";
  ASSERT_OK(accounts_->RevokeToken(tokens->front().id, 0));
  EXPECT_FALSE(accounts_->FromToken(*token));
}

TEST_F(AccountsTest, AnInvitationMakesOneAccountBeforeItExpires) {
  auto admin = accounts_->AddUser(Make("admin@example.org", Role::kAdministrator), std::nullopt);
  ASSERT_OK(admin);
  auto secret = accounts_->Invite("new@example.org", "New Person", Role::kAuthor, admin->user.id);
  ASSERT_OK(secret);
  EXPECT_EQ(accounts_->Invite("admin@example.org", "", Role::kAuthor, admin->user.id)
                .error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(accounts_->AcceptInvite(*secret, "New Person", "short").error().field, "password");
  auto joined = accounts_->AcceptInvite(*secret, "New Person", "a long passphrase");
  ASSERT_OK(joined);
  EXPECT_EQ(joined->role, Role::kAuthor);
  EXPECT_OK(accounts_->SignIn("new@example.org", "a long passphrase", "127.0.0.1"));
  EXPECT_FALSE(accounts_->AcceptInvite(*secret, "Again", "a long passphrase"));
  auto late = accounts_->Invite("late@example.org", "", Role::kAuthor, admin->user.id);
  ASSERT_OK(late);
  clock_.Advance(8 * 86400);
  EXPECT_EQ(accounts_->FindInvite(*late).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lede::auth
