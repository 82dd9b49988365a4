#pragma once
// String helpers shared by every layer: HTML escaping, slugs, URL decoding.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lede::util {

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);
void AppendHtmlEscaped(std::string& out, std::string_view text);

// Which letters a slug keeps as they are.
enum class SlugScripts {
  // Letters and digits of any script (Korean, Arabic, Chinese...), as
  // WordPress keeps them: a headline in Hangul gets a readable slug.
  kAny,
  // ASCII only (file names).
  kAscii,
};

// A lowercase slug from any UTF-8 text: Latin letters with accents are
// transliterated (é -> e, ß -> ss, Ł -> l), Greek and Cyrillic letter by
// letter; letters and digits of other scripts are kept (lowercased) unless
// `scripts` is kAscii; anything else becomes a separator. Runs of
// separators collapse to one '-'; the result has no leading or trailing '-'
// and at most `max_length` bytes (cut at a '-' when possible, never inside
// a character). Empty when nothing usable remains.
std::string Slugify(std::string_view text, std::size_t max_length = 80,
                    SlugScripts scripts = SlugScripts::kAny);

// True for a non-empty slug of [a-z0-9-] and lowercase letters or digits of
// other scripts (valid UTF-8), with no leading, trailing or double '-'.
bool IsValidSlug(std::string_view slug);

// Percent-encodes every byte of `segment` but unreserved ASCII (RFC 3986),
// upper-case hex: how a Unicode slug travels in a URL.
std::string EncodePathSegment(std::string_view segment);
// The same escaping suits a query string's value ("q=north%20korea").
inline std::string EncodeQueryValue(std::string_view value) { return EncodePathSegment(value); }

// Decodes %XX escapes (and '+' as space when `plus_as_space`). nullopt when
// an escape is malformed or decodes to a NUL byte.
std::optional<std::string> UrlDecode(std::string_view text,
                                     bool plus_as_space = false);

// One spelling per URL path: repeated '/' collapsed and %xx escapes in
// upper case (RFC 3986 6.2.2.1), so stored old paths match what browsers
// send.
std::string NormalizePath(std::string_view path);

std::string_view Trim(std::string_view text);
std::vector<std::string_view> Split(std::string_view text, char separator);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string ToLowerAscii(std::string_view text);

// Parses a decimal integer that fills the whole text; nullopt otherwise.
std::optional<std::int64_t> ParseInt(std::string_view text);

// One UTF-8 sequence at text[pos], checked strictly: no overlong forms, no
// surrogates, nothing past U+10FFFF. nullopt when the bytes there are not
// such a sequence, or are cut off by the end of `text`.
struct Utf8Sequence {
  char32_t code;
  std::size_t length;
};
std::optional<Utf8Sequence> DecodeUtf8(std::string_view text, std::size_t pos);
void AppendUtf8(std::string& out, char32_t code);
// True when all of `text` is such sequences.
bool IsUtf8(std::string_view text);

// Text as a person meant it, for what strangers and editors type: bytes
// that are not UTF-8 become U+FFFD; NUL, the other C0 controls but tab and
// newline, DEL and the C1 controls are dropped; CR LF and a lone CR become
// LF. Such characters have no place in text, and a browser or a feed reads
// them back as something else.
std::string CleanText(std::string_view text);

}  // namespace lede::util
