#pragma once
// The import's first pass: it reads the whole export without writing, so a
// broken file is refused before anything changes, counts the items for the
// progress display and gathers the attachments (WordPress may list them
// after the posts that feature them).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/wordpress/content_converter.h"
#include "importers/wordpress/wxr_reader.h"

namespace lede::importers::wordpress {

// What a featured image needs from its attachment item.
struct Attachment {
  std::string url;
  std::string title;
  std::string caption;      // the attachment's excerpt
  std::string description;  // its content
  std::string alt;          // _wp_attachment_image_alt
  std::string file;         // _wp_attached_file: the path below uploads/
  std::string date_gmt;     // wp:post_date_gmt
  std::string date;         // wp:post_date (the site's local time)
  // lede's exports give caption and credit exactly (_lede_caption,
  // _lede_credit); then alt is taken as it is, too.
  std::optional<std::string> lede_caption;
  std::optional<std::string> lede_credit;
};

// The first pass: well-formedness, the right format, a count for the
// progress display, and the attachments (which WordPress may list after
// the posts that feature them). Nothing is written.
class Survey : public WxrHandler {
 public:
  Status OnItem(const WxrItem& item) override {
    ++items;
    if (item.post_type == "attachment" && item.post_id > 0) {
      Attachment attachment{item.attachment_url.empty() ? item.guid : item.attachment_url,
                            item.title, item.excerpt, item.content, ""};
      attachment.date_gmt = item.post_date_gmt;
      attachment.date = item.post_date;
      for (const auto& meta : item.meta) {
        if (meta.key == "_wp_attachment_image_alt") attachment.alt = meta.value;
        if (meta.key == "_wp_attached_file") attachment.file = meta.value;
        if (meta.key == "_lede_caption") attachment.lede_caption = meta.value;
        if (meta.key == "_lede_credit") attachment.lede_credit = meta.value;
      }
      attachments[item.post_id] = std::move(attachment);
      if (item.post_parent > 0) children[item.post_parent].push_back(item.post_id);
    }
    return {};
  }
  std::int64_t items = 0;
  std::map<std::int64_t, Attachment> attachments;
  std::map<std::int64_t, std::vector<std::int64_t>> children;  // post -> its attachments
};

// A [gallery]'s pictures: its ids="..." in order, else the post's own
// attached pictures. Reads the survey only, so workers may call it.
std::vector<GalleryImage> GalleryFor(const Survey& survey, std::int64_t post_id,
                                     std::string_view attributes);

}  // namespace lede::importers::wordpress
