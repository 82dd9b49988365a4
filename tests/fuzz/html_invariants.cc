#include "fuzz/html_invariants.h"

#include <gumbo.h>

#include "publishing/html_allow_list.h"
#include "publishing/html_sanitizer.h"

namespace lede::fuzz {
namespace {

namespace html = publishing::html;

// lede's own attributes, written after the kept ones.
bool IsOwnAttribute(std::string_view element, std::string_view attribute) {
  if (element == "a") return attribute == "rel";
  if (element == "iframe") return attribute == "sandbox" || attribute == "loading";
  return false;
}

std::string CheckNode(const GumboNode* node, bool is_root) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboElement& element = node->v.element;
  std::string name = element.tag == GUMBO_TAG_UNKNOWN
                         ? std::string(element.original_tag.data, element.original_tag.length)
                         : gumbo_normalized_tagname(element.tag);
  if (!is_root) {
    // Gumbo adds a <tbody> of its own around bare table rows.
    if (!html::RuleFor(name)) return "element <" + name + "> is not allowed";
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string_view attribute_name = attribute->name;
      const std::string_view value = attribute->value;
      if (!html::IsAllowedAttribute(name, attribute_name) &&
          !IsOwnAttribute(name, attribute_name)) {
        return "attribute " + std::string(attribute_name) + " on <" + name + "> is not allowed";
      }
      if ((attribute_name == "href" || attribute_name == "src" || attribute_name == "cite") &&
          !html::IsSafeUrl(value)) {
        return "unsafe URL " + std::string(value);
      }
      if (attribute_name == "id" && !html::IsSafeId(value)) return "id " + std::string(value);
    }
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    auto problem = CheckNode(static_cast<const GumboNode*>(element.children.data[i]), false);
    if (!problem.empty()) return problem;
  }
  return {};
}

}  // namespace

std::string CheckSanitised(std::string_view markup) {
  const std::string again = publishing::SanitizeHtml(markup).str();
  if (again != markup) return "sanitising again changed it: " + again;
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  GumboOutput* output = gumbo_parse_with_options(&options, markup.data(), markup.size());
  std::string problem = CheckNode(output->root, true);
  gumbo_destroy_output(&options, output);
  return problem;
}

}  // namespace lede::fuzz
