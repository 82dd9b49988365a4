#include "publishing/html_sanitizer.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "publishing/html_allow_list.h"
#include "support/html_safety.h"
#include "support/test_util.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

TEST(HtmlSanitizerTest, Table) {
  const struct {
    std::string_view input;
    std::string_view output;
  } kCases[] = {
      {"<p>Hello <strong>world</strong></p>", "<p>Hello <strong>world</strong></p>"},
      {"<script>alert(1)</script><p>ok</p>", "<p>ok</p>"},
      {"<p onclick=\"x()\" class=\"c\" style=\"color:red\">t</p>", "<p>t</p>"},
      {"<a href=\"javascript:alert(1)\">x</a>", "<a rel=\"nofollow noopener\">x</a>"},
      {"<a href=\" JaVa\tScRiPt:alert(1)\">x</a>", "<a rel=\"nofollow noopener\">x</a>"},
      {"<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>",
       "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener\">x</a>"},
      {"<a href=\"/local/path:with-colon\">x</a>",
       "<a href=\"/local/path:with-colon\" rel=\"nofollow noopener\">x</a>"},
      {"<img src=\"data:text/html,<script>\" alt=\"a\">", "<img alt=\"a\">"},
      {"<img src=x onerror=alert(1)>", "<img src=\"x\">"},
      {"<h1>Title</h1>", "<h2>Title</h2>"},
      {"<custom-tag>kept text</custom-tag>", "kept text"},
      {"<font color=red>old</font>", "old"},
      {"<style>p{}</style><svg><script>x</script></svg>after", "after"},
      {"<iframe src=\"https://evil.example/\"></iframe>", ""},
      {"<iframe src=\"https://www.youtube.com/embed/abc\" onload=\"x\"></iframe>",
       "<iframe src=\"https://www.youtube.com/embed/abc\" sandbox=\"allow-scripts "
       "allow-same-origin allow-presentation\" loading=\"lazy\"></iframe>"},
      {"<p>unclosed <b>bold", "<p>unclosed <b>bold</b></p>"},
      {"a < b &amp; c", "a &lt; b &amp; c"},
      {"<!-- comment --><p>x</p>", "<p>x</p>"},
      {"<table><tr><td colspan=2 onclick=x>c</td></tr></table>",
       "<table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table>"},
      {"<form><input value=x><button>b</button></form>text", "text"},
  };
  for (const auto& test : kCases) {
    EXPECT_EQ(SanitizeHtml(test.input).str(), test.output) << test.input;
  }
}

// Walks parsed output and records anything unsafe.
void Inspect(const GumboNode* node, std::vector<std::string>& problems) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  static const std::set<std::string> kAllowed = {
      "html", "head", "body", "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i",
      "u", "s", "del", "ins", "sub", "sup", "mark", "small", "blockquote", "q", "cite", "code",
      "pre", "kbd", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
      "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "abbr", "span",
      "div", "time", "iframe"};
  const std::string name = gumbo_normalized_tagname(element.tag);
  if (!kAllowed.count(name)) problems.push_back("element " + name);
  if (name == "iframe") {
    const GumboAttribute* src = gumbo_get_attribute(&element.attributes, "src");
    if (!src || !IsAllowedEmbed(src->value)) problems.push_back("iframe");
  }
  testing::CheckAttributes(element, problems);
  for (unsigned i = 0; i < element.children.length; ++i) {
    Inspect(static_cast<const GumboNode*>(element.children.data[i]), problems);
  }
}

TEST(HtmlSanitizerTest, ContentCannotTakeThePagesOwnIds) {
  // Both readers: the fast one for plain markup, and the full parse.
  for (const std::string tail : {"", "<p>x<span>y</span></p><!-- c -->"}) {
    const auto starts = [&](const std::string& in, std::string_view out) {
      const std::string html = SanitizeHtml(in + tail).str();
      EXPECT_TRUE(html.starts_with(out)) << in << tail << " -> " << html;
    };
    starts("<h2 id=\"main\">A</h2>", "<h2>A</h2>");
    starts("<h2 id=\"rating\">A</h2>", "<h2>A</h2>");
    starts("<h3 id=\"x y\">A</h3>", "<h3>A</h3>");
    starts("<h3 id=\"1st\">A</h3>", "<h3>A</h3>");
    starts("<h2 id=\"background\">A</h2>", "<h2 id=\"background\">A</h2>");
  }
}

