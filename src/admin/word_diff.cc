#include "admin/word_diff.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "util/strings.h"

namespace lede::admin {
namespace {

constexpr std::size_t kMaxWords = 20'000;
// The most words changed between two texts that are diffed word by word.
// Myers' walk costs (n + m) x edits in time and edits^2 in memory; past
// this, two texts are shown as replaced whole, so a revisions page stays
// fast whatever an editor pasted over a 7,000-word story.
constexpr int kMaxEdits = 2'000;

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

// One step of an edit script: keep a word, remove a[before], add b[after].
struct Step {
  DiffPiece::Kind kind;
  std::size_t before;
  std::size_t after;
};

// Myers' O(ND) shortest edit script (An O(ND) Difference Algorithm and Its
// Variations, 1986), keeping each round's furthest reaches to walk back
// from the end. nullopt past kMaxEdits.
std::optional<std::vector<Step>> ShortestEdit(const std::vector<int>& a, const std::vector<int>& b) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int most = std::min(n + m, kMaxEdits);
  // reach[k + most]: the furthest x on diagonal k (y = x - k) so far.
  std::vector<int> reach(2 * static_cast<std::size_t>(most) + 3, 0);
  const int offset = most + 1;
  // Round d's reaches on diagonals -d..d, for the walk back.
  std::vector<std::vector<int>> rounds;
  for (int d = 0; d <= most; ++d) {
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && reach[k - 1 + offset] < reach[k + 1 + offset]))
                  ? reach[k + 1 + offset]       // down: a word of b added
                  : reach[k - 1 + offset] + 1;  // right: a word of a removed
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      reach[k + offset] = x;
      if (x >= n && y >= m) {
        rounds.emplace_back(reach.begin() + (offset - d), reach.begin() + (offset + d + 1));
        // Walk back from (n, m) through the rounds.
        std::vector<Step> steps;
        int cx = n, cy = m;
        for (int round = d; round > 0; --round) {
          const auto& previous = rounds[static_cast<std::size_t>(round - 1)];
          auto at = [&](int diagonal) { return previous[static_cast<std::size_t>(diagonal + round - 1)]; };
          const int ck = cx - cy;
          const bool down = ck == -round || (ck != round && at(ck - 1) < at(ck + 1));
          const int pk = down ? ck + 1 : ck - 1;
          const int px = at(pk);
          const int py = px - pk;
          const int sx = down ? px : px + 1;  // where this round's snake began
          while (cx > sx) steps.push_back({DiffPiece::Kind::kSame, static_cast<std::size_t>(--cx),
                                           static_cast<std::size_t>(--cy)});
          if (down) {
            steps.push_back({DiffPiece::Kind::kAdded, 0, static_cast<std::size_t>(py)});
          } else {
            steps.push_back({DiffPiece::Kind::kRemoved, static_cast<std::size_t>(px), 0});
          }
          cx = px;
          cy = py;
        }
        while (cx > 0) steps.push_back({DiffPiece::Kind::kSame, static_cast<std::size_t>(--cx),
                                        static_cast<std::size_t>(--cy)});
        std::reverse(steps.begin(), steps.end());
        return steps;
      }
    }
    rounds.emplace_back(reach.begin() + (offset - d), reach.begin() + (offset + d + 1));
  }
  return std::nullopt;
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
  // Words as numbers, so the walk below compares integers.
  std::unordered_map<std::string_view, int> numbers;
  std::vector<int> x_words(n), y_words(m);
  for (std::size_t i = 0; i < n; ++i) {
    x_words[i] = numbers.try_emplace(Word(a[prefix + i]), static_cast<int>(numbers.size())).first->second;
  }
  for (std::size_t j = 0; j < m; ++j) {
    y_words[j] = numbers.try_emplace(Word(b[prefix + j]), static_cast<int>(numbers.size())).first->second;
  }
  const auto script = n > kMaxWords || m > kMaxWords ? std::nullopt : ShortestEdit(x_words, y_words);
  if (!script) {
    // Too far apart to be worth a word-by-word account: all out, all in.
    for (std::size_t i = 0; i < n; ++i) Add(pieces, DiffPiece::Kind::kRemoved, a[prefix + i]);
    for (std::size_t j = 0; j < m; ++j) Add(pieces, DiffPiece::Kind::kAdded, b[prefix + j]);
  } else {
    for (const Step& step : *script) {
      switch (step.kind) {
        case DiffPiece::Kind::kSame: Add(pieces, step.kind, b[prefix + step.after]); break;
        case DiffPiece::Kind::kRemoved: Add(pieces, step.kind, a[prefix + step.before]); break;
        case DiffPiece::Kind::kAdded: Add(pieces, step.kind, b[prefix + step.after]); break;
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
