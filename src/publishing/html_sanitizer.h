#pragma once
// An allow-list HTML sanitiser. HTML from outside (WordPress imports, pasted
// markup) is parsed as a browser would (gumbo, the HTML5 algorithm) and
// written out again keeping only known-safe elements and attributes:
// - script, style, iframe (but video embeds), object, embed, form controls,
//   svg, math and the like are dropped with everything inside them;
// - other unknown elements are unwrapped: their text stays, the tag goes;
// - no event handler, style or class attribute survives; URLs must be
//   http(s), mailto or relative (no javascript:, vbscript:, data:).
// The output is well-formed, so it can be placed inside any page.

#include <string>
#include <string_view>

#include "content/safe_html.h"

namespace lede::publishing {

content::SafeHtml SanitizeHtml(std::string_view html);

// The same, always through the full HTML5 parse. SanitizeHtml takes a fast
// path for plain markup (plain_html.h) and gives the same output; this is
// what tests hold it to.
std::string SanitizeHtmlByParsing(std::string_view html);

// The text a reader would see in `html`: tags dropped, entities decoded,
// whitespace collapsed, script and style content left out.
std::string HtmlToText(std::string_view html);
// The same, always through the full parse (for tests, as above).
std::string HtmlToTextByParsing(std::string_view html);

// True for iframe sources lede keeps: YouTube and Vimeo players over https.
bool IsAllowedEmbed(std::string_view url);

}  // namespace lede::publishing
