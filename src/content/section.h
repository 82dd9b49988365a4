#pragma once

#include <cstdint>
#include <string>

#include "util/strings.h"

namespace lede::content {

// A section of the paper (World, Business...). Its slug is the first path
// segment of its articles' URLs; menu_order places it in the site menu.
struct Section {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string description;
  int menu_order = 0;
};

// "/{slug}/": where a section's listing lives, percent-encoded (slugs may
// hold letters of any script).
inline std::string SectionPath(const Section& section) {
  return "/" + util::EncodePathSegment(section.slug) + "/";
}

}  // namespace lede::content
