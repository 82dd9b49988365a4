#include "importers/wordpress/exporter.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "importers/wordpress/lede_content.h"
#include "importers/wordpress/wxr_writer.h"
#include "util/strings.h"
#include "util/time_zone.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::int64_t kPageIdOffset = 1'000'000'000;   // pages and media get
constexpr std::int64_t kMediaIdOffset = 2'000'000'000;  // ids clear of posts
constexpr int kPageSize = 200;
// lede's own elements in the channel (settings WordPress has no place
// for); WordPress's parsers skip elements of other namespaces.
constexpr const char* kLedeNamespace = "urn:lede:export:1";

// The "{path}" part of a URL, without query or fragment.
std::string_view UrlPath(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return url;
  const auto slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string_view() : url.substr(slash);
}

// Where WordPress would keep the item's file below uploads/: lede's own
// file name, else the old URL's place below /wp-content/uploads/, else
// the item's month and the URL's file name.
std::string AttachedFile(const content::MediaItem& item) {
  if (std::string name = media::FileName(item); !name.empty()) return name;
  const std::string_view path = UrlPath(item.source_url);
  constexpr std::string_view kUploads = "/wp-content/uploads/";
  if (const auto at = path.find(kUploads); at != std::string_view::npos) {
    return std::string(path.substr(at + kUploads.size()));
  }
  std::string iso = util::FormatIso8601(item.created_at);  // 2026-11-28T13:38:00Z
  return fmt::format("{}/{}/{}", iso.substr(0, 4), iso.substr(5, 2), path.substr(path.rfind('/') + 1));
}

// "harbour-at-dawn" for ".../harbour-at-dawn.jpg".
std::string FileStem(std::string_view attached_file) {
  std::string_view name = attached_file.substr(attached_file.rfind('/') + 1);
  name = name.substr(0, name.rfind('.'));
  auto decoded = util::UrlDecode(name);
  return decoded ? *decoded : std::string(name);
}

const char* StatusWord(content::ArticleStatus status) {
  switch (status) {
    case content::ArticleStatus::kPublished: return "publish";
    case content::ArticleStatus::kScheduled: return "future";
    case content::ArticleStatus::kDraft: return "draft";
  }
  return "draft";
}

const char* WordPressStatus(const content::Article& article) {
  return article.trashed_at ? "trash" : StatusWord(article.status);
}

class Exporter {
 public:
  Exporter(store::Store& store, const ExportOptions& options, std::ostream& out)
      : store_(store), options_(options), xml_(out) {}

  Result<ExportReport> Run() {
    LEDE_TRY(auto settings, store_.LoadSettings());
    base_ = !options_.base_url.empty() ? options_.base_url : settings.base_url;
    if (base_.empty()) {
      base_ = options_.fallback_base_url;
      Warn(fmt::format("the site has no public address (Settings: base_url): links and attachment "
                       "URLs point at {}; give --base-url https://your.site to export for another",
                       base_));
    }
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    if (auto zone = util::TimeZone::Named(settings.time_zone)) {
      zone_ = *zone;
    } else {
      Warn(fmt::format("time zone \"{}\" is unknown here: local dates are written in UTC",
                       settings.time_zone));
    }
    LEDE_TRY(WriteChannel(settings));
    LEDE_TRY(WriteMedia());
    LEDE_TRY(WritePages());
    LEDE_TRY(WriteArticles());
    xml_.End();  // channel
    xml_.End();  // rss
    xml_.EndDocument();
    LEDE_TRY(xml_.Flush());
    return std::move(report_);
  }

 private:
  void Warn(std::string message) { report_.warnings.push_back(std::move(message)); }

  // Characters XML could not hold are gone from what was just written.
  void NoteDropped(const std::string& what) {
    if (const auto dropped = xml_.TakeDropped()) {
      Warn(fmt::format("{}: {} character{} not allowed in XML (control characters) dropped", what,
                       dropped, dropped == 1 ? "" : "s"));
    }
  }

  std::string LocalDate(util::UnixSeconds seconds) const {
    std::string iso = zone_.FormatIso8601(seconds);  // 2026-11-28T22:38:00+09:00
    iso.resize(19);
    iso[10] = ' ';
    return iso;
  }
  static std::string GmtDate(util::UnixSeconds seconds) {
    std::string iso = util::FormatIso8601(seconds);
    iso.resize(19);
    iso[10] = ' ';
    return iso;
  }

