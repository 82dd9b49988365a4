#include "publishing/markdown.h"

#include <gtest/gtest.h>

namespace lede::publishing {
namespace {

TEST(MarkdownTest, RendersParagraphsHeadingsAndEmphasis) {
  const std::string html = RenderMarkdown("First paragraph.\n\n### A heading\n\nSome **bold** text.").str();
  EXPECT_NE(html.find("<p>First paragraph.</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h3>A heading</h3>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>bold</strong>"), std::string::npos) << html;
}

TEST(MarkdownTest, RendersGithubTablesAndStrikethrough) {
  const std::string html = RenderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~").str();
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>gone</del>"), std::string::npos) << html;
}

TEST(MarkdownTest, DropsRawHtmlAndDangerousLinks) {
  const std::string html = RenderMarkdown(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
      "[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [ok](https://example.org/)").str();
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://example.org/\""), std::string::npos) << html;
}

// Issue 24: readers were shown "alert(1)" from a removed inline <script>,
// and the words of a paragraph wrapped in <div style> disappeared.
TEST(MarkdownTest, Issue24ScriptAndStyleGoWithTheirContentOtherWrappersKeepTheirWords) {
  const std::string html = RenderMarkdown(
      "Before <script>alert(document.cookie)</script> after.\n\n"
      "<div style=\"color: red\">\nThe words of a pasted paragraph stay.\n</div>\n\n"
      "Styled <span style=\"font-weight:bold\" onclick=\"x()\">inline words</span> too.\n\n"
      "<style>body { display: none }</style>\n\n"
      "Inline <style>p{}</style>style too. <b>Bold</b> and <em>em</em> are kept.").str();
  for (const char* gone : {"alert", "document.cookie", "display: none", "p{}", "style=", "onclick",
                           "<script", "<style"}) {
    EXPECT_EQ(html.find(gone), std::string::npos) << gone << " in " << html;
  }
  for (const char* kept : {"Before", "after.", "The words of a pasted paragraph stay.", "inline words",
                           "style too.", "<b>Bold</b>", "<em>em</em>"}) {
    EXPECT_NE(html.find(kept), std::string::npos) << kept << " not in " << html;
  }
}

// Found by the Markdown fuzzer: cmark writes markup of its own (footnote
// sections, data- attributes, aria-label) that the allow-list does not
// know. The output now goes through the sanitiser like any body, and the
// footnotes still link both ways.
TEST(MarkdownTest, OutputIsSanitisedAndFootnotesStillLink) {
  const std::string html = RenderMarkdown("A claim.[^1]\n\n[^1]: The source.\n").str();
  EXPECT_EQ(html.find("data-"), std::string::npos) << html;
  EXPECT_EQ(html.find("<section"), std::string::npos) << html;
  EXPECT_EQ(html.find("class="), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"#fn-1\""), std::string::npos) << html;
  EXPECT_NE(html.find("<li id=\"fn-1\">"), std::string::npos) << html;
  EXPECT_NE(html.find("id=\"fnref-1\""), std::string::npos) << html;
  EXPECT_NE(html.find("rel=\"nofollow noopener\""), std::string::npos) << html;
}

TEST(MarkdownTest, UsesTypographicQuotes) {
  EXPECT_NE(RenderMarkdown("\"Quoted\" and it's").str().find("\u201cQuoted\u201d"), std::string::npos);
}

}  // namespace
}  // namespace lede::publishing
