// One suite for every Store implementation: SQLite and PostgreSQL.

#include "store/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include <functional>
#include <memory>

#include "store/safe_html_storage.h"
#include "store/sqlite/sqlite_store.h"
#include "store/backends.h"
#include "support/test_util.h"

namespace lede::store {
namespace {

using content::Article;
using content::ArticleStatus;
using testing::TempDir;

constexpr util::UnixSeconds kNow = 1'800'000'000;

using testing_backends::Backend;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    LEDE_SKIP_BACKEND_WITHOUT_SERVER(GetParam());
    auto opened = GetParam().open(dir_, keep_);
    ASSERT_OK(opened);
    store_ = std::move(*opened);
    auto section = store_->CreateSection({0, "World", "world", "Global news", 1});
    ASSERT_OK(section);
    world_ = *section;
    section = store_->CreateSection({0, "Business", "business", "", 2});
    ASSERT_OK(section);
    business_ = *section;
    auto author = store_->CreateAuthor({0, "Mina Cho", "mina-cho", "Seoul"});
    ASSERT_OK(author);
    author_ = *author;
  }

  Article Make(std::string slug, util::UnixSeconds published_at,
               ArticleStatus status = ArticleStatus::kPublished) {
    Article article;
    article.slug = slug;
    article.headline = "Headline " + slug;
    article.section_id = world_.id;
    article.status = status;
    if (status != ArticleStatus::kDraft) article.published_at = published_at;
    article.created_at = published_at;
    article.author_ids = {author_.id};
    return article;
  }

  Article Create(Article article) {
    auto stored = store_->CreateArticle(std::move(article));
    EXPECT_TRUE(stored.has_value()) << stored.error().message;
    return stored ? *stored : Article{};
  }

  TempDir dir_;
  std::shared_ptr<void> keep_;  // declared before the store: outlives it
  std::unique_ptr<Store> store_;
  content::Section world_, business_;
  content::Author author_;
};

TEST_P(StoreTest, SectionsComeInMenuOrder) {
  ASSERT_OK(store_->CreateSection({0, "Arts", "arts", "", 0}));
  auto sections = store_->ListSections();
  ASSERT_OK(sections);
  ASSERT_EQ(sections->size(), 3u);
  EXPECT_EQ((*sections)[0].slug, "arts");
  EXPECT_EQ((*sections)[1].slug, "world");
  EXPECT_EQ((*sections)[2].slug, "business");
}

TEST_P(StoreTest, DuplicateSlugsConflict) {
  auto section = store_->CreateSection({0, "World again", "world", "", 3});
  ASSERT_FALSE(section);
  EXPECT_EQ(section.error().code, ErrorCode::kConflict);
  EXPECT_EQ(section.error().field, "slug");
  Create(Make("one", kNow));
  auto article = store_->CreateArticle(Make("one", kNow));
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, ErrorCode::kConflict);
}

// Issue 24: whether a section is in the menu is kept, and a section can be
// deleted, its articles moved and every old address answering 301.
TEST_P(StoreTest, Issue24ASectionKeepsItsMenuPlaceAndIsDeletedIntoAnother) {
  EXPECT_EQ(world_.menu, content::MenuPlace::kWaiting) << "a new section waits";
  content::Section hidden = world_;
  hidden.menu = content::MenuPlace::kHidden;
  ASSERT_OK(store_->UpdateSection(hidden, kNow));
  EXPECT_EQ(store_->FindSection("world")->menu, content::MenuPlace::kHidden);
  Create(Make("in-world", kNow - 10));
  EXPECT_EQ(store_->FindArticle(store_->FindVisibleArticleBySlug("in-world", kNow)->id)->section.menu,
            content::MenuPlace::kHidden)
      << "an article knows its section's place";
  EXPECT_EQ(store_->DeleteSection(world_.id, world_.id, kNow).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->DeleteSection(world_.id, 999999, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindSection("business")->menu, content::MenuPlace::kWaiting);
  auto moved = store_->DeleteSection(world_.id, business_.id, kNow);
  ASSERT_OK(moved);
  EXPECT_EQ(*moved, 1);
  EXPECT_EQ(store_->FindSection("business")->menu, content::MenuPlace::kShown)
      << "a live article moved in: the waiting section is shown";
  EXPECT_EQ(store_->FindSection("world").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->FindVisibleArticle("business", "in-world", kNow).has_value());
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"/world/in-world/", "/business/in-world/"},
                                 {"/world/", "/business/"},
                                 {"/world/feed/", "/business/feed/"}}) {
    auto redirect = store_->FindRedirect(from);
    ASSERT_OK(redirect);
    ASSERT_TRUE(redirect->has_value()) << from;
    EXPECT_EQ(**redirect, to);
  }
}

