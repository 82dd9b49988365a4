#include "auth/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace lede::auth {
namespace {

TEST(SecretsTest, PasswordsHashWithArgon2idAndVerify) {
  const std::string hash = HashPassword("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
  EXPECT_NE(HashPassword("correct horse battery"), hash) << "salted";
}

TEST(SecretsTest, PasswordRules) {
  EXPECT_FALSE(CheckPassword("short"));
  EXPECT_EQ(CheckPassword("short").error().field, "password");
  EXPECT_TRUE(CheckPassword("ten chars!"));
  EXPECT_FALSE(CheckPassword(std::string(2000, 'a')));
}

TEST(SecretsTest, TokensAreRandomUrlSafeAndHashedStably) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = RandomToken();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_TRUE(seen.insert(token).second);
  }
  EXPECT_EQ(HashSecret("abc"), HashSecret("abc"));
  EXPECT_NE(HashSecret("abc"), HashSecret("abd"));
  EXPECT_EQ(HashSecret("abc").size(), 64u);
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "ab"));
}

}  // namespace
}  // namespace lede::auth
