#pragma once
// WordPress post content to lede article HTML. Handles what WordPress would
// have done at display time: block comments, shortcodes ([caption],
// [embed], [gallery], others), bare embed URLs and wpautop paragraphs.
// The result still goes through publishing::SanitizeHtml when saved.

#include <functional>
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

// A picture of a [gallery], from the export's attachments.
struct GalleryImage {
  std::string url;
  std::string alt;
  std::string caption;
};

// Finds a [gallery]'s pictures from its attributes ("ids=\"1,2\"", or
// none: the post's own attachments). Called from worker threads.
using GalleryLookup = std::function<std::vector<GalleryImage>(std::string_view attributes)>;

// Without a lookup (or when it finds nothing) a [gallery] is left out with
// a warning.
ConvertedContent ConvertContent(std::string_view content, const GalleryLookup& gallery = {});

// WordPress's wpautop: blank lines separate paragraphs, single newlines
// become <br>, block-level markup is left unwrapped.
std::string AutoParagraphs(std::string_view text);

}  // namespace lede::importers::wordpress
