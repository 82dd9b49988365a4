#pragma once
// What the HTML sanitiser keeps, shared by its two readers (the full HTML5
// parse and the fast reader of plain markup), so that both write exactly
// the same output for the same element.

#include <span>
#include <string>
#include <string_view>

namespace lede::publishing::html {

struct AttributeView {
  std::string_view name;   // lower case
  std::string_view value;  // character references already decoded
};

// The attributes an element may keep; nullptr for elements not kept.
struct ElementRule;
const ElementRule* RuleFor(std::string_view name);

// Whether `element` may keep `attribute` (lede's own, such as rel on links,
// are not on the list: they are written, never kept).
bool IsAllowedAttribute(std::string_view element, std::string_view attribute);

// Dropped with everything inside them: their text is not prose.
bool IsDroppedWithContent(std::string_view name);
bool IsVoid(std::string_view name);
// Blocks a browser would not nest inside <p>: it closes the <p> first.
bool IsBlock(std::string_view name);

// Writes `<name attributes...>`: the attributes `rule` keeps, URLs only when
// safe, then lede's own (rel on links, sandbox on embeds).
void AppendStartTag(std::string& out, std::string_view name, const ElementRule& rule,
                    std::span<const AttributeView> attributes);

// An id the page itself uses (main, rating...): content may not take it.
bool IsPageId(std::string_view id);
// An id content may keep: a plain anchor name that is not a page id.
bool IsSafeId(std::string_view id);

// True for URLs with no scheme (relative) or http(s)/mailto.
bool IsSafeUrl(std::string_view url);

}  // namespace lede::publishing::html
