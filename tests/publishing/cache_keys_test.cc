#include "publishing/cache_keys.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "util/shown_keys.h"

namespace lede::publishing::keys {
namespace {

constexpr util::UnixSeconds kNow = 1'800'000'000;

content::Article Visible() {
  content::Article article;
  article.id = 7;
  article.slug = "ferries";
  article.section_id = 2;
  article.tag_ids = {11, 12};
  article.author_ids = {21};
  article.status = content::ArticleStatus::kPublished;
  article.published_at = kNow - 3600;
  return article;
}

bool Has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(CacheKeysTest, AnEditDropsTheArticleAndItsListsButNotTheSiteWideOnes) {
  const auto before = Visible();
  auto after = before;
  after.headline = "Ferries run again";
  const auto keys = ChangesFor(&before, after, kNow, {5, 9});
  for (std::string_view key : {"article-7", "section-2", "tag-11", "tag-12", "author-21", "search",
                               "related", "index"}) {
    EXPECT_TRUE(Has(keys, key)) << key;
  }
  // Its place in time is unchanged: the latest lists and neighbours keep
  // their members (they show its headline through article-7).
  for (std::string_view key : {"latest", "neighbours-5", "missing", "site", "top-stories"}) {
    EXPECT_FALSE(Has(keys, key)) << key;
  }
}

TEST(CacheKeysTest, PublishingDropsTheListsItJoinsAndItsNewNeighbours) {
  auto draft = Visible();
  draft.status = content::ArticleStatus::kDraft;
  auto published = Visible();
  published.top_story = true;
  const auto keys = ChangesFor(&draft, published, kNow, {5, 9});
  for (std::string_view key : {"article-7", "latest", "top-stories", "neighbours-5",
                               "neighbours-9", "missing", "section-2"}) {
    EXPECT_TRUE(Has(keys, key)) << key;
  }
}

TEST(CacheKeysTest, MovingDropsBothSectionsAndTagsLeftBehind) {
  const auto before = Visible();
  auto after = before;
  after.section_id = 3;
  after.tag_ids = {13};
  const auto keys = ChangesFor(&before, after, kNow, {});
  for (std::string_view key : {"section-2", "section-3", "tag-11", "tag-12", "tag-13", "latest"}) {
    EXPECT_TRUE(Has(keys, key)) << key;
  }
}

TEST(CacheKeysTest, DraftsAndFutureArticlesDropNothing) {
  auto draft = Visible();
  draft.status = content::ArticleStatus::kDraft;
  EXPECT_TRUE(ChangesFor(nullptr, draft, kNow, {}).empty());
  auto scheduled = Visible();
  scheduled.published_at = kNow + 60;
  EXPECT_TRUE(ChangesFor(nullptr, scheduled, kNow, {}).empty());
  // Unpublishing does.
  EXPECT_TRUE(Has(ChangesFor(&scheduled, Visible(), kNow, {}), "latest"));
}

TEST(CacheKeysTest, NotesGoToTheInnermostScopeOnly) {
  util::ShownKeys outer, inner;
  NoteArticle(Visible());  // no scope: nowhere
  {
    util::ShownKeysScope recording(outer);
    NoteList(kLatest, {Visible(), Visible()});
    {
      util::ShownKeysScope nested(inner);
      NoteRatings({Visible()});
    }
  }
  EXPECT_EQ(outer.keys(), (std::vector<std::string>{"latest", "article-7"}));
  EXPECT_EQ(inner.keys(), (std::vector<std::string>{"rating-7"}));
}

}  // namespace
}  // namespace lede::publishing::keys
