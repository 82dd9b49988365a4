#include "publishing/html_sanitizer.h"

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <memory_resource>
#include <vector>

#include "publishing/html_allow_list.h"
#include "publishing/safe_html_mint.h"
#include "publishing/plain_html.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

// Where the serialiser is: inside how many <p>, <a> and heading elements.
struct Context {
  int paragraphs = 0;
  int links = 0;
  int headings = 0;
};

bool IsHeading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece original = element.original_tag;
  gumbo_tag_from_original_text(&original);
  return util::ToLowerAscii(std::string_view(original.data, original.length));
}

void Serialize(const GumboNode* node, Context& context, std::string& out);

void SerializeChildren(const GumboVector& children, Context& context, std::string& out) {
  for (unsigned i = 0; i < children.length; ++i) {
    Serialize(static_cast<const GumboNode*>(children.data[i]), context, out);
  }
}

void SerializeElement(const GumboElement& element, Context& context, std::string& out) {
  std::string name = TagName(element);
  if (html::IsDroppedWithContent(name)) return;
  if (name == "h1") name = "h2";  // the page's headline is its only h1
  const html::ElementRule* rule = html::RuleFor(name);
  if (name == "iframe") {
    const GumboAttribute* src = gumbo_get_attribute(&element.attributes, "src");
    if (!src || !IsAllowedEmbed(src->value)) return;
  }
  // Seen inside a <p> after other elements were dropped, blocks are
  // unwrapped, so that the output parses back to the same tree; so are
  // headings inside a heading (a browser closes the first at the second).
  const bool misplaced = (context.paragraphs > 0 && html::IsBlock(name)) ||
                         (context.links > 0 && name == "a") ||
                         (context.headings > 0 && IsHeading(name));
  if (!rule || misplaced) {
    SerializeChildren(element.children, context, out);  // unwrap
    return;
  }
  std::vector<std::string> names;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    names.push_back(util::ToLowerAscii(static_cast<const GumboAttribute*>(element.attributes.data[i])->name));
  }
  std::vector<html::AttributeView> attributes;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    attributes.push_back({names[i], static_cast<const GumboAttribute*>(element.attributes.data[i])->value});
  }
  html::AppendStartTag(out, name, *rule, attributes);
  if (html::IsVoid(name)) return;
  if (name == "iframe") {
    // What is inside is raw text to a browser, never shown: kept, it would
    // read back differently each time it is sanitised.
    out += "</iframe>";
    return;
  }
  const int paragraphs = context.paragraphs;
  const int links = context.links;
  const int headings = context.headings;
  if (name == "p") ++context.paragraphs;
  if (name == "a") ++context.links;
  if (IsHeading(name)) ++context.headings;
  // Table cells and list items start a new block context, as in HTML.
  if (name == "td" || name == "th" || name == "li" || name == "figcaption") context.paragraphs = 0;
  SerializeChildren(element.children, context, out);
  context.paragraphs = paragraphs;
  context.links = links;
  context.headings = headings;
  out += "</";
  out += name;
  out += '>';
}

void Serialize(const GumboNode* node, Context& context, std::string& out) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      util::AppendHtmlEscaped(out, node->v.text.text);
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
  if (html::IsDroppedWithContent(TagName(node->v.element))) return;
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(node->v.element.children.data[i]), out);
  }
  if (node->v.element.tag == GUMBO_TAG_BR || node->v.element.tag == GUMBO_TAG_P) out += ' ';
}

// gumbo allocates and frees every token, string and node separately;
// a parse's memory all dies together, so it comes from one arena that is
// dropped at the end (a third of the parse time was malloc and free).
void* ArenaAllocate(void* arena, std::size_t size) {
  return static_cast<std::pmr::monotonic_buffer_resource*>(arena)->allocate(
      size == 0 ? 1 : size, alignof(std::max_align_t));
}
void ArenaFree(void*, void*) {}

// Parses `html` as the inside of a <div>, so a fragment stays a fragment,
// and hands the tree to `use`.
template <typename Use>
void WithFragment(std::string_view html, Use use) {
  // A thread that sanitises keeps its first arena block, so a typical body
  // needs no allocation from the system at all.
  constexpr std::size_t kFirstBlock = 256 * 1024;
  thread_local std::unique_ptr<std::byte[]> first_block;
  if (!first_block) first_block = std::make_unique<std::byte[]>(kFirstBlock);
  std::pmr::monotonic_buffer_resource arena(first_block.get(), kFirstBlock);
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaFree;
  options.userdata = &arena;
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 0;  // parse errors are not reported, so not recorded
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  use(output->root);
  // No gumbo_destroy_output: the arena releases everything at once.
}

}  // namespace

namespace {

std::string CollapseSpace(std::string_view text) {
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

}  // namespace

std::string HtmlToText(std::string_view html) {
  // Most titles and excerpts have no markup: no tree needed.
  if (auto plain = DecodePlainText(html)) return CollapseSpace(*plain);
  return HtmlToTextByParsing(html);
}

std::string HtmlToTextByParsing(std::string_view html) {
  std::string text;
  WithFragment(html, [&text](const GumboNode* root) { CollectText(root, text); });
  return CollapseSpace(text);
}

bool IsAllowedEmbed(std::string_view url) {
  for (std::string_view prefix :
       {"https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/",
        "https://youtube.com/embed/", "https://player.vimeo.com/video/"}) {
    if (util::StartsWith(url, prefix)) return true;
  }
  return false;
}

content::SafeHtml SanitizeHtml(std::string_view html) {
  if (auto plain = SanitizePlainHtml(html)) return SafeHtmlMint::Make(std::move(*plain));
  return SafeHtmlMint::Make(SanitizeHtmlByParsing(html));
}

namespace {

std::string SerializeOnce(std::string_view html) {
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

}  // namespace

// A parser's tree can hold shapes no markup reads back as (a list item
// inside a link, a table fostered out of a list): such output would be
// read by a browser as a different tree from the one we checked. So the
// output is parsed and written again until it stands still. Markup that
// does not settle within a few rounds keeps its words only.
std::string SanitizeHtmlByParsing(std::string_view html) {
  std::string out = SerializeOnce(html);
  for (int round = 0; round < 4; ++round) {
    std::string again = SerializeOnce(out);
    if (again == out) return out;
    out = std::move(again);
  }
  std::string words = HtmlToTextByParsing(html);
  if (words.empty()) return {};
  return "<p>" + util::HtmlEscape(words) + "</p>";
}

}  // namespace lede::publishing
