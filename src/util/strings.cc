#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <clocale>
#include <cwctype>
#include <unordered_map>

namespace lede::util {
namespace {

// Decodes one UTF-8 code point at text[pos]; advances pos. Invalid bytes
// decode as U+FFFD so that slugs of broken input are still well-defined.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  int length = 1;
  char32_t code = byte;
  if (byte >= 0xF0 && byte < 0xF8) {
    length = 4;
    code = byte & 0x07;
  } else if (byte >= 0xE0) {
    length = 3;
    code = byte & 0x0F;
  } else if (byte >= 0xC0) {
    length = 2;
    code = byte & 0x1F;
  } else if (byte >= 0x80) {
    ++pos;
    return 0xFFFD;
  }
  if (pos + length > text.size()) {
    pos = text.size();
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) {
      pos += i;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3F);
  }
  pos += length;
  return code;
}

// Transliterations for letters that commonly appear in headlines.
const std::unordered_map<char32_t, std::string_view>& Transliterations() {
  static const std::unordered_map<char32_t, std::string_view> kTable = {
      // Latin-1 Supplement and Latin Extended-A.
      {U'à', "a"}, {U'á', "a"}, {U'â', "a"}, {U'ã', "a"}, {U'ä', "a"},
      {U'å', "a"}, {U'æ', "ae"}, {U'ç', "c"}, {U'è', "e"}, {U'é', "e"},
      {U'ê', "e"}, {U'ë', "e"}, {U'ì', "i"}, {U'í', "i"}, {U'î', "i"},
      {U'ï', "i"}, {U'ð', "d"}, {U'ñ', "n"}, {U'ò', "o"}, {U'ó', "o"},
      {U'ô', "o"}, {U'õ', "o"}, {U'ö', "o"}, {U'ø', "o"}, {U'ù', "u"},
      {U'ú', "u"}, {U'û', "u"}, {U'ü', "u"}, {U'ý', "y"}, {U'þ', "th"},
      {U'ÿ', "y"}, {U'ß', "ss"}, {U'ā', "a"}, {U'ă', "a"}, {U'ą', "a"},
      {U'ć', "c"}, {U'č', "c"}, {U'ď', "d"}, {U'đ', "d"}, {U'ē', "e"},
      {U'ė', "e"}, {U'ę', "e"}, {U'ě', "e"}, {U'ğ', "g"}, {U'ī', "i"},
      {U'į', "i"}, {U'ı', "i"}, {U'ķ', "k"}, {U'ļ', "l"}, {U'ľ', "l"},
      {U'ł', "l"}, {U'ń', "n"}, {U'ņ', "n"}, {U'ň', "n"}, {U'ō', "o"},
      {U'ő', "o"}, {U'œ', "oe"}, {U'ŕ', "r"}, {U'ř', "r"}, {U'ś', "s"},
      {U'ş', "s"}, {U'š', "s"}, {U'ţ', "t"}, {U'ť', "t"}, {U'ū', "u"},
      {U'ů', "u"}, {U'ű', "u"}, {U'ų', "u"}, {U'ź', "z"}, {U'ż', "z"},
      {U'ž', "z"}, {U'ș', "s"}, {U'ț', "t"},
      // Greek.
      {U'α', "a"}, {U'ά', "a"}, {U'β', "v"}, {U'γ', "g"}, {U'δ', "d"},
      {U'ε', "e"}, {U'έ', "e"}, {U'ζ', "z"}, {U'η', "i"}, {U'ή', "i"},
      {U'θ', "th"}, {U'ι', "i"}, {U'ί', "i"}, {U'ϊ', "i"}, {U'κ', "k"},
      {U'λ', "l"}, {U'μ', "m"}, {U'ν', "n"}, {U'ξ', "x"}, {U'ο', "o"},
      {U'ό', "o"}, {U'π', "p"}, {U'ρ', "r"}, {U'σ', "s"}, {U'ς', "s"},
      {U'τ', "t"}, {U'υ', "y"}, {U'ύ', "y"}, {U'φ', "f"}, {U'χ', "ch"},
      {U'ψ', "ps"}, {U'ω', "o"}, {U'ώ', "o"},
      // Cyrillic.
      {U'а', "a"}, {U'б', "b"}, {U'в', "v"}, {U'г', "g"}, {U'д', "d"},
      {U'е', "e"}, {U'ё', "e"}, {U'ж', "zh"}, {U'з', "z"}, {U'и', "i"},
      {U'й', "y"}, {U'к', "k"}, {U'л', "l"}, {U'м', "m"}, {U'н', "n"},
      {U'о', "o"}, {U'п', "p"}, {U'р', "r"}, {U'с', "s"}, {U'т', "t"},
      {U'у', "u"}, {U'ф', "f"}, {U'х', "kh"}, {U'ц', "ts"}, {U'ч', "ch"},
      {U'ш', "sh"}, {U'щ', "shch"}, {U'ъ', ""}, {U'ы', "y"}, {U'ь', ""},
      {U'э', "e"}, {U'ю', "yu"}, {U'я', "ya"}, {U'і', "i"}, {U'ї', "yi"},
      {U'є', "ye"}, {U'ґ', "g"},
  };
  return kTable;
}

