#include "publishing/plain_html.h"

#include <array>
#include <cstdint>
#include <vector>

#include "publishing/html_allow_list.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

// Where an element may stand, in HTML5's terms, restricted so that no
// placement below makes a browser close or move anything.
enum class Kind {
  kFlow,      // a block that holds blocks and inline content: div, blockquote, figure...
  kListItem,  // li: a flow container that stands only in ul or ol
  kList,      // ul, ol: hold li only
  kTextBlock, // p, h1-h6: a block that holds inline content only
  kInline,    // a, strong, em...: inline content only
  kVoidBlock, // hr
  kVoidInline // br, img
};

struct PlainElement {
  std::string_view name;
  Kind kind;
};

constexpr PlainElement kElements[] = {
    {"p", Kind::kTextBlock},      {"a", Kind::kInline},          {"em", Kind::kInline},
    {"strong", Kind::kInline},    {"li", Kind::kListItem},       {"ul", Kind::kList},
    {"ol", Kind::kList},          {"br", Kind::kVoidInline},     {"img", Kind::kVoidInline},
    {"h1", Kind::kTextBlock},     {"h2", Kind::kTextBlock},      {"h3", Kind::kTextBlock},
    {"h4", Kind::kTextBlock},     {"h5", Kind::kTextBlock},      {"h6", Kind::kTextBlock},
    {"b", Kind::kInline},         {"i", Kind::kInline},          {"u", Kind::kInline},
    {"s", Kind::kInline},         {"del", Kind::kInline},        {"ins", Kind::kInline},
    {"sub", Kind::kInline},       {"sup", Kind::kInline},        {"mark", Kind::kInline},
    {"small", Kind::kInline},     {"cite", Kind::kInline},       {"code", Kind::kInline},
    {"kbd", Kind::kInline},       {"abbr", Kind::kInline},       {"q", Kind::kInline},
    {"span", Kind::kInline},      {"time", Kind::kInline},       {"div", Kind::kFlow},
    {"blockquote", Kind::kFlow},  {"figure", Kind::kFlow},       {"figcaption", Kind::kFlow},
    {"hr", Kind::kVoidBlock},
};

const PlainElement* FindElement(std::string_view name) {
  for (const auto& element : kElements) {
    if (element.name == name) return &element;
  }
  return nullptr;
}

bool HoldsBlocks(Kind kind) { return kind == Kind::kFlow || kind == Kind::kListItem; }
bool HoldsInline(Kind kind) { return kind != Kind::kList; }

// Named references decoded here; a name not listed (with its semicolon)
// sends the input to the full parser.
struct NamedReference {
  std::string_view name;
  std::string_view text;
};
constexpr NamedReference kNamed[] = {
    {"amp", "&"},          {"lt", "<"},           {"gt", ">"},           {"quot", "\""},
    {"apos", "'"},         {"nbsp", "\u00a0"},    {"hellip", "\u2026"},  {"mdash", "\u2014"},
    {"ndash", "\u2013"},   {"lsquo", "\u2018"},   {"rsquo", "\u2019"},   {"ldquo", "\u201c"},
    {"rdquo", "\u201d"},   {"sbquo", "\u201a"},   {"bdquo", "\u201e"},   {"laquo", "\u00ab"},
    {"raquo", "\u00bb"},   {"copy", "\u00a9"},    {"reg", "\u00ae"},     {"trade", "\u2122"},
    {"deg", "\u00b0"},     {"middot", "\u00b7"},  {"bull", "\u2022"},    {"euro", "\u20ac"},
    {"pound", "\u00a3"},   {"cent", "\u00a2"},    {"yen", "\u00a5"},     {"times", "\u00d7"},
    {"divide", "\u00f7"},  {"frac12", "\u00bd"},  {"frac14", "\u00bc"},  {"frac34", "\u00be"},
    {"eacute", "\u00e9"},  {"egrave", "\u00e8"},  {"aacute", "\u00e1"},  {"agrave", "\u00e0"},
    {"iacute", "\u00ed"},  {"oacute", "\u00f3"},  {"uacute", "\u00fa"},  {"ntilde", "\u00f1"},
    {"ccedil", "\u00e7"},  {"uuml", "\u00fc"},    {"ouml", "\u00f6"},    {"auml", "\u00e4"},
    {"szlig", "\u00df"},   {"prime", "\u2032"},   {"Prime", "\u2033"},   {"thinsp", "\u2009"},
    {"ensp", "\u2002"},    {"emsp", "\u2003"},
};

