#pragma once
// An Article is one story as the newsroom writes it: headline, standfirst,
// Markdown body, Quick Looks bullets, section, tags, authors and a lead
// image. Its status and published time decide whether readers see it:
// a scheduled article becomes visible by itself once its time has come.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/author.h"
#include "content/media_item.h"
#include "content/rating.h"
#include "content/safe_html.h"
#include "content/section.h"
#include "content/tag.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::content {

enum class ArticleStatus { kDraft, kScheduled, kPublished };

// What body_markdown holds: Markdown an editor wrote, or HTML that came
// from elsewhere (an import), which is sanitised rather than rendered.
enum class BodyFormat { kMarkdown, kHtml };

std::string_view ArticleStatusName(ArticleStatus status);
std::optional<ArticleStatus> ParseArticleStatus(std::string_view name);

inline constexpr std::size_t kMaxHeadlineLength = 300;
inline constexpr std::size_t kMaxQuickLooks = 8;
inline constexpr std::size_t kMaxQuickLookLength = 400;

// The lead photo as this article shows it: caption, credit and alt are the
// article's own (the same picture can be captioned differently elsewhere).
struct LeadImage {
  std::int64_t media_id = 0;
  std::string caption;
  std::string credit;
  std::string alt;
  // Filled by the store when read; not written.
  std::optional<MediaItem> media;
};

struct Article {
  std::int64_t id = 0;
  std::string slug;
  std::string headline;
  std::string standfirst;
  std::string body_markdown;  // the source, in body_format
  BodyFormat body_format = BodyFormat::kMarkdown;
  // Made from the source when the article is saved: rendered Markdown, or
  // sanitised HTML.
  SafeHtml body_html;
  std::vector<std::string> quick_looks;
  std::int64_t section_id = 0;
  std::vector<std::int64_t> tag_ids;
  std::vector<std::int64_t> author_ids;
  std::string dateline;
  std::string edition;
  bool top_story = false;
  std::optional<LeadImage> lead_image;
  ArticleStatus status = ArticleStatus::kDraft;
  // Set for published and scheduled articles.
  std::optional<util::UnixSeconds> published_at;
  // Set when a published article is edited after publication.
  std::optional<util::UnixSeconds> updated_at;
  util::UnixSeconds created_at = 0;
  std::string correction;
  // Set while the article is in the trash (its status is then kDraft, so
  // readers never see it); restoring clears it.
  std::optional<util::UnixSeconds> trashed_at;
  // The user who created it (0 for imports and the demo): with the
  // authors, who counts as its owner for content::Can.
  std::int64_t created_by = 0;
  // Counts saves; a save names the version it started from, and a save
  // from an older one is refused (two editors on one article). Set by the
  // store.
  std::int64_t version = 0;

  // Filled by the store when read; ignored on write (votes change it, and
  // editing an article never resets it).
  RatingSummary rating;
  Section section;
  std::vector<Tag> tags;
  std::vector<Author> authors;
};

// "/{section}/{slug}/": an article's URL path, the one definition of it
// (percent-encoded).
inline std::string ArticlePath(const Article& article) {
  return SectionPath(article.section) + util::EncodePathSegment(article.slug) + "/";
}

// True when readers may see the article at `now`: published, or scheduled
// with its time come. Drafts are never visible.
bool IsVisible(const Article& article, util::UnixSeconds now);
// The status as the newsroom should see it at `now`: a scheduled article
// whose time has come is published (the store keeps "scheduled" until it
// is next saved).
ArticleStatus StatusAt(const Article& article, util::UnixSeconds now);

// Checks what an editor must fill in; the error names the field.
Status Validate(const Article& article);

}  // namespace lede::content
