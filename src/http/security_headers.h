#pragma once
// The headers every answer carries unless it sets its own: what a browser
// may load and run on a page of ours, and what it tells other sites.
// docs/security.md explains each choice.

#include <string_view>

#include "http/message.h"

namespace lede::http {

// Scripts and styles come only from our own files (no inline script, no
// inline style, no eval); content images and video may come from anywhere,
// since imported articles link them; frames only from the video players
// the sanitiser lets through.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data:; media-src *; "
    "frame-src https://www.youtube.com https://www.youtube-nocookie.com https://youtube.com "
    "https://player.vimeo.com; object-src 'none'; base-uri 'self'; form-action 'self'";
// The newsroom's pages may not be framed by anyone (clickjacking).
inline constexpr std::string_view kAdminContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data:; media-src *; "
    "frame-src https://www.youtube.com https://www.youtube-nocookie.com https://youtube.com "
    "https://player.vimeo.com; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

// For ServerOptions::default_headers. HSTS only when the site's public
// address is https: sent over plain HTTP it would be ignored, and sent to
// a site that is not yet on https it would lock readers out.
Headers SecurityHeaders(bool https);

}  // namespace lede::http
