#pragma once
// A real SQLite store with one section and published articles, for the
// ratings service's tests.

#include <memory>

#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::ratings {

inline constexpr util::UnixSeconds kNow = 1'800'000'000;

class RatingsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    store_ = std::move(*store);
    auto section = store_->CreateSection({0, "World", "world", "", 1});
    ASSERT_OK(section);
    for (int i = 0; i < 4; ++i) {
      content::Article article;
      article.slug = "article-" + std::to_string(i);
      article.headline = "Article " + std::to_string(i);
      article.section_id = section->id;
      article.status = content::ArticleStatus::kPublished;
      article.published_at = kNow - 100;
      auto stored = store_->CreateArticle(article);
      ASSERT_OK(stored);
      article_ids_.push_back(stored->id);
    }
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  std::vector<std::int64_t> article_ids_;
};

}  // namespace lede::ratings
