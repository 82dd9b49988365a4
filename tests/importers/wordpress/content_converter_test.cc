#include "importers/wordpress/content_converter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "importers/wordpress/wxr_reader.h"
#include "publishing/html_sanitizer.h"
#include "publishing/plain_html.h"
#include "support/test_util.h"

namespace lede::importers::wordpress {
namespace {

TEST(ContentConverterTest, AutoParagraphsLikeWpautop) {
  EXPECT_EQ(AutoParagraphs("One\n\nTwo\nlines"), "<p>One</p>\n<p>Two<br>\nlines</p>\n");
  EXPECT_EQ(AutoParagraphs("<ul><li>a</li></ul>\n\nText"), "<ul><li>a</li></ul>\n<p>Text</p>\n");
  EXPECT_EQ(AutoParagraphs("\r\n\r\nA\r\n\r\n\r\nB\r\n"), "<p>A</p>\n<p>B</p>\n");
  EXPECT_EQ(AutoParagraphs(""), "");
}

TEST(ContentConverterTest, BlockCommentsGoTheirMarkupStays) {
  const auto converted = ConvertContent(
      "<!-- wp:paragraph -->\n<p>Block text</p>\n<!-- /wp:paragraph -->\n<!--more-->\n"
      "<!-- wp:image {\"id\":5} --><figure><img src=\"a.jpg\" alt=\"\"/></figure><!-- /wp:image -->");
  EXPECT_EQ(converted.html.find("wp:"), std::string::npos) << converted.html;
  EXPECT_EQ(converted.html.find("<p><p>"), std::string::npos) << "no wpautop on block content";
  EXPECT_NE(converted.html.find("<p>Block text</p>"), std::string::npos);
}

TEST(ContentConverterTest, CaptionsBecomeFigures) {
  const auto converted = ConvertContent(
      "[caption id=\"attachment_1\" align=\"alignnone\" width=\"300\"]<img src=\"a.jpg\" alt=\"A\" /> "
      "The harbour at dawn[/caption]");
  EXPECT_NE(converted.html.find("<figure><img src=\"a.jpg\" alt=\"A\" /><figcaption>The harbour at "
                                "dawn</figcaption></figure>"),
            std::string::npos)
      << converted.html;
}

TEST(ContentConverterTest, EmbedsBecomeLinksAndOtherShortcodesLeaveTheirText) {
  const auto converted = ConvertContent(
      "[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n"
      "https://vimeo.com/12345\n\n[highlight color=\"yellow\"]kept text[/highlight] "
      "[contact-form id=3] and a [citation needed] and [1].\n\n[gallery ids=\"1,2\"]");
  EXPECT_NE(converted.html.find("<a href=\"https://www.youtube.com/watch?v=abc\">"), std::string::npos)
      << converted.html;
  EXPECT_NE(converted.html.find("<a href=\"https://vimeo.com/12345\">"), std::string::npos);
  EXPECT_NE(converted.html.find("kept text"), std::string::npos);
  EXPECT_EQ(converted.html.find("highlight"), std::string::npos);
  EXPECT_EQ(converted.html.find("contact-form"), std::string::npos);
  EXPECT_NE(converted.html.find("[citation needed]"), std::string::npos);
  EXPECT_NE(converted.html.find("[1]"), std::string::npos);
  EXPECT_EQ(converted.html.find("gallery"), std::string::npos);
  ASSERT_EQ(converted.warnings.size(), 1u);
}

TEST(ContentConverterTest, GalleriesBecomeFiguresOfTheirPictures) {
  std::string asked;
  const GalleryLookup lookup = [&asked](std::string_view attributes) {
    asked = std::string(attributes);
    return std::vector<GalleryImage>{{"https://old.example/a.jpg", "First <alt>", "A caption"},
                                     {"https://old.example/b.jpg", "Second", ""}};
  };
  const auto converted = ConvertContent("Before\n\n[gallery ids=\"7,8\" columns=\"2\"]\n\nAfter", lookup);
  EXPECT_EQ(asked, " ids=\"7,8\" columns=\"2\"");
  EXPECT_NE(converted.html.find("<figure><img src=\"https://old.example/a.jpg\" alt=\"First &lt;alt&gt;\">"
                                "<figcaption>A caption</figcaption></figure>"),
            std::string::npos)
      << converted.html;
  EXPECT_NE(converted.html.find("b.jpg"), std::string::npos);
  EXPECT_TRUE(converted.warnings.empty());
  const auto empty = ConvertContent("[gallery]", [](std::string_view) { return std::vector<GalleryImage>{}; });
  EXPECT_EQ(empty.warnings.size(), 1u);
}

TEST(ContentConverterTest, QuickLooksAreLiftedOutOfTheBody) {
  const auto converted = ConvertContent(
      "<!-- wp:heading --><h2>Today's Quick Looks</h2><!-- /wp:heading -->"
      "<ul><li>First <b>point</b></li><li>Second point</li></ul>"
      "<h2>Deep Look</h2><p>The story.</p>");
  EXPECT_EQ(converted.quick_looks, (std::vector<std::string>{"First point", "Second point"}));
  EXPECT_EQ(converted.html.find("Quick Looks"), std::string::npos) << converted.html;
  EXPECT_EQ(converted.html.find("Deep Look"), std::string::npos) << converted.html;
  EXPECT_NE(converted.html.find("<p>The story.</p>"), std::string::npos);
  // A list under any other heading stays in the body.
  const auto other = ConvertContent("<h2>Ingredients</h2><ul><li>flour</li></ul>");
  EXPECT_TRUE(other.quick_looks.empty());
  EXPECT_NE(other.html.find("flour"), std::string::npos);
}


// Real exports: the sanitiser's fast path for plain markup writes what the
// full parse writes for every body it accepts, and it does accept some.
class BodyCollector : public WxrHandler {
 public:
  Status OnChannel(const WxrChannel&) override { return {}; }
  Status OnAuthor(const WxrAuthor&) override { return {}; }
  Status OnTerm(const WxrTerm&) override { return {}; }
  Status OnItem(const WxrItem& item) override {
    if (item.content.empty()) return {};
    converted.push_back(ConvertContent(item.content).html);  // what an import sanitises
    raw.push_back(item.content);                              // and as exported
    return {};
  }
  std::vector<std::string> converted;
  std::vector<std::string> raw;
};

TEST(ContentConverterTest, RealBodiesSanitiseTheSameOnBothPaths) {
  SKIP_WITHOUT_SHARED();
  BodyCollector collector;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(LEDE_SHARED_DIR "/testdata/wxr")) {
    if (entry.path().extension() != ".xml") continue;
    (void)ReadWxr(entry.path(), collector);  // some files are broken on purpose
  }
  ASSERT_GT(collector.converted.size(), 300u);
  auto compare = [](const std::vector<std::string>& bodies) {
    std::size_t plain = 0;
    for (const auto& body : bodies) {
      const auto fast = lede::publishing::SanitizePlainHtml(body);
      if (!fast) continue;
      ++plain;
      EXPECT_EQ(*fast, lede::publishing::SanitizeHtmlByParsing(body)) << body;
    }
    return plain;
  };
  const std::size_t converted = compare(collector.converted);
  const std::size_t raw = compare(collector.raw);
  EXPECT_GT(converted, collector.converted.size() / 2);
  std::printf("fast path: %zu of %zu converted bodies, %zu of %zu raw ones\n", converted,
              collector.converted.size(), raw, collector.raw.size());
}

}  // namespace
}  // namespace lede::importers::wordpress
