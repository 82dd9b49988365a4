#include "site/assets.h"

#include "http/static_files.h"

namespace lede::site {

http::Response ServeAsset(const theme::Theme& theme, const http::Request& request,
                          const http::PathParams& params) {
  // The same path rules as files on disk, though assets live in memory:
  // an encoded "../" is refused, never looked up.
  const auto path = http::SafeRelativePath(params.Get("path"));
  const theme::Asset* asset = path ? theme.FindAsset(path->generic_string()) : nullptr;
  if (!asset) return http::Response::Text(404, "Not found\n");
  http::Response response;
  response.content_type = asset->content_type;
  response.SetHeader("ETag", asset->etag);
  response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  if (request.Header("If-None-Match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.body = asset->bytes;
  return response;
}

}  // namespace lede::site
