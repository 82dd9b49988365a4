#include "app/store_choice.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lede::app {
namespace {

TEST(ChooseStore, PostgresUrlsSqlitePathsAndTheDefault) {
  auto postgres = ChooseStore("postgres://lede@db:5432/news", "--db", "data/lede.db");
  ASSERT_TRUE(postgres);
  EXPECT_TRUE(postgres->postgres);
  EXPECT_EQ(postgres->target, "postgres://lede@db:5432/news");
  auto long_scheme = ChooseStore("postgresql://lede@db/news", "--db");
  ASSERT_TRUE(long_scheme);
  EXPECT_TRUE(long_scheme->postgres);

  auto sqlite = ChooseStore("sqlite:/srv/news.db", "--db", "data/lede.db");
  ASSERT_TRUE(sqlite);
  EXPECT_FALSE(sqlite->postgres);
  EXPECT_EQ(sqlite->target, "/srv/news.db");

  auto fallback = ChooseStore("", "--db", "data/lede.db");
  ASSERT_TRUE(fallback);
  EXPECT_FALSE(fallback->postgres);
  EXPECT_EQ(fallback->target, "data/lede.db");
}

TEST(ChooseStore, AnythingElseIsRefusedNamingTheOption) {
  for (const char* bad : {"mysql://db/news", "sqlite:", "news.db", "postgres:/db"}) {
    auto choice = ChooseStore(bad, "--to");
    ASSERT_FALSE(choice) << bad;
    EXPECT_EQ(choice.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(choice.error().message.find("to"), std::string::npos) << choice.error().message;
  }
  EXPECT_FALSE(ChooseStore("", "--to")) << "no default: an empty --to is an error";
}

TEST(DatabaseSetting, TheFlagThenLedeDbThenNothing) {
  unsetenv("LEDE_DB");
  EXPECT_EQ(DatabaseSetting(""), "");
  setenv("LEDE_DB", "postgres://lede@db/news", 1);
  EXPECT_EQ(DatabaseSetting(""), "postgres://lede@db/news");
  EXPECT_EQ(DatabaseSetting("sqlite:here.db"), "sqlite:here.db") << "the flag wins";
  unsetenv("LEDE_DB");
}

}  // namespace
}  // namespace lede::app
