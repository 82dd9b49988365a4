#include "importers/wordpress/post_workers.h"

#include "importers/wordpress/lede_content.h"
#include "publishing/html_sanitizer.h"
#include "publishing/markdown.h"

namespace lede::importers::wordpress {

Prepared Prepare(WxrItem item, const Survey& survey) {
  Prepared prepared;
  prepared.headline = publishing::HtmlToText(item.title);
  prepared.standfirst = publishing::HtmlToText(item.excerpt);
  const std::int64_t post_id = item.post_id;
  if (IsLedeContent(item)) {
    // lede's own HTML: only what the export wrapped around it comes off
    // (the Quick Looks and the rest come exactly from the _lede_* meta).
    prepared.converted.html = UnwrapLedeContent(item.content);
  } else {
    prepared.converted = ConvertContent(item.content, [&survey, post_id](std::string_view attributes) {
      return GalleryFor(survey, post_id, attributes);
    });
  }
  bool markdown = false;
  for (const auto& meta : item.meta) {
    if (meta.key == "_lede_markdown") {
      prepared.body_html = publishing::RenderMarkdown(meta.value);
      markdown = true;
    }
  }
  if (!markdown) prepared.body_html = publishing::SanitizeHtml(prepared.converted.html);
  prepared.item = std::move(item);
  return prepared;
}

}  // namespace lede::importers::wordpress