// HTML's references that work without a semicolon ("&copy2020" is
// "©2020" in text). When one starts a run of letters and digits the input
// is declined rather than decoded here.
constexpr std::string_view kLegacyNames[] = {
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml"};

bool IsAlpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsAlnum(char ch) { return IsAlpha(ch) || IsDigit(ch); }
bool IsSpace(char ch) { return ch == ' ' || ch == '\t' || ch == '\n'; }

// Code points a browser would replace, drop or report, and that the full
// parser might treat differently: declined.
bool IsPlainCodePoint(std::uint32_t code) {
  if (code < 0x20) return code == '\t' || code == '\n';
  if (code >= 0x7f && code < 0xa0) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code >= 0xfdd0 && code <= 0xfdef) return false;
  if ((code & 0xfffe) == 0xfffe) return false;
  return code <= 0x10ffff;
}

// Length of the well-formed UTF-8 sequence of a plain code point at `pos`,
// or 0.
std::size_t Utf8Length(std::string_view text, std::size_t pos) {
  const auto sequence = util::DecodeUtf8(text, pos);
  return sequence && IsPlainCodePoint(sequence->code) ? sequence->length : 0;
}

enum class Reference { kLiteral, kDecoded, kDecline };

// At `text[pos] == '&'`: appends what the reference stands for to `out`
// and moves past it, or says the '&' is a literal ampersand, or declines.
Reference ReadReference(std::string_view text, std::size_t& pos, bool in_attribute,
                        std::string& out) {
  std::size_t at = pos + 1;
  if (at < text.size() && text[at] == '#') {
    ++at;
    const bool hex = at < text.size() && (text[at] == 'x' || text[at] == 'X');
    if (hex) ++at;
    std::uint32_t code = 0;
    std::size_t digits = 0;
    for (; at < text.size() && digits < 8; ++at, ++digits) {
      const char ch = text[at];
      int value;
      if (IsDigit(ch)) {
        value = ch - '0';
      } else if (hex && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
        value = (ch | 0x20) - 'a' + 10;
      } else {
        break;
      }
      code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(value);
    }
    if (digits == 0 || digits == 8 || at >= text.size() || text[at] != ';') return Reference::kDecline;
    if (code < 0x20 || !IsPlainCodePoint(code)) return Reference::kDecline;
    util::AppendUtf8(out, code);
    pos = at + 1;
    return Reference::kDecoded;
  }
  std::size_t end = at;
  while (end < text.size() && IsAlnum(text[end])) ++end;
  if (end == at) return Reference::kLiteral;  // "& ", "&;", "&" at the end
  const std::string_view name = text.substr(at, end - at);
  if (end < text.size() && text[end] == ';') {
    for (const auto& named : kNamed) {
      if (named.name == name) {
        out += named.text;
        pos = end + 1;
        return Reference::kDecoded;
      }
    }
    return Reference::kDecline;
  }
  for (std::string_view legacy : kLegacyNames) {
    if (!util::StartsWith(name, legacy)) continue;
    // In an attribute a legacy name followed by a letter, digit or '='
    // stays literal ("?a=1&copyright=2&not=3"); in text it is decoded.
    if (in_attribute && (legacy.size() < name.size() || (end < text.size() && text[end] == '='))) {
      continue;
    }
    return Reference::kDecline;
  }
  return Reference::kLiteral;  // "R&D", "AT&T": no reference starts there
}

// Characters that need more than copying: markup, references, what the
// escaper rewrites, and anything that is not printable ASCII.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (int ch = 0; ch < 256; ++ch) special[ch] = ch < 0x20 || ch >= 0x7f;
  for (unsigned char ch : {'<', '&', '>', '"', '\''}) special[ch] = true;
  special['\t'] = special['\n'] = false;
  return special;
}();

// Reads text up to `stop` (kMarkup: a '<'), decoding references,
// and appends it to `out`: HTML-escaped as the serialiser escapes text, or
// as it is when `escape` is false. False to decline.
constexpr int kMarkup = '<';

