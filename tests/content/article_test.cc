#include "content/article.h"

#include <gtest/gtest.h>

namespace lede::content {
namespace {

Article ValidArticle() {
  Article article;
  article.headline = "A headline";
  article.slug = "a-headline";
  article.section_id = 1;
  return article;
}

TEST(ArticleTest, DraftsAreNeverVisible) {
  Article article = ValidArticle();
  article.status = ArticleStatus::kDraft;
  article.published_at = 100;
  EXPECT_FALSE(IsVisible(article, 200));
}

TEST(ArticleTest, ScheduledArticlesAppearAtTheirTime) {
  Article article = ValidArticle();
  article.status = ArticleStatus::kScheduled;
  article.published_at = 1000;
  EXPECT_FALSE(IsVisible(article, 999));
  EXPECT_TRUE(IsVisible(article, 1000));
  EXPECT_TRUE(IsVisible(article, 5000));
}

TEST(ArticleTest, PublishedArticlesAreVisibleFromTheirTime) {
  Article article = ValidArticle();
  article.status = ArticleStatus::kPublished;
  article.published_at = 1000;
  EXPECT_TRUE(IsVisible(article, 1000));
  EXPECT_FALSE(IsVisible(article, 10));
}

TEST(ArticleTest, ValidateNamesTheField) {
  const struct {
    void (*change)(Article&);
    std::string_view field;
  } kCases[] = {
      {[](Article& a) { a.headline = "  "; }, "headline"},
      {[](Article& a) { a.headline = std::string(301, 'x'); }, "headline"},
      {[](Article& a) { a.slug = "Not A Slug"; }, "slug"},
      {[](Article& a) { a.section_id = 0; }, "section"},
      {[](Article& a) { a.quick_looks.assign(9, "look"); }, "quick_looks"},
      {[](Article& a) { a.quick_looks = {""}; }, "quick_looks"},
      {[](Article& a) { a.status = ArticleStatus::kPublished; }, "published_at"},
      {[](Article& a) {
         a.status = ArticleStatus::kPublished;
         a.published_at = 1;
         a.lead_image = LeadImage{1, "c", "cr", "", {}};
       },
       "lead_image_alt"},
  };
  for (const auto& test : kCases) {
    Article article = ValidArticle();
    test.change(article);
    const auto status = Validate(article);
    ASSERT_FALSE(status.has_value()) << test.field;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, test.field);
  }
  EXPECT_TRUE(Validate(ValidArticle()).has_value());
  Article draft = ValidArticle();
  draft.lead_image = LeadImage{1, "", "", "", {}};
  EXPECT_TRUE(Validate(draft).has_value()) << "a draft may wait for its alt text";
}

TEST(ArticleTest, PathsAreSectionThenSlug) {
  Article article = ValidArticle();
  article.section = Section{1, "World", "world", "", 1};
  EXPECT_EQ(ArticlePath(article), "/world/a-headline/");
  EXPECT_EQ(SectionPath(article.section), "/world/");
}

TEST(ArticleTest, StatusNamesRoundTrip) {
  for (auto status : {ArticleStatus::kDraft, ArticleStatus::kScheduled, ArticleStatus::kPublished}) {
    EXPECT_EQ(ParseArticleStatus(ArticleStatusName(status)), status);
  }
  EXPECT_FALSE(ParseArticleStatus("private"));
}

}  // namespace
}  // namespace lede::content