// Lowercases the Latin-1, Latin Extended-A, Greek and Cyrillic capitals that
// the table above knows, so one table serves both cases.
char32_t ToLowerKnown(char32_t code) {
  if (code >= 0xC0 && code <= 0xDE && code != 0xD7) return code + 0x20;
  // Latin Extended-A pairs each capital with the next code point; the pairs
  // start on even code points except in the 0x139..0x148 and 0x179..0x17E
  // runs, where they start on odd ones.
  const bool odd_run =
      (code >= 0x139 && code <= 0x148) || (code >= 0x179 && code <= 0x17E);
  const bool even_run = (code >= 0x100 && code <= 0x137) ||
                        (code >= 0x14A && code <= 0x177);
  if ((odd_run && code % 2 == 1) || (even_run && code % 2 == 0)) {
    return code + 1;
  }
  if (code == 0x218 || code == 0x21A) return code + 1;
  if (code >= 0x391 && code <= 0x3A9) return code + 0x20;
  if (code == 0x386) return 0x3AC;
  if (code >= 0x388 && code <= 0x38A) return code + 0x25;
  if (code == 0x38C) return 0x3CC;
  if (code == 0x38F) return 0x3CE;
  if (code >= 0x410 && code <= 0x42F) return code + 0x20;
  if (code >= 0x400 && code <= 0x40F) return code + 0x50;
  if (code == 0x490) return 0x491;
  return code;
}

// Letters and digits of every script, as glibc's built-in C.UTF-8 locale
// classifies them (Hangul, Arabic, Han, Devanagari marks...), without
// touching the process's global locale.
locale_t UnicodeLocale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  return locale;
}

bool IsUnicodeWordCharacter(char32_t code) {
  const locale_t locale = UnicodeLocale();
  return code != 0xFFFD && locale != nullptr &&
         iswalnum_l(static_cast<wint_t>(code), locale);
}

// Marks that glibc files under punctuation but that are part of a word:
// the combining diacritics blocks, the viramas of the Indic scripts (the
// "्" in "हिन्दी") and the zero-width (non-)joiners Persian and Indic
// spelling needs. Kept only inside a word.
bool IsWordMark(char32_t code) {
  static constexpr char32_t kViramas[] = {0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD,
                                          0x0C4D, 0x0CCD, 0x0D4D, 0x0DCA, 0x0E3A, 0x0F84,
                                          0x1039, 0x103A, 0x17D2, 0x1B44, 0xA8C4};
  if ((code >= 0x0300 && code <= 0x036F) || (code >= 0x1AB0 && code <= 0x1AFF) ||
      (code >= 0x1DC0 && code <= 0x1DFF) || (code >= 0x20D0 && code <= 0x20FF) ||
      (code >= 0xFE20 && code <= 0xFE2F) || code == 0x200C || code == 0x200D) {
    return true;
  }
  return std::find(std::begin(kViramas), std::end(kViramas), code) != std::end(kViramas);
}

char32_t ToLowerUnicode(char32_t code) {
  const locale_t locale = UnicodeLocale();
  return locale ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(code), locale)) : code;
}

}  // namespace

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      // A browser reads a raw CR as LF.
      case '\r': out += "&#13;"; break;
      case '\t':
      case '\n':
      case '\f': out += ch; break;
      default: {
        // Control characters are not allowed in HTML, and a browser reads
        // them back as something else (U+FFFD, or nothing): they are left
        // out, so that markup reads back as what was written. C1 controls
        // are U+0080-U+009F, 0xC2 0x80-0x9F in UTF-8.
        const auto byte = static_cast<unsigned char>(ch);
        if (byte < 0x20 || byte == 0x7f) break;
        if (byte == 0xc2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
          ++i;
          break;
        }
        out += ch;
      }
    }
  }
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendHtmlEscaped(out, text);
  return out;
}

