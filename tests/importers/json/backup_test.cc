#include "importers/json/backup.h"

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "demo/newsroom.h"
#include "media/library.h"
#include "publishing/desk.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::importers::json {
namespace {

constexpr util::UnixSeconds kNow = 1'795'873'080;

class BackupTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::sqlite::SqliteStore> Open(const testing::TempDir& dir) {
    auto store = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
    EXPECT_TRUE(store.has_value());
    return std::move(*store);
  }
  std::string Export(store::sqlite::SqliteStore& store,
                     std::optional<std::string> secret = std::nullopt) {
    std::ostringstream out;
    EXPECT_OK(ExportBackup(store, store, out, secret));
    return out.str();
  }
  testing::ManualClock clock_{kNow};
};

TEST_F(BackupTest, RestoringABackupGivesBackTheSameSiteWithItsVotes) {
  testing::TempDir first_dir;
  auto first = Open(first_dir);
  publishing::Desk desk(*first, clock_);
  media::Library media(*first, first_dir / "media", clock_);
  ASSERT_OK(demo::BuildNewsroom(*first, desk, media, clock_));
  ASSERT_OK(first->RecordVotes({{1, 5, "voter-a", "ip-1", kNow}, {1, 2, "voter-b", "ip-2", kNow},
                                {2, 4, "voter-a", "ip-1", kNow}}));
  ASSERT_OK(first->SaveFeedback(1, "voter-b", "Needs a map"));
  content::Page page;
  page.path = "/about/";
  page.title = "About";
  page.published = true;
  ASSERT_OK(desk.SavePage(page, "<p>Us</p>"));
  ASSERT_OK(first->SaveRedirect("/old/", "/world/", kNow));
  const std::string backup = Export(*first, std::string(32, 'k'));
  testing::WriteFile(first_dir / "backup.json", backup);

  testing::TempDir second_dir;
  auto second = Open(second_dir);
  auto report = RestoreBackup(*second, *second, first_dir / "backup.json");
  ASSERT_OK(report);
  EXPECT_EQ(report->articles, 65);
  EXPECT_EQ(report->votes, 3);
  ASSERT_TRUE(report->secret);
  EXPECT_EQ(*report->secret, std::string(32, 'k'));
  EXPECT_EQ(Export(*second, std::string(32, 'k')), backup) << "the restored site exports the same";
  auto rating = second->FindRating(1);
  ASSERT_OK(rating);
  EXPECT_EQ(rating->count, 2);
  EXPECT_EQ(rating->sum, 7);
  auto votes = second->ListVotes(1);
  ASSERT_OK(votes);
  EXPECT_EQ(votes->back().feedback, "Needs a map");
  EXPECT_EQ(second->FindRedirect("/old/")->value_or(""), "/world/");
  EXPECT_EQ(second->FindPage("/about/")->body_html.str(), "<p>Us</p>");
  auto demo_page = second->FindPage("/about-us/corrections/");
  ASSERT_OK(demo_page);
  ASSERT_TRUE(demo_page->author.has_value()) << "a page keeps its author";
  EXPECT_EQ(demo_page->author->slug, first->FindPage("/about-us/corrections/")->author->slug);
}

// Issue #8: a tampered backup carried live script straight to the page.
TEST_F(BackupTest, Issue8ATamperedBackupIsSanitisedOnRestore) {
  testing::TempDir first_dir;
  auto first = Open(first_dir);
  publishing::Desk desk(*first, clock_);
  auto section = desk.AddSection("World", "", 1);
  ASSERT_OK(section);
  content::Article article;
  article.headline = "Harmless";
  article.section_id = section->id;
  article.body_markdown = "Plain words.";
  ASSERT_OK(desk.Save(article));
  content::Page page;
  page.path = "/about/";
  page.title = "About";
  ASSERT_OK(desk.SavePage(page, "<p>Us</p>"));
  std::string backup = Export(*first);
  for (const std::string clean : {"<p>Plain words.</p>\n", "<p>Us</p>"}) {
    const std::string escaped = nlohmann::json(clean).dump();
    const auto at = backup.find(escaped);
    ASSERT_NE(at, std::string::npos) << clean;
    backup.replace(at, escaped.size(),
                   nlohmann::json("<p>Hi<script>alert(1)</script><img src=x onerror=alert(2)></p>").dump());
  }
  testing::WriteFile(first_dir / "backup.json", backup);

  testing::TempDir second_dir;
  auto second = Open(second_dir);
  ASSERT_OK(RestoreBackup(*second, *second, first_dir / "backup.json"));
  auto restored = second->FindArticle(1);
  ASSERT_OK(restored);
  auto restored_page = second->FindPage("/about/");
  ASSERT_OK(restored_page);
  for (const std::string& html : {restored->body_html.str(), restored_page->body_html.str()}) {
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    EXPECT_NE(html.find("<p>Hi"), std::string::npos) << html;
  }
}

