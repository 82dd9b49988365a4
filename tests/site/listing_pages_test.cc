#include "site/listing_pages.h"

#include "site/site_fixture.h"

namespace lede::site {
namespace {

class ListingPagesTest : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    auto author = desk_->AddAuthor("Mina Cho", "Seoul correspondent");
    auto tag = desk_->TagNamed("Trade");
    ASSERT_OK(author);
    ASSERT_OK(tag);
    for (int i = 0; i < 23; ++i) {
      content::Article article;
      article.headline = "Story number " + std::to_string(i);
      article.author_ids = {author->id};
      article.tag_ids = {tag->id};
      Publish(article, i + 1);
    }
  }
};

TEST_F(ListingPagesTest, SectionPagesArePaginatedNewestFirstWithRelLinks) {
  const auto first = Get("/world/");
  ASSERT_EQ(first.status, 200);
  EXPECT_LT(PositionOf(first.body, "Story number 0<"), PositionOf(first.body, "Story number 9<"));
  EXPECT_EQ(first.body.find("Story number 10<"), std::string::npos);
  EXPECT_NE(first.body.find("<link rel=\"next\" href=\"/world/?page=2\">"), std::string::npos);
  EXPECT_EQ(first.body.find("rel=\"prev\""), std::string::npos);

  const auto second = Get("/world/?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("<link rel=\"prev\" href=\"/world/\">"), std::string::npos);
  EXPECT_NE(second.body.find("<link rel=\"next\" href=\"/world/?page=3\">"), std::string::npos);
  EXPECT_NE(second.body.find("Page 2 of 3"), std::string::npos);

  const auto last = Get("/world/?page=3");
  ASSERT_EQ(last.status, 200);
  EXPECT_NE(last.body.find("Story number 22<"), std::string::npos);
  EXPECT_EQ(last.body.find("rel=\"next\""), std::string::npos);
}

TEST_F(ListingPagesTest, BadPageNumbersAre404) {
  for (const std::string target : {"/world/?page=4", "/world/?page=0", "/world/?page=-1",
                                   "/world/?page=abc", "/world/?page=99999999999"}) {
    EXPECT_EQ(Get(target).status, 404) << target;
  }
}

TEST_F(ListingPagesTest, TagAndAuthorPagesListTheirArticles) {
  const auto tag = Get("/tag/trade/");
  ASSERT_EQ(tag.status, 200);
  EXPECT_NE(tag.body.find("<h1>Trade</h1>"), std::string::npos);
  EXPECT_NE(tag.body.find("Story number 0"), std::string::npos);
  const auto author = Get("/author/mina-cho/?page=3");
  ASSERT_EQ(author.status, 200);
  EXPECT_NE(author.body.find("<h1>Mina Cho</h1>"), std::string::npos);
  EXPECT_NE(author.body.find("Seoul correspondent"), std::string::npos);
  EXPECT_EQ(Get("/tag/unknown/").status, 404);
  EXPECT_EQ(Get("/author/unknown/").status, 404);
}

TEST_F(ListingPagesTest, TheMenuMarksTheCurrentSection) {
  EXPECT_NE(Get("/world/").body.find("href=\"/world/\" aria-current=\"page\""), std::string::npos);
}

TEST_F(ListingPagesTest, HomeShowsLatestAndSectionBlocks) {
  const auto home = Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Latest News"), std::string::npos);
  EXPECT_NE(home.body.find("id=\"section-world\""), std::string::npos);
}

TEST_F(ListingPagesTest, StaticAssetsAndTraversal) {
  const auto css = Get("/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/static/%2e%2e/lede.db").status, 404);
  EXPECT_EQ(Get("/static/../lede.db").status, 404);
  EXPECT_EQ(Get("/media/..%2flede.db").status, 404);
  EXPECT_EQ(Get("/media/%2e%2e/lede.db").status, 404);
}

}  // namespace
}  // namespace lede::site
