#include "http/static_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>

#include "util/mime.h"
#include "util/strings.h"

namespace lede::http {


std::optional<std::filesystem::path> SafeRelativePath(std::string_view encoded) {
  std::filesystem::path result;
  for (auto segment : util::Split(encoded, '/')) {
    auto decoded = util::UrlDecode(segment);
    if (!decoded || decoded->empty() || decoded->front() == '.' ||
        decoded->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return std::nullopt;
    }
    result /= *decoded;
  }
  if (result.empty()) return std::nullopt;
  return result;
}

Response ServeFile(const std::filesystem::path& root, std::string_view encoded,
                   const Request& request, int max_age_seconds) {
  const Response not_found = Response::Text(404, "Not found\n");
  const auto relative = SafeRelativePath(encoded);
  if (!relative) return not_found;
  std::error_code error;
  const auto canonical_root = std::filesystem::canonical(root, error);
  if (error) return not_found;
  const auto file = std::filesystem::canonical(canonical_root / *relative, error);
  if (error) return not_found;
  // A symbolic link inside the folder must not lead out of it.
  const auto [root_end, file_it] =
      std::mismatch(canonical_root.begin(), canonical_root.end(), file.begin(), file.end());
  if (root_end != canonical_root.end()) return not_found;

  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return not_found;
  const std::string etag = fmt::format("\"{:x}-{:x}\"", info.st_size, info.st_mtime);
  Response response;
  response.content_type = util::ContentTypeFor(file.filename().string());
  response.SetHeader("ETag", etag);
  response.SetHeader("Cache-Control", fmt::format("public, max-age={}", max_age_seconds));
  if (request.Header("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  // Read in one allocation of the file's size (a stream copied into a
  // string holds it twice).
  std::ifstream in(file, std::ios::binary);
  response.body.resize(static_cast<std::size_t>(info.st_size));
  if (!in.read(response.body.data(), static_cast<std::streamsize>(info.st_size))) return not_found;
  return response;
}

}  // namespace lede::http
