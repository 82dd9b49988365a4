#pragma once
// View models: content turned into exactly what templates print. URLs,
// formatted times and image srcsets are built here, so templates hold no
// logic and a theme author sees plain fields (docs/theme.md lists them).

#include <string>

#include "content/article.h"
#include "publishing/catalog.h"
#include "theme/theme.h"

namespace lede::site {

std::string ArticleUrl(const content::Article& article);
std::string SectionUrl(const content::Section& section);
std::string TagUrl(const content::Tag& tag);
std::string AuthorUrl(const content::Author& author);
// The corrections policy setting as an absolute URL (a path is on this site).
std::string CorrectionsPolicyUrl(const content::SiteSettings& settings);

// Fields of a page's <head> and chrome (masthead, menu, footer).
struct PageMeta {
  std::string title;          // without the site name
  std::string description;
  std::string path;           // canonical path, e.g. "/world/"
  std::string current_section_slug;
  std::string prev_url;       // rel=prev, pagination only
  std::string next_url;
  // A listing's own feed (its path + "feed/") and what to call it; the
  // site's RSS and Atom feeds are in every page's head anyway.
  std::string feed_path;
  std::string feed_title;
};

// The data every page template gets: site, menu, head fields.
theme::Data PageData(const publishing::Masthead& masthead, const PageMeta& meta,
                     const theme::Theme& theme);

// A teaser for lists: headline, url, section, standfirst, time, image.
theme::Data ArticleCard(const content::Article& article, const util::TimeZone& zone);
// A list of cards, with "has_items".
theme::Data CardList(const std::vector<content::Article>& articles,
                     const util::TimeZone& zone);
// Everything the article template prints about the article itself.
theme::Data ArticleView(const content::Article& article, const util::TimeZone& zone);

}  // namespace lede::site
