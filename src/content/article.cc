#include "content/article.h"

#include <fmt/format.h>

#include "content/slug_rules.h"
#include "util/strings.h"

namespace lede::content {

std::string_view ArticleStatusName(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
  }
  return "draft";
}

std::optional<ArticleStatus> ParseArticleStatus(std::string_view name) {
  if (name == "draft") return ArticleStatus::kDraft;
  if (name == "scheduled") return ArticleStatus::kScheduled;
  if (name == "published") return ArticleStatus::kPublished;
  return std::nullopt;
}

bool IsVisible(const Article& article, util::UnixSeconds now) {
  if (article.status == ArticleStatus::kDraft) return false;
  return article.published_at && *article.published_at <= now;
}

ArticleStatus StatusAt(const Article& article, util::UnixSeconds now) {
  if (article.status == ArticleStatus::kScheduled && IsVisible(article, now)) {
    return ArticleStatus::kPublished;
  }
  return article.status;
}

Status Validate(const Article& article) {
  if (util::Trim(article.headline).empty()) {
    return InvalidArgument("a headline is required", "headline");
  }
  if (article.headline.size() > kMaxHeadlineLength) {
    return InvalidArgument("the headline is longer than 300 characters",
                           "headline");
  }
  if (!util::IsValidSlug(article.slug)) {
    return InvalidArgument(
        "the slug must be lowercase letters, digits and single hyphens",
        "slug");
  }
  if (IsReservedArticleSlug(article.slug)) {
    return InvalidArgument(
        fmt::format("\"{}\" is the section's feed address: choose another slug", article.slug), "slug");
  }
  if (article.section_id <= 0) {
    return InvalidArgument("choose a section", "section");
  }
  if (article.quick_looks.size() > kMaxQuickLooks) {
    return InvalidArgument("at most 8 Quick Looks", "quick_looks");
  }
  for (const auto& look : article.quick_looks) {
    if (util::Trim(look).empty() || look.size() > kMaxQuickLookLength) {
      return InvalidArgument(
          "each Quick Look needs between 1 and 400 characters", "quick_looks");
    }
  }
  if (article.status != ArticleStatus::kDraft && !article.published_at) {
    return InvalidArgument("a published or scheduled article needs a time",
                           "published_at");
  }
  // A draft may wait for its alt text; readers never see one without.
  if (article.lead_image && article.status != ArticleStatus::kDraft &&
      util::Trim(article.lead_image->alt).empty()) {
    return InvalidArgument("the lead image needs alt text", "lead_image_alt");
  }
  return {};
}

}  // namespace lede::content
