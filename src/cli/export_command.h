#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lede::cli {

struct ExportWordPressOptions {
  std::filesystem::path data_dir = "data";
  // Overrides the site's public address for this export.
  std::string base_url;
  // Also writes the media files as DIR/wp-content/uploads/YYYY/MM/...
  std::optional<std::filesystem::path> media_dir;
};

// `lede export wordpress`: the site as WXR 1.2 on standard output, the
// warnings on standard error. Exit 1 with one line saying why when the
// export cannot be written (a full disk, a closed pipe).
int ExportWordPress(const ExportWordPressOptions& options);

// `lede export json`: the complete backup on standard output; the site
// secret only `with_secrets`.
int ExportJson(const std::filesystem::path& data_dir, bool with_secrets);

}  // namespace lede::cli
