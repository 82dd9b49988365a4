#include "importers/wordpress/survey.h"

#include "publishing/html_sanitizer.h"
#include "util/strings.h"

namespace lede::importers::wordpress {

std::vector<GalleryImage> GalleryFor(const Survey& survey, std::int64_t post_id,
                                     std::string_view attributes) {
  std::vector<std::int64_t> ids;
  const auto at = attributes.find("ids=");
  if (at != std::string_view::npos) {
    std::string_view list = attributes.substr(at + 4);
    if (!list.empty() && (list.front() == '"' || list.front() == '\'')) {
      const char quote = list.front();
      list = list.substr(1, list.find(quote, 1) - 1);
    } else {
      list = list.substr(0, list.find(' '));
    }
    for (auto part : util::Split(list, ',')) {
      if (auto id = util::ParseInt(util::Trim(part))) ids.push_back(*id);
    }
  } else if (auto it = survey.children.find(post_id); it != survey.children.end()) {
    ids = it->second;
  }
  std::vector<GalleryImage> images;
  for (std::int64_t id : ids) {
    const auto found = survey.attachments.find(id);
    if (found == survey.attachments.end()) continue;
    const Attachment& attachment = found->second;
    images.push_back({attachment.url, attachment.alt.empty() ? attachment.title : attachment.alt,
                      publishing::HtmlToText(attachment.caption)});
  }
  return images;
}

}  // namespace lede::importers::wordpress
