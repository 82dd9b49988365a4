#include "importers/wordpress/content_converter.h"

#include <fmt/format.h>

#include <cctype>
#include <regex>

#include "publishing/html_sanitizer.h"
#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

// Drops block delimiters (<!-- wp:... -->, <!-- /wp:... -->) and the
// <!--more--> / <!--nextpage--> markers; other comments stay for the
// sanitiser to remove. A plain scan: std::regex is far too slow for
// 100,000 bodies.
std::string DropBlockComments(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("<!--", pos);
    if (open == std::string::npos) break;
    const auto close = text.find("-->", open + 4);
    if (close == std::string::npos) break;
    std::string_view inside = util::Trim(std::string_view(text).substr(open + 4, close - open - 4));
    const bool marker = util::StartsWith(inside, "wp:") || util::StartsWith(inside, "/wp:") ||
                        util::StartsWith(inside, "more") || inside == "nextpage" ||
                        inside == "noteaser";
    out.append(text, pos, open - pos);
    if (!marker) out.append(text, open, close + 3 - open);
    pos = close + 3;
  }
  out.append(text, pos);
  return out;
}

bool StartsWithBlockTag(std::string_view chunk) {
  static const std::regex kBlock(
      R"(^<(/?)(p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|blockquote|pre|figure|figcaption|hr|iframe|section|article|aside|header|footer|nav|address|form|fieldset|details|summary|hgroup|main|script|style)[\s>/])",
      std::regex::icase);
  const std::string text(chunk.substr(0, 40));
  return std::regex_search(text, kBlock);
}

// [caption id="x" align="y" width="300"]<img ...> The caption[/caption]
// becomes <figure><img ...><figcaption>The caption</figcaption></figure>.
std::string ConvertCaptions(const std::string& text) {
  if (text.find("[caption") == std::string::npos) return text;
  static const std::regex kCaptionAttribute(R"re(caption="([^"]*)")re");
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("[caption", pos);
    if (open == std::string::npos) break;
    const auto open_end = text.find(']', open);
    const auto close = text.find("[/caption]", open);
    if (open_end == std::string::npos || close == std::string::npos || close < open_end) break;
    out.append(text, pos, open - pos);
    const std::string attributes = text.substr(open + 8, open_end - open - 8);
    std::string inner = text.substr(open_end + 1, close - open_end - 1);
    // The image (possibly inside a link) is the figure; the rest, its caption.
    std::string image;
    const auto img = inner.find("<img");
    if (img != std::string::npos) {
      const auto img_end = inner.find('>', img);
      if (img_end != std::string::npos) {
        std::size_t start = img;
        std::size_t end = img_end + 1;
        const auto link = inner.rfind("<a ", img);
        const auto link_close = inner.find("</a>", img_end);
        if (link != std::string::npos && link_close != std::string::npos &&
            util::Trim(std::string_view(inner).substr(img_end + 1, link_close - img_end - 1)).empty()) {
          start = link;
          end = link_close + 4;
        }
        image = inner.substr(start, end - start);
        inner.erase(start, end - start);
      }
    }
    std::string caption(util::Trim(inner));
    std::smatch attribute;
    if (caption.empty() && std::regex_search(attributes, attribute, kCaptionAttribute)) {
      caption = attribute[1];
    }
    out += "<figure>" + image + "<figcaption>" + caption + "</figcaption></figure>";
    pos = close + 10;
  }
  out.append(text, pos);
  return out;
}

bool IsKnownEmbed(const std::string& url) {
  static const std::regex kProviders(
      R"(^https?://(www\.)?(youtube\.com/watch|youtu\.be/|vimeo\.com/|twitter\.com/|x\.com/|instagram\.com/|flickr\.com/|soundcloud\.com/|tiktok\.com/|facebook\.com/|wordpress\.tv/|ted\.com/|spotify\.com/|open\.spotify\.com/)\S*$)",
      std::regex::icase);
  return std::regex_match(url, kProviders);
}

std::string LinkParagraph(const std::string& url) {
  const std::string escaped = util::HtmlEscape(url);
  return fmt::format("<p><a href=\"{}\">{}</a></p>", escaped, escaped);
}

// [gallery ids="1,2,3"] -> a row of figures, one per picture.
std::string ConvertGalleries(const std::string& text, const GalleryLookup& lookup,
                             std::vector<std::string>& warnings) {
  if (text.find("[gallery") == std::string::npos) return text;
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("[gallery", pos);
    if (open == std::string::npos) break;
    const auto close = text.find(']', open);
    if (close == std::string::npos) break;
    out.append(text, pos, open - pos);
    const std::string attributes = text.substr(open + 8, close - open - 8);
    const auto images = lookup ? lookup(attributes) : std::vector<GalleryImage>{};
    if (images.empty()) {
      warnings.push_back("a [gallery] was left out: its pictures are not in the export");
    } else {
      out += "\n<div>";
      for (const auto& image : images) {
        out += fmt::format("<figure><img src=\"{}\" alt=\"{}\">", util::HtmlEscape(image.url),
                           util::HtmlEscape(image.alt));
        if (!image.caption.empty()) {
          out += "<figcaption>" + util::HtmlEscape(image.caption) + "</figcaption>";
        }
        out += "</figure>";
      }
      out += "</div>\n";
    }
    pos = close + 1;
  }
  out.append(text, pos);
  return out;
}

