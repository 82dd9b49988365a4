#pragma once

#include <cstdint>
#include <string>

namespace lede::content {

// A keyword tag; each has a page at /tag/{slug}/.
struct Tag {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
};

}  // namespace lede::content
