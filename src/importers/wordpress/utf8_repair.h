#pragma once
// Exports from old or patched WordPress sites sometimes carry bytes that
// are not UTF-8 (a Latin-1 name pasted into a UTF-8 database). libxml2
// refuses such a file outright; lede repairs a copy instead, replacing each
// bad byte with U+FFFD, and says where.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace lede::importers::wordpress {

struct Utf8Repair {
  std::filesystem::path repaired;  // a temporary copy; the caller removes it
  std::vector<int> lines;          // lines that held bad bytes (first 20)
  std::int64_t bytes = 0;          // bad bytes replaced
};

// Streams `file`: nullopt when it is valid UTF-8, or declares another
// encoding (libxml2 converts those itself); else the repaired copy in the
// temporary directory. kUnavailable when a file cannot be read or written.
Result<std::optional<Utf8Repair>> RepairUtf8(const std::filesystem::path& file);

}  // namespace lede::importers::wordpress
