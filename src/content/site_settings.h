#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace lede::content {

// What the rating block says. Every text is a site setting; these defaults
// are the ones readers of Rate My Post sites already know.
struct RatingTexts {
  std::string question = "How useful was this article?";
  std::string prompt = "Click on a star to rate it!";
  std::string average_label = "Average rating";
  std::string count_label = "Vote count:";
  std::string empty = "No votes so far! Be the first to rate this article.";
  std::string thanks = "Thank you for rating this article!";
  std::string already_voted = "You already voted! This vote will not be counted!";
  std::string feedback_prompt =
      "We are sorry that this article was not useful for you! Tell us how we can improve this "
      "article?";
  std::string feedback_thanks = "Thank you for your feedback!";
  std::string rate_limited = "Too many votes from your network. Please try again later.";
};

// Site-wide settings an editor can change. Defaults describe a new site.
struct SiteSettings {
  std::string name = "lede";
  std::string tagline = "News that matters";
  // Absolute base URL for canonical links ("https://news.example"); empty
  // means links are relative to the host the reader used.
  std::string base_url;
  std::string language = "en";
  // IANA name: the zone dates are shown in, on public pages and in the
  // newsroom, and scheduled times are typed in.
  std::string time_zone = "UTC";
  std::string footer_text;
  // Where the newsroom explains how it corrects errors: a path on this
  // site ("/about-us/corrections/") or an absolute http(s) URL; "" for
  // none. The publisher's structured data and /corrections/ link to it.
  std::string corrections_policy;
  RatingTexts rating;
  // Off by default: search engines do not show rating snippets for news
  // and treat self-served ratings as spam. On, article JSON-LD carries an
  // AggregateRating when the article has votes.
  bool rating_structured_data = false;
};

// The text settings by storage key, for stores that keep key/value rows.
std::vector<std::pair<std::string_view, std::string*>> TextSettings(SiteSettings& settings);
// What the settings form calls a key ("Site name" for "name").
std::string_view SettingLabel(std::string_view key);
// kInvalidArgument naming the key: an empty name, a base URL that is not
// http(s) without a trailing slash, a language that is not a BCP 47 tag,
// an unknown time zone, a corrections policy that is not a path or an
// http(s) URL.
Status ValidateSettings(const SiteSettings& settings);
inline constexpr std::string_view kRatingStructuredDataKey = "rating_structured_data";

}  // namespace lede::content
