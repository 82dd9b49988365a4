// Pictures: attachments and featured images become media items.
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

// The lead image for a post's _thumbnail_id, or nullopt.
Result<std::optional<content::LeadImage>> ImportWriter::LeadImageFor(const WxrItem& item,
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
media::ImageInfo ImportWriter::InfoFor(const Attachment& attachment, const std::string& fallback_alt) {
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

Result<std::int64_t> ImportWriter::EnsureMedia(std::int64_t wordpress_id, const Attachment& attachment,
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
std::optional<std::filesystem::path> ImportWriter::UploadedFile(const Attachment& attachment) {
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

// Every attachment becomes a media item (a featured one may already be).
Status ImportWriter::ImportAttachment(const WxrItem& item) {
  const auto found = attachments_.find(item.post_id);
  if (found == attachments_.end()) {
    ++report_.kinds["media"].skipped;
    return {};
  }
  LEDE_TRY(EnsureMedia(item.post_id, found->second, InfoFor(found->second, "Image")));
  return {};
}

}  // namespace lede::importers::wordpress
