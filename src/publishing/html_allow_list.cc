#include "publishing/html_allow_list.h"

#include <array>

#include "publishing/html_sanitizer.h"
#include "util/strings.h"

namespace lede::publishing::html {

struct ElementRule {
  std::string_view name;
  std::array<std::string_view, 5> attributes;
};

namespace {

// Elements kept, with the attributes each may keep.
constexpr ElementRule kAllowed[] = {
    {"p", {}},          {"br", {}},          {"h2", {"id"}},     {"h3", {"id"}},
    {"h4", {"id"}},     {"h5", {"id"}},      {"h6", {"id"}},     {"strong", {}},
    {"b", {}},          {"em", {}},          {"i", {}},          {"u", {}},
    {"s", {}},          {"del", {}},         {"ins", {}},        {"sub", {}},
    {"sup", {"id"}},        {"mark", {}},        {"small", {}},      {"blockquote", {"cite"}},
    {"q", {"cite"}},    {"cite", {}},        {"code", {}},       {"pre", {}},
    {"kbd", {}},        {"ul", {}},          {"ol", {"start", "reversed"}},
    {"li", {"id"}},         {"dl", {}},          {"dt", {}},         {"dd", {}},
    {"a", {"href", "title", "id"}},  // rel is always ours: nofollow noopener
    {"img", {"src", "alt", "width", "height", "title"}},
    {"figure", {}},     {"figcaption", {}},  {"table", {}},      {"thead", {}},
    {"tbody", {}},      {"tfoot", {}},       {"tr", {}},         {"th", {"colspan", "rowspan", "scope"}},
    {"td", {"colspan", "rowspan"}},          {"caption", {}},    {"hr", {}},
    {"abbr", {"title"}}, {"span", {}},       {"div", {}},        {"time", {"datetime"}},
    {"iframe", {"src", "width", "height", "title", "allowfullscreen"}},
};

constexpr std::string_view kDroppedWithContent[] = {
    "script", "style", "noscript", "template", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "option", "svg", "math", "frame",
    "frameset", "noframes", "title", "head", "link", "meta", "base", "audio", "video",
    "source", "track", "canvas", "map", "area", "xmp", "plaintext", "noembed", "param",
    "dialog", "portal"};

constexpr std::string_view kVoidElements[] = {"br", "hr", "img"};

// The ids the public pages give their own parts. Content that took one
// would capture the page's links to it ("skip to content" goes to #main,
// the rating block is #rating) and confuse scripts that look it up.
// tests/publishing/html_sanitizer_test.cc checks every id the default
// theme writes is here.
constexpr std::string_view kPageIds[] = {
    "main", "rating", "rating-title", "rating-feedback-text", "rating-feedback-error",
    "deep-look-title", "quick-looks-title", "latest-title", "more-title", "related-title",
    "top-rated-title", "top-stories-title", "masthead-q", "search-error", "search-from",
    "search-latest", "search-q", "search-section", "search-to", "editor",
    "rating_structured_data"};

constexpr std::string_view kBlockElements[] = {
    "p", "div", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote",
    "figure", "figcaption", "pre", "hr"};

bool Contains(const auto& list, std::string_view name) {
  for (std::string_view item : list) {
    if (item == name) return true;
  }
  return false;
}

}  // namespace

const ElementRule* RuleFor(std::string_view name) {
  for (const auto& rule : kAllowed) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

bool IsAllowedAttribute(std::string_view element, std::string_view attribute) {
  const ElementRule* rule = RuleFor(element);
  return rule && Contains(rule->attributes, attribute);
}

bool IsDroppedWithContent(std::string_view name) { return Contains(kDroppedWithContent, name); }
bool IsVoid(std::string_view name) { return Contains(kVoidElements, name); }
bool IsPageId(std::string_view id) { return Contains(kPageIds, id); }

// A heading's anchor: a letter, then letters, digits, '-' and '_', at most
// 64 in all, and none of the page's own.
bool IsSafeId(std::string_view id) {
  if (id.empty() || id.size() > 64 || IsPageId(id)) return false;
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) return false;
  for (char ch : id) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    if (!ok) return false;
  }
  return true;
}
bool IsBlock(std::string_view name) { return Contains(kBlockElements, name); }

// Control characters and whitespace are removed first, as browsers ignore
// them ("java\tscript:" is javascript:).
bool IsSafeUrl(std::string_view url) {
  std::string compact;
  for (char ch : url) {
    if (static_cast<unsigned char>(ch) > 0x20 && ch != 0x7f) compact += ch;
  }
  const auto colon = compact.find(':');
  if (colon == std::string::npos) return true;
  const auto first_delimiter = compact.find_first_of("/?#");
  if (first_delimiter != std::string::npos && first_delimiter < colon) return true;  // "a/b:c"
  const std::string scheme = util::ToLowerAscii(compact.substr(0, colon));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

void AppendStartTag(std::string& out, std::string_view name, const ElementRule& rule,
                    std::span<const AttributeView> attributes) {
  out += '<';
  out += name;
  for (const auto& attribute : attributes) {
    if (!Contains(rule.attributes, attribute.name)) continue;
    if (attribute.name == "id" && !IsSafeId(attribute.value)) continue;
    if ((attribute.name == "href" || attribute.name == "src" || attribute.name == "cite") &&
        !IsSafeUrl(attribute.value)) {
      continue;
    }
    out += ' ';
    out += attribute.name;
    out += "=\"";
    util::AppendHtmlEscaped(out, attribute.value);
    out += '"';
  }
  if (name == "a") out += " rel=\"nofollow noopener\"";
  if (name == "iframe") {
    out += " sandbox=\"allow-scripts allow-same-origin allow-presentation\" loading=\"lazy\"";
  }
  out += '>';
}

}  // namespace lede::publishing::html
