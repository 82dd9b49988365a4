#pragma once
// Private to publishing/: the one place text becomes content::SafeHtml, for
// the sanitiser and the Markdown renderer. Include it nowhere else.

#include <string>

#include "content/safe_html.h"

namespace lede::publishing {

struct SafeHtmlMint {
  // `html` must be the sanitiser's or the renderer's own output.
  static content::SafeHtml Make(std::string html) { return content::SafeHtml(std::move(html)); }
};

}  // namespace lede::publishing
