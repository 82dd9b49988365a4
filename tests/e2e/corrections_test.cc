// Corrections in the open, from the real binary: /corrections/, its RSS
// feed and /api/v1/corrections list every correction of a visible article,
// the latest change first, and never a draft's.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "publishing/desk.h"
#include "e2e/demo_site_fixture.h"
#include "support/http_client.h"
#include "support/test_util.h"

namespace lede {
namespace {

using nlohmann::json;
using testing::Get;

class CorrectionsTest : public DemoSiteTest {};

TEST_F(CorrectionsTest, ANewCorrectionLeadsThePageTheFeedAndTheApi) {
  testing::ManualClock clock(std::time(nullptr));
  publishing::Desk desk(*store_, clock);
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  ASSERT_TRUE(article->correction.empty()) << "the demo's first story is uncorrected";
  const auto before = Get(port(), "/corrections/");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find(article->headline), std::string::npos);

  article->correction = "An earlier version gave the wrong port <city>.";
  article->updated_at = std::time(nullptr) + 60;
  ASSERT_OK(desk.Save(*article));

  const auto page = Get(port(), "/corrections/");
  ASSERT_EQ(page.status, 200);
  const auto first = page.body.find("class=\"correction\"");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(page.body.find(article->headline, first), page.body.find("class=\"correction\"", first + 1));
  EXPECT_NE(page.body.find("An earlier version gave the wrong port &lt;city&gt;."), std::string::npos);
  EXPECT_NE(page.body.find("href=\"https://news.example/corrections/feed/\""), std::string::npos);

  const auto feed = Get(port(), "/corrections/feed/");
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("<item>\n<title>Correction: " + article->headline + "</title>"), std::string::npos);
  EXPECT_NE(feed.body.find("<description>An earlier version gave the wrong port &lt;city&gt;.</description>"),
            std::string::npos);

  const auto api = json::parse(Get(port(), "/api/v1/corrections").body);
  ASSERT_FALSE(api["corrections"].empty());
  EXPECT_EQ(api["corrections"][0]["headline"], article->headline);
  EXPECT_EQ(api["corrections"][0]["url"], "https://news.example" + content::ArticlePath(*article));
  EXPECT_EQ(Get(port(), "/api/v1/corrections?sort=old").status, 400);
}

TEST_F(CorrectionsTest, ADraftsCorrectionIsNeverListed) {
  testing::ManualClock clock(std::time(nullptr));
  publishing::Desk desk(*store_, clock);
  auto article = store_->FindArticle(2);
  ASSERT_OK(article);
  article->status = content::ArticleStatus::kDraft;
  article->published_at.reset();
  article->correction = "Withdrawn pending checks.";
  ASSERT_OK(desk.Save(*article));
  EXPECT_EQ(Get(port(), "/corrections/").body.find("Withdrawn pending checks."), std::string::npos);
  EXPECT_EQ(Get(port(), "/corrections/feed/").body.find("Withdrawn pending checks."), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/corrections").body.find("Withdrawn pending checks."), std::string::npos);
}

TEST_F(CorrectionsTest, TheCorrectionsPolicyIsLinkedFromTheListAndThePublishersData) {
  // The demo sets its policy page as the setting; the page itself exists.
  EXPECT_EQ(Get(port(), "/about-us/corrections/").status, 200);
  EXPECT_NE(Get(port(), "/corrections/").body.find("<a href=\"https://news.example/about-us/corrections/\">"),
            std::string::npos);
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  const auto page = Get(port(), content::ArticlePath(*article));
  EXPECT_NE(page.body.find("\"correctionsPolicy\":\"https://news.example/about-us/corrections/\""),
            std::string::npos);
  // Without the setting, neither says anything.
  auto settings = store_->LoadSettings();
  ASSERT_OK(settings);
  settings->corrections_policy.clear();
  ASSERT_OK(store_->SaveSettings(*settings));
  Announce();
  EXPECT_EQ(Get(port(), "/corrections/").body.find("How we correct errors"), std::string::npos);
  EXPECT_EQ(Get(port(), content::ArticlePath(*article)).body.find("correctionsPolicy"), std::string::npos);
}

}  // namespace
}  // namespace lede