// [embed]URL[/embed] and provider URLs alone on a line become links.
std::string ConvertEmbeds(const std::string& text) {
  static const std::regex kEmbed(R"(\[embed[^\]]*\]\s*(\S+?)\s*\[/embed\])");
  const std::string out = text.find("[embed") == std::string::npos
                              ? text
                              : std::regex_replace(text, kEmbed, "\n\n$1\n\n");
  std::string result;
  result.reserve(out.size());
  for (auto line : util::Split(out, '\n')) {
    const std::string_view trimmed_view = util::Trim(line);
    const std::string trimmed = util::StartsWith(trimmed_view, "http") ? std::string(trimmed_view) : "";
    if (!trimmed.empty() && IsKnownEmbed(trimmed)) {
      result += "\n" + LinkParagraph(trimmed) + "\n";
    } else {
      result += std::string(line) + "\n";
    }
  }
  return result;
}

// Other shortcodes go, their enclosed text stays. Only tokens shaped like
// shortcodes count: "[name]", "[name key=value ...]" or a "[/name]" closer,
// so "[citation needed]" or "[1]" in prose survive.
std::string StripShortcodes(const std::string& text) {
  if (text.find('[') == std::string::npos) return text;
  static const std::regex kToken(
      R"re(\[/?[a-zA-Z][a-zA-Z0-9_-]*(\s+[a-zA-Z0-9_-]+=("[^"]*"|'[^']*'|[^\s\]]+))*\s*/?\])re");
  return std::regex_replace(text, kToken, "");
}

// Case-insensitive find of an ASCII needle.
std::size_t FindNoCase(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    bool match = true;
    for (std::size_t j = 0; j < needle.size() && match; ++j) {
      match = std::tolower(static_cast<unsigned char>(haystack[i + j])) == needle[j];
    }
    if (match) return i;
  }
  return std::string_view::npos;
}