// Found in review: showing a waiting section rewrote the whole row from
// the article's copy of it, undoing a rename saved meanwhile.
TEST_P(StoreTest, Issue24ShowingAWaitingSectionTouchesOnlyItsMenuPlace) {
  content::Section renamed = world_;
  renamed.name = "World News";
  ASSERT_OK(store_->UpdateSection(renamed, kNow));
  ASSERT_OK(store_->ShowSectionOnceLive(world_.id, kNow));
  EXPECT_EQ(store_->FindSection("world")->menu, content::MenuPlace::kWaiting) << "nothing live yet";
  Create(Make("scheduled", kNow + 3600));
  ASSERT_OK(store_->ShowSectionOnceLive(world_.id, kNow));
  EXPECT_EQ(store_->FindSection("world")->menu, content::MenuPlace::kWaiting) << "not live until its time";
  Create(Make("live", kNow - 10));
  ASSERT_OK(store_->ShowSectionOnceLive(world_.id, kNow));
  auto shown = store_->FindSection("world");
  ASSERT_OK(shown);
  EXPECT_EQ(shown->menu, content::MenuPlace::kShown);
  EXPECT_EQ(shown->name, "World News") << "the rename stands";
  content::Section hidden = *shown;
  hidden.menu = content::MenuPlace::kHidden;
  ASSERT_OK(store_->UpdateSection(hidden, kNow));
  ASSERT_OK(store_->ShowSectionOnceLive(world_.id, kNow));
  EXPECT_EQ(store_->FindSection("world")->menu, content::MenuPlace::kHidden) << "a choice by hand stays";
}

