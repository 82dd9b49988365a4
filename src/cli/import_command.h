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

// `lede export wordpress`: the site as WXR 1.2 on standard output.
int ExportWordPress(const std::filesystem::path& data_dir);

// `lede export json`: the complete backup on standard output; the site
// secret only `with_secrets`.
int ExportJson(const std::filesystem::path& data_dir, bool with_secrets);
// `lede import json`: restores a backup into an empty site.
int ImportJson(const std::filesystem::path& file, const std::filesystem::path& data_dir);

}  // namespace lede::cli
