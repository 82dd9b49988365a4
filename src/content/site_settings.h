#pragma once

#include <string>

namespace lede::content {

// Site-wide settings an editor can change. Defaults describe a new site.
struct SiteSettings {
  std::string name = "lede";
  std::string tagline = "News that matters";
  // Absolute base URL for canonical links ("https://news.example"); empty
  // means links are relative to the host the reader used.
  std::string base_url;
  std::string language = "en";
  std::string footer_text;
};

}  // namespace lede::content
