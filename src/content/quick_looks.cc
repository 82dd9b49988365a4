#include "content/quick_looks.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace lede::content {

std::size_t CountCharacters(std::string_view text) {
  std::size_t count = 0;
  for (char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

Status ValidateForPublishing(const Article& article) {
  const std::size_t looks = article.quick_looks.size();
  if (looks < kMinQuickLooksToPublish || looks > kMaxQuickLooksToPublish) {
    return InvalidArgument(fmt::format("publishing needs {} to {} Quick Looks (this has {})",
                                       kMinQuickLooksToPublish, kMaxQuickLooksToPublish, looks),
                           "quick_looks");
  }
  for (std::size_t i = 0; i < looks; ++i) {
    const std::size_t length = CountCharacters(article.quick_looks[i]);
    if (length > kMaxQuickLookCharacters) {
      return InvalidArgument(fmt::format("Quick Look {} has {} characters; the most is {}", i + 1,
                                         length, kMaxQuickLookCharacters),
                             "quick_looks");
    }
  }
  if (article.lead_image) {
    const LeadImage& lead = *article.lead_image;
    if (util::Trim(lead.caption).empty()) {
      return InvalidArgument("the lead image needs a caption to publish", "lead_image_caption");
    }
    if (util::Trim(lead.credit).empty()) {
      return InvalidArgument("the lead image needs a credit to publish", "lead_image_credit");
    }
    if (util::Trim(lead.alt).empty()) {
      return InvalidArgument("the lead image needs alt text to publish", "lead_image_alt");
    }
  }
  return {};
}

}  // namespace lede::content
