#include "publishing/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>
#include <utility>

#include "publishing/html_sanitizer.h"

namespace lede::publishing {

content::SafeHtml RenderMarkdown(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // Raw HTML passes through cmark (CMARK_OPT_UNSAFE) to the sanitiser,
  // the one judge of markup: it drops <script> and <style> with what is
  // inside them, and unwraps every other element it does not keep, so
  // their words stay. cmark's own safe mode did the opposite (Issue 24):
  // it dropped each inline tag and left "alert(1)" between them for
  // readers, and dropped a <div style> block with every word in it.
  const int options = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (auto* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, extension);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  char* html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
  const std::string result(html);
  std::free(html);
  cmark_node_free(document);
  cmark_parser_free(parser);
  // cmark's safe mode drops raw HTML and bad link schemes, but writes
  // markup of its own (footnote sections, data- and aria- attributes,
  // align on table cells) that the allow-list does not know: the same
  // sanitiser as every other body makes the two kinds of body alike.
  return SanitizeHtml(result);
}

}  // namespace lede::publishing
