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

// Issue 24: "author2@example.org   " was throttled as another account,
// yet signed in as author2: its failures never slowed author2's guesser.
TEST_F(AccountsTest, Issue24SignInThrottlingCountsTheNormalisedAddress) {
  ASSERT_OK(accounts_->AddUser(Make("author2@example.org"), "a long passphrase"));
  const std::string spellings[] = {"author2@example.org   ", "  AUTHOR2@example.org", "Author2@Example.ORG",
                                    "author2@example.org\t", "author2@example.org"};
  for (int i = 0; i < kFreeSignInFailures; ++i) {
    ASSERT_EQ(accounts_->SignIn(spellings[i % 5], "guess", "10.0.0.1").error().code,
              ErrorCode::kPermissionDenied);
  }
  for (const auto& spelling : spellings) {
    auto throttled = accounts_->SignIn(spelling, "a long passphrase", "10.0.0.1");
    ASSERT_FALSE(throttled) << spelling;
    EXPECT_EQ(throttled.error().code, ErrorCode::kUnavailable) << spelling;
  }
}

// Issue 24: 50 failures from 50 addresses locked the owner out at her own
// address. The browser she signed in with before is not slowed by the
// account-wide count; a new browser is, as a guesser is.
TEST_F(AccountsTest, Issue24AGuessSpreadOverManyAddressesDoesNotLockTheOwnerOut) {
  ASSERT_OK(accounts_->AddUser(Make("mina@example.org"), "a long passphrase"));
  auto earlier = accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1");
  ASSERT_OK(earlier);
  ASSERT_FALSE(earlier->device_value.empty());
  for (int i = 0; i < kFreeAccountFailures + 5; ++i) {
    (void)accounts_->SignIn("mina@example.org", "guess " + std::to_string(i),
                            "198.51.100." + std::to_string(i));
  }
  auto stranger = accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1");
  ASSERT_FALSE(stranger) << "a browser that never signed in waits, as a guesser would";
  EXPECT_EQ(stranger.error().code, ErrorCode::kUnavailable);
  // Another account's device cookie, or a forged one, proves nothing.
  ASSERT_OK(accounts_->AddUser(Make("dan@example.org"), "a long passphrase"));
  auto dan = accounts_->SignIn("dan@example.org", "a long passphrase", "10.0.0.9");
  ASSERT_OK(dan);
  EXPECT_GT(accounts_->RetryAfter("mina@example.org", "10.0.0.1", dan->device_value), 0);
  EXPECT_GT(accounts_->RetryAfter("mina@example.org", "10.0.0.1", "1:1800000000.00ff"), 0);
  EXPECT_EQ(accounts_->RetryAfter("mina@example.org", "10.0.0.1", earlier->device_value), 0);
  EXPECT_OK(accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1", earlier->device_value));
}

TEST_F(AccountsTest, ACsrfTokenNamesItsUserAndOnlyThisSiteCanMakeOne) {
  ASSERT_OK(accounts_->AddUser(Make("mina@example.org"), "a long passphrase"));
  auto signed_in = accounts_->SignIn("mina@example.org", "a long passphrase", "10.0.0.1");
  ASSERT_OK(signed_in);
  EXPECT_EQ(accounts_->CsrfTokenUser(signed_in->principal.csrf), signed_in->principal.user.id);
  std::string tampered = signed_in->principal.csrf;
  tampered[tampered.find(':') + 1] = '9';
  EXPECT_EQ(accounts_->CsrfTokenUser(tampered), std::nullopt);
  EXPECT_EQ(accounts_->CsrfTokenUser(""), std::nullopt);
  EXPECT_EQ(accounts_->CsrfTokenUser(RandomToken()), std::nullopt);
  Accounts elsewhere(*store_, *store_, clock_, AccountOptions{.site_secret = "another site's secret"});
  EXPECT_EQ(elsewhere.CsrfTokenUser(signed_in->principal.csrf), std::nullopt);
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
  EXPECT_EQ(accounts_->AcceptInvite(*secret, "New Person", "short", "127.0.0.1").error().field, "password");
  auto joined = accounts_->AcceptInvite(*secret, "New Person", "a long passphrase", "127.0.0.1");
  ASSERT_OK(joined);
  EXPECT_EQ(joined->principal.user.role, Role::kAuthor);
  // Issue 24: accepting signs the new user in.
  auto session = accounts_->FromSession(joined->cookie_value);
  ASSERT_OK(session);
  EXPECT_EQ(session->user.email, "new@example.org");
  EXPECT_OK(accounts_->SignIn("new@example.org", "a long passphrase", "127.0.0.1"));
  EXPECT_FALSE(accounts_->AcceptInvite(*secret, "Again", "a long passphrase", "127.0.0.1"));
  auto late = accounts_->Invite("late@example.org", "", Role::kAuthor, admin->user.id);
  ASSERT_OK(late);
  clock_.Advance(8 * 86400);
  EXPECT_EQ(accounts_->FindInvite(*late).error().code, ErrorCode::kNotFound);
}

// Issue 24: there was no list of pending invitations, and no taking one back.
TEST_F(AccountsTest, Issue24PendingInvitationsAreListedAndCanBeRevoked) {
  auto admin = accounts_->AddUser(Make("admin@example.org", Role::kAdministrator), std::nullopt);
  ASSERT_OK(admin);
  auto first = accounts_->Invite("one@example.org", "One", Role::kAuthor, admin->user.id);
  auto second = accounts_->Invite("two@example.org", "Two", Role::kEditor, admin->user.id);
  ASSERT_OK(first);
  ASSERT_OK(second);
  auto pending = accounts_->PendingInvites();
  ASSERT_OK(pending);
  ASSERT_EQ(pending->size(), 2u);
  ASSERT_OK(accounts_->RevokeInvite(HashSecret(*first), admin->user.id));
  EXPECT_EQ(accounts_->FindInvite(*first).error().code, ErrorCode::kNotFound) << "the link stops working";
  EXPECT_FALSE(accounts_->AcceptInvite(*first, "One", "a long passphrase", "127.0.0.1"));
  EXPECT_EQ(accounts_->PendingInvites()->size(), 1u);
  EXPECT_EQ(accounts_->RevokeInvite(HashSecret(*first), admin->user.id).error().code, ErrorCode::kNotFound);
  ASSERT_OK(accounts_->AcceptInvite(*second, "Two", "a long passphrase", "127.0.0.1"));
  EXPECT_TRUE(accounts_->PendingInvites()->empty()) << "used ones are not pending";
  EXPECT_EQ(store_->ListAudit({.action_prefix = "user.revoke_invite"})->size(), 1u);
}

}  // namespace
}  // namespace lede::auth
