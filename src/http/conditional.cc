#include "http/conditional.h"

#include <fmt/format.h>

#include <functional>

namespace lede::http {

Response Conditional(const Request& request, Response response,
                     std::optional<util::UnixSeconds> last_modified) {
  const std::string etag =
      fmt::format("\"{:x}-{:x}\"", response.body.size(), std::hash<std::string>{}(response.body));
  response.SetHeader("ETag", etag);
  if (last_modified) response.SetHeader("Last-Modified", util::FormatHttpDate(*last_modified));
  const std::string_view if_none_match = request.Header("If-None-Match");
  const auto since = util::ParseHttpDate(request.Header("If-Modified-Since"));
  const bool unchanged = !if_none_match.empty()
                             ? if_none_match == etag
                             : since && last_modified && *since >= *last_modified;
  if (unchanged) {
    response.status = 304;
    response.body.clear();
  }
  return response;
}

}  // namespace lede::http
