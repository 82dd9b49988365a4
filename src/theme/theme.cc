#include "theme/theme.h"

#include <sodium.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "util/mime.h"
#include "util/strings.h"

namespace lede::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& default_theme();
}

namespace lede::theme {
namespace {

constexpr int kMaxPartialDepth = 8;
constexpr std::string_view kTemplateSuffix = ".mustache";

std::string HexHash(std::string_view bytes, std::size_t length) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  std::string hex;
  for (std::size_t i = 0; i < length && i < sizeof hash; ++i) {
    hex += fmt::format("{:02x}", hash[i]);
  }
  return hex;
}

// Replaces each {{> name}} with partials/name.mustache, recursively.
Result<std::string> ExpandPartials(const std::string& source,
                                   const std::map<std::string, std::string>& files,
                                   std::string_view where, int depth) {
  if (depth > kMaxPartialDepth) {
    return InvalidArgument(fmt::format("{}: partials nest deeper than {} (a partial includes "
                                       "itself?)", where, kMaxPartialDepth));
  }
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = source.find("{{>", pos);
    if (open == std::string::npos) break;
    const auto close = source.find("}}", open);
    if (close == std::string::npos) break;
    out.append(source, pos, open - pos);
    const std::string name(util::Trim(std::string_view(source).substr(open + 3, close - open - 3)));
    const auto it = files.find(fmt::format("partials/{}{}", name, kTemplateSuffix));
    if (it == files.end()) {
      return InvalidArgument(fmt::format("{}: no partial \"{}\"", where, name));
    }
    LEDE_TRY(auto expanded, ExpandPartials(it->second, files, where, depth + 1));
    out += expanded;
    pos = close + 2;
  }
  out.append(source, pos);
  return out;
}

Result<std::map<std::string, std::string>> ReadOverrides(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("theme {}: not a directory", dir.string()));
  }
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("theme {}: cannot read", it->path().string()));
    }
    files[std::filesystem::relative(it->path(), dir).generic_string()] = bytes.str();
  }
  if (error) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("theme {}: {}", dir.string(), error.message()));
  }
  return files;
}

}  // namespace

Result<std::unique_ptr<Theme>> Theme::Load(
    const std::optional<std::filesystem::path>& override_dir) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  std::map<std::string, std::string> files;
  for (const auto& [path, bytes] : embedded::default_theme()) {
    files[std::string(path)] = std::string(bytes);
  }
  if (override_dir) {
    LEDE_TRY(auto overrides, ReadOverrides(*override_dir));
    for (auto& [path, bytes] : overrides) files[path] = std::move(bytes);
  }

  std::unique_ptr<Theme> theme(new Theme());
  std::string all_assets;
  for (const auto& [path, bytes] : files) {
    if (util::StartsWith(path, "assets/")) {
      const std::string name = path.substr(7);
      const std::string hash = HexHash(bytes, 6);
      const auto dot = name.rfind('.');
      const std::string hashed = dot == std::string::npos || name.find('/', dot) != std::string::npos
                                     ? name + "." + hash
                                     : name.substr(0, dot) + "." + hash + name.substr(dot);
      theme->assets_[name] = Asset{bytes, util::ContentTypeFor(name),
                                   fmt::format("\"{}\"", HexHash(bytes, 12)), hashed};
      theme->hashed_[hashed] = name;
      std::string key = name;
      for (char& ch : key) {
        if (ch == '.' || ch == '-' || ch == '/') ch = '_';
      }
      theme->asset_urls_.set(key, "/static/" + hashed);
      all_assets += bytes;
    } else if (util::EndsWith(path, kTemplateSuffix) && !util::StartsWith(path, "partials/")) {
      const std::string name = path.substr(0, path.size() - kTemplateSuffix.size());
      LEDE_TRY(auto source, ExpandPartials(bytes, files, path, 0));
      auto compiled = std::make_unique<kainjow::mustache::mustache>(source);
      if (!compiled->is_valid()) {
        return InvalidArgument(fmt::format("theme template {}: {}", path, compiled->error_message()));
      }
      theme->templates_[name] = std::move(compiled);
    }
  }
  theme->asset_version_ = HexHash(all_assets, 4);
  return theme;
}

Result<std::string> Theme::Render(std::string_view name, const Data& data) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) return NotFound(fmt::format("the theme has no template \"{}\"", name));
  // kainjow's render is not const, but with partials pre-expanded and no
  // lambdas it only reads the parsed template.
  return it->second->render(data);
}

const Asset* Theme::FindAsset(std::string_view path) const {
  const auto it = assets_.find(path);
  return it == assets_.end() ? nullptr : &it->second;
}

const Asset* Theme::FindHashedAsset(std::string_view path) const {
  const auto it = hashed_.find(path);
  return it == hashed_.end() ? nullptr : FindAsset(it->second);
}

}  // namespace lede::theme
