#pragma once
// Two editors on one article. When a save starts from a version older than
// the stored one, each field is compared three ways: the version the
// editor opened (the base, from its revision), what a colleague saved
// since (theirs) and what the editor sends (mine). A field only the
// colleague changed takes their text (and the editor is told); one only
// the editor changed keeps the editor's; one both changed, to different
// texts, is a conflict the editor settles field by field. Without
// a base (an imported article has no revisions; section, tags, bylines,
// top story and the lead image are not in revisions) any difference is a
// conflict. So nothing a colleague saved disappears unseen. Pure functions.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace lede::publishing {

struct ArticleInput;  // publishing/editorial.h

struct FieldMerge {
  enum class Outcome {
    kTookTheirs,  // only the colleague changed it: theirs is in `mine` now
    kConflict,    // both changed it differently: the editor chooses
  };
  std::string_view field;  // "headline", "quick_looks", "lead_image"...
  std::string_view label;  // "Headline", "Quick Looks", "Lead image"...
  Outcome outcome;
  std::string theirs;  // the field as text, for showing a diff
  std::string mine;
};

// Applies to `mine` each field only the colleague changed since `base`, and
// returns those fields and the conflicts, in the form's order.
std::vector<FieldMerge> MergeEdits(const std::optional<store::RevisionText>& base,
                                   const ArticleInput& theirs, ArticleInput& mine);

// Sets each field of `mine` named in `fields` to theirs (the editor chose
// their version). Unknown names are ignored.
void TakeTheirs(ArticleInput& mine, const ArticleInput& theirs, const std::set<std::string>& fields);

// The names MergeEdits and TakeTheirs know, in the form's order.
std::vector<std::string_view> MergeableFields();

}  // namespace lede::publishing
