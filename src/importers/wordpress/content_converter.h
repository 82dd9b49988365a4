#pragma once
// WordPress post content to lede article HTML. Handles what WordPress would
// have done at display time: block comments, shortcodes ([caption],
// [embed], [gallery], others), bare embed URLs and wpautop paragraphs.
// The result still goes through publishing::SanitizeHtml when saved.

#include <string>
#include <string_view>
#include <vector>

namespace lede::importers::wordpress {

struct ConvertedContent {
  std::string html;
  // From a "Quick Look(s)" heading followed by a list, which is removed
  // from the body along with a following "Deep Look" heading.
  std::vector<std::string> quick_looks;
  std::vector<std::string> warnings;
};

ConvertedContent ConvertContent(std::string_view content);

// WordPress's wpautop: blank lines separate paragraphs, single newlines
// become <br>, block-level markup is left unwrapped.
std::string AutoParagraphs(std::string_view text);

}  // namespace lede::importers::wordpress
