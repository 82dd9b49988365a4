#pragma once
// Serving files from one folder without ever leaving it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace lede::http {

// Turns an encoded URL path below a mount point ("2026/11/a%20b.jpg") into a
// relative file path, or nullopt when any segment is empty, ".", "..",
// starts with '.', or decodes to something holding '/', '\\' or NUL.
std::optional<std::filesystem::path> SafeRelativePath(std::string_view encoded);

// Serves `encoded` below `root` with the given cache lifetime: 404 for
// anything unsafe, missing, not a regular file, or resolving (through
// links) outside root. Honours If-None-Match with the file's ETag.
Response ServeFile(const std::filesystem::path& root, std::string_view encoded,
                   const Request& request, int max_age_seconds);

}  // namespace lede::http
