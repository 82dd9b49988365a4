#pragma once
// A fast reader for the plain markup most article bodies are made of:
// paragraphs, headings, lists, quotes, figures, links and inline emphasis,
// each element closed where it was opened. For such input the HTML5 parse is
// exactly the nesting as written, so the sanitiser's output can be written
// without building a tree, several times faster than the full parse.
//
// Anything else is declined, and the caller parses it in full: elements
// outside a small known set (tables, iframes, anything dropped), comments,
// end tags a browser would have to imply or ignore, blocks inside
// paragraphs, unquoted attributes, character references not known here,
// control characters, CR and bytes that are not UTF-8. Tests hold both
// readers to the same output on every input the fast one accepts.

#include <optional>
#include <string>
#include <string_view>

namespace lede::publishing {

// What SanitizeHtml would make of `html`, when `html` is plain; else nullopt.
std::optional<std::string> SanitizePlainHtml(std::string_view html);

// The text of `html` when it holds no markup (only text and character
// references), references decoded and nothing else changed; else nullopt.
std::optional<std::string> DecodePlainText(std::string_view html);

}  // namespace lede::publishing
