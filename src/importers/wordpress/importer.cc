#include "importers/wordpress/importer.h"

#include <fmt/format.h>

#include <cctype>
#include <thread>
#include <fstream>
#include <sstream>
#include <set>

#include "content/slug_rules.h"
#include <nlohmann/json.hpp>

#include "importers/wordpress/content_converter.h"
#include "importers/wordpress/lede_content.h"
#include "importers/wordpress/post_workers.h"
#include "importers/wordpress/survey.h"
#include "importers/wordpress/read_ahead.h"
#include "importers/wordpress/utf8_repair.h"
#include "importers/wordpress/wxr_reader.h"
#include "publishing/html_sanitizer.h"
#include "publishing/markdown.h"
#include "util/strings.h"
#include "util/time_zone.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::string_view kDefaultSection = "News";
// Items written per transaction: one fsync per batch, not per write.
constexpr std::int64_t kBatchItems = 500;

bool IsTopStoryMarker(std::string_view name) {
  const std::string lower = util::ToLowerAscii(util::Trim(name));
  for (std::string_view marker : {"top story", "top stories", "top-story", "topstory", "featured",
                                  "breaking", "breaking news"}) {
    if (lower == marker) return true;
  }
  return false;
}

// WordPress logins hold letters, digits, space and _.@- only (its
// sanitize_user); exports with stray characters still name the same user.
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

// "https://example.org/2008/09/post/" -> "/2008/09/post/"; "" if not a URL
// of `base` (or of any host when base is empty).
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

// Posts prepared ahead of the writer at most.
constexpr std::size_t kPrepareWindow = 256;

class Writer : public WxrHandler {
 public:
  Writer(store::Store& store, publishing::Desk& desk, const util::Clock& clock,
         media::Library* media, store::PeopleStore* people, const ImportOptions& options,
         const Survey& survey, ImportReport& report)
      : store_(store), desk_(desk), clock_(clock), media_(media), people_(people), options_(options),
        total_(survey.items), attachments_(survey.attachments), report_(report),
        workers_(std::max(1u, std::thread::hardware_concurrency()), survey) {}