TEST_P(StoreTest, UnknownSectionsAndLookupsAreNotFound) {
  EXPECT_EQ(store_->FindSection("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindTag("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindAuthor("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindArticle(999).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindMedia(999).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, ArticleRoundTripsEveryField) {
  auto tag_a = store_->CreateTag({0, "Diplomacy", "diplomacy"});
  auto tag_b = store_->CreateTag({0, "Transport", "transport"});
  ASSERT_OK(tag_a);
  ASSERT_OK(tag_b);
  auto second = store_->CreateAuthor({0, "Daniel Okafor", "daniel-okafor", ""});
  ASSERT_OK(second);
  auto media = store_->CreateMedia({0, "2026/11/harbour", "image/jpeg", 1440, 810,
                                    {480, 960, 1440}, "Harbour", "Dawn", "Photo: A", "", kNow});
  ASSERT_OK(media);

  Article article = Make("ferries", kNow);
  article.standfirst = "The standfirst";
  article.body_markdown = "Body **bold**";
  article.body_html = SafeHtmlStorage::FromStored("<p>Body <strong>bold</strong></p>");
  article.quick_looks = {"First", "Second", "Third"};
  article.tag_ids = {tag_b->id, tag_a->id};
  article.author_ids = {second->id, author_.id};
  article.dateline = "SEOUL";
  article.edition = "Morning Edition";
  article.top_story = true;
  article.lead_image = content::LeadImage{media->id, "Caption", "Credit", "Alt text", {}};
  article.updated_at = kNow + 60;
  article.correction = "Corrected.";
  article.body_format = content::BodyFormat::kHtml;
  const Article stored = Create(article);
  auto found = store_->FindArticle(stored.id);
  ASSERT_OK(found);
  EXPECT_EQ(found->headline, "Headline ferries");
  EXPECT_EQ(found->standfirst, "The standfirst");
  EXPECT_EQ(found->body_html.str(), "<p>Body <strong>bold</strong></p>");
  EXPECT_EQ(found->quick_looks, (std::vector<std::string>{"First", "Second", "Third"}));
  ASSERT_EQ(found->tags.size(), 2u);
  EXPECT_EQ(found->tags[0].slug, "transport");  // the editor's order, not the alphabet's
  ASSERT_EQ(found->authors.size(), 2u);
  EXPECT_EQ(found->authors[0].name, "Daniel Okafor");
  EXPECT_EQ(found->section.name, "World");
  EXPECT_EQ(found->dateline, "SEOUL");
  EXPECT_EQ(found->edition, "Morning Edition");
  EXPECT_TRUE(found->top_story);
  ASSERT_TRUE(found->lead_image);
  EXPECT_EQ(found->lead_image->caption, "Caption");
  EXPECT_EQ(found->lead_image->alt, "Alt text");
  ASSERT_TRUE(found->lead_image->media);
  EXPECT_EQ(found->lead_image->media->widths, (std::vector<int>{480, 960, 1440}));
  EXPECT_EQ(found->published_at, kNow);
  EXPECT_EQ(found->updated_at, kNow + 60);
  EXPECT_EQ(found->correction, "Corrected.");
  EXPECT_EQ(found->body_format, content::BodyFormat::kHtml);
}

TEST_P(StoreTest, DraftsAndFutureArticlesAreInvisible) {
  Create(Make("published", kNow - 10));
  Create(Make("draft", kNow, ArticleStatus::kDraft));
  Create(Make("scheduled", kNow + 100, ArticleStatus::kScheduled));
  EXPECT_OK(store_->FindVisibleArticle("world", "published", kNow));
  EXPECT_EQ(store_->FindVisibleArticle("world", "draft", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindVisibleArticle("world", "scheduled", kNow).error().code,
            ErrorCode::kNotFound);
  // The scheduled one appears once its time has come, with no other change.
  EXPECT_OK(store_->FindVisibleArticle("world", "scheduled", kNow + 100));
  auto list = store_->ListVisible({}, kNow);
  ASSERT_OK(list);
  EXPECT_EQ(list->total, 1);
  list = store_->ListVisible({}, kNow + 100);
  ASSERT_OK(list);
  EXPECT_EQ(list->total, 2);
}

// Media files kept in the store (what PostgreSQL nodes share): any bytes,
// NUL included, replaced in place, listed in pages, deleted.
TEST_P(StoreTest, MediaFilesKeepEveryByte) {
  const std::string bytes("\xFF\xD8\xFF\x00jpeg\x00\x01 bytes", 16);
  ASSERT_OK(store_->PutMediaFile("2026/11/harbour-480.jpg", bytes, kNow));
  ASSERT_OK(store_->PutMediaFile("originals/2026/11/harbour.png", "png", kNow));
  auto found = store_->FindMediaFile("2026/11/harbour-480.jpg");
  ASSERT_OK(found);
  EXPECT_EQ(*found, bytes);
  ASSERT_OK(store_->PutMediaFile("2026/11/harbour-480.jpg", "remade", kNow + 1));
  EXPECT_EQ(*store_->FindMediaFile("2026/11/harbour-480.jpg"), "remade");
  auto first = store_->ListMediaFiles("", 1);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1u);
  auto rest = store_->ListMediaFiles(first->back(), 10);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_NE(first->front(), rest->front());
  ASSERT_OK(store_->DeleteMediaFile("2026/11/harbour-480.jpg"));
  EXPECT_EQ(store_->FindMediaFile("2026/11/harbour-480.jpg").error().code, ErrorCode::kNotFound);
}

// Every node wakes when a scheduled article goes live; the store lets one
// of them announce it.
TEST_P(StoreTest, AScheduledGoingLiveIsClaimedOnce) {
  auto article = Create(Make("scheduled", kNow + 100, ArticleStatus::kScheduled));
  auto first = store_->ClaimScheduledRun(article.id, kNow + 100, kNow + 100);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto again = store_->ClaimScheduledRun(article.id, kNow + 100, kNow + 101);
  ASSERT_OK(again);
  EXPECT_FALSE(*again) << "a second node must not announce it again";
  // Rescheduled to another time, it goes live (and is announced) again.
  auto moved = store_->ClaimScheduledRun(article.id, kNow + 500, kNow + 500);
  ASSERT_OK(moved);
  EXPECT_TRUE(*moved);
}

TEST_P(StoreTest, SitemapsListVisibleArticlesByMonthInPages) {
  const util::UnixSeconds november = *util::ParseIso8601("2026-11-10T12:00:00Z");
  const util::UnixSeconds october = *util::ParseIso8601("2026-10-31T23:59:59Z");
  for (int i = 0; i < 5; ++i) Create(Make("nov-" + std::to_string(i), november + i));
  auto updated = Make("oct", october);
  updated.updated_at = november + 100;  // corrected in November: the month's lastmod says so
  Create(updated);
  Create(Make("draft", november, ArticleStatus::kDraft));
  Create(Make("later", november + 1000, ArticleStatus::kScheduled));
  const util::UnixSeconds now = november + 500;

  auto months = store_->ListSitemapMonths(now);
  ASSERT_OK(months);
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ((*months)[0].year, 2026);
  EXPECT_EQ((*months)[0].month, 11);
  EXPECT_EQ((*months)[0].count, 5) << "no draft, nothing scheduled later";
  EXPECT_EQ((*months)[0].last_modified, november + 4);
  EXPECT_EQ((*months)[1].month, 10);
  EXPECT_EQ((*months)[1].last_modified, november + 100);

  const util::UnixSeconds from = *util::ParseIso8601("2026-11-01T00:00:00Z");
  const util::UnixSeconds to = *util::ParseIso8601("2026-12-01T00:00:00Z");
  auto first = store_->ListSitemapArticles(from, to, now, 3, 0);
  auto second = store_->ListSitemapArticles(from, to, now, 3, 3);
  ASSERT_OK(first);
  ASSERT_OK(second);
  ASSERT_EQ(first->size(), 3u);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*first)[0].slug, "nov-0") << "oldest first, so parts never shift";
  EXPECT_EQ((*second)[1].slug, "nov-4");
  EXPECT_EQ((*first)[0].section_slug, "world");

  auto listings = store_->ListSitemapListings(now);
  ASSERT_OK(listings);
  ASSERT_EQ(listings->size(), 2u) << "world and its author; business has nothing visible";
  EXPECT_EQ((*listings)[0].slug, "world");
  EXPECT_EQ((*listings)[0].last_modified, november + 100);
  EXPECT_EQ((*listings)[1].kind, store::SitemapListing::Kind::kAuthor);
}

TEST_P(StoreTest, AListThatNeedsNoTotalSkipsCountingButListsTheSame) {
  for (int i = 0; i < 3; ++i) Create(Make("story-" + std::to_string(i), kNow - 10 + i));
  auto counted = store_->ListVisible({.limit = 2}, kNow);
  auto uncounted = store_->ListVisible({.limit = 2, .count_total = false}, kNow);
  ASSERT_OK(counted);
  ASSERT_OK(uncounted);
  EXPECT_EQ(counted->total, 3);
  EXPECT_EQ(uncounted->total, 0);
  ASSERT_EQ(uncounted->articles.size(), 2u);
  EXPECT_EQ(uncounted->articles[0].slug, counted->articles[0].slug);
  EXPECT_EQ(uncounted->articles[1].slug, counted->articles[1].slug);
}

TEST_P(StoreTest, KeysetPagesNeverRepeatOrSkipWhenArticlesArePublishedBetweenThem) {
  // Two share a second: the id breaks the tie, so neither is lost at a page edge.
  for (int i = 0; i < 4; ++i) Create(Make("story-" + std::to_string(i), kNow - 100 + i));
  Create(Make("same-second", kNow - 100 + 2));
  auto first = store_->ListVisible({.limit = 3, .count_total = false}, kNow);
  ASSERT_OK(first);
  ASSERT_EQ(first->articles.size(), 3u);
  Create(Make("breaking", kNow - 1));  // lands on page one, not in the middle of page two
  const auto& last = first->articles.back();
  ArticleQuery next{.limit = 3, .count_total = false};
  next.after = ArticleQuery::Position{*last.published_at, last.id};
  auto second = store_->ListVisible(next, kNow);
  ASSERT_OK(second);
  std::vector<std::string> slugs;
  for (const auto& list : {first->articles, second->articles}) {
    for (const auto& article : list) slugs.push_back(article.slug);
  }
  EXPECT_EQ(slugs, (std::vector<std::string>{"story-3", "same-second", "story-2", "story-1", "story-0"}));
}

TEST_P(StoreTest, ChangedSinceCountsAnEditAsAChange) {
  Create(Make("old", kNow - 1000));
  auto edited = Make("old-but-corrected", kNow - 1000);
  edited.updated_at = kNow - 10;
  Create(edited);
  Create(Make("new", kNow - 5));
  ArticleQuery query;
  query.changed_since = kNow - 100;
  auto list = store_->ListVisible(query, kNow);
  ASSERT_OK(list);
  ASSERT_EQ(list->total, 2);
  EXPECT_EQ(list->articles[0].slug, "new");
  EXPECT_EQ(list->articles[1].slug, "old-but-corrected");
}

TEST_P(StoreTest, AnArticleIsFoundBySlugAloneOnlyWhenVisible) {
  Create(Make("ferries", kNow - 10));
  Create(Make("embargoed", kNow + 100, ArticleStatus::kScheduled));
  Create(Make("draft", kNow, ArticleStatus::kDraft));
  auto found = store_->FindVisibleArticleBySlug("ferries", kNow);
  ASSERT_OK(found);
  EXPECT_EQ(found->section.slug, "world");
  EXPECT_EQ(store_->FindVisibleArticleBySlug("embargoed", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindVisibleArticleBySlug("draft", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_OK(store_->FindVisibleArticleBySlug("embargoed", kNow + 100));
}

TEST_P(StoreTest, ArticleIsFoundOnlyUnderItsOwnSection) {
  Create(Make("ferries", kNow));
  EXPECT_EQ(store_->FindVisibleArticle("business", "ferries", kNow).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreTest, ListsAreNewestFirstWithTiesBrokenById) {
  const Article a = Create(Make("a", kNow - 300));
  const Article b = Create(Make("b", kNow - 100));
  const Article c = Create(Make("c", kNow - 100));  // same time as b, later id
  const Article d = Create(Make("d", kNow - 200));
  auto list = store_->ListVisible({}, kNow);
  ASSERT_OK(list);
  std::vector<std::int64_t> ids;
  for (const auto& article : list->articles) ids.push_back(article.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{c.id, b.id, d.id, a.id}));
}

TEST_P(StoreTest, ListsPaginateAndCountEverything) {
  for (int i = 0; i < 25; ++i) Create(Make("n" + std::to_string(i), kNow - i));
  ArticleQuery query;
  query.limit = 10;
  query.offset = 20;
  auto list = store_->ListVisible(query, kNow);
  ASSERT_OK(list);
  EXPECT_EQ(list->total, 25);
  ASSERT_EQ(list->articles.size(), 5u);
  EXPECT_EQ(list->articles.back().slug, "n24");
}

TEST_P(StoreTest, ListsFilterBySectionTagAuthorAndTopStory) {
  auto tag = store_->CreateTag({0, "Trade", "trade"});
  ASSERT_OK(tag);
  auto other = store_->CreateAuthor({0, "Other", "other", ""});
  ASSERT_OK(other);
  Article in_business = Make("in-business", kNow - 1);
  in_business.section_id = business_.id;
  in_business.tag_ids = {tag->id};
  in_business.author_ids = {other->id};
  Create(in_business);
  Article top = Make("top", kNow - 2);
  top.top_story = true;
  const Article top_stored = Create(top);

  auto count = [&](ArticleQuery query) {
    auto list = store_->ListVisible(query, kNow);
    EXPECT_TRUE(list.has_value());
    return list ? list->total : -1;
  };
  ArticleQuery by_section;
  by_section.section_id = business_.id;
  EXPECT_EQ(count(by_section), 1);
  ArticleQuery by_tag;
  by_tag.tag_id = tag->id;
  EXPECT_EQ(count(by_tag), 1);
  ArticleQuery by_author;
  by_author.author_id = author_.id;
  EXPECT_EQ(count(by_author), 1);
  ArticleQuery top_only;
  top_only.top_stories_only = true;
  EXPECT_EQ(count(top_only), 1);
  ArticleQuery excluding;
  excluding.exclude_id = top_stored.id;
  EXPECT_EQ(count(excluding), 1);
}

TEST_P(StoreTest, NeighboursAreTheAdjacentVisibleArticlesSiteWide) {
  const Article oldest = Create(Make("oldest", kNow - 300));
  Create(Make("hidden-draft", kNow - 250, ArticleStatus::kDraft));
  Article middle_article = Make("middle", kNow - 200);
  middle_article.section_id = business_.id;  // neighbours ignore sections
  const Article middle = Create(middle_article);
  const Article newest = Create(Make("newest", kNow - 100));
  Create(Make("future", kNow + 100, ArticleStatus::kScheduled));

  auto around = store_->FindNeighbours(middle, kNow);
  ASSERT_OK(around);
  ASSERT_TRUE(around->previous && around->next);
  EXPECT_EQ(around->previous->id, oldest.id);
  EXPECT_EQ(around->next->id, newest.id);
  auto at_newest = store_->FindNeighbours(newest, kNow);
  ASSERT_OK(at_newest);
  EXPECT_FALSE(at_newest->next);  // the scheduled one is not out yet
  EXPECT_EQ(at_newest->previous->id, middle.id);
}

TEST_P(StoreTest, UpdateReplacesRelationsAtomically) {
  auto tag = store_->CreateTag({0, "Trade", "trade"});
  ASSERT_OK(tag);
  Article article = Make("story", kNow);
  article.quick_looks = {"one", "two"};
  article.tag_ids = {tag->id};
  Article stored = Create(article);

  stored.quick_looks = {"only"};
  stored.tag_ids = {};
  stored.headline = "New headline";
  ASSERT_OK(store_->UpdateArticle(stored));
  auto found = store_->FindArticle(stored.id);
  ASSERT_OK(found);
  EXPECT_EQ(found->headline, "New headline");
  EXPECT_EQ(found->quick_looks, std::vector<std::string>{"only"});
  EXPECT_TRUE(found->tags.empty());

  // A failing update (an unknown tag) leaves the stored article untouched.
  Article broken = *found;
  broken.headline = "Should not be saved";
  broken.quick_looks = {"x"};
  broken.tag_ids = {987654};
  auto failed = store_->UpdateArticle(broken);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
  auto after = store_->FindArticle(stored.id);
  ASSERT_OK(after);
  EXPECT_EQ(after->headline, "New headline");
  EXPECT_EQ(after->quick_looks, std::vector<std::string>{"only"});
}

TEST_P(StoreTest, FailedCreateWritesNothing) {
  Article article = Make("story", kNow);
  article.author_ids = {author_.id, 424242};
  auto failed = store_->CreateArticle(article);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().field, "author");
  auto count = store_->CountArticles();
  ASSERT_OK(count);
  EXPECT_EQ(*count, 0);
  EXPECT_FALSE(*store_->ArticleSlugTaken("story", 0));
}

TEST_P(StoreTest, UpdatingAMissingArticleIsNotFound) {
  Article article = Make("ghost", kNow);
  article.id = 5555;
  EXPECT_EQ(store_->UpdateArticle(article).error().code, ErrorCode::kNotFound);
}

Vote MakeVote(std::int64_t article_id, int stars, std::string voter) {
  return Vote{article_id, stars, std::move(voter), "iphash", kNow};
}

TEST_P(StoreTest, VotesUpdateTheAggregateInTheSameTransaction) {
  const Article article = Create(Make("rated", kNow - 10));
  auto outcomes = store_->RecordVotes({MakeVote(article.id, 4, "a"), MakeVote(article.id, 5, "b"),
                                       MakeVote(article.id, 1, "a")});
  ASSERT_OK(outcomes);
  ASSERT_EQ(outcomes->size(), 3u);
  EXPECT_EQ((*outcomes)[0].result, VoteResult::kAccepted);
  EXPECT_EQ((*outcomes)[0].summary.count, 1);
  EXPECT_EQ((*outcomes)[1].result, VoteResult::kAccepted);
  EXPECT_EQ((*outcomes)[1].summary.sum, 9);
  EXPECT_EQ((*outcomes)[2].result, VoteResult::kDuplicate);
  EXPECT_EQ((*outcomes)[2].your_vote, 4);  // the first vote stands
  EXPECT_EQ((*outcomes)[2].summary.count, 2);
  auto summary = store_->FindRating(article.id);
  ASSERT_OK(summary);
  EXPECT_EQ(summary->count, 2);
  EXPECT_EQ(summary->sum, 9);
  auto found = store_->FindArticle(article.id);
  ASSERT_OK(found);
  EXPECT_EQ(found->rating.count, 2);
  auto votes = store_->ListVotes(article.id);
  ASSERT_OK(votes);
  ASSERT_EQ(votes->size(), 2u);
  EXPECT_EQ((*votes)[0].stars, 4);
}

TEST_P(StoreTest, VotesOnInvisibleArticlesAreNotFoundAndChangeNothing) {
  const Article draft = Create(Make("draft", kNow, ArticleStatus::kDraft));
  const Article future = Create(Make("future", kNow + 100, ArticleStatus::kScheduled));
  auto outcomes = store_->RecordVotes(
      {MakeVote(draft.id, 5, "a"), MakeVote(future.id, 5, "a"), MakeVote(999999, 5, "a")});
  ASSERT_OK(outcomes);
  for (const auto& outcome : *outcomes) EXPECT_EQ(outcome.result, VoteResult::kNotFound);
  auto site = store_->SiteRating();
  ASSERT_OK(site);
  EXPECT_EQ(site->count, 0);
}

TEST_P(StoreTest, EditingAnArticleNeverResetsItsRating) {
  Article article = Create(Make("kept", kNow - 10));
  ASSERT_OK(store_->RecordVotes({MakeVote(article.id, 3, "a")}));
  article.headline = "Edited headline";
  article.quick_looks = {"new"};
  ASSERT_OK(store_->UpdateArticle(article));
  auto summary = store_->FindRating(article.id);
  ASSERT_OK(summary);
  EXPECT_EQ(summary->count, 1);
  EXPECT_EQ(summary->sum, 3);
}

TEST_P(StoreTest, FeedbackOnlyOnTheVotersOwnLowVote) {
  const Article article = Create(Make("feedback", kNow - 10));
  ASSERT_OK(store_->RecordVotes({MakeVote(article.id, 2, "low"), MakeVote(article.id, 5, "high")}));
  EXPECT_OK(store_->SaveFeedback(article.id, "low", "<b>Needs sources</b>"));
  EXPECT_EQ(store_->SaveFeedback(article.id, "high", "x").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store_->SaveFeedback(article.id, "stranger", "x").error().code, ErrorCode::kNotFound);
  auto votes = store_->ListVotes(article.id);
  ASSERT_OK(votes);
  EXPECT_EQ((*votes)[0].feedback, "<b>Needs sources</b>");  // stored as text, as typed
  EXPECT_EQ((*votes)[1].feedback, "");
}

TEST_P(StoreTest, TopRatedUsesTheBayesianAverage) {
  const Article single = Create(Make("single-five", kNow - 10));
  const Article many = Create(Make("many-good", kNow - 20));
  const Article poor = Create(Make("poor", kNow - 30));
  Create(Make("unrated", kNow - 40));
  std::vector<Vote> votes = {MakeVote(single.id, 5, "s")};
  for (int i = 0; i < 40; ++i) votes.push_back(MakeVote(many.id, i % 5 == 0 ? 4 : 5, "m" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) votes.push_back(MakeVote(poor.id, 1, "p" + std::to_string(i)));
  ASSERT_OK(store_->RecordVotes(votes));
  auto top = store_->TopRated(10, 10, kNow);
  ASSERT_OK(top);
  ASSERT_EQ(top->size(), 3u);  // unrated articles are not ranked
  EXPECT_EQ((*top)[0].id, many.id);
  EXPECT_EQ((*top)[1].id, single.id);
  EXPECT_EQ((*top)[2].id, poor.id);
}

TEST_P(StoreTest, AFailedBatchWritesNothing) {
  const Article article = Create(Make("batch", kNow - 10));
  Vote bad = MakeVote(article.id, 9, "b");  // the CHECK constraint refuses it
  auto outcomes = store_->RecordVotes({MakeVote(article.id, 5, "a"), bad});
  ASSERT_FALSE(outcomes);
  auto summary = store_->FindRating(article.id);
  ASSERT_OK(summary);
  EXPECT_EQ(summary->count, 0);
  auto votes = store_->ListVotes(article.id);
  ASSERT_OK(votes);
  EXPECT_TRUE(votes->empty());
}

TEST_P(StoreTest, ABatchKeepsWhatSucceededAroundACallThatChangedNothing) {
  {
    auto batch = store_->BeginBatch();
    ASSERT_OK(batch);
    Create(Make("first-in-batch", kNow - 10));
    // Fails in its only statement: the slug is taken. Nothing to undo.
    auto taken = store_->CreateSection({0, "World again", "world", "", 3});
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
    Create(Make("second-in-batch", kNow - 5));
    ASSERT_OK((*batch)->Commit());
  }
  EXPECT_EQ(*store_->ArticleSlugTaken("first-in-batch", 0), true);
  EXPECT_EQ(*store_->ArticleSlugTaken("second-in-batch", 0), true);
}

TEST_P(StoreTest, ACallFailingPartWayMakesTheWholeBatchRollBack) {
  {
    auto batch = store_->BeginBatch();
    ASSERT_OK(batch);
    Create(Make("kept-until-the-failure", kNow - 10));
    Article broken = Make("half-written", kNow - 5);
    broken.tag_ids = {987654};  // the article row goes in, then the tag link fails
    ASSERT_FALSE(store_->CreateArticle(broken));
    auto committed = (*batch)->Commit();
    ASSERT_FALSE(committed);
    EXPECT_NE(committed.error().message.find("rolled back"), std::string::npos);
  }
  EXPECT_EQ(*store_->ArticleSlugTaken("kept-until-the-failure", 0), false);
  EXPECT_EQ(*store_->ArticleSlugTaken("half-written", 0), false);
  // The connection is usable again, outside any batch.
  Create(Make("after-the-batch", kNow));
  EXPECT_EQ(*store_->ArticleSlugTaken("after-the-batch", 0), true);
}

TEST_P(StoreTest, RatingSettingsRoundTripWithDefaults) {
  auto defaults = store_->LoadSettings();
  ASSERT_OK(defaults);
  EXPECT_EQ(defaults->rating.question, "How useful was this article?");
  EXPECT_FALSE(defaults->rating_structured_data);
  content::SiteSettings settings = *defaults;
  settings.rating.question = "Was this useful?";
  settings.rating_structured_data = true;
  ASSERT_OK(store_->SaveSettings(settings));
  auto loaded = store_->LoadSettings();
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->rating.question, "Was this useful?");
  EXPECT_EQ(loaded->rating.empty, "No votes so far! Be the first to rate this article.");
  EXPECT_TRUE(loaded->rating_structured_data);
}

TEST_P(StoreTest, SettingsRoundTrip) {
  auto defaults = store_->LoadSettings();
  ASSERT_OK(defaults);
  EXPECT_EQ(defaults->name, "lede");
  content::SiteSettings settings;
  settings.name = "The Daily Lede";
  settings.tagline = "News";
  settings.base_url = "https://news.example";
  ASSERT_OK(store_->SaveSettings(settings));
  settings.tagline = "Changed";
  ASSERT_OK(store_->SaveSettings(settings));
  auto loaded = store_->LoadSettings();
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->name, "The Daily Lede");
  EXPECT_EQ(loaded->tagline, "Changed");
  EXPECT_EQ(loaded->base_url, "https://news.example");
}

TEST_P(StoreTest, ASaveFromAnOlderVersionConflictsAndChangesNothing) {
  Article first = Create(Make("versioned", kNow, ArticleStatus::kDraft));
  EXPECT_EQ(first.version, 1);
  Article mine = first;
  mine.headline = "Mine";
  auto saved = store_->UpdateArticle(mine, {.expected_version = 1});
  ASSERT_OK(saved);
  EXPECT_EQ(saved->version, 2);
  Article theirs = first;
  theirs.headline = "Theirs";
  auto refused = store_->UpdateArticle(theirs, {.expected_version = 1});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "version");
  EXPECT_EQ(store_->FindArticle(first.id)->headline, "Mine");
  // Without a version to check (imports), the save goes through.
  ASSERT_OK(store_->UpdateArticle(theirs));
  EXPECT_EQ(store_->FindArticle(first.id)->version, 3);
}

TEST_P(StoreTest, RevisionsAndRedirectsAreWrittenWithTheSave) {
  Article article = Make("draft-one", kNow, ArticleStatus::kDraft);
  article.body_markdown = "First words";
  article.quick_looks = {"One"};
  auto created = store_->CreateArticle(article, {.user_id = 0, .keep_revision = true, .now = kNow});
  ASSERT_OK(created);
  Article edited = *created;
  edited.slug = "draft-two";
  edited.body_markdown = "Second words";
  ASSERT_OK(store_->UpdateArticle(edited, {.expected_version = 1, .keep_revision = true,
                                           .redirect_from = "/world/draft-one/", .now = kNow + 60}));
  auto revisions = store_->ListRevisions(created->id);
  ASSERT_OK(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].version, 2);
  EXPECT_EQ((*revisions)[0].text.body, "Second words");
  EXPECT_EQ((*revisions)[1].text.body, "First words");
  EXPECT_EQ((*revisions)[1].text.quick_looks, std::vector<std::string>{"One"});
  EXPECT_EQ(store_->FindRevision((*revisions)[1].id)->text.slug, "draft-one");
  EXPECT_EQ(store_->FindRedirect("/world/draft-one/")->value_or(""), "/world/draft-two/");

  // A conflicting save writes neither a revision nor a redirect.
  edited.slug = "draft-three";
  ASSERT_FALSE(store_->UpdateArticle(edited, {.expected_version = 1, .keep_revision = true,
                                              .redirect_from = "/world/draft-two/", .now = kNow}));
  EXPECT_EQ(store_->ListRevisions(created->id)->size(), 2u);
  EXPECT_FALSE(store_->FindRedirect("/world/draft-two/")->has_value());
}