  // The fields every item has, in WordPress's order.
  void ItemHead(const std::string& title, const std::string& link, util::UnixSeconds when,
                const std::string& creator, const std::string& guid) {
    xml_.Start("item");
    xml_.Text("title", title);
    xml_.Text("link", link);
    xml_.Text("pubDate", util::FormatHttpDate(when));
    xml_.Cdata("dc:creator", creator);
    xml_.Start("guid");
    xml_.Attribute("isPermaLink", "false");
    xml_.String(guid);
    xml_.End();
    xml_.Text("description", "");
  }

  void ItemFields(std::int64_t id, util::UnixSeconds when, bool floating_date,
                  const std::string& name, const std::string& status, std::int64_t parent,
                  const std::string& type, bool sticky) {
    xml_.Text("wp:post_id", std::to_string(id));
    xml_.Cdata("wp:post_date", LocalDate(when));
    // WordPress's drafts keep a zero GMT date: the date is set at publishing.
    xml_.Cdata("wp:post_date_gmt", floating_date ? "0000-00-00 00:00:00" : GmtDate(when));
    xml_.Cdata("wp:comment_status", "closed");
    xml_.Cdata("wp:ping_status", "closed");
    xml_.Cdata("wp:post_name", name);
    xml_.Cdata("wp:status", status);
    xml_.Text("wp:post_parent", std::to_string(parent));
    xml_.Text("wp:menu_order", "0");
    xml_.Cdata("wp:post_type", type);
    xml_.Cdata("wp:post_password", "");
    xml_.Text("wp:is_sticky", sticky ? "1" : "0");
  }

  Status WriteChannel(const content::SiteSettings& settings) {
    LEDE_TRY(auto sections, store_.ListSections());
    LEDE_TRY(auto authors, store_.ListAuthors());
    LEDE_TRY(auto tags, store_.ListTags());
    std::map<std::int64_t, std::string> emails;
    if (options_.people) {
      LEDE_TRY(auto users, options_.people->ListUsers());
      for (const auto& user : users) {
        if (user.author_id) emails[*user.author_id] = user.email;
      }
    }
    xml_.StartDocument();
    xml_.Start("rss");
    xml_.Attribute("version", "2.0");
    xml_.Attribute("xmlns:excerpt", "http://wordpress.org/export/1.2/excerpt/");
    xml_.Attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/");
    xml_.Attribute("xmlns:wfw", "http://wellformedweb.org/CommentAPI/");
    xml_.Attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/");
    xml_.Attribute("xmlns:wp", "http://wordpress.org/export/1.2/");
    xml_.Attribute("xmlns:lede", kLedeNamespace);
    xml_.Start("channel");
    xml_.Text("title", util::HtmlEscape(settings.name));
    xml_.Text("link", base_);
    xml_.Text("description", util::HtmlEscape(settings.tagline));
    xml_.Text("pubDate", util::FormatHttpDate(options_.now));
    xml_.Text("language", settings.language);
    xml_.Text("wp:wxr_version", "1.2");
    xml_.Text("wp:base_site_url", base_);
    xml_.Text("wp:base_blog_url", base_);
    xml_.Text("lede:time_zone", zone_.name());
    // Before the authors and terms, so that a reader has it with the channel.
    xml_.Text("generator", "lede");
    int position = 0;
    for (const auto& author : authors) {
      xml_.Start("wp:author");
      xml_.Text("wp:author_id", std::to_string(++position));
      xml_.Cdata("wp:author_login", author.slug);
      if (auto email = emails.find(author.id); email != emails.end()) {
        xml_.Cdata("wp:author_email", email->second);
      }
      xml_.Cdata("wp:author_display_name", author.name);
      xml_.Cdata("wp:author_first_name", "");
      xml_.Cdata("wp:author_last_name", "");
      // Not in WordPress's own exports; its importer ignores it, lede's reads it.
      if (!author.bio.empty()) xml_.Cdata("wp:author_description", author.bio);
      xml_.End();
      NoteDropped(fmt::format("author {}", author.slug));
    }
    position = 0;
    for (const auto& section : sections) {
      xml_.Start("wp:category");
      xml_.Text("wp:term_id", std::to_string(++position));
      xml_.Cdata("wp:category_nicename", section.slug);
      xml_.Cdata("wp:category_parent", "");
      xml_.Cdata("wp:cat_name", section.name);
      if (!section.description.empty()) xml_.Cdata("wp:category_description", section.description);
      xml_.Meta("_lede_menu_order", std::to_string(section.menu_order), "wp:termmeta");
      xml_.End();
      NoteDropped(fmt::format("section {}", section.slug));
    }
    for (const auto& tag : tags) {
      xml_.Start("wp:tag");
      xml_.Text("wp:term_id", std::to_string(++position));
      xml_.Cdata("wp:tag_slug", tag.slug);
      xml_.Cdata("wp:tag_name", tag.name);
      xml_.End();
      NoteDropped(fmt::format("tag {}", tag.slug));
    }
    report_.counts["authors"] = static_cast<std::int64_t>(authors.size());
    report_.counts["sections"] = static_cast<std::int64_t>(sections.size());
    report_.counts["tags"] = static_cast<std::int64_t>(tags.size());
    return xml_.Flush();
  }

