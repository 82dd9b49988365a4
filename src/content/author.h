#pragma once

#include <cstdint>
#include <string>

namespace lede::content {

struct Author {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string bio;
};

}  // namespace lede::content
