#pragma once
// The text a search index holds for a field, whichever engine keeps it.

#include <string>
#include <string_view>

namespace lede::store::sql {

// What a reader reads in `text`: for HTML, tags dropped (each a space) and
// character references decoded; control characters, which are no reader's
// text, made spaces.
std::string SearchTextOf(std::string_view text, bool is_html);

}  // namespace lede::store::sql
