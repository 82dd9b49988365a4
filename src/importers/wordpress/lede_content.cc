#include "importers/wordpress/lede_content.h"

#include "importers/wordpress/wxr_reader.h"
#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::string_view kDatelineOpen = "<p class=\"lede-dateline\">";
constexpr std::string_view kQuickLooksOpen = "<h2 class=\"lede-quick-looks\">";
constexpr std::string_view kDeepLook = "<h2 class=\"lede-deep-look\">Deep Look</h2>\n";
constexpr std::string_view kCorrectionOpen = "\n<p class=\"lede-correction\">";

// Case-insensitive: does `html` at `pos` open the element `name`?
bool OpensElement(std::string_view html, std::size_t pos, std::string_view name) {
  if (pos + name.size() + 2 > html.size() || html[pos] != '<') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(html[pos + 1 + i])) != name[i]) return false;
  }
  const char next = html[pos + 1 + name.size()];
  return next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '/';
}

// Words a credit starts with: "Photo/...", "Illustration: ...".
bool NamesItsKind(std::string_view credit) {
  const std::string lower = util::ToLowerAscii(credit);
  for (std::string_view word : {"photo", "image", "picture", "illustration", "graphic", "credit"}) {
    if (util::StartsWith(lower, word)) return true;
  }
  return false;
}

}  // namespace

std::string CaptionWithCredit(const std::string& caption, const std::string& credit) {
  if (credit.empty()) return caption;
  const std::string part = NamesItsKind(credit) ? "(" + credit + ")" : "(Photo/" + credit + ")";
  return caption.empty() ? part : caption + " " + part;
}

std::pair<std::string, std::string> SplitCredit(const std::string& caption) {
  const auto open = caption.rfind('(');
  if (open != std::string::npos && caption.back() == ')') {
    const std::string inside = caption.substr(open + 1, caption.size() - open - 2);
    if (NamesItsKind(inside)) return {std::string(util::Trim(caption.substr(0, open))), inside};
  }
  return {caption, ""};
}

std::string WrapForWordPress(std::string_view body_html, const ArticleExtras& extras) {
  std::string out;
  if (!extras.dateline.empty() || !extras.edition.empty()) {
    out += kDatelineOpen;
    if (!extras.dateline.empty()) out += "<strong>" + util::HtmlEscape(extras.dateline) + "</strong>";
    if (!extras.dateline.empty() && !extras.edition.empty()) out += " — ";
    out += util::HtmlEscape(extras.edition);
    out += "</p>\n";
  }
  if (!extras.quick_looks.empty()) {
    out += kQuickLooksOpen;
    out += "Quick Looks</h2>\n<ul class=\"lede-quick-looks\">\n";
    for (const auto& look : extras.quick_looks) out += "<li>" + util::HtmlEscape(look) + "</li>\n";
    out += "</ul>\n";
    out += kDeepLook;
  }
  // The importer reads content trimmed: so is it written.
  out += JoinSoftLineBreaks(util::Trim(body_html));
  if (!extras.correction.empty()) {
    out += kCorrectionOpen;
    out += "<strong>Correction:</strong> " + util::HtmlEscape(extras.correction) + "</p>";
  }
  return out;
}

bool IsLedeContent(const WxrItem& item) {
  for (const auto& meta : item.meta) {
    if (meta.key == "_lede_content") return true;
  }
  return false;
}

std::string UnwrapLedeContent(std::string_view content) {
  if (content.starts_with(kDatelineOpen)) {
    const auto end = content.find("</p>\n");
    if (end != std::string_view::npos) content.remove_prefix(end + 5);
  }
  if (content.starts_with(kQuickLooksOpen)) {
    const auto end = content.find(kDeepLook);
    if (end != std::string_view::npos) content.remove_prefix(end + kDeepLook.size());
  }
  const auto correction = content.rfind(kCorrectionOpen);
  if (correction != std::string_view::npos && content.ends_with("</p>") &&
      content.find("</p>", correction) == content.size() - 4) {
    content = content.substr(0, correction);
  }
  return std::string(content);
}

std::string JoinSoftLineBreaks(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::string_view verbatim_until;  // the closing tag we are inside, if any
  char last = '\0';                 // the last character that is not a space
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char ch = html[i];
    if (!verbatim_until.empty()) {
      if (ch == '<' && util::StartsWith(util::ToLowerAscii(html.substr(i, verbatim_until.size())),
                                        verbatim_until)) {
        verbatim_until = {};
      }
      out += ch;
      last = ch;
      continue;
    }
    if (ch == '<') {
      for (std::string_view name : {"pre", "textarea", "script"}) {
        if (OpensElement(html, i, name)) {
          verbatim_until = name == "pre" ? "</pre" : name == "textarea" ? "</textarea" : "</script";
        }
      }
    }
    if (ch == '\n' || ch == '\r') {
      std::size_t next = i + 1;
      while (next < html.size() && (html[next] == ' ' || html[next] == '\t' || html[next] == '\n' ||
                                    html[next] == '\r')) {
        ++next;
      }
      const bool between_tags = last == '>' && next < html.size() && html[next] == '<';
      const bool at_edge = last == '\0' || next == html.size();
      if (!between_tags && !at_edge) {
        if (ch == '\r' && i + 1 < html.size() && html[i + 1] == '\n') ++i;
        if (!out.empty() && out.back() != ' ') out += ' ';
        continue;
      }
    }
    out += ch;
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') last = ch;
  }
  return out;
}

}  // namespace lede::importers::wordpress
