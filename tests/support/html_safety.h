#pragma once
// Checks what the XSS tests assert of parsed HTML: no event-handler
// attribute and no javascript:, vbscript: or data:text/html URL.

#include <gumbo.h>

#include <string>
#include <vector>

namespace lede::testing {

// Adds a line to `problems` for each unsafe attribute of `element`.
void CheckAttributes(const GumboElement& element, std::vector<std::string>& problems);

}  // namespace lede::testing
