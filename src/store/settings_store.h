#pragma once
// SettingsStore keeps the site's settings. Part of store::Store.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/site_settings.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;

  virtual Result<content::SiteSettings> LoadSettings() = 0;
  virtual Status SaveSettings(const content::SiteSettings& settings) = 0;
};

}  // namespace lede::store
