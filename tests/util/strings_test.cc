#include "util/strings.h"

#include <gtest/gtest.h>

namespace lede::util {
namespace {

TEST(StringsTest, SlugifyTable) {
  const struct {
    std::string_view input;
    std::string_view slug;
  } kCases[] = {
      {"Seoul and Tokyo agree", "seoul-and-tokyo-agree"},
      {"  Leading and trailing  ", "leading-and-trailing"},
      {"Europe's new rules", "europes-new-rules"},
      {"Europe\u2019s new rules", "europes-new-rules"},
      {"Café Crème à Paris", "cafe-creme-a-paris"},
      {"Straße in KRAKÓW", "strasse-in-krakow"},
      {"Łódź and Gdańsk", "lodz-and-gdansk"},
      {"Ελληνικά", "ellinika"},
      {"Москва", "moskva"},
      {"Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>", "title-with-special-characters"},
      {"远征手记", "远征手记"},
      {"2026 budget: 5% rise", "2026-budget-5-rise"},
      {"---", ""},
      {"a\xff\xfe b", "a-b"},
  };
  for (const auto& test : kCases) {
    EXPECT_EQ(Slugify(test.input), test.slug) << test.input;
  }
}

// Issue #8: headlines in scripts without a transliteration got "post-11"
// slugs; they keep their letters, as WordPress does.
TEST(StringsTest, Issue8SlugsKeepLettersOfEveryScript) {
  const struct {
    std::string_view input;
    std::string_view slug;
  } kCases[] = {
      {"서울, 도쿄와 합의", "서울-도쿄와-합의"},
      {"مجلس الأمن يجتمع اليوم", "مجلس-الأمن-يجتمع-اليوم"},
      {"北京：新政策「发布」", "北京-新政策-发布"},
      {"हिन्दी समाचार", "हिन्दी-समाचार"},
      {"Seoul 서울 2026", "seoul-서울-2026"},
      {"emoji \U0001F600 only", "emoji-only"},
  };
  for (const auto& test : kCases) {
    const std::string slug = Slugify(test.input);
    EXPECT_EQ(slug, test.slug) << test.input;
    EXPECT_TRUE(IsValidSlug(slug)) << slug;
  }
  EXPECT_EQ(Slugify("서울 도쿄", 80, SlugScripts::kAscii), "");
  // Cut to a byte budget at a character boundary, still valid UTF-8.
  const std::string cut = Slugify("가나다라마바사아자차카타파하", 10);
  EXPECT_LE(cut.size(), 10u);
  EXPECT_EQ(cut, "가나다");
  EXPECT_TRUE(IsValidSlug(cut));
}

TEST(StringsTest, EncodePathSegmentEncodesAllButUnreserved) {
  EXPECT_EQ(EncodePathSegment("world-2026"), "world-2026");
  EXPECT_EQ(EncodePathSegment("서울"), "%EC%84%9C%EC%9A%B8");
  EXPECT_EQ(UrlDecode(EncodePathSegment("서울-a/b?")), "서울-a/b?");
}

TEST(StringsTest, SlugifyCutsLongTextAtAWordBoundary) {
  const std::string slug = Slugify(
      "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu "
      "is a hill", 30);
  EXPECT_LE(slug.size(), 30u);
  EXPECT_TRUE(IsValidSlug(slug)) << slug;
  EXPECT_EQ(Slugify("one two three four five six", 16), "one-two-three");
}

TEST(StringsTest, IsValidSlug) {
  EXPECT_TRUE(IsValidSlug("world"));
  EXPECT_TRUE(IsValidSlug("a-b-2"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a-"));
  EXPECT_FALSE(IsValidSlug("a--b"));
  EXPECT_FALSE(IsValidSlug("A"));
  EXPECT_FALSE(IsValidSlug("a/b"));
  EXPECT_FALSE(IsValidSlug(".."));
  EXPECT_TRUE(IsValidSlug("서울-도쿄"));
  EXPECT_FALSE(IsValidSlug("서울--도쿄"));
  EXPECT_FALSE(IsValidSlug("Éa"));      // capitals of any script
  EXPECT_FALSE(IsValidSlug("a\xff"));   // not UTF-8
  EXPECT_FALSE(IsValidSlug("a\u3001b")); // punctuation
}

TEST(StringsTest, HtmlEscapeEscapesEverySpecialCharacter) {
  EXPECT_EQ(HtmlEscape(R"(<a href="x" onclick='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

// Found by the sanitiser fuzzer: written raw, these read back as other
// characters, so sanitised markup changed when sanitised again.
TEST(StringsTest, HtmlEscapeLeavesOutWhatABrowserWouldNotReadBack) {
  EXPECT_EQ(HtmlEscape("a\rb"), "a&#13;b");
  EXPECT_EQ(HtmlEscape(std::string("a\0b\x03" "c\x7f", 7)), "abc");
  EXPECT_EQ(HtmlEscape("a\xc2\x85" "b\xc2\xa0" "c"), "ab\xc2\xa0" "c") << "C1 goes, NBSP stays";
  EXPECT_EQ(HtmlEscape("tab\tline\nfeed\f"), "tab\tline\nfeed\f");
  EXPECT_EQ(HtmlEscape("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
}

TEST(StringsTest, UrlDecode) {
  EXPECT_EQ(UrlDecode("a%20b"), "a b");
  EXPECT_EQ(UrlDecode("a+b", true), "a b");
  EXPECT_EQ(UrlDecode("a+b", false), "a+b");
  EXPECT_EQ(UrlDecode("%2e%2E%2f"), "../");
  EXPECT_FALSE(UrlDecode("%"));
  EXPECT_FALSE(UrlDecode("%4"));
  EXPECT_FALSE(UrlDecode("%zz"));
  EXPECT_FALSE(UrlDecode("a%00b"));
}

TEST(StringsTest, NormalizePath) {
  EXPECT_EQ(NormalizePath("//greek/%ce%b5-2/"), "/greek/%CE%B5-2/");
  EXPECT_EQ(NormalizePath("/a//b///c/"), "/a/b/c/");
  EXPECT_EQ(NormalizePath("/plain/"), "/plain/");
  EXPECT_EQ(NormalizePath("/trailing%"), "/trailing%");
}

TEST(StringsTest, ParseIntRejectsPartialNumbers) {
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt("-7"), -7);
  EXPECT_FALSE(ParseInt(""));
  EXPECT_FALSE(ParseInt("4x"));
  EXPECT_FALSE(ParseInt(" 4"));
  EXPECT_FALSE(ParseInt("99999999999999999999"));
}

TEST(StringsTest, TrimAndSplit) {
  EXPECT_EQ(Trim("\n\t x y \r\n"), "x y");
  EXPECT_EQ(Split("a,,b", ',').size(), 3u);
}

TEST(StringsTest, CleanTextKeepsWhatAPersonMeant) {
  using namespace std::string_literals;
  const struct {
    std::string in, out;
  } kCases[] = {
      {"plain words", "plain words"},
      {"tab\tand\nnewline", "tab\tand\nnewline"},
      {"crlf\r\nand lone\rcr", "crlf\nand lone\ncr"},
      {"nul\0byte"s, "nulbyte"},
      {"bell\a escape\x1b[31m del\x7f", "bell escape[31m del"},
      {"c1 \xC2\x85" "next \xC2\x9F" "end", "c1 next end"},
      {"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0"},
      {"bad \xFF\xC3 byte", "bad \xEF\xBF\xBD\xEF\xBF\xBD byte"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const auto& test : kCases) EXPECT_EQ(CleanText(test.in), test.out) << test.in;
  EXPECT_TRUE(IsUtf8(CleanText("\x80\x81\xFE\xFF")));
}

TEST(StringsTest, IsUtf8AcceptsWholeSequencesOnly) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("Caf\xC3\xA9 \xE2\x80\x94 ok"));
  EXPECT_FALSE(IsUtf8("\xFF"));
  EXPECT_FALSE(IsUtf8("cut \xC3"));
  EXPECT_FALSE(IsUtf8("\xED\xA0\x80"));  // a surrogate
}

TEST(StringsTest, DecodeUtf8IsStrictAndAppendUtf8IsItsInverse) {
  for (char32_t code : {U'a', U'\u00e9', U'\u20ac', U'\U0001F4F0', U'\U0010FFFF'}) {
    std::string text;
    AppendUtf8(text, code);
    const auto decoded = DecodeUtf8(text, 0);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->code, code);
    EXPECT_EQ(decoded->length, text.size());
  }
  for (std::string_view bad : {"\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                               "\xF8\x88\x80\x80\x80", "\xC3", "\xE2\x82", "\xC3("}) {
    EXPECT_FALSE(DecodeUtf8(bad, 0)) << "accepted " << ::testing::PrintToString(std::string(bad));
  }
  EXPECT_EQ(DecodeUtf8("x\xC3\xA9", 1)->length, 2u);
}

}  // namespace
}  // namespace lede::util
