#pragma once

#include <string>
#include <string_view>

namespace lede::util {

// The Content-Type for a file name, from its extension (any case);
// application/octet-stream for anything unknown.
std::string ContentTypeFor(std::string_view file_name);

}  // namespace lede::util