std::string Slugify(std::string_view text, std::size_t max_length, SlugScripts scripts) {
  std::string slug;
  bool pending_separator = false;
  const auto& table = Transliterations();
  // An apostrophe joins words ("Europe's" -> "europes"), it does not split.
  auto is_apostrophe = [](char32_t code) {
    return code == U'\'' || code == U'\u2019';
  };
  auto append = [&](std::string_view piece) {
    if (piece.empty()) return;
    if (pending_separator && !slug.empty()) slug += '-';
    pending_separator = false;
    slug += piece;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t code = ToLowerKnown(NextCodePoint(text, pos));
    if (code < 0x80 && std::isalnum(static_cast<int>(code))) {
      const char letter =
          static_cast<char>(std::tolower(static_cast<int>(code)));
      append(std::string_view(&letter, 1));
    } else if (is_apostrophe(code)) {
      continue;
    } else if (auto it = table.find(code); it != table.end()) {
      append(it->second);
    } else if (code >= 0x80 && scripts == SlugScripts::kAny &&
               (IsUnicodeWordCharacter(code) ||
                (IsWordMark(code) && !pending_separator && !slug.empty() &&
                 static_cast<unsigned char>(slug.back()) >= 0x80))) {
      std::string letter;
      AppendUtf8(letter, ToLowerUnicode(code));
      append(letter);
    } else {
      pending_separator = true;
    }
  }
  if (slug.size() > max_length) {
    // Cut at a character boundary, never inside a UTF-8 sequence.
    std::size_t cut = max_length;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
    slug.resize(cut);
    if (auto dash = slug.rfind('-'); dash != std::string::npos && dash > max_length / 2) {
      slug.resize(dash);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (std::size_t pos = 0; pos < slug.size();) {
    const char ch = slug[pos];
    if (static_cast<unsigned char>(ch) >= 0x80) {
      const auto sequence = DecodeUtf8(slug, pos);
      const bool in_word = previous != 0 && previous != '-';
      if (!sequence ||
          !(IsUnicodeWordCharacter(sequence->code) || (in_word && IsWordMark(sequence->code))) ||
          ToLowerUnicode(sequence->code) != sequence->code) {
        return false;
      }
      pos += sequence->length;
      previous = 'a';
      continue;
    }
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                    ch == '-';
    if (!ok || (ch == '-' && previous == '-')) return false;
    previous = ch;
    ++pos;
  }
  return true;
}

std::string EncodePathSegment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(segment.size());
  for (char ch : segment) {
    const auto byte = static_cast<unsigned char>(ch);
    const bool unreserved = std::isalnum(byte) || ch == '-' || ch == '.' || ch == '_' || ch == '~';
    if (byte < 0x80 && unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::optional<std::string> UrlDecode(std::string_view text,
                                     bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int value = 0;
      auto [end, error] =
          std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (error != std::errc() || end != text.data() + i + 3) return std::nullopt;
      if (value == 0) return std::nullopt;
      out += static_cast<char>(value);
      i += 2;
    } else if (ch == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

std::string NormalizePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char ch = path[i];
    if (ch == '/' && !out.empty() && out.back() == '/') continue;
    if (ch == '%' && i + 2 < path.size()) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 2])));
      i += 2;
      continue;
    }
    out += ch;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
           ch == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) {
    return static_cast<char>(std::tolower(ch));
  });
  return out;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  if (text.empty()) return std::nullopt;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<Utf8Sequence> DecodeUtf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return Utf8Sequence{lead, 1};
  std::size_t length;
  char32_t code;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (pos + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  const char32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
  return Utf8Sequence{code, length};
}

bool IsUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = DecodeUtf8(text, i);
    if (!sequence) return false;
    i += sequence->length;
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == '\r') {
        out += '\n';
        i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      if (byte >= 0x20 ? byte != 0x7F : (byte == '\t' || byte == '\n')) out += static_cast<char>(byte);
      ++i;
      continue;
    }
    const auto sequence = DecodeUtf8(text, i);
    if (!sequence) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (sequence->code >= 0x80 && sequence->code <= 0x9F) {
      i += sequence->length;  // a C1 control
      continue;
    }
    out.append(text.substr(i, sequence->length));
    i += sequence->length;
  }
  return out;
}

}  // namespace lede::util
