#include "content/site_settings.h"

namespace lede::content {

std::vector<std::pair<std::string_view, std::string*>> TextSettings(SiteSettings& settings) {
  auto& rating = settings.rating;
  return {
      {"name", &settings.name},
      {"tagline", &settings.tagline},
      {"base_url", &settings.base_url},
      {"language", &settings.language},
      {"footer_text", &settings.footer_text},
      {"rating.question", &rating.question},
      {"rating.prompt", &rating.prompt},
      {"rating.average_label", &rating.average_label},
      {"rating.count_label", &rating.count_label},
      {"rating.empty", &rating.empty},
      {"rating.thanks", &rating.thanks},
      {"rating.already_voted", &rating.already_voted},
      {"rating.feedback_prompt", &rating.feedback_prompt},
      {"rating.feedback_thanks", &rating.feedback_thanks},
      {"rating.rate_limited", &rating.rate_limited},
  };
}

}  // namespace lede::content
