#pragma once
// The rules both engines' FindRelated follow (store::SearchStore): which of
// an article's words and tags count as distinctive, and how many
// candidates are scored.

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace lede::store::sql::related {

inline constexpr std::size_t kTerms = 8;     // its rarest words asked for
inline constexpr std::size_t kCounted = 12;  // words whose rarity is counted (the longest)
// Matches scored, the newest: four are shown, and what shares a rare word
// or a rare tag is few.
inline constexpr int kCandidates = 100;

// A word or tag held by this many indexed articles or more is common: more
// than one in 20 (or, on a small site, more than 5; on a large one, 500 or
// more). Counting can stop there, so a common word costs no more than a
// rare one.
inline std::int64_t CommonFrom(std::int64_t indexed) {
  constexpr std::int64_t kCommonAtMost = 500;
  return std::min<std::int64_t>(std::max<std::int64_t>(5, indexed / 20) + 1, kCommonAtMost);
}

}  // namespace lede::store::sql::related
