#include "site/view_model.h"

#include <fmt/format.h>

#include "media/library.h"
#include "site/rating_view.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::site {
namespace {

using theme::Data;

Data ImageView(const content::MediaItem& media, const std::string& alt, const char* sizes) {
  Data image;
  image.set("alt", alt);
  if (media.width > 0 && media.height > 0) {
    image.set("width", std::to_string(media.width));
    image.set("height", std::to_string(media.height));
  }
  if (media.widths.empty()) {
    // Known only by its original address (imported without the files).
    image.set("src", media.source_url);
    return image;
  }
  // The fallback src for browsers without srcset: a mid-size variant.
  int fallback = media.width;
  for (int width : media.widths) {
    fallback = width;
    if (width >= 960) break;
  }
  image.set("src", "/media/" + media::VariantPath(media, fallback));
  std::string srcset;
  for (int width : media.widths) {
    if (!srcset.empty()) srcset += ", ";
    srcset += fmt::format("/media/{} {}w", media::VariantPath(media, width), width);
  }
  image.set("srcset", srcset);
  image.set("sizes", sizes);
  if (media.webp) {
    // Uploads have WebP twins: about a third smaller for browsers that
    // take them, the JPEGs for the rest.
    std::string webp;
    for (int width : media.widths) {
      if (!webp.empty()) webp += ", ";
      webp += fmt::format("/media/{} {}w", media::WebpVariantPath(media, width), width);
    }
    image.set("webp_srcset", webp);
  }
  return image;
}

// Mustache treats an empty string as true, so optional text is only set
// when there is some: {{#correction}}...{{/correction}} then works.
void SetOptional(Data& data, const std::string& key, const std::string& value) {
  if (!value.empty()) data.set(key, value);
}

Data TimeView(util::UnixSeconds when, const util::TimeZone& zone) {
  Data time;
  time.set("iso", zone.FormatIso8601(when));
  time.set("human", zone.FormatHuman(when));
  time.set("short", zone.FormatShortDate(when));
  return time;
}

}  // namespace

std::string ArticleUrl(const content::Article& article) { return content::ArticlePath(article); }
std::string SectionUrl(const content::Section& section) { return content::SectionPath(section); }
std::string TagUrl(const content::Tag& tag) { return fmt::format("/tag/{}/", util::EncodePathSegment(tag.slug)); }
std::string AuthorUrl(const content::Author& author) {
  return fmt::format("/author/{}/", util::EncodePathSegment(author.slug));
}
std::string CorrectionsPolicyUrl(const content::SiteSettings& settings) {
  const std::string& policy = settings.corrections_policy;
  return policy.starts_with("/") ? settings.base_url + policy : policy;
}

Data PageData(const publishing::Masthead& masthead, const PageMeta& meta,
              const theme::Theme& theme) {
  Data page;
  const auto& settings = masthead.settings;
  page.set("site_name", settings.name);
  page.set("tagline", settings.tagline);
  page.set("lang", settings.language.empty() ? "en" : settings.language);
  page.set("title", meta.title.empty() ? settings.name
                                       : fmt::format("{} | {}", meta.title, settings.name));
  page.set("description", meta.description.empty() ? settings.tagline : meta.description);
  page.set("canonical", settings.base_url + meta.path);
  // Social cards: every page is at least a website with a title; article
  // pages add their picture and facts (SetArticleSocial).
  page.set("og_type", "website");
  page.set("og_title", meta.title.empty() ? settings.name : meta.title);
  page.set("twitter_card", "summary");
  page.set("feed_url", settings.base_url + "/feed/");
  page.set("atom_url", settings.base_url + "/atom.xml");
  if (!meta.feed_path.empty()) {
    page.set("listing_feed_url", settings.base_url + meta.feed_path);
    page.set("listing_feed_title", fmt::format("{}: {}", settings.name, meta.feed_title));
  }
  page.set("asset_version", theme.asset_version());
  page.set("assets", theme.asset_urls());
  if (!meta.prev_url.empty()) page.set("prev_url", meta.prev_url);
  if (!meta.next_url.empty()) page.set("next_url", meta.next_url);
  SetOptional(page, "footer_text", settings.footer_text);
  Data menu{Data::type::list};
  for (const auto& section : masthead.menu) {
    Data item;
    item.set("name", section.name);
    item.set("url", SectionUrl(section));
    item.set("current", section.slug == meta.current_section_slug);
    menu.push_back(item);
  }
  page.set("menu", menu);
  return page;
}

Data ArticleCard(const content::Article& article, const util::TimeZone& zone) {
  Data card;
  card.set("headline", article.headline);
  card.set("url", ArticleUrl(article));
  SetOptional(card, "standfirst", article.standfirst);
  card.set("section_name", article.section.name);
  card.set("section_url", SectionUrl(article.section));
  card.set("top_story", article.top_story);
  if (article.published_at) card.set("published", TimeView(*article.published_at, zone));
  SetCompactRating(card, article.rating);
  if (article.lead_image && article.lead_image->media) {
    card.set("image", ImageView(*article.lead_image->media, article.lead_image->alt,
                                "(min-width: 60em) 20em, 100vw"));
  }
  return card;
}

Data CardList(const std::vector<content::Article>& articles, const util::TimeZone& zone) {
  Data items{Data::type::list};
  for (const auto& article : articles) items.push_back(ArticleCard(article, zone));
  Data list;
  list.set("items", items);
  list.set("has_items", !articles.empty());
  return list;
}

Data ArticleView(const content::Article& article, const util::TimeZone& zone) {
  Data view = ArticleCard(article, zone);
  view.set("id", std::to_string(article.id));
  SetOptional(view, "dateline", article.dateline);
  SetOptional(view, "edition", article.edition);
  view.set("body_html", article.body_html.str());
  SetOptional(view, "correction", article.correction);
  if (article.updated_at && article.published_at && *article.updated_at > *article.published_at) {
    view.set("updated", TimeView(*article.updated_at, zone));
  }
  Data tags{Data::type::list};
  for (const auto& tag : article.tags) {
    Data item;
    item.set("name", tag.name);
    item.set("url", TagUrl(tag));
    tags.push_back(item);
  }
  view.set("tags", tags);
  view.set("has_tags", !article.tags.empty());
  Data authors{Data::type::list};
  for (std::size_t i = 0; i < article.authors.size(); ++i) {
    Data item;
    item.set("name", article.authors[i].name);
    item.set("url", AuthorUrl(article.authors[i]));
    // "A, B and C": the separator printed before this name.
    item.set("separator", i == 0 ? "" : i + 1 == article.authors.size() ? " and " : ", ");
    authors.push_back(item);
  }
  view.set("authors", authors);
  view.set("has_authors", !article.authors.empty());
  Data looks{Data::type::list};
  for (const auto& look : article.quick_looks) looks.push_back(Data(look));
  view.set("quick_looks", looks);
  view.set("has_quick_looks", !article.quick_looks.empty());
  if (article.lead_image && article.lead_image->media) {
    Data lead = ImageView(*article.lead_image->media, article.lead_image->alt,
                          "(min-width: 48em) 45rem, 100vw");
    lead.set("caption", article.lead_image->caption);
    SetOptional(lead, "credit", article.lead_image->credit);
    view.set("lead", lead);
  }
  return view;
}

}  // namespace lede::site
