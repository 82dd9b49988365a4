// The import writer's reading and bookkeeping: the channel, authors,
// terms, items in order, batches, mapping, sections, tags and dates.
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

bool IsTopStoryMarker(std::string_view name) {
  const std::string lower = util::ToLowerAscii(util::Trim(name));
  for (std::string_view marker : {"top story", "top stories", "top-story", "topstory", "featured",
                                  "breaking", "breaking news"}) {
    if (lower == marker) return true;
  }
  return false;
}

std::string NormalizeLogin(std::string_view login) {
  std::string clean;
  for (char ch : util::Trim(login)) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == ' ' || ch == '_' || ch == '.' ||
        ch == '@' || ch == '-') {
      clean += ch;
    }
  }
  return clean;
}

std::string PathOf(std::string_view url, std::string_view base) {
  std::string_view rest = url;
  if (!base.empty() && util::StartsWith(url, base)) {
    rest = url.substr(base.size());
  } else {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    const auto slash = url.find('/', scheme + 3);
    rest = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
  }
  if (rest.empty() || rest.front() != '/') return util::NormalizePath("/" + std::string(rest));
  return util::NormalizePath(rest);
}

Status ImportWriter::OnChannel(const WxrChannel& channel) {
  source_ = !channel.base_site_url.empty() ? channel.base_site_url
            : !channel.link.empty()        ? channel.link
                                           : options_.file.filename().string();
  while (!source_.empty() && source_.back() == '/') source_.pop_back();
  base_ = !channel.base_blog_url.empty() ? channel.base_blog_url : channel.link;
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
  from_lede_ = channel.generator == "lede";
  LEDE_TRY(auto settings, store_.LoadSettings());
  // Local dates (WordPress's post_date) are the exporting site's wall
  // time: lede's exports name their zone; for others, this site's.
  std::optional<util::TimeZone> exported_zone;
  if (!channel.time_zone.empty()) {
    if (auto named = util::TimeZone::Named(channel.time_zone)) exported_zone = *named;
  }
  if (exported_zone) {
    zone_ = *exported_zone;
  } else if (auto own = util::TimeZone::Named(settings.time_zone)) {
    zone_ = *own;
  }
  // A new site takes the imported one's name, tagline, language and time
  // zone; a site that already has its own keeps them.
  if (!options_.dry_run && !channel.title.empty()) {
    const content::SiteSettings defaults;
    if (settings.name == defaults.name && settings.tagline == defaults.tagline) {
      settings.name = publishing::HtmlToText(channel.title);
      if (!channel.description.empty()) settings.tagline = publishing::HtmlToText(channel.description);
      content::SiteSettings candidate = settings;
      if (!channel.language.empty()) candidate.language = channel.language;
      if (exported_zone) candidate.time_zone = exported_zone->name();
      if (content::ValidateSettings(candidate)) settings = candidate;
      LEDE_TRY(store_.SaveSettings(settings));
    }
  }
  if (channel.version.empty()) {
    Warn(0, "no <wp:wxr_version>: read as WXR 1.0");
  } else if (channel.version != "1.0" && channel.version != "1.1" && channel.version != "1.2") {
    Warn(0, fmt::format("WXR version \"{}\" is not one lede knows: read as 1.2", channel.version));
  }
  return {};
}

Status ImportWriter::OnAuthor(const WxrAuthor& author) {
  const std::string login = NormalizeLogin(author.login);
  if (login.empty()) return {};
  std::string name = author.display_name.empty() ? login : author.display_name;
  if (authors_.count(login)) return {};
  LEDE_TRY(auto id, EnsureAuthor(login, name, author.description));
  if (people_ && !options_.dry_run && !author.email.empty() &&
      content::ValidateEmail(author.email)) {
    // A disabled account for the byline: no password, so nobody signs
    // in as an imported author until an administrator gives one.
    if (auto existing = people_->FindUserByEmail(author.email); !existing) {
      auto made = people_->CreateUser({.email = author.email, .name = name,
                                       .role = content::Role::kAuthor, .author_id = id,
                                       .disabled = true, .created_at = clock_.Now()},
                                      "");
      if (made) {
        ++report_.kinds["users"].imported;
      } else {
        Warn(0, fmt::format("author {}: no user account: {}", login, made.error().message));
      }
    } else {
      ++report_.kinds["users"].skipped;
    }
  }
  return {};
}

