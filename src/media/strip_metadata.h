#pragma once
// Removing camera and editing metadata from an image file without touching
// its pixels: the compressed data is copied byte for byte, only the
// containers' metadata parts are dropped. lede serves an upload's original
// (to a WordPress import, say) this way, so it never hands out the GPS
// position a phone wrote into a photo, and never loses quality to a second
// encoding. A small container walk rather than a metadata library: the
// three formats need only their segment or chunk framing read, and this
// code sees bytes from strangers.

#include <optional>
#include <string>
#include <string_view>

namespace lede::media {

// Each keeps what it knows the picture needs, and drops the rest:
// JPEG: keeps JFIF (without its thumbnail), the colour profile (APP2),
// Adobe's colour marker (APP14) and the tables and scans; drops every
// other APPn (Exif, XMP, IPTC, maker notes, thumbnails) and comments, and
// keeps a rotation the Exif asked for as a minimal Exif holding only
// Orientation, so a phone's upright photo stays upright.
// PNG: keeps the picture's, colour, transparency and animation chunks;
// drops text, eXIf, tIME, content credentials and private chunks.
// WebP: keeps VP8/VP8L/VP8X, ALPH, ANIM/ANMF and ICCP; drops EXIF, XMP and
// anything else, and clears VP8X's EXIF and XMP flags.
// nullopt when the bytes are not a well-framed file of the named type
// ("image/jpeg", "image/png", "image/webp").
std::optional<std::string> StripMetadata(std::string_view bytes, std::string_view mime_type);

// Whether StripMetadata would succeed, without making the copy.
bool CanStripMetadata(std::string_view bytes, std::string_view mime_type);

}  // namespace lede::media
