#include "util/mime.h"

#include <utility>

#include "util/strings.h"

namespace lede::util {

std::string ContentTypeFor(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},
      {".html", "text/html; charset=utf-8"},
  };
  const std::string lower = ToLowerAscii(file_name);
  for (const auto& [suffix, type] : kTypes) {
    if (EndsWith(lower, suffix)) return std::string(type);
  }
  return "application/octet-stream";
}

}  // namespace lede::util
