#include "site/article_page.h"

#include "site/site_fixture.h"

namespace lede::site {
namespace {

class ArticlePageTest : public SiteFixture {
 protected:
  content::Article Full() {
    auto author = desk_->AddAuthor("Mina Cho", "Seoul correspondent");
    auto second = desk_->AddAuthor("Daniel Okafor", "");
    auto tag = desk_->TagNamed("East Asia");
    EXPECT_TRUE(author && second && tag);
    content::Article article;
    article.headline = "Ferries return";
    article.standfirst = "Routes reopen.";
    article.body_markdown = "The body.\n\n### More\n\nDetail.";
    article.quick_looks = {"Look one", "Look two"};
    article.tag_ids = {tag->id};
    article.author_ids = {author->id, second->id};
    article.dateline = "SEOUL";
    article.edition = "Morning Edition";
    article.top_story = true;
    return article;
  }
};

TEST_F(ArticlePageTest, ShowsEveryPartInTheReferenceOrder) {
  Publish(Full(), 100);
  const auto response = Get("/world/ferries-return/");
  ASSERT_EQ(response.status, 200);
  const std::string& html = response.body;
  const std::size_t positions[] = {
      PositionOf(html, "Top Story"),
      PositionOf(html, "class=\"story__section\" href=\"/world/\">World</a>"),
      PositionOf(html, "<h1 class=\"story__headline\">Ferries return</h1>"),
      PositionOf(html, "href=\"/tag/east-asia/\" rel=\"tag\">East Asia</a>"),
      PositionOf(html, "SEOUL"),
      PositionOf(html, "href=\"/author/mina-cho/\" rel=\"author\">Mina Cho</a> and <a"),
      PositionOf(html, "Morning Edition"),
      PositionOf(html, "Published <time datetime=\"2027-01-15T07:58:20Z\">"),
      PositionOf(html, "class=\"story__standfirst\">Routes reopen."),
      PositionOf(html, "Quick Looks</h2>"),
      PositionOf(html, "<li>Look one</li>"),
      PositionOf(html, "Deep Look</h2>"),
      PositionOf(html, "<p>The body.</p>"),
      PositionOf(html, "id=\"rating\""),
      PositionOf(html, "More on World News"),
      PositionOf(html, "Latest News"),
      PositionOf(html, "<footer"),
  };
  for (std::size_t i = 1; i < std::size(positions); ++i) {
    EXPECT_LT(positions[i - 1], positions[i]) << "part " << i << " is out of order";
  }
  // The menu is in the header, before the article.
  EXPECT_LT(PositionOf(html, "aria-label=\"Sections\""), positions[0]);
  EXPECT_EQ(html.find("<h1", html.find("<h1") + 1), std::string::npos) << "one h1 only";
  EXPECT_EQ(html.find("Updated"), std::string::npos) << "never edited";
  EXPECT_EQ(html.find("Correction"), std::string::npos);
}

TEST_F(ArticlePageTest, ShowsUpdatedOnlyWhenEdited) {
  auto article = Publish(Full(), 100);
  clock_.Advance(600);
  article.standfirst = "Routes reopen in March.";
  ASSERT_OK(desk_->Save(article));
  const auto html = Get("/world/ferries-return/").body;
  EXPECT_NE(html.find("Updated <time datetime=\"2027-01-15T08:10:00Z\">"), std::string::npos) << html;
}

TEST_F(ArticlePageTest, EscapesEverythingEditorsType) {
  content::Article article;
  article.headline = "<script>alert('x')</script> & co";
  article.standfirst = "\"quoted\" <b>bold</b>";
  article.quick_looks = {"<img src=x onerror=alert(1)>"};
  article.dateline = "<i>CITY</i>";
  Publish(article, 10);
  const auto html = Get("/world/script-alert-x-script-co/").body;
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("<i>CITY"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"), std::string::npos);
}

TEST_F(ArticlePageTest, PreviousAndNextLinkTheNeighbours) {
  content::Article older;
  older.headline = "Older story";
  Publish(older, 300);
  Publish(Full(), 200);
  content::Article newer;
  newer.headline = "Newer story";
  Publish(newer, 100);
  const auto html = Get("/world/ferries-return/").body;
  const auto previous = PositionOf(html, "href=\"/world/older-story/\" rel=\"prev\"");
  const auto next = PositionOf(html, "href=\"/world/newer-story/\" rel=\"next\"");
  EXPECT_LT(previous, next);
  EXPECT_NE(html.find("Previous Article"), std::string::npos);
  EXPECT_NE(html.find("Next Article"), std::string::npos);
}

TEST_F(ArticlePageTest, DraftsScheduledAndUnknownArticlesAreTheThemes404) {
  content::Article draft;
  draft.headline = "Secret draft";
  draft.section_id = world_.id;
  ASSERT_OK(desk_->Save(draft));
  content::Article scheduled;
  scheduled.headline = "Embargoed";
  scheduled.section_id = world_.id;
  scheduled.status = content::ArticleStatus::kScheduled;
  scheduled.published_at = kNow + 60;
  ASSERT_OK(desk_->Save(scheduled));
  for (const std::string path : {"/world/secret-draft/", "/world/embargoed/", "/world/nope/",
                                 "/nowhere/embargoed/"}) {
    const auto response = Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_NE(response.body.find("Page not found"), std::string::npos) << path;
  }
  clock_.Advance(60);
  EXPECT_EQ(Get("/world/embargoed/").status, 200);
}

}  // namespace
}  // namespace lede::site
