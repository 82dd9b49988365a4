#include "support/html_safety.h"

#include <cctype>

#include "util/strings.h"

namespace lede::testing {

namespace {

// A <meta>'s content is text (a social card's title or description: a
// headline may well read "javascript: the language") unless the meta names
// a URL or a refresh.
bool MetaContentIsText(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_META) return false;
  const GumboAttribute* property = gumbo_get_attribute(&element.attributes, "property");
  const GumboAttribute* name = gumbo_get_attribute(&element.attributes, "name");
  if (gumbo_get_attribute(&element.attributes, "http-equiv")) return false;
  const std::string kind = util::ToLowerAscii(property ? property->value : name ? name->value : "");
  return !kind.empty() && kind.find("url") == std::string::npos && kind.find("image") == std::string::npos;
}

}  // namespace

void CheckAttributes(const GumboElement& element, std::vector<std::string>& problems) {
  const bool meta_text = MetaContentIsText(element);
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    const std::string name = util::ToLowerAscii(attribute->name);
    if (util::StartsWith(name, "on")) problems.push_back("handler " + name);
    if (meta_text && name == "content") continue;
    // As a browser reads a URL: controls and spaces ignored, any case.
    std::string value;
    for (char ch : std::string_view(attribute->value)) {
      if (static_cast<unsigned char>(ch) > 0x20) value += static_cast<char>(std::tolower(ch));
    }
    for (std::string_view scheme : {"javascript:", "vbscript:", "data:text/html"}) {
      if (util::StartsWith(value, scheme)) problems.push_back("url " + value);
    }
  }
}

}  // namespace lede::testing