TEST_F(BackupTest, UsersComeAlongWithTheirHashesOnlyWithSecrets) {
  testing::TempDir first_dir;
  auto first = Open(first_dir);
  publishing::Desk desk(*first, clock_);
  auto author = desk.AddAuthor("Mina Cho", "");
  ASSERT_OK(author);
  ASSERT_OK(first->CreateUser({.email = "mina@example.org", .name = "Mina Cho",
                               .role = content::Role::kEditor, .author_id = author->id,
                               .created_at = kNow},
                              "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"));
  const std::string without = Export(*first);
  EXPECT_NE(without.find("mina@example.org"), std::string::npos);
  EXPECT_EQ(without.find("$argon2id$"), std::string::npos);
  const std::string with = Export(*first, std::string(32, 'k'));
  EXPECT_NE(with.find("$argon2id$"), std::string::npos);
  testing::WriteFile(first_dir / "backup.json", with);
  testing::TempDir second_dir;
  auto second = Open(second_dir);
  auto report = RestoreBackup(*second, *second, first_dir / "backup.json");
  ASSERT_OK(report);
  EXPECT_EQ(report->users, 1);
  auto user = second->FindUserByEmail("mina@example.org");
  ASSERT_OK(user);
  EXPECT_EQ(user->role, content::Role::kEditor);
  EXPECT_EQ(user->author_id, second->FindAuthor(author->slug)->id);
  EXPECT_EQ(*second->PasswordHash(user->id), "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
}

TEST_F(BackupTest, TheSecretIsOnlyThereWhenAskedFor) {
  testing::TempDir dir;
  auto store = Open(dir);
  EXPECT_EQ(Export(*store).find("\"secret\""), std::string::npos);
  EXPECT_NE(Export(*store, std::string(32, 'k')).find("\"secret\""), std::string::npos);
}

TEST_F(BackupTest, ABadBackupLeavesTheSiteUntouched) {
  testing::TempDir dir;
  const struct {
    std::string name;
    std::string text;
  } kCases[] = {
      {"not-json.json", "this is not json"},
      {"other.json", R"({"format": "something-else", "version": 1})"},
      {"future.json", R"({"format": "lede-backup", "version": 99})"},
      {"dangling.json",
       R"({"format": "lede-backup", "version": 1, "settings": {},
           "sections": [{"id": 1, "name": "World", "slug": "world"}], "authors": [], "tags": [],
           "media": [], "pages": [], "votes": [], "redirects": [],
           "articles": [{"id": 5, "slug": "a", "headline": "A", "section_id": 99, "status": "draft",
                         "published_at": null, "updated_at": null}]})"},
      {"wrong-type.json",
       R"({"format": "lede-backup", "version": 1, "settings": {}, "sections": "nope"})"},
      {"streamed-dangling.json",
       R"({"format": "lede-backup", "version": 2, "settings": {},
           "sections": [{"id": 1, "name": "World", "slug": "world"}],
           "articles": [{"id": 5, "slug": "a", "headline": "A", "section_id": 99, "status": "draft",
                         "published_at": null, "updated_at": null}]})"},
      {"truncated.json",
       R"({"format": "lede-backup", "version": 2, "settings": {},
           "sections": [{"id": 1, "name": "World", "slug": "world"}], "authors": [{"id": 1, "na)"},
      {"no-header.json", R"({"sections": [], "articles": []})"},
  };
  for (const auto& test : kCases) {
    testing::WriteFile(dir / test.name, test.text);
    testing::TempDir site_dir;
    auto store = Open(site_dir);
    auto restored = RestoreBackup(*store, *store, dir / test.name);
    ASSERT_FALSE(restored) << test.name;
    EXPECT_EQ(restored.error().code, ErrorCode::kInvalidArgument) << test.name;
    EXPECT_NE(restored.error().message.find(test.name), std::string::npos) << restored.error().message;
    EXPECT_TRUE(store->ListSections()->empty()) << test.name << ": nothing may stay";
    EXPECT_EQ(*store->CountArticles(), 0);
  }
}

TEST_F(BackupTest, AStreamedRestoreSaysWhichElementIsWrong) {
  testing::TempDir dir;
  testing::WriteFile(dir / "b.json", R"({"format": "lede-backup", "version": 2,
      "sections": [{"id": 1, "name": "World", "slug": "world"}],
      "articles": [{"id": 5, "slug": "a", "headline": "A", "section_id": 1, "status": "draft",
                    "published_at": null, "updated_at": null},
                   {"id": 6, "slug": "b", "headline": "B", "section_id": 7, "status": "draft",
                    "published_at": null, "updated_at": null}]})");
  testing::TempDir site_dir;
  auto store = Open(site_dir);
  auto restored = RestoreBackup(*store, *store, dir / "b.json");
  ASSERT_FALSE(restored);
  EXPECT_NE(restored.error().message.find("articles[1]"), std::string::npos) << restored.error().message;
  EXPECT_NE(restored.error().message.find("section 7"), std::string::npos) << restored.error().message;
  EXPECT_EQ(*store->CountArticles(), 0) << "the first article went with the rest";
}

