#include "admin/word_diff.h"

#include <algorithm>

#include "util/strings.h"

namespace lede::admin {
namespace {

constexpr std::size_t kMaxWords = 20'000;

// Words with the white space that follows each, so joining them gives the
// text back exactly.
std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    tokens.push_back(text.substr(start, end - start));
    start = end;
  }
  return tokens;
}

std::string_view Word(std::string_view token) { return util::Trim(token); }

void Add(std::vector<DiffPiece>& pieces, DiffPiece::Kind kind, std::string_view text) {
  if (text.empty()) return;
  if (!pieces.empty() && pieces.back().kind == kind) {
    pieces.back().text += text;
  } else {
    pieces.push_back({kind, std::string(text)});
  }
}

}  // namespace

std::vector<DiffPiece> DiffWords(std::string_view before, std::string_view after) {
  std::vector<DiffPiece> pieces;
  if (before == after) {
    Add(pieces, DiffPiece::Kind::kSame, before);
    return pieces;
  }
  const auto a = Tokens(before);
  const auto b = Tokens(after);
  // Common prefix and suffix first: most edits touch a small part.
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  for (std::size_t i = 0; i < prefix; ++i) Add(pieces, DiffPiece::Kind::kSame, a[i]);
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  if (n > kMaxWords || m > kMaxWords || n * m > 50'000'000) {
    for (std::size_t i = 0; i < n; ++i) Add(pieces, DiffPiece::Kind::kRemoved, a[prefix + i]);
    for (std::size_t j = 0; j < m; ++j) Add(pieces, DiffPiece::Kind::kAdded, b[prefix + j]);
  } else {
    // lcs[i][j]: the longest common run of a[i..] and b[j..], by word.
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] = Word(a[prefix + i]) == Word(b[prefix + j])
                        ? lcs[i + 1][j + 1] + 1
                        : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && Word(a[prefix + i]) == Word(b[prefix + j])) {
        Add(pieces, DiffPiece::Kind::kSame, b[prefix + j]);
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // On a tie the old words go first: a reader sees what was replaced
        // before what replaced it.
        Add(pieces, DiffPiece::Kind::kRemoved, a[prefix + i++]);
      } else {
        Add(pieces, DiffPiece::Kind::kAdded, b[prefix + j++]);
      }
    }
  }
  for (std::size_t k = b.size() - suffix; k < b.size(); ++k) Add(pieces, DiffPiece::Kind::kSame, b[k]);
  return pieces;
}

std::string DiffHtml(const std::vector<DiffPiece>& pieces) {
  std::string html;
  for (const auto& piece : pieces) {
    switch (piece.kind) {
      case DiffPiece::Kind::kSame: util::AppendHtmlEscaped(html, piece.text); break;
      case DiffPiece::Kind::kAdded:
        html += "<ins>";
        util::AppendHtmlEscaped(html, piece.text);
        html += "</ins>";
        break;
      case DiffPiece::Kind::kRemoved:
        html += "<del>";
        util::AppendHtmlEscaped(html, piece.text);
        html += "</del>";
        break;
    }
  }
  return html;
}

}  // namespace lede::admin
