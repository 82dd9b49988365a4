// The index's text: what a reader would read in each field, reduced to
// words. Bodies here are the sanitiser's output (well formed, quoted
// attributes), so dropping tags needs no HTML5 parse: that is done once,
// when the body is saved. Only the words matter to the index, so a
// reference it does not know becomes a space, not an error.
#include "store/sql/search_text.h"

#include <cstdlib>
#include <utility>

#include "util/strings.h"

namespace lede::store::sql {
namespace {

// A decoded reference's character; a space for what no text may hold (NUL,
// surrogates, past U+10FFFF, control characters).
void AppendCodePoint(std::string& out, unsigned long code) {
  if (code < 0x20 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    out += ' ';
  } else {
    util::AppendUtf8(out, static_cast<char32_t>(code));
  }
}

// Decodes the reference at text[i] ('&'), appending it; returns the index
// after it.
std::size_t DecodeReference(std::string_view text, std::size_t i, std::string& out) {
  const std::size_t end = text.find(';', i);
  if (end == std::string_view::npos || end - i > 12) {
    out += ' ';
    return i + 1;
  }
  const std::string_view name = text.substr(i + 1, end - i - 1);
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
      {"rsquo", "\u2019"}, {"lsquo", "\u2018"}, {"hellip", "\u2026"}};
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits(name.substr(hex ? 2 : 1));
    char* parsed_end = nullptr;
    const unsigned long code = std::strtoul(digits.c_str(), &parsed_end, hex ? 16 : 10);
    if (digits.empty() || *parsed_end != '\0') {
      out += ' ';
    } else {
      AppendCodePoint(out, code);
    }
    return end + 1;
  }
  for (const auto& [known, value] : kNamed) {
    if (name == known) {
      out += value;
      return end + 1;
    }
  }
  out += ' ';
  return end + 1;
}

}  // namespace

std::string SearchTextOf(std::string_view text, bool is_html) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_html && c == '<') {
      // A tag ends at the first '>' outside a quoted attribute value. Its
      // place becomes a space: tags mostly end words (paragraphs, items).
      char quote = 0;
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (quote) {
          if (text[j] == quote) quote = 0;
        } else if (text[j] == '"' || text[j] == '\'') {
          quote = text[j];
        } else if (text[j] == '>') {
          break;
        }
      }
      out += ' ';
      i = j + 1;
    } else if (is_html && c == '&') {
      i = DecodeReference(text, i, out);
    } else {
      out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
      ++i;
    }
  }
  return out;
}

}  // namespace lede::store::sql