// Backups written before version 2 listed their arrays alphabetically,
// articles before sections: they are read whole and restore as before.
TEST_F(BackupTest, AVersionOneBackupStillRestores) {
  testing::TempDir first_dir;
  auto first = Open(first_dir);
  publishing::Desk desk(*first, clock_);
  media::Library media(*first, first_dir / "media", clock_);
  ASSERT_OK(demo::BuildNewsroom(*first, desk, media, clock_));
  ASSERT_OK(first->RecordVotes({{1, 5, "voter-a", "ip-1", kNow}}));
  const std::string backup = Export(*first);
  auto old = nlohmann::json::parse(backup);  // nlohmann sorts keys: version 1's order
  old["version"] = 1;
  ASSERT_LT(old.dump().find("\"articles\""), old.dump().find("\"sections\""));
  testing::WriteFile(first_dir / "old.json", old.dump(1));

  testing::TempDir second_dir;
  auto second = Open(second_dir);
  auto report = RestoreBackup(*second, *second, first_dir / "old.json");
  ASSERT_OK(report);
  EXPECT_EQ(report->articles, 65);
  EXPECT_EQ(report->votes, 1);
  EXPECT_EQ(Export(*second), backup);
}

// A section's place in the menu travels; backups from before it had one
// restore every section into the menu, where they were.
TEST_F(BackupTest, SectionsKeepTheirPlaceInTheMenu) {
  testing::TempDir first_dir;
  auto first = Open(first_dir);
  publishing::Desk desk(*first, clock_);
  media::Library media(*first, first_dir / "media", clock_);
  ASSERT_OK(demo::BuildNewsroom(*first, desk, media, clock_));
  auto world = first->FindSection("world");
  ASSERT_OK(world);
  world->menu = content::MenuPlace::kHidden;
  ASSERT_OK(first->UpdateSection(*world, kNow));
  ASSERT_OK(desk.AddSection("Astronomy", "", 40));  // waiting: no article yet
  const std::string backup = Export(*first);
  testing::WriteFile(first_dir / "backup.json", backup);
  testing::TempDir second_dir;
  auto second = Open(second_dir);
  ASSERT_OK(RestoreBackup(*second, *second, first_dir / "backup.json"));
  EXPECT_EQ(second->FindSection("world")->menu, content::MenuPlace::kHidden);
  EXPECT_EQ(second->FindSection("astronomy")->menu, content::MenuPlace::kWaiting);
  EXPECT_EQ(second->FindSection("politics")->menu, content::MenuPlace::kShown);

  auto old = nlohmann::json::parse(backup);
  for (auto& section : old["sections"]) section.erase("menu");
  testing::WriteFile(first_dir / "old.json", old.dump());
  testing::TempDir third_dir;
  auto third = Open(third_dir);
  ASSERT_OK(RestoreBackup(*third, *third, first_dir / "old.json"));
  auto sections = third->ListSections();
  ASSERT_OK(sections);
  for (const auto& section : *sections) {
    EXPECT_EQ(section.menu, content::MenuPlace::kShown) << section.slug;
  }
}

TEST_F(BackupTest, ARestoreNeedsAnEmptySite) {
  testing::TempDir dir;
  auto source = Open(dir);
  publishing::Desk desk(*source, clock_);
  auto section = desk.AddSection("World", "", 1);
  ASSERT_OK(section);
  content::Article article;
  article.headline = "Here already";
  article.section_id = section->id;
  ASSERT_OK(desk.Save(article));
  testing::WriteFile(dir / "backup.json", Export(*source));
  auto refused = RestoreBackup(*source, *source, dir / "backup.json");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(*source->CountArticles(), 1);
}

}  // namespace
}  // namespace lede::importers::json
