#include "theme/theme.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace lede::theme {
namespace {

TEST(ThemeTest, BuiltInThemeHasEveryPageTemplate) {
  auto theme = Theme::Load(std::nullopt);
  ASSERT_OK(theme);
  for (std::string_view name :
       {"article", "home", "section", "tag", "author", "not_found", "top_rated", "page"}) {
    Data data;
    data.set("site_name", "S");
    EXPECT_OK((*theme)->Render(name, data));
  }
  EXPECT_EQ((*theme)->Render("nope", Data{}).error().code, ErrorCode::kNotFound);
}

TEST(ThemeTest, VariablesAreHtmlEscaped) {
  auto theme = Theme::Load(std::nullopt);
  ASSERT_OK(theme);
  Data data;
  data.set("site_name", "<script>alert(1)</script>");
  auto html = (*theme)->Render("not_found", data);
  ASSERT_OK(html);
  EXPECT_EQ(html->find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;"), std::string::npos);
}

TEST(ThemeTest, AssetsCarryTypeAndEtag) {
  auto theme = Theme::Load(std::nullopt);
  ASSERT_OK(theme);
  const Asset* css = (*theme)->FindAsset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->etag.front(), '"');
  EXPECT_EQ((*theme)->FindAsset("missing.css"), nullptr);
  EXPECT_EQ((*theme)->asset_version().size(), 8u);
}

TEST(ThemeTest, AssetsAreLinkedByNamesThatCarryAHashOfTheirBytes) {
  testing::TempDir dir;
  testing::WriteFile(dir / "assets" / "style.css", "body{color:red}");
  testing::WriteFile(dir / "page.mustache", "<link href=\"{{assets.style_css}}\">");
  auto red = Theme::Load(dir.path());
  ASSERT_OK(red);
  const Asset* css = (*red)->FindAsset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_TRUE(css->hashed_name.starts_with("style.")) << css->hashed_name;
  EXPECT_TRUE(css->hashed_name.ends_with(".css")) << css->hashed_name;
  EXPECT_EQ((*red)->FindHashedAsset(css->hashed_name), css);
  EXPECT_EQ((*red)->FindHashedAsset("style.css"), nullptr);
  Data data;
  data.set("assets", (*red)->asset_urls());
  auto page = (*red)->Render("page", data);
  ASSERT_OK(page);
  EXPECT_EQ(*page, "<link href=\"/static/" + css->hashed_name + "\">");

  testing::WriteFile(dir / "assets" / "style.css", "body{color:blue}");
  auto blue = Theme::Load(dir.path());
  ASSERT_OK(blue);
  EXPECT_NE((*blue)->FindAsset("style.css")->hashed_name, css->hashed_name);
}

TEST(ThemeTest, OverrideDirectoryReplacesTemplatesPartialsAndAssets) {
  testing::TempDir dir;
  testing::WriteFile(dir / "not_found.mustache", "custom {{> greeting}}");
  testing::WriteFile(dir / "partials" / "greeting.mustache", "hello {{site_name}}");
  testing::WriteFile(dir / "assets" / "style.css", "body{}");
  auto theme = Theme::Load(dir.path());
  ASSERT_OK(theme);
  Data data;
  data.set("site_name", "S");
  EXPECT_EQ(*(*theme)->Render("not_found", data), "custom hello S");
  EXPECT_EQ((*theme)->FindAsset("style.css")->bytes, "body{}");
  EXPECT_OK((*theme)->Render("article", data));  // untouched templates remain
}

TEST(ThemeTest, OverridingAPartialChangesEveryTemplateUsingIt) {
  testing::TempDir dir;
  testing::WriteFile(dir / "partials" / "footer.mustache", "<footer>OVERRIDDEN</footer>");
  auto theme = Theme::Load(dir.path());
  ASSERT_OK(theme);
  auto html = (*theme)->Render("home", Data{});
  ASSERT_OK(html);
  EXPECT_NE(html->find("OVERRIDDEN"), std::string::npos);
}

TEST(ThemeTest, BrokenTemplatesAreReportedByName) {
  testing::TempDir dir;
  testing::WriteFile(dir / "home.mustache", "{{#open}} never closed");
  auto theme = Theme::Load(dir.path());
  ASSERT_FALSE(theme);
  EXPECT_NE(theme.error().message.find("home.mustache"), std::string::npos) << theme.error().message;

  testing::TempDir missing;
  testing::WriteFile(missing / "home.mustache", "{{> nowhere}}");
  theme = Theme::Load(missing.path());
  ASSERT_FALSE(theme);
  EXPECT_NE(theme.error().message.find("nowhere"), std::string::npos);

  testing::TempDir loop;
  testing::WriteFile(loop / "partials" / "self.mustache", "{{> self}}");
  testing::WriteFile(loop / "home.mustache", "{{> self}}");
  EXPECT_FALSE(Theme::Load(loop.path()));
}

TEST(ThemeTest, AMissingOverrideDirectoryIsAnError) {
  EXPECT_EQ(Theme::Load(std::filesystem::path("/nonexistent/theme")).error().code,
            ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace lede::theme
