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

}  // namespace
}  // namespace lede::admin
