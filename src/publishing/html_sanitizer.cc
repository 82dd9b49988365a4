#include "publishing/html_sanitizer.h"

#include <gumbo.h>

#include <array>
#include <cctype>

#include "util/strings.h"

namespace lede::publishing {
namespace {

struct ElementRule {
  std::string_view name;
  std::array<std::string_view, 5> attributes;
};

// Elements kept, with the attributes each may keep.
constexpr ElementRule kAllowed[] = {
    {"p", {}},          {"br", {}},          {"h2", {"id"}},     {"h3", {"id"}},
    {"h4", {"id"}},     {"h5", {"id"}},      {"h6", {"id"}},     {"strong", {}},
    {"b", {}},          {"em", {}},          {"i", {}},          {"u", {}},
    {"s", {}},          {"del", {}},         {"ins", {}},        {"sub", {}},
    {"sup", {}},        {"mark", {}},        {"small", {}},      {"blockquote", {"cite"}},
    {"q", {"cite"}},    {"cite", {}},        {"code", {}},       {"pre", {}},
    {"kbd", {}},        {"ul", {}},          {"ol", {"start", "reversed"}},
    {"li", {}},         {"dl", {}},          {"dt", {}},         {"dd", {}},
    {"a", {"href", "title"}},  // rel is always ours: nofollow noopener
    {"img", {"src", "alt", "width", "height", "title"}},
    {"figure", {}},     {"figcaption", {}},  {"table", {}},      {"thead", {}},
    {"tbody", {}},      {"tfoot", {}},       {"tr", {}},         {"th", {"colspan", "rowspan", "scope"}},
    {"td", {"colspan", "rowspan"}},          {"caption", {}},    {"hr", {}},
    {"abbr", {"title"}}, {"span", {}},       {"div", {}},        {"time", {"datetime"}},
    {"iframe", {"src", "width", "height", "title", "allowfullscreen"}},
};

// Dropped with all their content: their text is not prose.
constexpr std::string_view kDroppedWithContent[] = {
    "script", "style", "noscript", "template", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "option", "svg", "math", "frame",
    "frameset", "noframes", "title", "head", "link", "meta", "base", "audio", "video",
    "source", "track", "canvas", "map", "area", "xmp", "plaintext", "noembed", "param",
    "dialog", "portal"};

constexpr std::string_view kVoidElements[] = {"br", "hr", "img"};

// Block elements a browser would not nest inside <p> (it closes the <p>
// first). Seen inside one after other elements were dropped, they are
// unwrapped, so that the output parses back to the same tree.
constexpr std::string_view kBlockElements[] = {
    "p", "div", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote",
    "figure", "figcaption", "pre", "hr"};

// Where the serialiser is: inside how many <p> and <a> elements.
struct Context {
  int paragraphs = 0;
  int links = 0;
};

const ElementRule* RuleFor(std::string_view name) {
  for (const auto& rule : kAllowed) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

bool Contains(const auto& list, std::string_view name) {
  for (std::string_view item : list) {
    if (item == name) return true;
  }
  return false;
}

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece original = element.original_tag;
  gumbo_tag_from_original_text(&original);
  return util::ToLowerAscii(std::string_view(original.data, original.length));
}

// A URL is safe when it has no scheme (relative) or an allowed one. Control
// characters and whitespace are removed first, as browsers ignore them
// ("java\tscript:" is javascript:).
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

void AppendEscaped(std::string& out, std::string_view text) { util::AppendHtmlEscaped(out, text); }

void Serialize(const GumboNode* node, Context& context, std::string& out);

void SerializeChildren(const GumboVector& children, Context& context, std::string& out) {
  for (unsigned i = 0; i < children.length; ++i) {
    Serialize(static_cast<const GumboNode*>(children.data[i]), context, out);
  }
}

void SerializeElement(const GumboElement& element, Context& context, std::string& out) {
  std::string name = TagName(element);
  if (Contains(kDroppedWithContent, name)) return;
  if (name == "h1") name = "h2";  // the page's headline is its only h1
  const ElementRule* rule = RuleFor(name);
  if (name == "iframe") {
    const GumboAttribute* src = gumbo_get_attribute(&element.attributes, "src");
    if (!src || !IsAllowedEmbed(src->value)) return;
  }
  const bool misplaced = (context.paragraphs > 0 && Contains(kBlockElements, name)) ||
                         (context.links > 0 && name == "a");
  if (!rule || misplaced) {
    SerializeChildren(element.children, context, out);  // unwrap
    return;
  }
  out += '<';
  out += name;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    const std::string attribute_name = util::ToLowerAscii(attribute->name);
    if (!Contains(rule->attributes, attribute_name)) continue;
    if ((attribute_name == "href" || attribute_name == "src" || attribute_name == "cite") &&
        !IsSafeUrl(attribute->value)) {
      continue;
    }
    out += ' ';
    out += attribute_name;
    out += "=\"";
    AppendEscaped(out, attribute->value);
    out += '"';
  }
  if (name == "a") out += " rel=\"nofollow noopener\"";
  if (name == "iframe") {
    out += " sandbox=\"allow-scripts allow-same-origin allow-presentation\" loading=\"lazy\"";
  }
  out += '>';
  if (Contains(kVoidElements, name)) return;
  const int paragraphs = context.paragraphs;
  const int links = context.links;
  if (name == "p") ++context.paragraphs;
  if (name == "a") ++context.links;
  // Table cells and list items start a new block context, as in HTML.
  if (name == "td" || name == "th" || name == "li" || name == "figcaption") context.paragraphs = 0;
  SerializeChildren(element.children, context, out);
  context.paragraphs = paragraphs;
  context.links = links;
  out += "</";
  out += name;
  out += '>';
}

void Serialize(const GumboNode* node, Context& context, std::string& out) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      AppendEscaped(out, node->v.text.text);
      break;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      SerializeElement(node->v.element, context, out);
      break;
    case GUMBO_NODE_DOCUMENT:
      SerializeChildren(node->v.document.children, context, out);
      break;
    case GUMBO_NODE_COMMENT:
      break;  // comments may hide conditional markup; they carry no content
  }
}

}  // namespace

namespace {

void CollectText(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  if (Contains(kDroppedWithContent, TagName(node->v.element))) return;
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(node->v.element.children.data[i]), out);
  }
  if (node->v.element.tag == GUMBO_TAG_BR || node->v.element.tag == GUMBO_TAG_P) out += ' ';
}

// Parses `html` as the inside of a <div>, so a fragment stays a fragment,
// and hands the tree to `use`.
template <typename Use>
void WithFragment(std::string_view html, Use use) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  use(output->root);
  gumbo_destroy_output(&options, output);
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string text;
  WithFragment(html, [&text](const GumboNode* root) { CollectText(root, text); });
  std::string collapsed;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed += ' ';
    space = false;
    collapsed += ch;
  }
  return collapsed;
}

bool IsAllowedEmbed(std::string_view url) {
  for (std::string_view prefix :
       {"https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/",
        "https://youtube.com/embed/", "https://player.vimeo.com/video/"}) {
    if (util::StartsWith(url, prefix)) return true;
  }
  return false;
}

std::string SanitizeHtml(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  WithFragment(html, [&out](const GumboNode* root) {
    // In fragment mode the fragment's nodes are the children of <html>.
    if (root->type != GUMBO_NODE_ELEMENT) return;
    Context context;
    SerializeChildren(root->v.element.children, context, out);
  });
  return out;
}

}  // namespace lede::publishing