// Finds <hN>heading</hN> + <ul|ol>...</ul|ol> where the heading ends in
// "Quick Look(s)"; lifts the items out and drops a following "Deep Look"
// heading.
void ExtractQuickLooks(std::string& html, std::vector<std::string>& quick_looks) {
  if (FindNoCase(html, "quick look") == std::string::npos) return;
  static const std::regex kQuickHeading(R"(^(.*\s)?quick looks?:?$)", std::regex::icase);
  for (std::size_t pos = FindNoCase(html, "<h"); pos != std::string::npos;
       pos = FindNoCase(html, "<h", pos + 2)) {
    if (pos + 3 >= html.size() || html[pos + 2] < '1' || html[pos + 2] > '6') continue;
    const std::string close_tag = std::string("</h") + html[pos + 2];
    const auto heading_start = html.find('>', pos);
    const auto heading_end = FindNoCase(html, close_tag, pos);
    if (heading_start == std::string::npos || heading_end == std::string::npos) return;
    const std::string heading =
        publishing::HtmlToText(std::string_view(html).substr(heading_start + 1, heading_end - heading_start - 1));
    if (!std::regex_match(heading, kQuickHeading)) continue;
    auto list = html.find('>', heading_end);
    if (list == std::string::npos) return;
    ++list;
    while (list < html.size() && std::isspace(static_cast<unsigned char>(html[list]))) ++list;
    const std::string_view rest = std::string_view(html).substr(list);
    const bool unordered = util::StartsWith(rest, "<ul");
    if (!unordered && !util::StartsWith(rest, "<ol")) continue;
    const auto list_end = FindNoCase(html, unordered ? "</ul>" : "</ol>", list);
    if (list_end == std::string::npos) return;
    const std::string_view items = std::string_view(html).substr(list, list_end - list);
    for (auto item = FindNoCase(items, "<li"); item != std::string_view::npos;
         item = FindNoCase(items, "<li", item + 3)) {
      const auto start = items.find('>', item);
      auto end = FindNoCase(items, "</li>", item);
      if (start == std::string_view::npos) break;
      if (end == std::string_view::npos) end = items.size();
      std::string look = publishing::HtmlToText(items.substr(start + 1, end - start - 1));
      if (!look.empty() && quick_looks.size() < 8) quick_looks.push_back(look.substr(0, 400));
    }
    html.erase(pos, list_end + 5 - pos);
    // A "Deep Look" heading right after is the page's own: drop it.
    std::size_t next = pos;
    while (next < html.size() && std::isspace(static_cast<unsigned char>(html[next]))) ++next;
    if (FindNoCase(html, "<h", next) == next) {
      const auto end = FindNoCase(html, "</h", next);
      if (end != std::string::npos) {
        const auto start = html.find('>', next);
        const std::string text = util::ToLowerAscii(publishing::HtmlToText(
            std::string_view(html).substr(start + 1, end - start - 1)));
        if (text == "deep look" || text == "deep looks") {
          const auto after = html.find('>', end);
          html.erase(next, after + 1 - next);
        }
      }
    }
    return;
  }
}

}  // namespace

std::string AutoParagraphs(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    normalized += text[i];
  }
  std::string out;
  std::size_t start = 0;
  while (start <= normalized.size()) {
    auto end = normalized.find("\n\n", start);
    if (end == std::string::npos) end = normalized.size();
    const std::string chunk(util::Trim(std::string_view(normalized).substr(start, end - start)));
    if (!chunk.empty()) {
      if (StartsWithBlockTag(chunk)) {
        out += chunk + "\n";
      } else {
        std::string paragraph;
        for (char ch : chunk) paragraph += ch == '\n' ? std::string("<br>\n") : std::string(1, ch);
        out += "<p>" + paragraph + "</p>\n";
      }
    }
    if (end == normalized.size()) break;
    start = end + 2;
    while (start < normalized.size() && normalized[start] == '\n') ++start;
  }
  return out;
}

ConvertedContent ConvertContent(std::string_view content, const GalleryLookup& gallery) {
  ConvertedContent converted;
  std::string text(content);
  const bool has_blocks = text.find("<!-- wp:") != std::string::npos;
  text = DropBlockComments(text);
  text = ConvertCaptions(text);
  text = ConvertGalleries(text, gallery, converted.warnings);
  text = ConvertEmbeds(text);
  text = StripShortcodes(text);
  // Block content already carries its paragraphs; classic content relies
  // on wpautop at display time.
  converted.html = std::string(util::Trim(has_blocks ? text : AutoParagraphs(text)));
  ExtractQuickLooks(converted.html, converted.quick_looks);
  return converted;
}

}  // namespace lede::importers::wordpress