TEST_P(StoreTest, TheNewsroomListFiltersByStatusSectionAuthorAndHeadline) {
  Create(Make("pub", kNow - 30));
  Create(Make("draft", kNow - 20, ArticleStatus::kDraft));
  Article sched = Make("sched", kNow + 3600, ArticleStatus::kScheduled);
  sched.created_at = kNow - 10;
  sched.section_id = business_.id;
  Create(sched);
  Article trashed = Make("binned", kNow - 5, ArticleStatus::kDraft);
  trashed.trashed_at = kNow;
  trashed.author_ids = {};
  Create(trashed);
  auto slugs = [&](NewsroomQuery query) {
    std::vector<std::string> out;
    auto list = store_->ListForNewsroom(query);
    EXPECT_TRUE(list.has_value());
    if (!list) return out;
    for (const auto& article : list->articles) out.push_back(article.slug);
    EXPECT_EQ(list->total, static_cast<std::int64_t>(out.size()));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(slugs({}), (V{"sched", "draft", "pub"}));
  EXPECT_EQ(slugs({.status = NewsroomStatus::kTrash}), (V{"binned"}));
  EXPECT_EQ(slugs({.status = NewsroomStatus::kDraft}), (V{"draft"}));
  EXPECT_EQ(slugs({.status = NewsroomStatus::kScheduled}), (V{"sched"}));
  EXPECT_EQ(slugs({.status = NewsroomStatus::kPublished}), (V{"pub"}));
  EXPECT_EQ(slugs({.section_id = business_.id}), (V{"sched"}));
  EXPECT_EQ(slugs({.author_id = author_.id, .headline_contains = "DRAFT"}), (V{"draft"}));
  auto page = store_->ListForNewsroom({.limit = 1, .offset = 1});
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->articles.size(), 1u);
  EXPECT_EQ(page->articles[0].slug, "draft");
  // Readers never see the trash.
  EXPECT_EQ(store_->ListVisible({.limit = 100}, kNow)->total, 1);
  // Issue 24: a scheduled article stayed "scheduled" after it went live.
  const util::UnixSeconds later = kNow + 7200;
  EXPECT_EQ(slugs({.status = NewsroomStatus::kScheduled, .now = later}), V{});
  EXPECT_EQ(slugs({.status = NewsroomStatus::kPublished, .now = later}), (V{"sched", "pub"}));
  EXPECT_EQ(slugs({.status = NewsroomStatus::kScheduled, .now = kNow}), (V{"sched"}));
}