Status ImportWriter::OnTerm(const WxrTerm& term) {
  if (term.taxonomy == "category" && !categories_.count(term.slug)) {
    std::optional<std::int64_t> menu_order;  // a lede section's place in the menu
    for (const auto& meta : term.meta) {
      if (meta.key == "_lede_menu_order") menu_order = util::ParseInt(meta.value);
    }
    const std::string name = term.name.empty() ? term.slug : term.name;
    categories_[term.slug] = {name, term.parent_slug, term.description,
                              static_cast<int>(menu_order.value_or(
                                  static_cast<std::int64_t>(categories_.size())))};
    // lede's sections come back even when no article is in them yet.
    if (menu_order && term.parent_slug.empty()) LEDE_TRY(EnsureSection(term.slug, name));
  } else if (term.taxonomy == "post_tag" && from_lede_ && !term.name.empty() &&
             !util::Slugify(term.name).empty()) {
    LEDE_TRY(EnsureTag(term.name, ""));  // so are its tags
  }
  return {};
}

Status ImportWriter::OnItem(const WxrItem& item) {
  if (item.post_type == "post" || (item.post_type.empty() && !item.status.empty())) {
    gathering_.push_back(item);
    ++in_flight_;
    if (gathering_.size() == Workers::kGroupSize) SubmitGathered();
    if (in_flight_ < kPrepareWindow) return {};
    return WriteNextPost();
  }
  LEDE_TRY(Drain());  // keep the file's order
  return WriteItem(item, nullptr);
}

// Commits what the batch holds: a crash after this keeps it, and running
// the import again carries on from here.
Status ImportWriter::Checkpoint() {
  LEDE_TRY(Drain());
  if (!batch_) return {};
  auto status = batch_->Commit();
  batch_.reset();
  return status;
}

Status ImportWriter::WriteNextPost() {
  if (next_ == prepared_.size()) {
    if (pending_.empty()) SubmitGathered();
    prepared_ = pending_.front().get();
    pending_.pop_front();
    next_ = 0;
  }
  --in_flight_;
  const Prepared& prepared = prepared_[next_++];
  return WriteItem(prepared.item, &prepared);
}

Status ImportWriter::WriteItem(const WxrItem& item, const Prepared* prepared) {
  if (!batch_ && !options_.dry_run) {
    LEDE_TRY(batch_, store_.BeginBatch());
  }
  ++report_.items;
  report_.comments += item.comments;
  Status status;
  if (prepared) {
    status = ImportPost(*prepared);
  } else if (item.post_type.empty()) {
    Warn(item.line, fmt::format("item \"{}\" has no post type: skipped", item.title));
    ++report_.kinds["other"].skipped;
  } else if (item.post_type == "page") {
    status = ImportPage(item);
  } else if (item.post_type == "attachment") {
    status = ImportAttachment(item);
  } else {
    ++report_.kinds["other"].skipped;
  }
  if (options_.progress && report_.items % 100 == 0) options_.progress(report_.items, total_);
  if (status && batch_ && report_.items % kBatchItems == 0) {
    status = batch_->Commit();
    batch_.reset();
  }
  return status;
}

// Finds what an earlier import made, or nullopt.
Result<std::optional<std::int64_t>> ImportWriter::Mapped(std::string_view kind, std::string_view key) {
  if (options_.dry_run) {
    auto it = dry_ids_.find(fmt::format("{}/{}", kind, key));
    if (it != dry_ids_.end()) return std::optional<std::int64_t>(it->second);
  }
  return store_.FindImported(source_, kind, key);
}

Status ImportWriter::Map(std::string_view kind, std::string_view key, std::int64_t id) {
  if (options_.dry_run) {
    dry_ids_[fmt::format("{}/{}", kind, key)] = id;
    return {};
  }
  return store_.SaveImported(source_, kind, key, id);
}

Result<std::int64_t> ImportWriter::EnsureAuthor(const std::string& login, const std::string& name,
                                                const std::string& bio) {
  if (auto it = authors_.find(login); it != authors_.end()) return it->second;
  LEDE_TRY(auto mapped, Mapped("author", login));
  std::int64_t id = 0;
  if (mapped) {
    id = *mapped;
    ++report_.kinds["authors"].skipped;
  } else if (options_.dry_run) {
    id = DryId();
    ++report_.kinds["authors"].imported;
  } else {
    LEDE_TRY(auto author, desk_.AddAuthor(name, bio));
    id = author.id;
    ++report_.kinds["authors"].imported;
  }
  LEDE_TRY(Map("author", login, id));
  authors_[login] = id;
  return id;
}

