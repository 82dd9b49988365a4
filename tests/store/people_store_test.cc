#include "store/people_store.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "store/audit_log.h"
#include "store/backends.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::store {
namespace {

using content::Role;
using content::User;
using testing::TempDir;

constexpr util::UnixSeconds kNow = 1'800'000'000;

// One suite for every backend: the open function gives both interfaces of
// one store.
using PeopleBackend = testing_backends::Backend;

class PeopleStoreTest : public ::testing::TestWithParam<PeopleBackend> {
 protected:
  void SetUp() override {
    LEDE_SKIP_BACKEND_WITHOUT_SERVER(GetParam());
    auto opened = GetParam().open(dir_, keep_);
    ASSERT_OK(opened);
    owner_ = std::move(*opened);
    people_ = owner_.get();
    audit_ = owner_.get();
    content_ = owner_.get();
  }
  User Make(std::string email, Role role = Role::kAuthor) {
    return User{.email = std::move(email), .name = "Mina Cho", .role = role, .created_at = kNow};
  }

  TempDir dir_;
  std::shared_ptr<void> keep_;  // declared before the store: outlives it
  std::unique_ptr<sql::SqlStore> owner_;
  PeopleStore* people_ = nullptr;
  AuditLog* audit_ = nullptr;
  Store* content_ = nullptr;
};

TEST_P(PeopleStoreTest, UsersAreFoundByIdAndEmailInAnyCase) {
  auto made = people_->CreateUser(Make("Mina@Example.org"), "hash-1");
  ASSERT_OK(made);
  EXPECT_GT(made->id, 0);
  EXPECT_EQ(people_->FindUser(made->id)->email, "Mina@Example.org");
  EXPECT_EQ(people_->FindUserByEmail("mina@example.ORG")->id, made->id);
  EXPECT_EQ(people_->FindUserByEmail("other@example.org").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*people_->PasswordHash(made->id), "hash-1");
  ASSERT_OK(people_->SetPasswordHash(made->id, "hash-2"));
  EXPECT_EQ(*people_->PasswordHash(made->id), "hash-2");
  auto again = people_->CreateUser(Make("mina@example.org"), "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "email");
  auto bad = people_->CreateUser(Make("not-an-email"), "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "email");
  EXPECT_EQ(*people_->CountUsers(), 1);
}

TEST_P(PeopleStoreTest, AUserLinksToOneAuthorProfile) {
  auto author = content_->CreateAuthor({0, "Mina Cho", "mina-cho", ""});
  ASSERT_OK(author);
  User user = Make("mina@example.org");
  user.author_id = author->id;
  auto made = people_->CreateUser(user, "");
  ASSERT_OK(made);
  EXPECT_EQ(people_->FindUser(made->id)->author_id, author->id);
  User other = Make("other@example.org");
  other.author_id = author->id;
  auto taken = people_->CreateUser(other, "");
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().field, "author");
  other.author_id = 9999;
  EXPECT_EQ(people_->CreateUser(other, "").error().field, "author");
  made->role = Role::kEditor;
  made->disabled = true;
  ASSERT_OK(people_->UpdateUser(*made));
  EXPECT_EQ(people_->FindUser(made->id)->role, Role::kEditor);
  EXPECT_TRUE(people_->FindUser(made->id)->disabled);
}

TEST_P(PeopleStoreTest, SessionsExpireAndEnd) {
  auto user = people_->CreateUser(Make("a@example.org"), "");
  ASSERT_OK(user);
  ASSERT_OK(people_->CreateSession({"h1", user->id, "csrf-1", kNow, kNow + 100}));
  ASSERT_OK(people_->CreateSession({"h2", user->id, "csrf-2", kNow, kNow + 100}));
  EXPECT_EQ(people_->FindSession("h1", kNow + 99)->csrf, "csrf-1");
  EXPECT_EQ(people_->FindSession("h1", kNow + 100).error().code, ErrorCode::kNotFound);
  ASSERT_OK(people_->DeleteSession("h1"));
  EXPECT_FALSE(people_->FindSession("h1", kNow));
  ASSERT_OK(people_->DeleteSessionsOf(user->id));
  EXPECT_FALSE(people_->FindSession("h2", kNow));
}

TEST_P(PeopleStoreTest, RevokedTokensAreNotFound) {
  auto user = people_->CreateUser(Make("a@example.org"), "");
  ASSERT_OK(user);
  auto token = people_->CreateToken({.user_id = user->id, .token_hash = "t1", .created_at = kNow});
  ASSERT_OK(token);
  EXPECT_EQ(people_->FindToken("t1")->user_id, user->id);
  ASSERT_OK(people_->RevokeToken(token->id, kNow + 1));
  EXPECT_EQ(people_->FindToken("t1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(people_->RevokeToken(token->id, kNow + 2).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(people_->ListTokens()->front().revoked_at, kNow + 1);
}

TEST_P(PeopleStoreTest, AnInviteIsUsedOnce) {
  auto admin = people_->CreateUser(Make("admin@example.org", Role::kAdministrator), "");
  ASSERT_OK(admin);
  ASSERT_OK(people_->CreateInvite({"i1", "new@example.org", "New", Role::kEditor, admin->id,
                                   kNow + 3600, std::nullopt}));
  EXPECT_EQ(people_->FindInvite("i1")->role, Role::kEditor);
  auto joined = people_->AcceptInvite("i1", Make("new@example.org", Role::kEditor), "h", kNow);
  ASSERT_OK(joined);
  EXPECT_FALSE(people_->FindInvite("i1"));
  EXPECT_EQ(people_->AcceptInvite("i1", Make("x@example.org"), "h", kNow).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(people_->FindUserByEmail("x@example.org"));
}

TEST_P(PeopleStoreTest, TheAuditLogListsNewestFirstAndFilters) {
  auto user = people_->CreateUser(Make("a@example.org"), "");
  ASSERT_OK(user);
  ASSERT_OK(audit_->Record({.at = kNow, .user_id = user->id, .action = "article.create",
                            .object_kind = "article", .object_id = 1}));
  ASSERT_OK(audit_->Record({.at = kNow + 1, .user_id = 0, .action = "user.create"}));
  ASSERT_OK(audit_->Record({.at = kNow + 2, .user_id = user->id, .action = "article.publish",
                            .object_kind = "article", .object_id = 1, .detail = "Headline"}));
  auto all = audit_->ListAudit({});
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].action, "article.publish");
  EXPECT_EQ((*all)[0].user_name, "Mina Cho");
  EXPECT_EQ((*all)[1].user_name, "");
  EXPECT_EQ(audit_->ListAudit({.action_prefix = "article."})->size(), 2u);
  EXPECT_EQ(audit_->ListAudit({.user_id = 0})->size(), 1u);
  auto older = audit_->ListAudit({.before_id = (*all)[0].id, .limit = 1});
  ASSERT_OK(older);
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].action, "user.create");
}

INSTANTIATE_TEST_SUITE_P(
    Backends, PeopleStoreTest,
    ::testing::ValuesIn(testing_backends::All()),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lede::store
