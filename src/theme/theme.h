#pragma once
// A Theme is a set of Mustache templates (article, home, section, tag,
// author, not_found...) and static assets (CSS, fonts, icons), loaded once.
// Rendering is read-only, so one Theme serves every thread.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "util/result.h"

namespace lede::theme {

using Data = kainjow::mustache::data;

struct Asset {
  std::string bytes;
  std::string content_type;
  std::string etag;  // quoted, from a hash of the bytes
  // "style.3f2a1b9c5d7e.css": the name with a hash of the bytes, which
  // pages link to so that it may be cached forever.
  std::string hashed_name;
};

class Theme {
 public:
  // Loads the built-in theme, then every file under `override_dir` (when
  // given) in place of the built-in file of the same relative path.
  // kInvalidArgument naming the template when one does not parse, or a
  // partial is missing or includes itself; kUnavailable when the directory
  // cannot be read.
  static Result<std::unique_ptr<Theme>> Load(
      const std::optional<std::filesystem::path>& override_dir);

  // Renders the template `name` (without ".mustache"). kNotFound for an
  // unknown template.
  Result<std::string> Render(std::string_view name, const Data& data) const;

  // The asset at `path` below assets/ ("style.css"), or nullptr.
  const Asset* FindAsset(std::string_view path) const;
  // The asset whose hashed_name is `path`, or nullptr.
  const Asset* FindHashedAsset(std::string_view path) const;
  // For templates: {{assets.style_css}} is "/static/style.<hash>.css",
  // one key per asset, its name with every '.', '-' and '/' made '_'.
  const Data& asset_urls() const { return asset_urls_; }

  // A short hash of all assets, for cache-busting asset URLs.
  const std::string& asset_version() const { return asset_version_; }

 private:
  Theme() = default;
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>> templates_;
  std::map<std::string, Asset, std::less<>> assets_;
  std::map<std::string, std::string, std::less<>> hashed_;  // hashed name -> name
  Data asset_urls_{Data::type::object};
  std::string asset_version_;
};

}  // namespace lede::theme
