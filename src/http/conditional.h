#pragma once
// Conditional GET for answers made in memory (feeds, media files): a
// strong ETag from the body, and 304 without the body when the client
// already has it (RFC 9110: If-None-Match first, If-Modified-Since only
// without it).

#include <optional>

#include "http/message.h"
#include "util/time.h"

namespace lede::http {

// Sets ETag (and Last-Modified, when given) on `response` and turns it into
// a 304 when the request's validators say the client has this body.
Response Conditional(const Request& request, Response response,
                     std::optional<util::UnixSeconds> last_modified = std::nullopt);

}  // namespace lede::http