  std::string AttachmentUrl(const content::MediaItem& item) const {
    const std::string name = media::FileName(item);
    return name.empty() ? item.source_url : base_ + "/media/file/" + name;
  }

  Status WriteMedia() {
    std::int64_t after = 0;
    std::int64_t remote = 0;
    while (true) {
      LEDE_TRY(auto batch, store_.ListAllMedia(after, kPageSize));
      if (batch.empty()) break;
      for (const auto& item : batch) {
        after = item.id;
        LEDE_TRY(CheckFile(item, remote));
        const std::string url = AttachmentUrl(item);
        const std::string attached = AttachedFile(item);
        const std::string stem = FileStem(attached);
        ItemHead(util::HtmlEscape(stem), url, item.created_at, "", url);
        xml_.Cdata("content:encoded", util::HtmlEscape(item.credit));
        xml_.Cdata("excerpt:encoded", util::HtmlEscape(CaptionWithCredit(item.caption, item.credit)));
        ItemFields(kMediaIdOffset + item.id, item.created_at, false, util::Slugify(stem), "inherit", 0,
                   "attachment", false);
        xml_.Cdata("wp:attachment_url", url);
        xml_.Meta("_wp_attached_file", attached);
        xml_.Meta("_wp_attachment_image_alt", item.alt);
        xml_.Meta("_lede_caption", item.caption);
        xml_.Meta("_lede_credit", item.credit);
        xml_.End();
        NoteDropped(fmt::format("media item {} ({})", item.id, attached));
        LEDE_TRY(xml_.Flush());
        ++report_.counts["media"];
      }
    }
    if (remote > 0 && options_.media_dir) {
      Warn(fmt::format("{} media item{} known only by {} old address{}: not in {} (WordPress fetches "
                       "{} from there)",
                       remote, remote == 1 ? " is" : "s are", remote == 1 ? "its" : "their",
                       remote == 1 ? "" : "es", options_.media_dir->string(),
                       remote == 1 ? "it" : "them"));
    }
    return {};
  }

  // Notes a file missing on disk, and copies the file into media_dir.
  Status CheckFile(const content::MediaItem& item, std::int64_t& remote) {
    if (!options_.library) return {};
    const auto path = options_.library->FilePath(item);
    if (path.empty()) {
      ++remote;
      return {};
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      missing_.insert(item.id);
      Warn(fmt::format("media item {} ({}): its file {} is missing: exported with its URL, which "
                       "will answer 404",
                       item.id, item.path, path.string()));
      return {};
    }
    if (!options_.media_dir) return {};
    auto file = options_.library->ReadFile(item);
    if (!file) {
      Warn(fmt::format("media item {}: {}: not copied", item.id, file.error().message));
      return {};
    }
    const auto target = *options_.media_dir / "wp-content" / "uploads" / media::FileName(item);
    std::filesystem::create_directories(target.parent_path(), error);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    out.close();
    if (error || !out) {
      return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", target.string()));
    }
    ++report_.counts["media files"];
    return {};
  }

  Status WritePages() {
    LEDE_TRY(auto pages, store_.ListPages());
    std::map<std::string, std::int64_t> by_path;
    for (const auto& page : pages) by_path[page.path] = page.id;
    for (const auto& page : pages) {
      // "/about/team/": slug "team", child of the page at "/about/".
      const std::string_view inner = std::string_view(page.path).substr(1, page.path.size() - 2);
      const auto slash = inner.rfind('/');
      const std::string name(slash == std::string_view::npos ? inner : inner.substr(slash + 1));
      std::int64_t parent = 0;
      if (slash != std::string_view::npos) {
        const std::string parent_path = "/" + std::string(inner.substr(0, slash)) + "/";
        if (auto found = by_path.find(parent_path); found != by_path.end()) {
          parent = kPageIdOffset + found->second;
        } else {
          Warn(fmt::format("page {}: there is no page at {}, so WordPress will serve it at /{}/",
                           page.path, parent_path, name));
        }
      }
      const std::string creator = page.author ? page.author->slug : "";
      ItemHead(util::HtmlEscape(page.title), base_ + page.path, page.created_at, creator,
               fmt::format("{}/?page_id={}", base_, kPageIdOffset + page.id));
      xml_.Cdata("content:encoded", JoinSoftLineBreaks(util::Trim(page.body_html.view())));
      xml_.Cdata("excerpt:encoded", "");
      ItemFields(kPageIdOffset + page.id, page.created_at, false, name,
                 page.published ? "publish" : "draft", parent, "page", false);
      xml_.Meta("_lede_content", "1");
      xml_.End();
      NoteDropped(fmt::format("page {}", page.path));
      LEDE_TRY(xml_.Flush());
      ++report_.counts["pages"];
    }
    return {};
  }

