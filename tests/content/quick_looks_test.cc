#include "content/quick_looks.h"

#include <gtest/gtest.h>

namespace lede::content {
namespace {

Article Ready() {
  Article article;
  article.quick_looks = {"One", "Two", "Three"};
  article.lead_image = LeadImage{1, "A harbour at dawn", "Photo: Lede", "Boats in a harbour", {}};
  return article;
}

TEST(QuickLooksTest, PublishingNeedsThreeToEightBulletsOfAtMost200Characters) {
  EXPECT_TRUE(ValidateForPublishing(Ready()));
  Article two = Ready();
  two.quick_looks.pop_back();
  EXPECT_EQ(ValidateForPublishing(two).error().field, "quick_looks");
  Article nine = Ready();
  nine.quick_looks.resize(9, "More");
  EXPECT_EQ(ValidateForPublishing(nine).error().field, "quick_looks");
  Article eight = Ready();
  eight.quick_looks.resize(8, "More");
  EXPECT_TRUE(ValidateForPublishing(eight));
  Article long_one = Ready();
  long_one.quick_looks[1] = std::string(201, 'a');
  EXPECT_EQ(ValidateForPublishing(long_one).error().field, "quick_looks");
  // Characters, not bytes: 200 Hangul syllables are 600 bytes and fine.
  Article korean = Ready();
  std::string syllables;
  for (int i = 0; i < 200; ++i) syllables += "가";
  korean.quick_looks[1] = syllables;
  EXPECT_TRUE(ValidateForPublishing(korean));
}

TEST(QuickLooksTest, ALeadImageNeedsCaptionCreditAndAlt) {
  Article article = Ready();
  article.lead_image->caption = " ";
  EXPECT_EQ(ValidateForPublishing(article).error().field, "lead_image_caption");
  article = Ready();
  article.lead_image->credit.clear();
  EXPECT_EQ(ValidateForPublishing(article).error().field, "lead_image_credit");
  article = Ready();
  article.lead_image->alt.clear();
  EXPECT_EQ(ValidateForPublishing(article).error().field, "lead_image_alt");
  article = Ready();
  article.lead_image.reset();
  EXPECT_TRUE(ValidateForPublishing(article)) << "a picture is not required";
}

}  // namespace
}  // namespace lede::content
