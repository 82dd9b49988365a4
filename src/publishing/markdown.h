#pragma once

#include <string>
#include <string_view>

namespace lede::publishing {

// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks,
// smart punctuation) to HTML. Raw HTML and javascript:/vbscript:/data:
// links in the source are dropped: editors write Markdown, not markup.
std::string RenderMarkdown(std::string_view markdown);

}  // namespace lede::publishing
