#include "content/slug_rules.h"

#include <array>
#include <fmt/format.h>

#include "util/strings.h"

namespace lede::content {

bool IsReservedPathSegment(std::string_view segment) {
  static constexpr std::array<std::string_view, 24> kReserved = {
      "admin",   "api",       "tag",      "author",   "search",  "feed",
      "feeds",   "media",     "static",   "healthz",  "top-rated", "sitemap",
      "category", "page",     "login",    "logout",   "rss",     "atom",
      "robots.txt", "favicon.ico", "assets", "newsroom", "amp",  "uploads"};
  for (auto reserved : kReserved) {
    if (segment == reserved) return true;
  }
  // Old WordPress paths (wp-admin, wp-content...) answer redirects later.
  return util::StartsWith(segment, "wp-") || util::StartsWith(segment, "sitemap");
}

bool IsReservedArticleSlug(std::string_view slug) { return slug == "feed"; }

Status ValidateSectionSlug(std::string_view slug) {
  if (!util::IsValidSlug(slug)) {
    return InvalidArgument(
        "a section slug is lowercase letters, digits and single hyphens",
        "slug");
  }
  if (IsReservedPathSegment(slug)) {
    return InvalidArgument(fmt::format("\"{}\" is reserved for the site's own pages", slug),
                           "slug");
  }
  return {};
}

}  // namespace lede::content
