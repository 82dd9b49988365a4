#include "support/html_safety.h"

#include <cctype>

#include "util/strings.h"

namespace lede::testing {

void CheckAttributes(const GumboElement& element, std::vector<std::string>& problems) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    const std::string name = util::ToLowerAscii(attribute->name);
    if (util::StartsWith(name, "on")) problems.push_back("handler " + name);
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
