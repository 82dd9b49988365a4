#include "publishing/quick_look_suggester.h"

#include <gtest/gtest.h>

#include <set>
#include <unordered_set>

#include "content/quick_looks.h"
#include "demo/stories.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

TEST(QuickLookSuggesterTest, SplitsSentencesButNotAbbreviationsOrNumbers) {
  const auto sentences = SplitSentences(
      "Dr. Kim arrived at 9.30 in the U.S. capital. \"It works.\" She left! Did it?\n\n"
      "Heading\n\nLast one 3.5 per cent. 서울에 도착했다。다음");
  const std::vector<std::string> expected = {
      "Dr. Kim arrived at 9.30 in the U.S. capital.", "\"It works.\"", "She left!", "Did it?",
      "Heading", "Last one 3.5 per cent.", "서울에 도착했다。", "다음"};
  EXPECT_EQ(sentences, expected);
}

TEST(QuickLookSuggesterTest, ShortensAtAClauseBoundary) {
  const std::string long_sentence =
      "The agreement, signed on Tuesday after five years of talks between the four "
      "governments, also creates a joint board that will inspect every vessel before it "
      "carries passengers, and it caps fares for a year while the routes find their feet.";
  const std::string short_one = ShortenToClause(long_sentence, 120);
  EXPECT_LE(content::CountCharacters(short_one), 120u);
  EXPECT_EQ(short_one.back(), '.');
  EXPECT_EQ(short_one.find(" and."), std::string::npos);
  EXPECT_EQ(ShortenToClause("Short.", 200), "Short.");
}

TEST(QuickLookSuggesterTest, SuggestsThreeToFiveBulletsInBodyOrder) {
  std::string body;
  for (int i = 0; i < 12; ++i) {
    body += "Sentence number " + std::to_string(i) + " talks about ferries and harbours and "
            "fares in the port city. ";
  }
  body += "Completely different words about bread.";
  const auto suggestions = SuggestQuickLooks(body, "Ferries return");
  ASSERT_GE(suggestions.size(), 3u);
  ASSERT_LE(suggestions.size(), 5u);
  for (std::size_t i = 1; i < suggestions.size(); ++i) {
    EXPECT_LT(suggestions[i - 1].sentence, suggestions[i].sentence);
  }
  for (const auto& suggestion : suggestions) {
    EXPECT_LE(content::CountCharacters(suggestion.text), 200u);
  }
  EXPECT_TRUE(SuggestQuickLooks("", "x").empty());
}

// The content words two texts share, over those of the shorter.
double Overlap(std::string_view a, std::string_view b) {
  auto words = [](std::string_view text) {
    std::set<std::string> out;
    std::string word;
    for (char ch : text) {
      if (std::isalnum(static_cast<unsigned char>(ch))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      } else {
        if (word.size() > 3) out.insert(word);
        word.clear();
      }
    }
    if (word.size() > 3) out.insert(word);
    return out;
  };
  const auto x = words(a), y = words(b);
  std::size_t shared = 0;
  for (const auto& w : x) shared += y.count(w);
  const std::size_t smaller = std::min(x.size(), y.size());
  return smaller == 0 ? 0 : static_cast<double>(shared) / static_cast<double>(smaller);
}

// The demo's bullets were written by a person. The sentence of a story's
// own paragraphs that best matches one of them is one that person drew on;
// a suggestion "hits" when it comes from such a sentence. The figure is in
// bench/RESULTS.md (quick_looks_bench); this keeps it from falling.
TEST(QuickLookSuggesterTest, OnTheDemoItPicksSentencesAPersonDrewOn) {
  int stories = 0, with_hit = 0, suggested = 0, hits = 0;
  for (const auto& story : demo::Stories()) {
    // The story's own paragraphs, then its section's background, as the
    // demo's Deep Look has them.
    std::string markdown(story.lede);
    for (const auto& paragraph : demo::Sections()[story.section].background) {
      markdown += "\n\n";
      markdown += paragraph;
    }
    const std::string body = PlainTextOfMarkdown(markdown);
    const auto sentences = SplitSentences(body);
    std::unordered_set<std::size_t> gold;
    for (const auto& bullet : story.quick_looks) {
      std::size_t best = 0;
      double best_overlap = 0;
      for (std::size_t i = 0; i < sentences.size(); ++i) {
        const double overlap = Overlap(bullet, sentences[i]);
        if (overlap > best_overlap) best_overlap = overlap, best = i;
      }
      if (best_overlap > 0) gold.insert(best);
    }
    if (gold.empty()) continue;
    ++stories;
    const auto suggestions = SuggestQuickLooks(body, story.headline);
    bool any = false;
    for (const auto& suggestion : suggestions) {
      ++suggested;
      if (gold.contains(suggestion.sentence)) ++hits, any = true;
    }
    with_hit += any;
  }
  ASSERT_GT(stories, 20);
  EXPECT_GE(with_hit * 10, stories * 7) << with_hit << " of " << stories;
  RecordProperty("stories", stories);
  RecordProperty("stories_with_a_hit", with_hit);
  RecordProperty("hits", hits);
  RecordProperty("suggested", suggested);
}

}  // namespace
}  // namespace lede::publishing
