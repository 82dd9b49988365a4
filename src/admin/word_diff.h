#pragma once
// A word-level diff of two texts, for showing what a revision changed.

#include <string>
#include <string_view>
#include <vector>

namespace lede::admin {

struct DiffPiece {
  enum class Kind { kSame, kAdded, kRemoved };
  Kind kind;
  std::string text;  // words with the spaces between them
};

// The pieces that turn `before` into `after`, words compared exactly
// (longest common subsequence); runs of one kind are merged. Texts longer
// than 20,000 words are compared as one piece each (bounded work).
std::vector<DiffPiece> DiffWords(std::string_view before, std::string_view after);

// The diff as HTML: text escaped, <ins> and <del> around changes.
std::string DiffHtml(const std::vector<DiffPiece>& pieces);

}  // namespace lede::admin
