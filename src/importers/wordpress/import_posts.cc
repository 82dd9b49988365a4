// Posts and pages: what a WordPress post or page becomes in lede.
#include "importers/wordpress/import_writer.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "content/slug_rules.h"
#include "importers/wordpress/content_converter.h"
#include "importers/wordpress/lede_content.h"
#include "publishing/html_sanitizer.h"
#include "util/strings.h"

namespace lede::importers::wordpress {

Status ImportWriter::ImportPost(const Prepared& prepared) {
  const WxrItem& item = prepared.item;
  auto& counts = report_.kinds["posts"];
  std::string word = item.status;
  std::optional<util::UnixSeconds> trashed_at;
  if (word == "trash") {
    // Into lede's trash, where everything is a draft (as WordPress
    // since 5.6 restores from its trash).
    word = "draft";
    trashed_at = clock_.Now();
    for (const auto& meta : item.meta) {
      if (meta.key != "_wp_trash_meta_time") continue;
      if (auto when = util::ParseInt(meta.value)) trashed_at = *when;
    }
  }
  content::ArticleStatus status;
  if (word == "publish") {
    status = content::ArticleStatus::kPublished;
  } else if (word == "future") {
    status = content::ArticleStatus::kScheduled;
  } else if (word == "draft" || word == "pending" || word == "private" || word.empty()) {
    status = content::ArticleStatus::kDraft;
  } else {
    ++counts.skipped;  // auto-draft, inherit
    return {};
  }
  const std::string key = item.post_id > 0 ? std::to_string(item.post_id) : item.guid;
  if (key.empty()) {
    Warn(item.line, "a post with neither post_id nor guid: skipped");
    ++counts.skipped;
    return {};
  }

  content::Article article;
  article.headline = prepared.headline;
  if (article.headline.empty()) {
    article.headline = "(untitled)";
    Warn(item.line, fmt::format("post {} has no title: imported as \"(untitled)\"", key));
  }
  if (article.headline.size() > content::kMaxHeadlineLength) {
    article.headline.resize(content::kMaxHeadlineLength);
  }
  article.standfirst = prepared.standfirst;
  for (const auto& warning : prepared.converted.warnings) Warn(item.line, warning);
  article.body_markdown = prepared.converted.html;
  article.body_format = content::BodyFormat::kHtml;
  article.body_html = prepared.body_html;
  article.quick_looks = prepared.converted.quick_looks;
  LEDE_TRY(article.lead_image, LeadImageFor(item, article.headline));
  article.status = status;
  article.trashed_at = trashed_at;
  article.top_story = item.sticky;
  if (!item.password.empty()) {
    Warn(item.line, fmt::format("post {} was password-protected: imported as a draft", key));
    article.status = content::ArticleStatus::kDraft;
  }
  const auto when = PostTime(item);
  if (when) {
    article.created_at = *when;
    if (article.status != content::ArticleStatus::kDraft) article.published_at = when;
  } else if (article.status != content::ArticleStatus::kDraft) {
    Warn(item.line, fmt::format("post {} has no usable date: imported as a draft", key));
    article.status = content::ArticleStatus::kDraft;
  }

  // Section, tags and the top-story flag from the item's terms.
  std::string section_key;
  std::string section_name;
  std::vector<std::pair<std::string, std::string>> tag_names;  // name, old path
  for (const auto& term : item.terms) {
    const std::string slug = term.nicename.empty() ? util::Slugify(term.name) : term.nicename;
    if (term.domain == "category" || term.domain.empty()) {
      const std::string name = term.name.empty() ? slug : term.name;
      if (IsTopStoryMarker(name)) {
        article.top_story = true;
        continue;
      }
      if (!categories_.count(slug)) {
        categories_[slug] = {name, "", "", static_cast<int>(categories_.size())};
      }
      const std::string top = TopLevel(slug);
      if (section_key.empty()) {
        section_key = top;
        section_name = categories_[top].name;
      }
      if (top != slug) tag_names.emplace_back(name, CategoryPath(slug));
    } else if (term.domain == "post_tag") {
      tag_names.emplace_back(term.name.empty() ? slug : term.name, "/tag/" + slug + "/");
    }
  }
  if (section_key.empty()) {
    section_key = "";
    section_name = std::string(kDefaultSection);
  }
  LEDE_TRY(auto section, EnsureSection(section_key, section_name));
  article.section_id = section.id;
  for (const auto& [name, old_path] : tag_names) {
    if (util::Slugify(name).empty()) continue;
    LEDE_TRY(auto tag_id, EnsureTag(name, old_path));
    if (std::find(article.tag_ids.begin(), article.tag_ids.end(), tag_id) == article.tag_ids.end()) {
      article.tag_ids.push_back(tag_id);
    }
  }
  for (const auto& creator : item.creators) {
    const std::string login = NormalizeLogin(creator);
    if (login != util::Trim(creator)) {
      Warn(item.line, fmt::format("author \"{}\" read as \"{}\"", creator, login));
    }
    if (login.empty()) continue;
    LEDE_TRY(auto author_id, EnsureAuthor(login, login));
    if (std::find(article.author_ids.begin(), article.author_ids.end(), author_id) ==
        article.author_ids.end()) {
      article.author_ids.push_back(author_id);
    }
  }
  LEDE_TRY(ApplyLedeMeta(item, article));

  // The slug: WordPress's own when usable, else from the headline.
  auto decoded = util::UrlDecode(item.post_name);
  std::string slug = util::Slugify(decoded ? *decoded : item.post_name);
  if (slug.empty()) slug = util::Slugify(article.headline);
  if (slug.empty()) slug = "post-" + key;

  LEDE_TRY(auto mapped, Mapped("post", key));
  if (mapped && !options_.dry_run) {
    LEDE_TRY(auto previous, store_.FindArticle(*mapped));
    article.id = previous.id;
    article.slug = previous.slug;
    if (!article.updated_at) article.updated_at = previous.updated_at;
    if (article.correction.empty()) article.correction = previous.correction;
    if (SameContent(previous, article)) {
      ++counts.skipped;
      return Redirects(item, previous);
    }
    LEDE_TRY(auto saved, desk_.Save(std::move(article), publishing::BodyRendering::kAlreadyRendered));
    ++counts.updated;
    return Redirects(item, saved);
  }
  if (mapped) {
    ++counts.updated;
    return {};
  }
  LEDE_TRY(bool taken, store_.ArticleSlugTaken(slug, 0));
  if (taken || content::IsReservedArticleSlug(slug)) {
    Warn(item.line, fmt::format("slug \"{}\" is taken: post {} gets a numbered one", slug, key));
    slug.clear();  // the Desk makes a unique one from the headline
  }
  article.slug = slug;
  if (options_.dry_run) {
    LEDE_TRY(Map("post", key, DryId()));
    ++counts.imported;
    return {};
  }
  LEDE_TRY(auto saved, desk_.Save(std::move(article), publishing::BodyRendering::kAlreadyRendered));
  LEDE_TRY(Map("post", key, saved.id));
  ++counts.imported;
  return Redirects(item, saved);
}

// Fields only lede writes (lede export wordpress), read back so that an
// export re-imports to the same site.
Status ImportWriter::ApplyLedeMeta(const WxrItem& item, content::Article& article) {
  for (const auto& meta : item.meta) {
    if (meta.key == "_lede_markdown") {
      article.body_markdown = meta.value;
      article.body_format = content::BodyFormat::kMarkdown;
    } else if (meta.key == "_lede_quick_looks") {
      auto looks = nlohmann::json::parse(meta.value, nullptr, false);
      if (looks.is_array()) {
        article.quick_looks.clear();
        for (const auto& look : looks) {
          if (look.is_string()) article.quick_looks.push_back(look.get<std::string>());
        }
      }
    } else if (meta.key == "_lede_dateline") {
      article.dateline = meta.value;
    } else if (meta.key == "_lede_edition") {
      article.edition = meta.value;
    } else if (meta.key == "_lede_correction") {
      article.correction = meta.value;
    } else if (meta.key == "_lede_updated_at") {
      article.updated_at = util::ParseInt(meta.value);
    } else if (meta.key == "_lede_coauthors") {
      // WordPress has one author per post; lede's exports name the others.
      auto logins = nlohmann::json::parse(meta.value, nullptr, false);
      if (!logins.is_array()) continue;
      for (const auto& login : logins) {
        if (!login.is_string() || NormalizeLogin(login.get<std::string>()).empty()) continue;
        LEDE_TRY(auto id, EnsureAuthor(NormalizeLogin(login.get<std::string>()),
                                       login.get<std::string>()));
        if (std::find(article.author_ids.begin(), article.author_ids.end(), id) ==
            article.author_ids.end()) {
          article.author_ids.push_back(id);
        }
      }
    } else if (meta.key == "_lede_lead_image" && article.lead_image) {
      auto lead = nlohmann::json::parse(meta.value, nullptr, false);
      if (!lead.is_object()) continue;
      article.lead_image->caption = lead.value("caption", article.lead_image->caption);
      article.lead_image->credit = lead.value("credit", article.lead_image->credit);
      article.lead_image->alt = lead.value("alt", article.lead_image->alt);
    }
  }
  return {};
}

// A WordPress page becomes a static page served at its old path.
Status ImportWriter::ImportPage(const WxrItem& item) {
  auto& counts = report_.kinds["pages"];
  if (item.status == "trash" || item.status == "auto-draft" || item.post_id <= 0) {
    ++counts.skipped;
    return {};
  }
  std::string path = PathOf(item.link, base_);
  if (path.empty() || path == "/" || path.find('?') != std::string::npos) {
    auto decoded = util::UrlDecode(item.post_name);
    const std::string slug = util::Slugify(decoded ? *decoded : item.title);
    if (slug.empty()) {
      Warn(item.line, fmt::format("page {} has no usable path: skipped", item.post_id));
      ++counts.skipped;
      return {};
    }
    path = "/" + slug + "/";
  }
  if (path.back() != '/') path += '/';
  content::Page page;
  page.path = path;
  page.title = publishing::HtmlToText(item.title);
  if (page.title.empty()) page.title = "(untitled)";
  page.published = item.status == "publish" && item.password.empty();
  if (auto when = PostTime(item)) page.created_at = *when;
  const std::string key = std::to_string(item.post_id);
  LEDE_TRY(auto mapped, Mapped("page", key));
  if (options_.dry_run) {
    ++(mapped ? counts.updated : counts.imported);
    return Map("page", key, DryId());
  }
  if (mapped) page.id = *mapped;
  // lede's own pages are HTML already; WordPress's still need what
  // WordPress does when it shows them.
  page.body_html = publishing::SanitizeHtml(IsLedeContent(item) ? UnwrapLedeContent(item.content)
                                                                : ConvertContent(item.content).html);
  if (!item.creator.empty() && !NormalizeLogin(item.creator).empty()) {
    LEDE_TRY(page.author_id, EnsureAuthor(NormalizeLogin(item.creator), NormalizeLogin(item.creator)));
  }
  if (mapped) {
    auto existing = store_.FindPage(path);
    if (existing && existing->id == *mapped && existing->title == page.title &&
        existing->published == page.published && existing->body_html == page.body_html &&
        existing->author_id == page.author_id) {
      ++counts.skipped;
      return {};
    }
  }
  auto saved = desk_.SavePage(page);
  if (!saved) {
    if (saved.error().code == ErrorCode::kNotFound) {
      // Deleted in lede since the last import: bring it back.
      page.id = 0;
      saved = desk_.SavePage(page);
    }
    if (!saved) {
      Warn(item.line, fmt::format("page \"{}\" at {}: {}: skipped", page.title, path,
                                  saved.error().message));
      ++counts.skipped;
      return {};
    }
  }
  ++(mapped ? counts.updated : counts.imported);
  LEDE_TRY(Map("page", key, saved->id));
  return store_.SaveRedirect(fmt::format("/?page_id={}", item.post_id), saved->path, clock_.Now());
}

bool ImportWriter::SameContent(const content::Article& a, const content::Article& b) {
  return a.headline == b.headline && a.standfirst == b.standfirst &&
         a.body_markdown == b.body_markdown && a.quick_looks == b.quick_looks &&
         a.section_id == b.section_id && a.tag_ids == b.tag_ids && a.author_ids == b.author_ids &&
         a.status == b.status && a.published_at == b.published_at && a.top_story == b.top_story &&
         (a.lead_image ? a.lead_image->media_id : 0) == (b.lead_image ? b.lead_image->media_id : 0);
}

Status ImportWriter::Redirects(const WxrItem& item, const content::Article& article) {
  const std::string target = content::ArticlePath(article);
  std::vector<std::string> from;
  if (item.post_id > 0) from.push_back(fmt::format("/?p={}", item.post_id));
  const std::string old_path = PathOf(item.link, base_);
  if (!old_path.empty() && old_path != "/" && old_path != target) {
    from.push_back(old_path);
    // WordPress answered with and without the trailing slash.
    if (old_path.back() == '/') from.push_back(old_path.substr(0, old_path.size() - 1));
  }
  return store_.SaveRedirects(from, target, clock_.Now());
}

}  // namespace lede::importers::wordpress
