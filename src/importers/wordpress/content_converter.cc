#include "importers/wordpress/content_converter.h"

#include <fmt/format.h>

#include <regex>

#include "publishing/html_sanitizer.h"
#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

const std::regex& BlockComment() {
  static const std::regex kPattern(R"(<!--\s*/?wp:[^>]*?-->|<!--more(.*?)?-->|<!--nextpage-->|<!--noteaser-->)");
  return kPattern;
}

bool StartsWithBlockTag(std::string_view chunk) {
  static const std::regex kBlock(
      R"(^<(/?)(p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|blockquote|pre|figure|figcaption|hr|iframe|section|article|aside|header|footer|nav|address|form|fieldset|details|summary|hgroup|main|script|style)[\s>/])",
      std::regex::icase);
  const std::string text(chunk.substr(0, 40));
  return std::regex_search(text, kBlock);
}

// [caption id="x" align="y" width="300"]<img ...> The caption[/caption]
std::string ConvertCaptions(const std::string& text) {
  static const std::regex kCaption(R"(\[caption([^\]]*)\]([\s\S]*?)\[/caption\])");
  static const std::regex kImage(R"((<a [^>]*>\s*)?<img [^>]*>(\s*</a>)?)");
  static const std::regex kCaptionAttribute(R"re(caption="([^"]*)")re");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), kCaption);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& match = *it;
    out.append(text, last, static_cast<std::size_t>(match.position()) - last);
    const std::string attributes = match[1];
    const std::string inner = match[2];
    std::smatch image;
    std::string figure = "<figure>";
    std::string caption = inner;
    if (std::regex_search(inner, image, kImage)) {
      figure += image.str();
      caption = image.prefix().str() + image.suffix().str();
    }
    std::smatch attribute;
    if (util::Trim(caption).empty() && std::regex_search(attributes, attribute, kCaptionAttribute)) {
      caption = attribute[1];
    }
    figure += fmt::format("<figcaption>{}</figcaption></figure>", std::string(util::Trim(caption)));
    out += figure;
    last = static_cast<std::size_t>(match.position() + match.length());
  }
  out.append(text, last);
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

// [embed]URL[/embed] and provider URLs alone on a line become links.
std::string ConvertEmbeds(const std::string& text, std::vector<std::string>& warnings) {
  static const std::regex kEmbed(R"(\[embed[^\]]*\]\s*(\S+?)\s*\[/embed\])");
  std::string out = std::regex_replace(text, kEmbed, "\n\n$1\n\n");
  std::string result;
  for (auto line : util::Split(out, '\n')) {
    const std::string trimmed(util::Trim(line));
    if (IsKnownEmbed(trimmed)) {
      result += "\n" + LinkParagraph(trimmed) + "\n";
    } else {
      result += std::string(line) + "\n";
    }
  }
  static const std::regex kGallery(R"(\[gallery[^\]]*\])");
  if (std::regex_search(result, kGallery)) {
    warnings.push_back("a [gallery] was left out (galleries need the site's attachments)");
    result = std::regex_replace(result, kGallery, "");
  }
  return result;
}

// Other shortcodes go, their enclosed text stays. Only tokens shaped like
// shortcodes count: "[name]", "[name key=value ...]" or a "[/name]" closer,
// so "[citation needed]" or "[1]" in prose survive.
std::string StripShortcodes(const std::string& text) {
  static const std::regex kToken(
      R"re(\[/?[a-zA-Z][a-zA-Z0-9_-]*(\s+[a-zA-Z0-9_-]+=("[^"]*"|'[^']*'|[^\s\]]+))*\s*/?\])re");
  return std::regex_replace(text, kToken, "");
}

void ExtractQuickLooks(std::string& html, std::vector<std::string>& quick_looks) {
  static const std::regex kSection(
      R"(<h([1-6])[^>]*>([\s\S]*?)</h\1>\s*<(ul|ol)[^>]*>([\s\S]*?)</\3>)", std::regex::icase);
  static const std::regex kItem(R"(<li[^>]*>([\s\S]*?)</li>)", std::regex::icase);
  static const std::regex kQuickHeading(R"(^(.*\s)?quick looks?:?$)", std::regex::icase);
  static const std::regex kDeepLook(R"(<h[1-6][^>]*>\s*(<[^>]+>\s*)*deep looks?:?\s*(<[^>]+>\s*)*</h[1-6]>\s*)",
                                    std::regex::icase);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kSection);
       it != std::sregex_iterator(); ++it) {
    const std::string heading = publishing::HtmlToText((*it)[2].str());
    if (!std::regex_match(heading, kQuickHeading)) continue;
    const std::string list = (*it)[4];
    for (auto item = std::sregex_iterator(list.begin(), list.end(), kItem);
         item != std::sregex_iterator(); ++item) {
      std::string look = publishing::HtmlToText((*item)[1].str());
      if (!look.empty() && quick_looks.size() < 8) quick_looks.push_back(look.substr(0, 400));
    }
    html.erase(static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->length()));
    html = std::regex_replace(html, kDeepLook, "", std::regex_constants::format_first_only);
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

ConvertedContent ConvertContent(std::string_view content) {
  ConvertedContent converted;
  std::string text(content);
  const bool has_blocks = text.find("<!-- wp:") != std::string::npos;
  text = std::regex_replace(text, BlockComment(), "");
  text = ConvertCaptions(text);
  text = ConvertEmbeds(text, converted.warnings);
  text = StripShortcodes(text);
  // Block content already carries its paragraphs; classic content relies
  // on wpautop at display time.
  converted.html = has_blocks ? text : AutoParagraphs(text);
  ExtractQuickLooks(converted.html, converted.quick_looks);
  return converted;
}

}  // namespace lede::importers::wordpress
