#include "content/site_settings.h"

#include <cctype>

#include "util/strings.h"
#include "util/time_zone.h"

namespace lede::content {

std::vector<std::pair<std::string_view, std::string*>> TextSettings(SiteSettings& settings) {
  auto& rating = settings.rating;
  return {
      {"name", &settings.name},
      {"tagline", &settings.tagline},
      {"base_url", &settings.base_url},
      {"language", &settings.language},
      {"time_zone", &settings.time_zone},
      {"footer_text", &settings.footer_text},
      {"corrections_policy", &settings.corrections_policy},
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

std::string_view SettingLabel(std::string_view key) {
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"name", "Site name"},
      {"tagline", "Tagline"},
      {"base_url", "Public address (https://news.example, no trailing slash)"},
      {"language", "Language (BCP 47, e.g. en, en-GB, ko)"},
      {"time_zone", "Time zone (e.g. Europe/London, Asia/Seoul)"},
      {"footer_text", "Footer text"},
      {"corrections_policy", "Corrections policy page (a path like /about/corrections/, or a URL)"},
      {"rating.question", "Rating: question"},
      {"rating.prompt", "Rating: prompt"},
      {"rating.average_label", "Rating: average label"},
      {"rating.count_label", "Rating: vote count label"},
      {"rating.empty", "Rating: no votes yet"},
      {"rating.thanks", "Rating: thanks"},
      {"rating.already_voted", "Rating: already voted"},
      {"rating.feedback_prompt", "Rating: feedback prompt after a low vote"},
      {"rating.feedback_thanks", "Rating: thanks for feedback"},
      {"rating.rate_limited", "Rating: too many votes"},
  };
  for (const auto& [name, label] : kLabels) {
    if (name == key) return label;
  }
  return key;
}

Status ValidateSettings(const SiteSettings& settings) {
  if (util::Trim(settings.name).empty()) return InvalidArgument("the site needs a name", "name");
  const std::string_view base = settings.base_url;
  if (!base.empty() && ((!base.starts_with("https://") && !base.starts_with("http://")) ||
                        base.ends_with("/") || base.find_first_of(" \"<>") != std::string_view::npos)) {
    return InvalidArgument("the public address looks like https://news.example", "base_url");
  }
  const std::string_view language = settings.language;
  bool tag_ok = !language.empty() && language.size() <= 35;
  for (char ch : language) {
    tag_ok = tag_ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-');
  }
  if (!tag_ok) return InvalidArgument("the language is a tag like en or pt-BR", "language");
  const std::string_view policy = settings.corrections_policy;
  if (!policy.empty() &&
      ((!policy.starts_with("/") && !policy.starts_with("https://") && !policy.starts_with("http://")) ||
       policy.starts_with("//") || policy.find_first_of(" \"<>") != std::string_view::npos)) {
    return InvalidArgument("the corrections policy is a path like /about/corrections/ or an http(s) URL",
                           "corrections_policy");
  }
  LEDE_TRY(util::TimeZone::Named(settings.time_zone));
  return {};
}

}  // namespace lede::content