  Status OnChannel(const WxrChannel& channel) override {
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

  Status OnAuthor(const WxrAuthor& author) override {
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

  Status OnTerm(const WxrTerm& term) override {
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

  Status OnItem(const WxrItem& item) override {
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

  // Writes every post still being prepared.
  Status Drain() {
    while (in_flight_ > 0) LEDE_TRY(WriteNextPost());
    return {};
  }

  // Commits what the batch holds: a crash after this keeps it, and running
  // the import again carries on from here.
  Status Checkpoint() {
    LEDE_TRY(Drain());
    if (!batch_) return {};
    auto status = batch_->Commit();
    batch_.reset();
    return status;
  }

 private:
  void SubmitGathered() {
    if (gathering_.empty()) return;
    pending_.push_back(workers_.Submit(std::move(gathering_)));
    gathering_.clear();
  }

  Status WriteNextPost() {
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

  Status WriteItem(const WxrItem& item, const Prepared* prepared) {
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

  void Warn(int line, std::string message) {
    report_.warnings.push_back(line > 0 ? fmt::format("{}:{}: {}", options_.file.string(), line, message)
                                        : fmt::format("{}: {}", options_.file.string(), message));
  }

  // Finds what an earlier import made, or nullopt.
  Result<std::optional<std::int64_t>> Mapped(std::string_view kind, std::string_view key) {
    if (options_.dry_run) {
      auto it = dry_ids_.find(fmt::format("{}/{}", kind, key));
      if (it != dry_ids_.end()) return std::optional<std::int64_t>(it->second);
    }
    return store_.FindImported(source_, kind, key);
  }
  Status Map(std::string_view kind, std::string_view key, std::int64_t id) {
    if (options_.dry_run) {
      dry_ids_[fmt::format("{}/{}", kind, key)] = id;
      return {};
    }
    return store_.SaveImported(source_, kind, key, id);
  }
  // An id for objects a dry run pretends to create.
  std::int64_t DryId() { return --dry_next_id_; }

  Result<std::int64_t> EnsureAuthor(const std::string& login, const std::string& name,
                                    const std::string& bio = {}) {
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
  Result<content::Section> EnsureSection(const std::string& key, const std::string& name) {
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
  std::string CategoryPath(const std::string& slug) {
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

  std::string TopLevel(const std::string& slug) {
    std::string current = slug;
    std::set<std::string> seen;
    while (seen.insert(current).second) {
      auto it = categories_.find(current);
      if (it == categories_.end() || it->second.parent.empty()) return current;
      current = it->second.parent;
    }
    return current;
  }

  Result<std::int64_t> EnsureTag(const std::string& name, const std::string& old_path) {
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

  // The lead image for a post's _thumbnail_id, or nullopt.
  Result<std::optional<content::LeadImage>> LeadImageFor(const WxrItem& item,
                                                         const std::string& headline) {
    std::int64_t thumbnail = 0;
    for (const auto& meta : item.meta) {
      if (meta.key == "_thumbnail_id") thumbnail = util::ParseInt(meta.value).value_or(0);
    }
    if (thumbnail == 0) return std::optional<content::LeadImage>();
    const auto found = attachments_.find(thumbnail);
    if (found == attachments_.end()) {
      Warn(item.line, fmt::format("featured image {} is not in the export: left out", thumbnail));
      return std::optional<content::LeadImage>();
    }
    const Attachment& attachment = found->second;
    auto info = InfoFor(attachment, headline);
    LEDE_TRY(auto media_id, EnsureMedia(thumbnail, attachment, info));
    return std::optional<content::LeadImage>(
        content::LeadImage{media_id, info.caption, info.credit, info.alt, {}});
  }

  // Caption, credit, alt text and date for an attachment's media item.
  media::ImageInfo InfoFor(const Attachment& attachment, const std::string& fallback_alt) {
    media::ImageInfo info;
    if (attachment.lede_caption || attachment.lede_credit) {
      // lede's own export: every field exactly as it was.
      info.caption = attachment.lede_caption.value_or("");
      info.credit = attachment.lede_credit.value_or("");
      info.alt = attachment.alt;
    } else {
      std::tie(info.caption, info.credit) = SplitCredit(publishing::HtmlToText(attachment.caption));
      if (info.credit.empty()) info.credit = publishing::HtmlToText(attachment.description);
      info.alt = attachment.alt.empty() ? attachment.title : attachment.alt;
      if (util::Trim(info.alt).empty()) info.alt = fallback_alt;
    }
    info.created_at = WhenOf(attachment.date_gmt, attachment.date);
    return info;
  }

  Result<std::int64_t> EnsureMedia(std::int64_t wordpress_id, const Attachment& attachment,
                                   const media::ImageInfo& info) {
    const std::string key = std::to_string(wordpress_id);
    if (auto seen = media_ids_.find(wordpress_id); seen != media_ids_.end()) return seen->second;
    LEDE_TRY(auto mapped, Mapped("media", key));
    if (mapped) {
      ++report_.kinds["media"].skipped;
      media_ids_[wordpress_id] = *mapped;
      return *mapped;
    }
    std::int64_t id = 0;
    if (options_.dry_run) {
      id = DryId();
    } else if (auto file = UploadedFile(attachment)) {
      std::ifstream in(*file, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      auto stored = media_->AddImage(bytes.str(), file->stem().string(), info);
      if (!stored) {
        Warn(0, fmt::format("{}: {}: kept its old address", file->string(), stored.error().message));
      } else {
        id = stored->id;
      }
    }
    if (id == 0 && !options_.dry_run) {
      // Without the file the picture is recorded by its address.
      content::MediaItem item;
      item.path = "wordpress/" + source_ + "/" + key;
      item.mime_type = "image/jpeg";
      item.alt = info.alt;
      item.caption = info.caption;
      item.credit = info.credit;
      item.source_url = attachment.url;
      item.created_at = info.created_at.value_or(clock_.Now());
      LEDE_TRY(auto stored, store_.CreateMedia(item));
      id = stored.id;
      if (!warned_remote_media_) {
        Warn(0, options_.media_dir
                    ? "some media files were not in --media-dir: they are shown from their old "
                      "addresses"
                    : "media files were not copied (no --media-dir): featured images are shown "
                      "from their old addresses");
        warned_remote_media_ = true;
      }
    }
    ++report_.kinds["media"].imported;
    LEDE_TRY(Map("media", key, id));
    media_ids_[wordpress_id] = id;
    return id;
  }

  // The attachment's file inside --media-dir, or nullopt: by its
  // _wp_attached_file, else by the URL's path below /wp-content/uploads/
  // (or below the host, for CDN URLs). Only plain segments count: "..",
  // "." or empty ones never leave the folder.
  std::optional<std::filesystem::path> UploadedFile(const Attachment& attachment) {
    if (!options_.media_dir || !media_) return std::nullopt;
    std::string relative = attachment.file;
    if (relative.empty()) {
      constexpr std::string_view kUploads = "/wp-content/uploads/";
      const std::string& url = attachment.url;
      if (const auto at = url.find(kUploads); at != std::string::npos) {
        relative = url.substr(at + kUploads.size());
      } else if (const auto scheme = url.find("://"); scheme != std::string::npos) {
        const auto slash = url.find('/', scheme + 3);
        if (slash != std::string::npos) relative = url.substr(slash + 1);
      }
      relative = relative.substr(0, relative.find_first_of("?#"));
    }
    if (relative.empty()) return std::nullopt;
    std::filesystem::path file = *options_.media_dir;
    for (auto segment : util::Split(relative, '/')) {
      auto decoded = util::UrlDecode(segment);
      if (!decoded || decoded->empty() || *decoded == "." || *decoded == ".." ||
          decoded->find('\\') != std::string::npos) {
        return std::nullopt;
      }
      file /= *decoded;
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
    return file;
  }

  std::optional<util::UnixSeconds> PostTime(const WxrItem& item) {
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
  std::optional<util::UnixSeconds> WhenOf(const std::string& gmt, const std::string& local) {
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

  Status ImportPost(const Prepared& prepared) {
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
    if (taken) {
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
  Status ApplyLedeMeta(const WxrItem& item, content::Article& article) {
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

  // Every attachment becomes a media item (a featured one may already be).
  Status ImportAttachment(const WxrItem& item) {
    const auto found = attachments_.find(item.post_id);
    if (found == attachments_.end()) {
      ++report_.kinds["media"].skipped;
      return {};
    }
    LEDE_TRY(EnsureMedia(item.post_id, found->second, InfoFor(found->second, "Image")));
    return {};
  }

  // A WordPress page becomes a static page served at its old path.
  Status ImportPage(const WxrItem& item) {
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

  static bool SameContent(const content::Article& a, const content::Article& b) {
    return a.headline == b.headline && a.standfirst == b.standfirst &&
           a.body_markdown == b.body_markdown && a.quick_looks == b.quick_looks &&
           a.section_id == b.section_id && a.tag_ids == b.tag_ids && a.author_ids == b.author_ids &&
           a.status == b.status && a.published_at == b.published_at && a.top_story == b.top_story &&
           (a.lead_image ? a.lead_image->media_id : 0) == (b.lead_image ? b.lead_image->media_id : 0);
  }

  Status Redirects(const WxrItem& item, const content::Article& article) {
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

  store::Store& store_;
  publishing::Desk& desk_;
  const util::Clock& clock_;
  media::Library* media_;
  store::PeopleStore* people_;
  const ImportOptions& options_;
  std::int64_t total_;
  const std::map<std::int64_t, Attachment>& attachments_;
  ImportReport& report_;
  bool warned_remote_media_ = false;
  bool from_lede_ = false;  // the file is one of lede's own exports
  util::TimeZone zone_;     // the exporting site's, for local dates
  std::map<std::int64_t, std::int64_t> media_ids_;  // this run's, by WordPress id
  std::string source_;
  std::string base_;
  struct Category {
    std::string name;
    std::string parent;
    std::string description;
    int order = 0;  // declaration order: the menu keeps the export's order
  };
  std::map<std::string, Category> categories_;
  std::map<std::string, std::int64_t> authors_;
  std::map<std::string, content::Section> sections_;
  std::map<std::string, std::int64_t> tags_;
  std::map<std::string, std::int64_t> dry_ids_;
  std::unique_ptr<store::Batch> batch_;
  // Declared last: destroyed first, so no worker outlives what it reads.
  Workers workers_;
  Workers::Group gathering_;                     // not yet submitted
  std::deque<std::future<Workers::Done>> pending_;  // submitted, in file order
  Workers::Done prepared_;                       // the group being written
  std::size_t next_ = 0;                         // its next post
  std::size_t in_flight_ = 0;                    // posts read and not yet written
  std::int64_t dry_next_id_ = 0;
};

}  // namespace

Result<ImportReport> Importer::Run(const ImportOptions& options) {
  LEDE_TRY(auto repair, RepairUtf8(options.file));
  // The repaired copy goes when the import ends, however it ends.
  struct Remove {
    std::optional<Utf8Repair>& repair;
    ~Remove() {
      std::error_code ignored;
      if (repair) std::filesystem::remove(repair->repaired, ignored);
    }
  } remove{repair};
  const std::filesystem::path source = repair ? repair->repaired : options.file;
  Survey survey;
  LEDE_TRY(ReadWxr(source, survey, options.file));
  ImportReport report;
  if (repair) {
    std::string lines;
    for (int line : repair->lines) lines += (lines.empty() ? "" : ", ") + std::to_string(line);
    report.warnings.push_back(fmt::format(
        "{}:{}: {} byte{} not valid UTF-8, replaced with U+FFFD (lines {})", options.file.string(),
        repair->lines.front(), repair->bytes, repair->bytes == 1 ? " was" : "s were", lines));
  }
  if (options.media_dir && !std::filesystem::is_directory(*options.media_dir)) {
    return InvalidArgument(fmt::format("--media-dir {}: not a directory", options.media_dir->string()));
  }
  Writer writer(store_, desk_, clock_, media_, people_, options, survey, report);
  LEDE_TRY(ReadWxrAhead(source, writer, options.file));
  LEDE_TRY(writer.Checkpoint());
  if (options.progress) options.progress(report.items, survey.items);
  return report;
}

std::string FormatReport(const ImportReport& report, bool dry_run) {
  std::string out = dry_run ? "Dry run: nothing was written. It would have:\n" : "";
  for (const auto& [kind, counts] : report.kinds) {
    out += fmt::format("  {:<12} {:>7} imported  {:>7} updated  {:>7} skipped\n", kind,
                       counts.imported, counts.updated, counts.skipped);
  }
  out += fmt::format("  {:<12} {:>7} counted, not imported\n", "comments", report.comments);
  if (!report.warnings.empty()) {
    out += fmt::format("{} warning{}:\n", report.warnings.size(), report.warnings.size() == 1 ? "" : "s");
    for (const auto& warning : report.warnings) out += "  " + warning + "\n";
  }
  return out;
}

}  // namespace lede::importers::wordpress
