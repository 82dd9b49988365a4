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

// JPEG: drops APP1 (Exif, XMP), APP13 (IPTC) and comments; keeps JFIF,
// the colour profile (APP2) and Adobe's colour marker (APP14), and keeps a
// rotation the Exif asked for as a minimal Exif holding only Orientation,
// so a phone's upright photo stays upright.
// PNG: drops eXIf and the text chunks (tEXt, zTXt, iTXt) and tIME.
// WebP: drops the EXIF and XMP chunks and clears their flags.
// nullopt when the bytes are not a well-framed file of the named type
// ("image/jpeg", "image/png", "image/webp").
std::optional<std::string> StripMetadata(std::string_view bytes, std::string_view mime_type);

// Whether StripMetadata would succeed, without making the copy.
bool CanStripMetadata(std::string_view bytes, std::string_view mime_type);

}  // namespace lede::media
