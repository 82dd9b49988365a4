#pragma once

#include <cstdint>
#include <string>

#include "util/strings.h"

namespace lede::content {

// Whether a section is in the public menu (and has a block on the front
// page). A new section waits: it joins the menu with its first published
// article, so readers never find an empty one there, unless an editor
// shows it first; an editor can also hide any section (its page and its
// articles stay where they are).
enum class MenuPlace { kWaiting, kShown, kHidden };

// A section of the paper (World, Business...). Its slug is the first path
// segment of its articles' URLs; menu_order places it in the site menu.
struct Section {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string description;
  int menu_order = 0;
  MenuPlace menu = MenuPlace::kWaiting;
};

inline bool InMenu(const Section& section) { return section.menu == MenuPlace::kShown; }

// "/{slug}/": where a section's listing lives, percent-encoded (slugs may
// hold letters of any script).
inline std::string SectionPath(const Section& section) {
  return "/" + util::EncodePathSegment(section.slug) + "/";
}

}  // namespace lede::content
