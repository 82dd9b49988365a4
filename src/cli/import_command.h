#pragma once

#include <filesystem>
#include <optional>

namespace lede::cli {

struct ImportWordPressOptions {
  std::filesystem::path file;
  std::filesystem::path data_dir = "data";
  std::optional<std::filesystem::path> media_dir;
  bool dry_run = false;
};

// `lede import wordpress`: exit code 0 when imported (warnings or not).
int ImportWordPress(const ImportWordPressOptions& options);

// `lede import json`: restores a backup into an empty site.
int ImportJson(const std::filesystem::path& file, const std::filesystem::path& data_dir);

}  // namespace lede::cli
