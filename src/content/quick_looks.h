#pragma once
// The house style an article must meet before readers see it, beyond what
// content::Validate asks of any saved draft: 3 to 8 Quick Looks of at most
// 200 characters each, and a lead image with caption, credit and alt text.

#include <cstddef>
#include <string_view>

#include "content/article.h"
#include "util/result.h"

namespace lede::content {

inline constexpr std::size_t kMinQuickLooksToPublish = 3;
inline constexpr std::size_t kMaxQuickLooksToPublish = 8;
inline constexpr std::size_t kMaxQuickLookCharacters = 200;

// Characters as readers count them (code points), not bytes.
std::size_t CountCharacters(std::string_view text);

// kInvalidArgument naming the first field that falls short ("quick_looks",
// "lead_image_caption", "lead_image_credit", "lead_image_alt").
Status ValidateForPublishing(const Article& article);

}  // namespace lede::content
