#pragma once
// Private to store implementations: a body read back from the store was
// SafeHtml when it was written (the interface takes nothing else), so it is
// SafeHtml again. Include it nowhere else.

#include <string>

#include "content/safe_html.h"

namespace lede::store {

struct SafeHtmlStorage {
  static content::SafeHtml FromStored(std::string html) {
    return content::SafeHtml(std::move(html));
  }
};

}  // namespace lede::store
