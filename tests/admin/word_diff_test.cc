#include "admin/word_diff.h"

#include <gtest/gtest.h>

namespace lede::admin {
namespace {

std::string Render(std::string_view before, std::string_view after) {
  return DiffHtml(DiffWords(before, after));
}

TEST(WordDiffTest, MarksChangedWordsOnly) {
  EXPECT_EQ(Render("the ferry left at dawn", "the ferry left at dusk"),
            "the ferry left at <del>dawn</del><ins>dusk</ins>");
  EXPECT_EQ(Render("a b c", "a x b c"), "a <ins>x </ins>b c");
  EXPECT_EQ(Render("a b c", "a c"), "a <del>b </del>c");
  EXPECT_EQ(Render("same", "same"), "same");
  EXPECT_EQ(Render("", "new words"), "<ins>new words</ins>");
  EXPECT_EQ(Render("old words", ""), "<del>old words</del>");
}

TEST(WordDiffTest, EscapesWhatItShows) {
  EXPECT_EQ(Render("<b>x</b>", "<script>alert(1)</script>"),
            "<del>&lt;b&gt;x&lt;/b&gt;</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>");
}

TEST(WordDiffTest, JoiningThePiecesGivesBothTextsBack) {
  const std::string before = "One two three.\n\nFour five six seven.";
  const std::string after = "One three.\n\nFour five, six and seven!";
  std::string old_text, new_text;
  for (const auto& piece : DiffWords(before, after)) {
    if (piece.kind != DiffPiece::Kind::kAdded) old_text += piece.text;
    if (piece.kind != DiffPiece::Kind::kRemoved) new_text += piece.text;
  }
  EXPECT_EQ(new_text, after);
  // The old side may differ only in spacing after a word kept from the new.
  EXPECT_EQ(old_text.size(), before.size());
}

std::string Words(int count, int seed) {
  std::string text;
  unsigned state = static_cast<unsigned>(seed) * 2654435761u + 1;
  for (int i = 0; i < count; ++i) {
    state = state * 1103515245u + 12345u;
    text += "w" + std::to_string((state >> 8) % 5000) + (i % 12 == 11 ? ".\n\n" : " ");
  }
  return text;
}

// Issue 24: three 7,000-word revisions cost 4.2 s and 118 MB on one page.
TEST(WordDiffTest, Issue24ASevenThousandWordStoryWithAFewEditsShowsJustThem) {
  const std::string before = Words(7000, 1);
  std::string after = before;
  for (const std::size_t at : {std::size_t{100}, std::size_t{20000}, std::size_t{40000}}) {
    after.insert(after.find(' ', at) + 1, "INSERTED ");
  }
  int added = 0, removed = 0;
  std::string rebuilt;
  for (const auto& piece : DiffWords(before, after)) {
    if (piece.kind == DiffPiece::Kind::kAdded) {
      ++added;
      EXPECT_EQ(piece.text, "INSERTED ");
    }
    if (piece.kind == DiffPiece::Kind::kRemoved) ++removed;
    if (piece.kind != DiffPiece::Kind::kRemoved) rebuilt += piece.text;
  }
  EXPECT_EQ(added, 3);
  EXPECT_EQ(removed, 0);
  EXPECT_EQ(rebuilt, after);
}

TEST(WordDiffTest, Issue24TwoUnrelatedLongTextsAreShownAsReplacedWhole) {
  const std::string before = Words(7000, 1);
  const std::string after = Words(7000, 2);
  const auto pieces = DiffWords(before, after);
  std::string old_text, new_text;
  for (const auto& piece : pieces) {
    if (piece.kind != DiffPiece::Kind::kAdded) old_text += piece.text;
    if (piece.kind != DiffPiece::Kind::kRemoved) new_text += piece.text;
  }
  EXPECT_EQ(new_text, after);
  EXPECT_EQ(old_text, before);
  EXPECT_LE(pieces.size(), 4u) << "past the edit bound: out whole, in whole";
}

TEST(WordDiffTest, ManyRandomEditsGiveBothTextsBack) {
  for (int seed = 0; seed < 50; ++seed) {
    const std::string before = Words(40 + seed * 7, seed);
    std::string after = Words(40 + seed * 5, seed + 1000);
    after = before.substr(0, before.size() / 3) + after.substr(0, after.size() / 2) +
            before.substr(before.size() / 2);
    std::string new_text;
    std::size_t old_size = 0;
    for (const auto& piece : DiffWords(before, after)) {
      if (piece.kind != DiffPiece::Kind::kAdded) old_size += piece.text.size();
      if (piece.kind != DiffPiece::Kind::kRemoved) new_text += piece.text;
    }
    EXPECT_EQ(new_text, after) << seed;
    EXPECT_NEAR(static_cast<double>(old_size), static_cast<double>(before.size()), 40.0) << seed;
  }
}

}  // namespace
}  // namespace lede::admin
