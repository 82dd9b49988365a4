#include "content/user.h"

#include <gtest/gtest.h>

namespace lede::content {
namespace {

TEST(UserTest, RoleNamesRoundTrip) {
  for (Role role : {Role::kContributor, Role::kAuthor, Role::kEditor, Role::kAdministrator}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_FALSE(ParseRole("owner"));
  EXPECT_FALSE(ParseRole("Editor"));
}

TEST(UserTest, WhatEachRoleMayDo) {
  // {action, own, contributor, author, editor, administrator}
  const struct {
    Action action;
    bool own;
    bool allowed[4];
  } kCases[] = {
      {Action::kWriteDraft, true, {true, true, true, true}},
      {Action::kWriteDraft, false, {false, false, true, true}},
      {Action::kPublish, true, {false, true, true, true}},
      {Action::kPublish, false, {false, false, true, true}},
      {Action::kEditPublished, true, {false, true, true, true}},
      {Action::kEditPublished, false, {false, false, true, true}},
      {Action::kTrash, true, {false, true, true, true}},
      {Action::kUploadMedia, true, {false, true, true, true}},
      {Action::kManageSections, true, {false, false, true, true}},
      {Action::kViewRatings, true, {false, false, true, true}},
      {Action::kManageUsers, true, {false, false, false, true}},
      {Action::kManageSettings, true, {false, false, false, true}},
      {Action::kManageTokens, true, {false, false, false, true}},
      {Action::kReadAudit, true, {false, false, false, true}},
  };
  const Role roles[] = {Role::kContributor, Role::kAuthor, Role::kEditor, Role::kAdministrator};
  for (const auto& test : kCases) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(Can(roles[i], test.action, test.own), test.allowed[i])
          << RoleName(roles[i]) << " action " << static_cast<int>(test.action) << " own "
          << test.own;
    }
  }
}

TEST(UserTest, EmailsAreChecked) {
  EXPECT_TRUE(ValidateEmail("mina@example.org"));
  for (const char* bad : {"", "mina", "@example.org", "mina@", "a@b@c", "mina @example.org",
                          "<mina@example.org>"}) {
    auto status = ValidateEmail(bad);
    ASSERT_FALSE(status) << bad;
    EXPECT_EQ(status.error().field, "email");
  }
}

}  // namespace
}  // namespace lede::content
