#pragma once
// Content codings for cached answers: which one a client asked for, and
// making it. Bodies are compressed once, when first asked for, and shared.

#include <optional>
#include <string>
#include <string_view>

namespace lede::cache {

enum class Encoding { kIdentity = 0, kGzip = 1, kBrotli = 2 };
inline constexpr int kEncodings = 3;

// The coding to send for an Accept-Encoding value (RFC 9110 12.5.3):
// the one with the highest q, brotli before gzip on a tie; q=0 refuses,
// "*" stands for codings not named; identity when none is acceptable or
// the header is absent or malformed.
Encoding ChooseEncoding(std::string_view accept_encoding);
// "gzip", "br", "" for identity.
std::string_view EncodingName(Encoding encoding);
// Suffix of the strong ETag of that coding of a body ("", ".gz", ".br"):
// different bytes, different validators.
std::string_view EtagSuffix(Encoding encoding);

// Text formats worth compressing (HTML, CSS, JS, JSON, XML, SVG, plain).
bool Compressible(std::string_view content_type);

// nullopt when the library fails (memory); callers then send identity.
std::optional<std::string> Compress(Encoding encoding, std::string_view body);

}  // namespace lede::cache
