#pragma once
// A real SQLite store in a temp dir with a clock the test controls, and the
// Desk and Catalog over it.

#include <memory>

#include "publishing/catalog.h"
#include "publishing/desk.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::publishing {

inline constexpr util::UnixSeconds kNow = 1'800'000'000;

class PublishingFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    people_ = store->get();
    audit_ = store->get();
    store_ = std::move(*store);
    desk_ = std::make_unique<Desk>(*store_, clock_);
    catalog_ = std::make_unique<Catalog>(*store_, clock_);
    auto world = desk_->AddSection("World", "", 1);
    ASSERT_OK(world);
    world_ = *world;
    auto business = desk_->AddSection("Business", "", 2);
    ASSERT_OK(business);
    business_ = *business;
  }

  // Publishes an article `age` seconds ago in `section`.
  content::Article Publish(const std::string& headline, util::UnixSeconds age,
                           const content::Section& section) {
    content::Article article;
    article.headline = headline;
    article.section_id = section.id;
    article.status = content::ArticleStatus::kPublished;
    article.published_at = clock_.Now() - age;
    auto saved = desk_->Save(article);
    EXPECT_TRUE(saved.has_value()) << saved.error().message;
    return saved ? *saved : content::Article{};
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  // The same store through its other interfaces.
  store::PeopleStore* people_ = nullptr;
  store::AuditLog* audit_ = nullptr;
  std::unique_ptr<Desk> desk_;
  std::unique_ptr<Catalog> catalog_;
  content::Section world_, business_;
};

}  // namespace lede::publishing
