#include "importers/wordpress/lede_content.h"

#include <gtest/gtest.h>

namespace lede::importers::wordpress {
namespace {

TEST(LedeContentTest, TheExtrasShowInTheContentAndComeOffExactly) {
  const std::string body = "<p>Ferries return.</p>\n<p>Fares are capped.</p>\n";
  const ArticleExtras extras{"SEOUL", "Morning Edition", {"Three routes reopen", "Fares <capped>"},
                             "An earlier version misstated the date."};
  const std::string content = WrapForWordPress(body, extras);
  EXPECT_TRUE(content.starts_with(
      "<p class=\"lede-dateline\"><strong>SEOUL</strong> — Morning Edition</p>\n"
      "<h2 class=\"lede-quick-looks\">Quick Looks</h2>\n"))
      << content;
  EXPECT_NE(content.find("<li>Three routes reopen</li>"), std::string::npos);
  EXPECT_NE(content.find("<li>Fares &lt;capped&gt;</li>"), std::string::npos) << "escaped";
  EXPECT_NE(content.find("<h2 class=\"lede-deep-look\">Deep Look</h2>\n<p>Ferries"), std::string::npos);
  EXPECT_TRUE(content.ends_with("<p class=\"lede-correction\"><strong>Correction:</strong> An earlier "
                                "version misstated the date.</p>"));
  EXPECT_EQ(UnwrapLedeContent(content), "<p>Ferries return.</p>\n<p>Fares are capped.</p>");
}

TEST(LedeContentTest, PartsThatAreAbsentLeaveNoTrace) {
  EXPECT_EQ(WrapForWordPress("<p>Body</p>", {}), "<p>Body</p>");
  EXPECT_EQ(WrapForWordPress("<p>Body</p>", {"", "Late Edition", {}, ""}),
            "<p class=\"lede-dateline\">Late Edition</p>\n<p>Body</p>");
  EXPECT_EQ(WrapForWordPress("<p>Body</p>", {"PARIS", "", {}, ""}),
            "<p class=\"lede-dateline\"><strong>PARIS</strong></p>\n<p>Body</p>");
  for (const ArticleExtras& extras :
       {ArticleExtras{}, ArticleExtras{"PARIS", "", {}, ""}, ArticleExtras{"", "", {"One"}, ""},
        ArticleExtras{"", "", {}, "Fixed."}}) {
    EXPECT_EQ(UnwrapLedeContent(WrapForWordPress("<p>Body</p>", extras)), "<p>Body</p>");
  }
  // Content lede did not wrap comes back as it was.
  EXPECT_EQ(UnwrapLedeContent("<h2>Quick Looks</h2><ul><li>x</li></ul><p>y</p>"),
            "<h2>Quick Looks</h2><ul><li>x</li></ul><p>y</p>");
}

TEST(LedeContentTest, LineBreaksInsideTextBecomeSpacesSoWordPressAddsNoBreaks) {
  EXPECT_EQ(JoinSoftLineBreaks("<p>one\ntwo\r\nthree</p>\n<p>four</p>"),
            "<p>one two three</p>\n<p>four</p>");
  EXPECT_EQ(JoinSoftLineBreaks("<p>a <em>b</em>\nc</p>"), "<p>a <em>b</em> c</p>");
  EXPECT_EQ(JoinSoftLineBreaks("<pre><code>int x;\nint y;\n</code></pre>\n<p>a\nb</p>"),
            "<pre><code>int x;\nint y;\n</code></pre>\n<p>a b</p>")
      << "code keeps its lines";
  const std::string once = JoinSoftLineBreaks("<ul>\n<li>a\nb</li>\n</ul>\n");
  EXPECT_EQ(once, "<ul>\n<li>a b</li>\n</ul>\n");
  EXPECT_EQ(JoinSoftLineBreaks(once), once);
}

TEST(LedeContentTest, APhotoCreditTravelsAtTheEndOfTheCaption) {
  EXPECT_EQ(CaptionWithCredit("A harbour at dawn", "Jane Doe"), "A harbour at dawn (Photo/Jane Doe)");
  EXPECT_EQ(CaptionWithCredit("Skyline", "Illustration: Lede Desk"), "Skyline (Illustration: Lede Desk)");
  EXPECT_EQ(CaptionWithCredit("", "Photo: AP"), "(Photo: AP)");
  EXPECT_EQ(CaptionWithCredit("Only a caption", ""), "Only a caption");
  EXPECT_EQ(SplitCredit("A harbour at dawn (Photo/Jane Doe)"),
            std::make_pair(std::string("A harbour at dawn"), std::string("Photo/Jane Doe")));
  EXPECT_EQ(SplitCredit("Skyline (Illustration: Lede Desk)").second, "Illustration: Lede Desk");
  EXPECT_EQ(SplitCredit("The mayor (left) in 1999 (archive)").second, "") << "not a credit";
}

}  // namespace
}  // namespace lede::importers::wordpress
