#include "publishing/desk.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "content/slug_rules.h"
#include "publishing/html_sanitizer.h"
#include "publishing/markdown.h"
#include "util/strings.h"

namespace lede::publishing {

Result<content::Section> Desk::AddSection(std::string name, std::string slug,
                                          int menu_order, std::string description) {
  if (util::Trim(name).empty()) return InvalidArgument("a section needs a name", "name");
  if (slug.empty()) slug = util::Slugify(name);
  LEDE_TRY(content::ValidateSectionSlug(slug));
  return store_.CreateSection({0, std::move(name), std::move(slug), std::move(description),
                               menu_order});
}

Result<content::Section> Desk::UpdateSection(content::Section section) {
  if (util::Trim(section.name).empty()) return InvalidArgument("a section needs a name", "name");
  if (section.slug.empty()) section.slug = util::Slugify(section.name);
  LEDE_TRY(content::ValidateSectionSlug(section.slug));
  return store_.UpdateSection(std::move(section), clock_.Now());
}

Result<std::int64_t> Desk::DeleteSection(std::int64_t id, std::int64_t into) {
  return store_.DeleteSection(id, into, clock_.Now());
}

namespace {

// After the article is saved: a failure here is told to the log, not to
// the editor as a failed save (a retry would then clash with itself).
void ShowAfterSave(store::Store& store, const content::Article& article, util::UnixSeconds now) {
  if (auto shown = Desk::ShowSectionOnceLive(store, article, now); !shown) {
    spdlog::warn("cannot show section {} in the menu: {}", article.section_id, shown.error().message);
  }
}

}  // namespace

Status Desk::ShowSectionOnceLive(store::Store& store, const content::Article& article,
                                 util::UnixSeconds now) {
  if (article.section.menu != content::MenuPlace::kWaiting || !content::IsVisible(article, now)) {
    return {};
  }
  return store.ShowSectionOnceLive(article.section_id, now);
}

Result<content::Author> Desk::AddAuthor(std::string name, std::string bio) {
  if (util::Trim(name).empty()) return InvalidArgument("an author needs a name", "name");
  const std::string base = util::Slugify(name);
  if (base.empty()) return InvalidArgument("the name has no letters or digits", "name");
  for (int suffix = 1;; ++suffix) {
    std::string slug = suffix == 1 ? base : fmt::format("{}-{}", base, suffix);
    auto author = store_.CreateAuthor({0, name, slug, bio});
    if (author || author.error().code != ErrorCode::kConflict) return author;
  }
}

Result<content::Tag> Desk::TagNamed(std::string_view name) {
  const std::string slug = util::Slugify(name);
  if (slug.empty()) return InvalidArgument("a tag needs letters or digits", "tag");
  auto existing = store_.FindTag(slug);
  if (existing || existing.error().code != ErrorCode::kNotFound) return existing;
  return store_.CreateTag({0, std::string(util::Trim(name)), slug});
}

Result<std::string> Desk::UniqueArticleSlug(std::string_view wanted, std::int64_t id) {
  const std::string base = wanted.empty() ? "article" : std::string(wanted);
  for (int suffix = 1;; ++suffix) {
    std::string slug = suffix == 1 ? base : fmt::format("{}-{}", base, suffix);
    if (content::IsReservedArticleSlug(slug)) continue;
    LEDE_TRY(bool taken, store_.ArticleSlugTaken(slug, id));
    if (!taken) return slug;
  }
}

Result<content::Page> Desk::SavePage(content::Page page, std::string_view html) {
  page.body_html = SanitizeHtml(html);
  return SavePage(std::move(page));
}

Result<content::Page> Desk::SavePage(content::Page page) {
  if (page.path.size() < 3 || page.path.front() != '/' || page.path.back() != '/') {
    return InvalidArgument("a page path looks like /about/", "path");
  }
  const auto first = page.path.substr(1, page.path.find('/', 1) - 1);
  if (content::IsReservedPathSegment(first)) {
    return InvalidArgument(fmt::format("/{}/ belongs to lede itself", first), "path");
  }
  if (util::Trim(page.title).empty()) return InvalidArgument("a page needs a title", "title");
  const util::UnixSeconds now = clock_.Now();
  if (page.created_at == 0) page.created_at = now;
  page.updated_at = now;
  return store_.SavePage(std::move(page));
}

content::SafeHtml Desk::RenderBody(const content::Article& article) {
  return article.body_format == content::BodyFormat::kHtml ? SanitizeHtml(article.body_markdown)
                                                           : RenderMarkdown(article.body_markdown);
}

Result<content::Article> Desk::Save(content::Article article, BodyRendering rendering,
                                    store::ArticleEdit edit) {
  const util::UnixSeconds now = clock_.Now();
  edit.now = now;
  if (article.slug.empty()) {
    LEDE_TRY(article.slug, UniqueArticleSlug(util::Slugify(article.headline), article.id));
  }
  if (rendering == BodyRendering::kRender) {
    article.body_html = RenderBody(article);
  }
  if (article.status == content::ArticleStatus::kPublished && !article.published_at) {
    article.published_at = now;
  }
  if (article.id == 0) {
    if (article.created_at == 0) article.created_at = now;
    if (article.created_by == 0) article.created_by = edit.user_id;
    LEDE_TRY(auto created, store_.CreateArticle(std::move(article), edit));
    ShowAfterSave(store_, created, now);
    for (auto* observer : observers_) observer->ArticleSaved(nullptr, created);
    return created;
  }
  LEDE_TRY(auto previous, store_.FindArticle(article.id));
  article.created_at = previous.created_at;
  // An edit the caller did not date itself is dated now.
  if (content::IsVisible(previous, now) && article.updated_at == previous.updated_at) {
    article.updated_at = now;
  }
  // A new slug or section moves the article; its old URL answers 301. The
  // redirect is written in the save's own transaction.
  edit.redirect_from = content::ArticlePath(previous);
  LEDE_TRY(auto updated, store_.UpdateArticle(std::move(article), edit));
  ShowAfterSave(store_, updated, now);
  for (auto* observer : observers_) observer->ArticleSaved(&previous, updated);
  return updated;
}

}  // namespace lede::publishing