bool ReadText(std::string_view html, std::size_t& pos, int stop, bool in_attribute, bool escape,
              std::string& out, std::string& decoded) {
  while (pos < html.size()) {
    std::size_t run = pos;
    while (run < html.size() && !kSpecial[static_cast<unsigned char>(html[run])]) ++run;
    out.append(html, pos, run - pos);
    pos = run;
    if (pos >= html.size()) return true;
    const char ch = html[pos];
    if (ch == stop) return true;
    if (ch == '&') {
      decoded.clear();
      switch (ReadReference(html, pos, in_attribute, decoded)) {
        case Reference::kDecline:
          return false;
        case Reference::kDecoded:
          if (escape) {
            util::AppendHtmlEscaped(out, decoded);
          } else {
            out += decoded;
          }
          break;
        case Reference::kLiteral:
          out += escape ? "&amp;" : "&";
          ++pos;
          break;
      }
    } else if (static_cast<unsigned char>(ch) >= 0x80) {
      const std::size_t length = Utf8Length(html, pos);
      if (length == 0) return false;
      out.append(html, pos, length);
      pos += length;
    } else if (ch == '<' || ch == '>' || ch == '"' || ch == '\'') {
      if (escape) {
        util::AppendHtmlEscaped(out, std::string_view(&ch, 1));
      } else {
        out += ch;
      }
      ++pos;
    } else {
      return false;  // a control character, NUL, CR or DEL
    }
  }
  return true;
}

struct Open {
  std::string_view tag;      // as read
  std::string_view written;  // as written out: h1 becomes h2
  Kind kind;
};

class PlainReader {
 public:
  explicit PlainReader(std::string_view html) : html_(html) { out_.reserve(html.size() + 256); }

  std::optional<std::string> Run() {
    while (pos_ < html_.size()) {
      if (html_[pos_] == '<') {
        const char next = pos_ + 1 < html_.size() ? html_[pos_ + 1] : '\0';
        bool ok;
        if (IsAlpha(next)) {
          ok = StartTag();
        } else if (next == '/') {
          ok = EndTag();
        } else if (next == '!' || next == '?') {
          ok = false;  // comments, doctypes, processing instructions
        } else {
          ok = Text(true);  // "a < b": a browser keeps the '<' as text
        }
        if (!ok) return std::nullopt;
      } else if (!Text(false)) {
        return std::nullopt;
      }
    }
    if (!open_.empty()) return std::nullopt;  // a browser would close these itself
    return std::move(out_);
  }

 private:
  Kind Current() const { return open_.empty() ? Kind::kFlow : open_.back().kind; }

  bool Text(bool starts_with_lt) {
    const std::size_t start = pos_;
    if (starts_with_lt) {
      out_ += "&lt;";
      ++pos_;
    }
    if (!ReadText(html_, pos_, kMarkup, false, true, out_, decoded_)) return false;
    if (Current() == Kind::kList) {
      // Only whitespace between list items.
      for (std::size_t i = start; i < pos_; ++i) {
        if (!IsSpace(html_[i])) return false;
      }
    }
    return true;
  }

  // Reads [A-Za-z0-9]+ lower-cased into `name`.
  std::string_view Name(std::string& name) {
    name.clear();
    while (pos_ < html_.size() && IsAlnum(html_[pos_])) {
      name += static_cast<char>(html_[pos_] | (IsAlpha(html_[pos_]) ? 0x20 : 0));
      ++pos_;
    }
    return name;
  }

  void SkipSpace() {
    while (pos_ < html_.size() && IsSpace(html_[pos_])) ++pos_;
  }

  bool AtTagBoundary() const {
    return pos_ < html_.size() && (IsSpace(html_[pos_]) || html_[pos_] == '/' || html_[pos_] == '>');
  }

