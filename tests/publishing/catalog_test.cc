#include "publishing/catalog.h"

#include "publishing/fixture.h"

namespace lede::publishing {
namespace {

using CatalogTest = PublishingFixture;

TEST_F(CatalogTest, ArticleBundleHoldsEveryRelatedList) {
  std::vector<content::Article> world;
  for (int i = 0; i < 7; ++i) world.push_back(Publish("World " + std::to_string(i), 100 * (7 - i), world_));
  const auto business = Publish("Business news", 50, business_);
  // world[6] is the newest world story; business is the newest of all.
  auto bundle = catalog_->Article("world", world[3].slug);
  ASSERT_OK(bundle);
  EXPECT_EQ(bundle->article.id, world[3].id);
  ASSERT_EQ(bundle->more_in_section.size(), 5u);
  for (const auto& other : bundle->more_in_section) {
    EXPECT_NE(other.id, world[3].id);
    EXPECT_EQ(other.section_id, world_.id);
  }
  ASSERT_TRUE(bundle->neighbours.previous && bundle->neighbours.next);
  EXPECT_EQ(bundle->neighbours.previous->id, world[2].id);
  EXPECT_EQ(bundle->neighbours.next->id, world[4].id);
  ASSERT_EQ(bundle->latest.size(), 5u);
  EXPECT_EQ(bundle->latest.front().id, business.id);
  EXPECT_EQ(bundle->masthead.sections.size(), 2u);
}

TEST_F(CatalogTest, ScheduledArticleAppearsWhenTheClockReachesIt) {
  content::Article article;
  article.headline = "Embargoed";
  article.section_id = world_.id;
  article.status = content::ArticleStatus::kScheduled;
  article.published_at = kNow + 3600;
  ASSERT_OK(desk_->Save(article));
  EXPECT_EQ(catalog_->Article("world", "embargoed").error().code, ErrorCode::kNotFound);
  clock_.Advance(3600);
  EXPECT_OK(catalog_->Article("world", "embargoed"));
}

TEST_F(CatalogTest, ListingsPaginateAndRefusePagesPastTheEnd) {
  for (int i = 0; i < 23; ++i) Publish("Story " + std::to_string(i), i + 1, world_);
  auto first = catalog_->SectionPage("world", 1);
  ASSERT_OK(first);
  EXPECT_EQ(first->subject.name, "World");
  EXPECT_EQ(first->list.page_count, 3);
  EXPECT_EQ(first->list.articles.size(), 10u);
  EXPECT_EQ(first->list.articles.front().headline, "Story 0");
  auto last = catalog_->SectionPage("world", 3);
  ASSERT_OK(last);
  EXPECT_EQ(last->list.articles.size(), 3u);
  EXPECT_EQ(catalog_->SectionPage("world", 4).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(catalog_->SectionPage("world", 0).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(catalog_->SectionPage("nowhere", 1).error().code, ErrorCode::kNotFound);
}

TEST_F(CatalogTest, AnEmptySectionHasOnePage) {
  auto page = catalog_->SectionPage("business", 1);
  ASSERT_OK(page);
  EXPECT_EQ(page->list.page_count, 1);
  EXPECT_TRUE(page->list.articles.empty());
}

TEST_F(CatalogTest, HomePutsTopStoriesFirstAndSkipsEmptySections) {
  auto top = Publish("Top", 500, world_);
  top.top_story = true;
  ASSERT_OK(desk_->Save(top));
  Publish("Later", 10, world_);
  auto home = catalog_->Home();
  ASSERT_OK(home);
  ASSERT_EQ(home->top_stories.size(), 1u);
  EXPECT_EQ(home->top_stories.front().headline, "Top");
  EXPECT_EQ(home->latest.front().headline, "Later");
  ASSERT_EQ(home->sections.size(), 1u);  // Business has nothing yet
  EXPECT_EQ(home->sections.front().section.slug, "world");
}

}  // namespace
}  // namespace lede::publishing

namespace lede::publishing {
namespace {

// In the server the Catalog remembers what many pages share and forgets it
// by the keys a change drops (the ChangeTracker's sink calls Forget).
TEST_F(CatalogTest, RememberedListsLastUntilAKeyTheyShowIsForgotten) {
  std::vector<content::Article> world;
  for (int i = 0; i < 3; ++i) world.push_back(Publish("World " + std::to_string(i), 100 * (3 - i), world_));
  catalog_->Remember();
  ASSERT_OK(catalog_->Article("world", world[0].slug));  // remembers the latest list
  ASSERT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 1);

  for (int i = 0; i < 10; ++i) Publish("Late " + std::to_string(i), 1, world_);
  // Not forgotten yet: what was remembered is what is served.
  EXPECT_EQ(catalog_->Article("world", world[0].slug)->latest.front().id, world[2].id);
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 1);
  // An unrelated key leaves them; the keys a publish drops refresh them.
  catalog_->Forget({"tag-99", "rating-1"});
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 1);
  catalog_->Forget({"latest", keys::Key(keys::kSection, world_.id)});
  EXPECT_EQ(catalog_->Article("world", world[0].slug)->latest.front().headline, "Late 9");
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 2);

  // The masthead under "site".
  auto settings = store_->LoadSettings();
  settings->name = "The Evening Post";
  ASSERT_OK(store_->SaveSettings(*settings));
  EXPECT_NE(catalog_->Home()->masthead.settings.name, "The Evening Post");
  catalog_->Forget({"site"});
  EXPECT_EQ(catalog_->Home()->masthead.settings.name, "The Evening Post");
}

// A node whose announcements may be missed (its listener lost) stops
// remembering: what it had is forgotten, and every page reads the store.
TEST_F(CatalogTest, NotRememberingForgetsAndReadsEveryTime) {
  std::vector<content::Article> world;
  for (int i = 0; i < 3; ++i) world.push_back(Publish("World " + std::to_string(i), 100 * (3 - i), world_));
  catalog_->Remember();
  ASSERT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 1);
  for (int i = 0; i < 10; ++i) Publish("Late " + std::to_string(i), 1, world_);
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 1) << "remembered";

  catalog_->Remember(false);
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 2);
  for (int i = 0; i < 10; ++i) Publish("Later " + std::to_string(i), 1, world_);
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 3) << "read again, not remembered";
  EXPECT_EQ(catalog_->Article("world", world[0].slug)->latest.front().headline, "Later 9");

  // Remembering again starts from what the store holds now.
  catalog_->Remember(true);
  EXPECT_EQ(catalog_->SectionPage("world", 1)->list.page_count, 3);
  EXPECT_EQ(catalog_->Article("world", world[0].slug)->latest.front().headline, "Later 9");
  Publish("Unannounced", 1, world_);
  EXPECT_EQ(catalog_->Article("world", world[0].slug)->latest.front().headline, "Later 9") << "remembered";
}

}  // namespace
}  // namespace lede::publishing
