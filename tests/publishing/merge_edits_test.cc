#include "publishing/merge_edits.h"

#include <gtest/gtest.h>

#include "publishing/editorial.h"

namespace lede::publishing {
namespace {

ArticleInput Opened() {
  ArticleInput input;
  input.headline = "Ferries return";
  input.standfirst = "After ten years.";
  input.body = "The first ferry docked at dawn.";
  input.quick_looks = {"Ferries are back", "Fares are capped"};
  input.section = "world";
  input.tags = {"Transport"};
  return input;
}

store::RevisionText Base() {
  const ArticleInput opened = Opened();
  return {.headline = opened.headline, .standfirst = opened.standfirst, .body = opened.body,
          .quick_looks = opened.quick_looks};
}

TEST(MergeEditsTest, WhatOnlyTheColleagueChangedIsTakenAndSaid) {
  ArticleInput theirs = Opened();
  theirs.standfirst = "After a decade of waiting.";
  theirs.quick_looks.push_back("A board inspects every boat");
  ArticleInput mine = Opened();
  mine.body = "The first ferry in a decade docked at dawn.";
  const auto merges = MergeEdits(Base(), theirs, mine);
  ASSERT_EQ(merges.size(), 2u);
  EXPECT_EQ(merges[0].field, "standfirst");
  EXPECT_EQ(merges[0].outcome, FieldMerge::Outcome::kTookTheirs);
  EXPECT_EQ(merges[1].field, "quick_looks");
  EXPECT_EQ(mine.standfirst, "After a decade of waiting.");
  EXPECT_EQ(mine.quick_looks.size(), 3u);
  EXPECT_EQ(mine.body, "The first ferry in a decade docked at dawn.") << "mine kept";
}

TEST(MergeEditsTest, WhatBothChangedDifferentlyIsAConflictAndNothingIsOverwritten) {
  ArticleInput theirs = Opened();
  theirs.headline = "Ferries are back";
  ArticleInput mine = Opened();
  mine.headline = "Ferries return after a decade";
  const auto merges = MergeEdits(Base(), theirs, mine);
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].outcome, FieldMerge::Outcome::kConflict);
  EXPECT_EQ(merges[0].theirs, "Ferries are back");
  EXPECT_EQ(mine.headline, "Ferries return after a decade") << "the editor chooses";
  TakeTheirs(mine, theirs, {"headline", "no-such-field"});
  EXPECT_EQ(mine.headline, "Ferries are back");
}

TEST(MergeEditsTest, TheSameChangeOnBothSidesIsNoConflict) {
  ArticleInput theirs = Opened();
  theirs.headline = "Ferries are back";
  ArticleInput mine = theirs;
  EXPECT_TRUE(MergeEdits(Base(), theirs, mine).empty());
}

TEST(MergeEditsTest, WithoutABaseEveryDifferenceIsShown) {
  // An imported article has no revision to compare with; section, tags
  // and the lead image are never in one.
  ArticleInput theirs = Opened();
  theirs.tags = {"Transport", "Harbours"};
  theirs.standfirst = "Changed";
  ArticleInput mine = Opened();
  const auto with_base = MergeEdits(Base(), theirs, mine);
  ASSERT_EQ(with_base.size(), 2u);
  EXPECT_EQ(with_base[0].outcome, FieldMerge::Outcome::kTookTheirs);  // standfirst
  EXPECT_EQ(with_base[1].field, "tags");
  EXPECT_EQ(with_base[1].outcome, FieldMerge::Outcome::kConflict) << "tags have no base";
  ArticleInput again = Opened();
  const auto without = MergeEdits(std::nullopt, theirs, again);
  ASSERT_EQ(without.size(), 2u);
  EXPECT_EQ(without[0].outcome, FieldMerge::Outcome::kConflict);
  EXPECT_EQ(again.standfirst, "After ten years.");
}

TEST(MergeEditsTest, RevisionsThatKeepThePlacementMergeTagsAndTheLeadImageToo) {
  store::RevisionText base = Base();
  base.placement = store::RevisionText::Placement{.section = "world", .tags = {"Transport"}};
  ArticleInput theirs = Opened();
  theirs.tags = {"Transport", "Harbours"};
  theirs.lead_image = LeadImageInput{7, "Dawn", "Photo: A", "Boats"};
  ArticleInput mine = Opened();
  mine.top_story = true;
  const auto merges = MergeEdits(base, theirs, mine);
  ASSERT_EQ(merges.size(), 2u);
  for (const auto& merge : merges) EXPECT_EQ(merge.outcome, FieldMerge::Outcome::kTookTheirs) << merge.field;
  EXPECT_EQ(mine.tags.size(), 2u);
  ASSERT_TRUE(mine.lead_image.has_value());
  EXPECT_EQ(mine.lead_image->media_id, 7);
  EXPECT_TRUE(mine.top_story) << "mine kept";
}

// Found in review: a save from a draft opened before a colleague
// published it sent "draft" back, and the clean merge unpublished the
// story (and the reverse republished one pulled for legal reasons).
TEST(MergeEditsTest, AColleaguesPublishOrUnpublishIsTakenNotUndone) {
  store::RevisionText base = Base();
  base.placement = store::RevisionText::Placement{.section = "world", .tags = {"Transport"},
                                                  .status = "draft"};
  ArticleInput theirs = Opened();
  theirs.status = "published";
  theirs.publish_at = 1'800'000'000;
  ArticleInput mine = Opened();
  mine.body = "A typo fixed.";
  const auto merges = MergeEdits(base, theirs, mine);
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].field, "status");
  EXPECT_EQ(merges[0].outcome, FieldMerge::Outcome::kTookTheirs);
  EXPECT_EQ(mine.status, "published");
  EXPECT_EQ(mine.body, "A typo fixed.");

  // Both asked for something different: the editor decides.
  ArticleInput scheduling = Opened();
  scheduling.status = "scheduled";
  scheduling.publish_at = 1'900'000'000;
  const auto clash = MergeEdits(base, theirs, scheduling);
  ASSERT_EQ(clash.size(), 1u);
  EXPECT_EQ(clash[0].outcome, FieldMerge::Outcome::kConflict);
  EXPECT_EQ(clash[0].mine, "scheduled for 1900000000");

  // A revision from before lede kept the status: any difference is shown.
  store::RevisionText older = base;
  older.placement->status.reset();
  ArticleInput unsure = Opened();
  const auto shown = MergeEdits(older, theirs, unsure);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].outcome, FieldMerge::Outcome::kConflict);
}

}  // namespace
}  // namespace lede::publishing
