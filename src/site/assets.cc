#include "site/assets.h"

#include "http/static_files.h"

namespace lede::site {

http::Response ServeAsset(const theme::Theme& theme, const http::Request& request,
                          const http::PathParams& params) {
  // The same path rules as files on disk, though assets live in memory:
  // an encoded "../" is refused, never looked up.
  const auto path = http::SafeRelativePath(params.Get("path"));
  const theme::Asset* hashed = path ? theme.FindHashedAsset(path->generic_string()) : nullptr;
  const theme::Asset* asset = hashed ? hashed : path ? theme.FindAsset(path->generic_string()) : nullptr;
  if (!asset) return http::Response::Text(404, "Not found\n");
  http::Response response;
  response.content_type = asset->content_type;
  response.SetHeader("ETag", asset->etag);
  // A hashed name never changes what it holds; a plain one (old links,
  // other sites) changes with the theme, so it follows the site's policy.
  response.SetHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable"
                                             : "public, max-age=3600");
  if (request.Header("If-None-Match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.body = asset->bytes;
  return response;
}

}  // namespace lede::site