// The section for a top-level category.
Result<content::Section> ImportWriter::EnsureSection(const std::string& key, const std::string& name) {
  if (auto it = sections_.find(key); it != sections_.end()) return it->second;
  LEDE_TRY(auto mapped, Mapped("section", key));
  content::Section section;
  if (mapped) {
    LEDE_TRY(auto all, store_.ListSections());
    for (const auto& candidate : all) {
      if (candidate.id == *mapped) section = candidate;
    }
    ++report_.kinds["sections"].skipped;
  }
  if (section.id == 0) {
    std::string slug = util::Slugify(key.empty() ? name : key);
    if (slug.empty()) slug = util::Slugify(name);
    if (slug.empty()) slug = "section";
    if (content::IsReservedPathSegment(slug)) {
      Warn(0, fmt::format("category \"{}\" would shadow lede's /{}/ path: its section is /{}-news/",
                          name, slug, slug));
      slug += "-news";
    }
    auto existing = store_.FindSection(slug);
    if (existing) {
      section = *existing;  // a section of that name is already there: share it
    } else if (options_.dry_run) {
      section = {DryId(), name, slug, "", 100};
      ++report_.kinds["sections"].imported;
    } else {
      const auto category = categories_.find(key);
      const int order = category != categories_.end() ? category->second.order
                                                      : static_cast<int>(categories_.size());
      LEDE_TRY(section, desk_.AddSection(name, slug, order,
                                         category != categories_.end() ? category->second.description
                                                                       : std::string()));
      ++report_.kinds["sections"].imported;
    }
    LEDE_TRY(Map("section", key, section.id));
  }
  sections_[key] = section;
  if (!options_.dry_run && !key.empty()) {
    LEDE_TRY(store_.SaveRedirect(CategoryPath(key), content::SectionPath(section), clock_.Now()));
  }
  return section;
}

// "/category/parent/child/" as WordPress builds it.
std::string ImportWriter::CategoryPath(const std::string& slug) {
  std::vector<std::string> chain = {slug};
  std::set<std::string> seen = {slug};
  for (auto it = categories_.find(slug); it != categories_.end() && !it->second.parent.empty();
       it = categories_.find(it->second.parent)) {
    if (!seen.insert(it->second.parent).second) break;  // a loop in the file
    chain.insert(chain.begin(), it->second.parent);
  }
  std::string path = "/category";
  for (const auto& part : chain) path += "/" + part;
  return path + "/";
}

std::string ImportWriter::TopLevel(const std::string& slug) {
  std::string current = slug;
  std::set<std::string> seen;
  while (seen.insert(current).second) {
    auto it = categories_.find(current);
    if (it == categories_.end() || it->second.parent.empty()) return current;
    current = it->second.parent;
  }
  return current;
}

Result<std::int64_t> ImportWriter::EnsureTag(const std::string& name, const std::string& old_path) {
  if (auto it = tags_.find(name); it != tags_.end()) return it->second;
  std::int64_t id = 0;
  if (options_.dry_run) {
    auto existing = store_.FindTag(util::Slugify(name));
    id = existing ? existing->id : DryId();
  } else {
    LEDE_TRY(auto tag, desk_.TagNamed(name));
    id = tag.id;
    if (!old_path.empty()) {
      LEDE_TRY(store_.SaveRedirect(old_path, "/tag/" + tag.slug + "/", clock_.Now()));
    }
  }
  tags_[name] = id;
  return id;
}

std::optional<util::UnixSeconds> ImportWriter::PostTime(const WxrItem& item) {
  const bool zero = item.post_date_gmt.rfind("0000", 0) == 0;
  if (!item.post_date_gmt.empty() && !zero && !util::ParseIso8601(item.post_date_gmt) &&
      util::ParseIso8601(item.post_date)) {
    Warn(item.line, fmt::format("post_date_gmt \"{}\" is not a date: used post_date",
                                item.post_date_gmt));
  }
  return WhenOf(item.post_date_gmt, item.post_date);
}

// The GMT date, else the local one (drafts have a zero GMT date) read in
// the exporting site's zone.
std::optional<util::UnixSeconds> ImportWriter::WhenOf(const std::string& gmt, const std::string& local) {
  if (gmt.rfind("0000", 0) != 0) {
    if (auto parsed = util::ParseIso8601(gmt)) return parsed;
  }
  if (local.size() >= 16 && local.rfind("0000", 0) != 0) {
    std::string text = local;
    text[10] = 'T';
    if (auto parsed = zone_.ParseLocal(text)) return parsed;
  }
  return std::nullopt;
}

}  // namespace lede::importers::wordpress