// Inputs the fuzzer found (tests/fuzz/html_sanitizer_fuzzer.cc): each came
// out as markup that changed when sanitised again.
TEST(HtmlSanitizerTest, SanitisingTwiceChangesNothing) {
  for (const std::string& input :
       {std::string("<p>&#xD;a&#3;b&#x85;c\rd</p>"),
        std::string("<figure><iframe src=\"https://www.youtube.com/embed/abc\">&lt;sc/ript&gt;</iframe></figure>"),
        std::string("<p>&nbs\xc4\xc4p; &bogus; &#5; &#xD800;</p>"),
        std::string("s<h2 <wo<A>ere/<hdiv><h1 id=\"main\"e>aHd<+h2><ul>i>a<li>a"),
        std::string("<p>&lt;<ul><li>&amp;&>a<li>a<li>bgt;<table>#39;&#x4fiand <a h?ref=\"x\">Head</h2><ul>"
                    "i>a<li>b")}) {
    const std::string once = SanitizeHtml(input).str();
    EXPECT_EQ(SanitizeHtml(once).str(), once) << input;
  }
  EXPECT_EQ(SanitizeHtml("<iframe src=\"https://www.youtube.com/embed/abc\">fallback</iframe>").str(),
            "<iframe src=\"https://www.youtube.com/embed/abc\" sandbox=\"allow-scripts "
            "allow-same-origin allow-presentation\" loading=\"lazy\"></iframe>");
}

TEST(HtmlSanitizerTest, EveryIdThePublicThemeWritesIsReserved) {
  const std::filesystem::path theme = std::filesystem::path(LEDE_SOURCE_DIR) / "themes/default";
  const std::regex id_attribute(R"re(\bid="([^"{]+)")re");
  int seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(theme)) {
    if (entry.path().extension() != ".mustache") continue;
    if (entry.path().string().find("admin") != std::string::npos) continue;
    const std::string text = testing::ReadFile(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), id_attribute), end; it != end; ++it) {
      ++seen;
      EXPECT_TRUE(html::IsPageId((*it)[1].str()))
          << (*it)[1] << " in " << entry.path() << " is not in kPageIds (html_allow_list.cc)";
    }
  }
  EXPECT_GT(seen, 10);
}

TEST(HtmlSanitizerTest, EveryPayloadOfTheXssListComesOutInert) {
  SKIP_WITHOUT_SHARED();
  std::ifstream list(LEDE_SHARED_DIR "/testdata/xss/xss-payload-list.txt");
  ASSERT_TRUE(list) << "../shared/testdata/xss/xss-payload-list.txt is missing";
  std::string payload;
  int checked = 0;
  while (std::getline(list, payload)) {
    // Each payload as a whole body, and wrapped in ordinary markup.
    for (const std::string& html : {payload, "<p>Before " + payload + " after</p><div>" + payload}) {
      const std::string clean = SanitizeHtml(html).str();
      GumboOutput* parsed = gumbo_parse(clean.c_str());
      std::vector<std::string> problems;
      Inspect(parsed->root, problems);
      gumbo_destroy_output(&kGumboDefaultOptions, parsed);
      ASSERT_TRUE(problems.empty()) << "payload: " << payload << "\noutput: " << clean
                                    << "\nproblem: " << problems.front();
      // Sanitising is idempotent: clean output passes through unchanged.
      ASSERT_EQ(SanitizeHtml(clean).str(), clean) << payload;
    }
    ++checked;
  }
  EXPECT_GT(checked, 6000);
}

}  // namespace
}  // namespace lede::publishing
