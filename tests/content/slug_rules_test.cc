#include "content/slug_rules.h"

#include <gtest/gtest.h>

namespace lede::content {
namespace {

TEST(SlugRulesTest, EngineOwnedPathsAreReserved) {
  for (std::string_view slug : {"admin", "api", "tag", "author", "search", "feed", "media",
                                "static", "healthz", "top-rated", "sitemap-news", "wp-admin",
                                "category"}) {
    EXPECT_TRUE(IsReservedPathSegment(slug)) << slug;
    const auto status = ValidateSectionSlug(slug);
    ASSERT_FALSE(status.has_value()) << slug;
    EXPECT_EQ(status.error().field, "slug");
  }
}

TEST(SlugRulesTest, OrdinarySectionSlugsAreAllowed) {
  for (std::string_view slug : {"world", "politics", "business-news", "tagline", "authors-corner"}) {
    EXPECT_TRUE(ValidateSectionSlug(slug).has_value()) << slug;
  }
  EXPECT_FALSE(ValidateSectionSlug("World").has_value());
}

}  // namespace
}  // namespace lede::content
