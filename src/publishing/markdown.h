#pragma once

#include <string>
#include <string_view>

#include "content/safe_html.h"

namespace lede::publishing {

// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks,
// smart punctuation) to HTML. Raw HTML and javascript:/vbscript:/data:
// links in the source are dropped: editors write Markdown, not markup.
// The result has been through SanitizeHtml, as every body has.
content::SafeHtml RenderMarkdown(std::string_view markdown);

}  // namespace lede::publishing