  bool StartTag() {
    ++pos_;
    const std::string_view name = Name(tag_name_);
    if (!AtTagBoundary()) return false;
    const PlainElement* element = FindElement(name);
    if (!element) return false;
    bool self_closing = false;
    if (!Attributes(self_closing)) return false;
    const Kind kind = element->kind;
    const bool is_void = kind == Kind::kVoidBlock || kind == Kind::kVoidInline;
    if (self_closing && !is_void) return false;  // "<p/>" opens a p in HTML

    const Kind parent = Current();
    const bool block = kind == Kind::kFlow || kind == Kind::kList || kind == Kind::kTextBlock ||
                       kind == Kind::kVoidBlock;
    if (kind == Kind::kListItem ? parent != Kind::kList
                                : (block ? !HoldsBlocks(parent) : !HoldsInline(parent))) {
      return false;
    }
    if (name == "a") {
      if (links_ > 0) return false;  // a browser closes the outer link
      ++links_;
    }
    const std::string_view written = name == "h1" ? std::string_view("h2") : element->name;
    const html::ElementRule* rule = html::RuleFor(written);
    if (!rule) return false;
    html::AppendStartTag(out_, written, *rule, attributes_);
    if (!is_void) {
      if (open_.size() >= 256) return false;
      open_.push_back({element->name, written, kind});
    }
    return true;
  }

  bool Attributes(bool& self_closing) {
    attributes_.clear();
    attribute_count_ = 0;
    while (true) {
      SkipSpace();
      if (pos_ >= html_.size()) return false;
      const char ch = html_[pos_];
      if (ch == '>') {
        ++pos_;
        break;
      }
      if (ch == '/') {
        if (pos_ + 1 >= html_.size() || html_[pos_ + 1] != '>') return false;
        self_closing = true;
        pos_ += 2;
        break;
      }
      if (attribute_count_ == names_.size()) {
        names_.emplace_back();
        values_.emplace_back();
      }
      std::string& name = names_[attribute_count_];
      std::string& value = values_[attribute_count_];
      name.clear();
      value.clear();
      while (pos_ < html_.size() && (IsAlnum(html_[pos_]) || html_[pos_] == '-' ||
                                     html_[pos_] == '_' || html_[pos_] == ':')) {
        name += static_cast<char>(IsAlpha(html_[pos_]) ? html_[pos_] | 0x20 : html_[pos_]);
        ++pos_;
      }
      if (name.empty()) return false;
      for (std::size_t i = 0; i < attribute_count_; ++i) {
        if (names_[i] == name) return false;  // a browser keeps the first only
      }
      const std::size_t name_end = pos_;
      SkipSpace();
      if (pos_ < html_.size() && html_[pos_] == '=') {
        ++pos_;
        SkipSpace();
        if (pos_ >= html_.size() || (html_[pos_] != '"' && html_[pos_] != '\'')) return false;
        const char quote = html_[pos_++];
        if (!ReadText(html_, pos_, quote, true, false, value, decoded_)) return false;
        if (pos_ >= html_.size()) return false;  // no closing quote
        ++pos_;
        if (!AtTagBoundary()) return false;
      } else if (pos_ == name_end && !AtTagBoundary()) {
        return false;  // "<p a"b>": a character no name may hold
      }
      ++attribute_count_;
    }
    for (std::size_t i = 0; i < attribute_count_; ++i) attributes_.push_back({names_[i], values_[i]});
    return true;
  }

  bool EndTag() {
    pos_ += 2;
    const std::string_view name = Name(tag_name_);
    SkipSpace();
    if (pos_ >= html_.size() || html_[pos_] != '>') return false;
    ++pos_;
    // Only the innermost open element may close: anything else makes a
    // browser imply, ignore or re-open elements.
    if (open_.empty() || open_.back().tag != name) return false;
    if (name == "a") --links_;
    const std::string_view written = open_.back().written;
    open_.pop_back();
    out_ += "</";
    out_ += written;
    out_ += '>';
    return true;
  }

  std::string_view html_;
  std::size_t pos_ = 0;
  std::string out_;
  std::vector<Open> open_;
  int links_ = 0;
  std::string tag_name_;
  std::string decoded_;
  std::vector<std::string> names_;
  std::vector<std::string> values_;
  std::size_t attribute_count_ = 0;
  std::vector<html::AttributeView> attributes_;
};

}  // namespace

std::optional<std::string> SanitizePlainHtml(std::string_view html) {
  return PlainReader(html).Run();
}

std::optional<std::string> DecodePlainText(std::string_view html) {
  std::string text;
  std::string decoded;
  std::size_t pos = 0;
  if (!ReadText(html, pos, kMarkup, false, false, text, decoded) || pos < html.size()) return std::nullopt;
  return text;
}

}  // namespace lede::publishing