// What Editorial::List asks for a contributor or an author: the articles
// they created or that carry their byline, and no one else's.
TEST_P(StoreTest, Issue24TheNewsroomListCanShowOnlyOnesOwnArticles) {
  Article mine = Make("mine", kNow - 30, ArticleStatus::kDraft);
  mine.created_by = 41;
  mine.author_ids = {};
  Create(mine);
  Article bylined = Make("bylined", kNow - 20, ArticleStatus::kDraft);
  bylined.created_by = 99;
  Create(bylined);  // carries author_'s byline
  Article theirs = Make("theirs", kNow - 10, ArticleStatus::kDraft);
  theirs.created_by = 99;
  theirs.author_ids = {};
  Create(theirs);
  auto slugs = [&](NewsroomQuery query) {
    std::vector<std::string> out;
    auto list = store_->ListForNewsroom(query);
    EXPECT_TRUE(list.has_value());
    if (!list) return out;
    for (const auto& article : list->articles) out.push_back(article.slug);
    EXPECT_EQ(list->total, static_cast<std::int64_t>(out.size()));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(slugs({}), (V{"theirs", "bylined", "mine"}));
  EXPECT_EQ(slugs({.owned_by_user = 41}), (V{"mine"}));
  EXPECT_EQ(slugs({.owned_by_user = 41, .owned_by_author = author_.id}), (V{"bylined", "mine"}));
  EXPECT_EQ(slugs({.owned_by_user = 7}), V{});
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreTest,
    ::testing::ValuesIn(testing_backends::All()),
    [](const auto& info) { return info.param.name; });

// What is particular to the SQLite file itself.
TEST(SqliteStoreTest, ReopeningKeepsDataAndDoesNotReapplyMigrations) {
  TempDir dir;
  const auto path = (dir / "lede.db").string();
  {
    auto store = sqlite::SqliteStore::Open(path);
    ASSERT_OK(store);
    ASSERT_OK((*store)->CreateSection({0, "World", "world", "", 1}));
  }
  auto store = sqlite::SqliteStore::Open(path);
  ASSERT_OK(store);
  auto sections = (*store)->ListSections();
  ASSERT_OK(sections);
  EXPECT_EQ(sections->size(), 1u);
}

// A writer announcing its changes (lede import) waits for a server that
// watches the file, and only then: a new site's first import used to wait
// its whole allowance for a server that had never run.
TEST(SqliteStoreTest, AnnouncingWaitsOnlyForAServerThatWatches) {
  using namespace std::chrono_literals;
  TempDir dir;
  const auto path = (dir / "lede.db").string();
  auto writer = sqlite::SqliteStore::Open(path);
  ASSERT_OK(writer);
  const auto started = std::chrono::steady_clock::now();
  ASSERT_OK((*writer)->AnnounceChanges(60s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s) << "nobody was watching";
  // A server watches: the announcement returns once it has seen it.
  auto server = sqlite::SqliteStore::Open(path);
  ASSERT_OK(server);
  std::atomic<int> told{0};
  (*server)->WatchSiteChanges([&told](store::SiteChange) { ++told; });
  ASSERT_OK((*server)->WatchOtherProcesses(10ms));
  ASSERT_OK((*writer)->AnnounceChanges(60s));
  EXPECT_EQ(told.load(), 1) << "the writer returned before the server saw it";
  (*server)->StopWatching();
}

// A statement stepped once and left open pins its connection's read
// snapshot; a server would then never see articles published after it.
TEST(SqliteStoreTest, ReadsSeeWhatAnotherConnectionCommitted) {
  TempDir dir;
  const auto path = (dir / "lede.db").string();
  auto reader = sqlite::SqliteStore::Open(path);
  auto writer = sqlite::SqliteStore::Open(path);
  ASSERT_OK(reader);
  ASSERT_OK(writer);
  auto section = (*writer)->CreateSection({0, "World", "world", "", 1});
  ASSERT_OK(section);
  ASSERT_OK((*reader)->FindSection("world"));  // one row of many possible
  Article article;
  article.slug = "fresh";
  article.headline = "Fresh";
  article.section_id = section->id;
  article.status = ArticleStatus::kPublished;
  article.published_at = kNow;
  ASSERT_OK((*writer)->CreateArticle(article, {}));
  auto seen = (*reader)->ListVisible({}, kNow);
  ASSERT_OK(seen);
  EXPECT_EQ(seen->total, 1);
}

TEST(SqliteStoreTest, AFileThatIsNotADatabaseIsCorruption) {
  TempDir dir;
  testing::WriteFile(dir / "lede.db", std::string(8192, 'x'));
  auto store = sqlite::SqliteStore::Open((dir / "lede.db").string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kCorruption);
  EXPECT_NE(store.error().message.find("lede.db"), std::string::npos) << store.error().message;
}

TEST(SqliteStoreTest, ADirectoryInPlaceOfTheFileIsUnavailable) {
  TempDir dir;
  std::filesystem::create_directories(dir / "lede.db");
  auto store = sqlite::SqliteStore::Open((dir / "lede.db").string());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("lede.db"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace lede::store