  Status WriteArticles() {
    std::int64_t after = 0;
    while (true) {
      LEDE_TRY(auto batch, store_.ListAllArticles(after, kPageSize));
      if (batch.empty()) break;
      for (const auto& article : batch) {
        after = article.id;
        WriteArticle(article);
        LEDE_TRY(xml_.Flush());
        ++report_.counts["posts"];
      }
    }
    return {};
  }

  void WriteArticle(const content::Article& article) {
    const std::string what = fmt::format("article {} \"{}\"", article.id, article.headline);
    const auto when = article.published_at.value_or(article.created_at);
    const bool draft = article.status == content::ArticleStatus::kDraft;
    ItemHead(util::HtmlEscape(article.headline), base_ + content::ArticlePath(article), when,
             article.authors.empty() ? "" : article.authors.front().slug,
             fmt::format("{}/?p={}", base_, article.id));
    xml_.Cdata("content:encoded",
               WrapForWordPress(article.body_html.view(), {article.dateline, article.edition,
                                                           article.quick_looks, article.correction}));
    xml_.Cdata("excerpt:encoded", util::HtmlEscape(article.standfirst));
    ItemFields(article.id, when, draft, article.slug, WordPressStatus(article), 0, "post",
               article.top_story);
    xml_.ItemTerm("category", article.section.slug, article.section.name);
    for (const auto& tag : article.tags) xml_.ItemTerm("post_tag", tag.slug, tag.name);
    xml_.Meta("_lede_content", "1");
    if (article.lead_image) {
      const auto& lead = *article.lead_image;
      xml_.Meta("_thumbnail_id", std::to_string(kMediaIdOffset + lead.media_id));
      xml_.Meta("_lede_lead_image",
                nlohmann::json{{"caption", lead.caption}, {"credit", lead.credit}, {"alt", lead.alt}}
                    .dump());
      if (missing_.count(lead.media_id)) {
        Warn(fmt::format("{}: its lead image (media item {}) is missing on disk: exported with its URL",
                         what, lead.media_id));
      }
    }
    if (article.body_format == content::BodyFormat::kMarkdown) {
      xml_.Meta("_lede_markdown", article.body_markdown);
    }
    if (!article.quick_looks.empty()) {
      xml_.Meta("_lede_quick_looks", nlohmann::json(article.quick_looks).dump());
    }
    if (!article.dateline.empty()) xml_.Meta("_lede_dateline", article.dateline);
    if (!article.edition.empty()) xml_.Meta("_lede_edition", article.edition);
    if (!article.correction.empty()) xml_.Meta("_lede_correction", article.correction);
    if (article.updated_at) xml_.Meta("_lede_updated_at", std::to_string(*article.updated_at));
    if (article.authors.size() > 1) {
      std::vector<std::string> logins;
      std::string names;
      for (std::size_t i = 1; i < article.authors.size(); ++i) {
        logins.push_back(article.authors[i].slug);
        names += (names.empty() ? "" : ", ") + article.authors[i].name;
      }
      xml_.Meta("_lede_coauthors", nlohmann::json(logins).dump());
      Warn(fmt::format("{}: WordPress keeps one author per post: {} is its author; {} travel{} in "
                       "_lede_coauthors",
                       what, article.authors.front().name, names, logins.size() == 1 ? "s" : ""));
    }
    if (article.trashed_at) {
      // WordPress's own keys: what restoring from its trash gives back (in
      // lede, as in WordPress since 5.6, a draft) and when it was binned.
      xml_.Meta("_wp_trash_meta_status", StatusWord(article.status));
      xml_.Meta("_wp_trash_meta_time", std::to_string(*article.trashed_at));
    }
    xml_.End();
    NoteDropped(what);
  }

  store::Store& store_;
  const ExportOptions& options_;
  WxrWriter xml_;
  ExportReport report_;
  std::string base_;
  util::TimeZone zone_;
  std::set<std::int64_t> missing_;  // media items whose file is gone
};

}  // namespace

Result<ExportReport> ExportWxr(store::Store& store, const ExportOptions& options, std::ostream& out) {
  Exporter exporter(store, options, out);
  return exporter.Run();
}

}  // namespace lede::importers::wordpress
