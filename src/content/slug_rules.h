#pragma once
// Which slugs a section may take. Section slugs are the first segment of
// public URLs, so they must not shadow the engine's own paths.

#include <string_view>

#include "util/result.h"

namespace lede::content {

// True for paths the engine owns: admin, api, tag, author, search, feed,
// media, static, healthz, top-rated, sitemap..., wp-... and the like.
bool IsReservedPathSegment(std::string_view segment);

// An article's slug that would be shadowed by one of the section's own
// addresses: "feed" (/{section}/feed/ is the section's RSS feed).
bool IsReservedArticleSlug(std::string_view slug);

// kInvalidArgument (field "slug") when `slug` is not a valid slug or is
// reserved.
Status ValidateSectionSlug(std::string_view slug);

}  // namespace lede::content
