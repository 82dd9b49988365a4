#include "publishing/desk.h"

#include "publishing/fixture.h"

namespace lede::publishing {
namespace {

using DeskTest = PublishingFixture;

TEST_F(DeskTest, SlugsComeFromHeadlinesAndStayUnique) {
  const auto first = Publish("Café owners protest", 10, world_);
  const auto second = Publish("Café owners protest!", 5, business_);
  const auto third = Publish("Cafe owners protest", 1, world_);
  EXPECT_EQ(first.slug, "cafe-owners-protest");
  EXPECT_EQ(second.slug, "cafe-owners-protest-2");
  EXPECT_EQ(third.slug, "cafe-owners-protest-3");
}

// /{section}/feed/ is the section's feed: no article may live there.
TEST_F(DeskTest, NoArticleTakesTheSectionsFeedAddress) {
  EXPECT_EQ(Publish("Feed", 1, world_).slug, "feed-2");
  content::Article typed;
  typed.headline = "The feed";
  typed.slug = "feed";
  typed.section_id = world_.id;
  auto refused = desk_->Save(typed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "slug");
}

TEST_F(DeskTest, AHeadlineWithoutLettersStillGetsASlug) {
  EXPECT_EQ(Publish("!!! ???", 1, world_).slug, "article");
}

// Issue #8: letters of any script make the slug, unique like any other.
TEST_F(DeskTest, Issue8HeadlinesInAnyScriptKeepTheirWordsAndStayUnique) {
  EXPECT_EQ(Publish("远征手记", 1, world_).slug, "远征手记");
  EXPECT_EQ(Publish("远征手记", 2, world_).slug, "远征手记-2");
  EXPECT_EQ(Publish("مجلس الأمن", 3, world_).slug, "مجلس-الأمن");
}

TEST_F(DeskTest, RendersTheMarkdownBody) {
  content::Article article;
  article.headline = "Body";
  article.section_id = world_.id;
  article.body_markdown = "Hello *world*";
  auto saved = desk_->Save(article);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->body_html.str(), "<p>Hello <em>world</em></p>\n");
}

TEST_F(DeskTest, PublishingWithoutATimePublishesNow) {
  content::Article article;
  article.headline = "Now";
  article.section_id = world_.id;
  article.status = content::ArticleStatus::kPublished;
  auto saved = desk_->Save(article);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->published_at, kNow);
  EXPECT_EQ(saved->created_at, kNow);
}

TEST_F(DeskTest, EditingAVisibleArticleDatesTheUpdate) {
  auto article = Publish("Story", 100, world_);
  EXPECT_FALSE(article.updated_at);
  clock_.Advance(60);
  article.standfirst = "Now with a standfirst";
  auto edited = desk_->Save(article);
  ASSERT_OK(edited);
  EXPECT_EQ(edited->updated_at, kNow + 60);
  EXPECT_EQ(edited->slug, "story");  // an edit keeps the URL
}

TEST_F(DeskTest, MovingAnArticleLeavesA301Behind) {
  auto article = Publish("Original headline", 100, world_);
  article.slug = "better-slug";
  auto moved = desk_->Save(article);
  ASSERT_OK(moved);
  auto redirect = store_->FindRedirect("/world/original-headline/");
  ASSERT_OK(redirect);
  EXPECT_EQ(redirect->value_or(""), "/world/better-slug/");
  moved->section_id = business_.id;
  ASSERT_OK(desk_->Save(*moved));
  // No chains: the first URL now leads straight to the latest.
  EXPECT_EQ(store_->FindRedirect("/world/original-headline/")->value_or(""), "/business/better-slug/");
  EXPECT_EQ(store_->FindRedirect("/world/better-slug/")->value_or(""), "/business/better-slug/");
  // Moving back makes the old URL live again rather than a loop.
  moved->section_id = world_.id;
  auto back = desk_->Save(*moved);
  ASSERT_OK(back);
  EXPECT_FALSE(*store_->FindRedirect("/world/better-slug/"));
}

TEST_F(DeskTest, APageKeepsItsAuthor) {
  auto author = desk_->AddAuthor("Mina Cho", "");
  ASSERT_OK(author);
  content::Page page;
  page.path = "/about/masthead/";
  page.title = "Masthead";
  page.author_id = author->id;
  ASSERT_OK(desk_->SavePage(page, "<p>Who is who</p>"));
  auto stored = store_->FindPage("/about/masthead/");
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->author.has_value());
  EXPECT_EQ(stored->author->slug, "mina-cho");
  page.id = stored->id;
  page.author_id.reset();
  ASSERT_OK(desk_->SavePage(page, "<p>Who is who</p>"));
  EXPECT_FALSE(store_->ListPages()->front().author.has_value()) << "and can lose it";
  page.id = 0;
  page.path = "/about/other/";
  page.author_id = 9999;
  EXPECT_FALSE(desk_->SavePage(page, "<p>x</p>")) << "an author that does not exist";
}

TEST_F(DeskTest, PagesAreSanitisedAndKeepOffLedesOwnPaths) {
  content::Page page;
  page.path = "/about/";
  page.title = "About us";
  page.published = true;
  auto saved = desk_->SavePage(page, "<p>Hi<script>x()</script></p>");
  ASSERT_OK(saved);
  EXPECT_EQ(saved->body_html.str(), "<p>Hi</p>");
  EXPECT_EQ(store_->FindPage("/about/")->title, "About us");
  for (std::string path : {"/admin/", "/api/x/", "about", "/"}) {
    page.path = path;
    auto refused = desk_->SavePage(page, "x");
    ASSERT_FALSE(refused) << path;
    EXPECT_EQ(refused.error().field, "path");
  }
}

TEST_F(DeskTest, EditingADraftDoesNotDateAnUpdate) {
  content::Article draft;
  draft.headline = "Draft";
  draft.section_id = world_.id;
  auto saved = desk_->Save(draft);
  ASSERT_OK(saved);
  saved->standfirst = "More";
  auto edited = desk_->Save(*saved);
  ASSERT_OK(edited);
  EXPECT_FALSE(edited->updated_at);
}

TEST_F(DeskTest, ReservedSectionSlugsAreRefused) {
  auto section = desk_->AddSection("Admin", "", 9);
  ASSERT_FALSE(section);
  EXPECT_EQ(section.error().field, "slug");
  EXPECT_FALSE(desk_->AddSection("Tag", "", 9));
  EXPECT_OK(desk_->AddSection("Tags and trends", "", 9));
}

TEST_F(DeskTest, TagsAreFoundOrCreatedByName) {
  auto first = desk_->TagNamed("East Asia");
  auto again = desk_->TagNamed("east asia ");
  ASSERT_OK(first);
  ASSERT_OK(again);
  EXPECT_EQ(first->id, again->id);
  EXPECT_EQ(first->slug, "east-asia");
  EXPECT_FALSE(desk_->TagNamed("!!!"));
}

TEST_F(DeskTest, AuthorsWithTheSameNameGetDistinctSlugs) {
  auto first = desk_->AddAuthor("Sam Lee", "");
  auto second = desk_->AddAuthor("Sam Lee", "");
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_EQ(first->slug, "sam-lee");
  EXPECT_EQ(second->slug, "sam-lee-2");
}

}  // namespace
}  // namespace lede::publishing
