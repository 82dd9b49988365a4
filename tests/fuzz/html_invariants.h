#pragma once
// What any sanitised HTML must be, checked by parsing it again: only
// allow-listed elements and attributes, only safe URLs, and sanitising it
// once more changes nothing.

#include <string>
#include <string_view>

namespace lede::fuzz {

// An empty string when `html` holds; otherwise what is wrong.
std::string CheckSanitised(std::string_view html);

}  // namespace lede::fuzz
