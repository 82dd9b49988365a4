#include "site/feeds.h"

#include <fmt/format.h>

#include "http/conditional.h"
#include "media/library.h"
#include "util/strings.h"

namespace lede::site {
namespace {

using publishing::FeedKind;

std::string Escaped(std::string_view text) { return util::HtmlEscape(text); }

util::UnixSeconds Changed(const content::Article& article) {
  return std::max(article.published_at.value_or(article.created_at), article.updated_at.value_or(0));
}

std::string ArticleUrl(const std::string& base, const content::Article& article) {
  return base + content::ArticlePath(article);
}

// What a feed reader shows: the Quick Looks, the body, the correction.
std::string ItemHtml(const content::Article& article) {
  std::string html;
  if (!article.quick_looks.empty()) {
    html += "<h2>Quick Looks</h2>\n<ul>\n";
    for (const auto& look : article.quick_looks) html += "<li>" + Escaped(look) + "</li>\n";
    html += "</ul>\n<h2>Deep Look</h2>\n";
  }
  html += article.body_html.view();
  if (!article.correction.empty()) {
    html += "\n<p><strong>Correction:</strong> " + Escaped(article.correction) + "</p>";
  }
  return html;
}

// CDATA, split where the text itself holds "]]>".
std::string Cdata(std::string_view text) {
  std::string out = "<![CDATA[";
  std::size_t start = 0;
  while (true) {
    const auto end = text.find("]]>", start);
    if (end == std::string_view::npos) break;
    out.append(text.substr(start, end + 2 - start));
    out += "]]><![CDATA[";
    start = end + 2;
  }
  out.append(text.substr(start));
  return out + "]]>";
}

struct Picture {
  std::string url;
  std::string type = "image/jpeg";
  std::uintmax_t length = 0;
  int width = 0;
  int height = 0;
};

std::optional<Picture> LeadPicture(const std::string& base, const std::filesystem::path& media_root,
                                   const content::Article& article) {
  if (!article.lead_image || !article.lead_image->media) return std::nullopt;
  const auto& media = *article.lead_image->media;
  Picture picture;
  if (!media.widths.empty()) {
    const std::string variant = media::VariantPath(media, media.widths.back());
    picture.url = base + "/media/" + variant;
    std::error_code error;
    const auto size = std::filesystem::file_size(media_root / variant, error);
    if (!error) picture.length = size;
    picture.width = media.widths.back();
    picture.height = media.width > 0 ? media.height * media.widths.back() / media.width : 0;
  } else if (!media.source_url.empty()) {
    picture.url = media.source_url;
  } else {
    return std::nullopt;
  }
  return picture;
}

http::Response Answer(const http::Request& request, std::string body, const char* type,
                      util::UnixSeconds last_modified) {
  http::Response response;
  response.content_type = type;
  response.SetHeader("Cache-Control", "public, max-age=60");
  response.body = std::move(body);
  return http::Conditional(request, std::move(response), last_modified);
}


util::UnixSeconds Newest(const publishing::FeedBundle& feed) {
  util::UnixSeconds newest = 0;
  for (const auto& article : feed.articles) newest = std::max(newest, Changed(article));
  return newest;
}

}  // namespace

std::string ArticleTagUri(std::string_view base_url, const content::Article& article) {
  std::string_view host = base_url.substr(base_url.find("://") == std::string_view::npos
                                              ? 0
                                              : base_url.find("://") + 3);
  host = host.substr(0, host.find_first_of(":/"));
  // The year the article was first written: it never changes afterwards.
  return fmt::format("tag:{},{}:article:{}", host, util::FormatIso8601(article.created_at).substr(0, 4),
                     article.id);
}

void Feeds::Register(http::Router& router) const {
  using http::Method;
  using http::PathParams;
  using http::Request;
  router.Add(Method::kGet, "/feed/", [this](const Request& r, const PathParams&) {
    return Rss(FeedKind::kSite, "", r);
  });
  router.Add(Method::kGet, "/atom.xml", [this](const Request& r, const PathParams&) { return Atom(r); });
  router.Add(Method::kGet, "/corrections/feed/", [this](const Request& r, const PathParams&) {
    return Rss(FeedKind::kCorrections, "", r);
  });
  router.Add(Method::kGet, "/tag/{slug}/feed/", [this](const Request& r, const PathParams& p) {
    return Rss(FeedKind::kTag, p.Get("slug"), r);
  });
  router.Add(Method::kGet, "/author/{slug}/feed/", [this](const Request& r, const PathParams& p) {
    return Rss(FeedKind::kAuthor, p.Get("slug"), r);
  });
  router.Add(Method::kGet, "/{section}/feed/", [this](const Request& r, const PathParams& p) {
    return Rss(FeedKind::kSection, p.Get("section"), r);
  });
}

http::Response Feeds::Rss(FeedKind kind, std::string_view slug, const http::Request& request) const {
  auto feed = catalog_.Feed(kind, slug);
  if (!feed) {
    // A feed that moved (a section renamed or deleted) answers 301, as its
    // page does; readers' feed apps follow it.
    if (feed.error().code == ErrorCode::kNotFound) {
      if (auto target = catalog_.RedirectFor(util::NormalizePath(request.path)); target && *target) {
        auto response = http::Response::Redirect(301, **target);
        response.SetHeader("Cache-Control", "public, max-age=86400");
        return response;
      }
    }
    return http::Response::PlainError(feed.error());
  }
  const auto& settings = feed->masthead.settings;
  const std::string& base = settings.base_url;
  const std::string title = feed->title.empty() ? settings.name : feed->title + " | " + settings.name;
  const std::string self = base + feed->path + "feed/";
  const util::UnixSeconds newest = Newest(*feed);
  std::string xml = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n"
      "<channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n"
      "<language>{}</language>\n<lastBuildDate>{}</lastBuildDate>\n"
      "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n{}",
      Escaped(title), Escaped(base + feed->path),
      Escaped(feed->description.empty() ? settings.tagline : feed->description),
      Escaped(settings.language), util::FormatHttpDate(newest), Escaped(self),
      hub_.empty() ? std::string() : fmt::format("<atom:link href=\"{}\" rel=\"hub\"/>\n", Escaped(hub_)));
  for (const auto& article : feed->articles) {
    if (kind == FeedKind::kCorrections) {
      // An item per correction: the note, when it was made (the article's
      // last change), and an id that a later correction does not reuse.
      const util::UnixSeconds made = Changed(article);
      xml += fmt::format("<item>\n<title>Correction: {}</title>\n<link>{}</link>\n"
                         "<guid isPermaLink=\"false\">{}:correction:{}</guid>\n<pubDate>{}</pubDate>\n"
                         "<description>{}</description>\n</item>\n",
                         Escaped(article.headline), Escaped(ArticleUrl(base, article)),
                         Escaped(ArticleTagUri(base, article)), made, util::FormatHttpDate(made),
                         Escaped(article.correction));
      continue;
    }
    xml += fmt::format("<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"false\">{}</guid>\n"
                       "<pubDate>{}</pubDate>\n<description>{}</description>\n",
                       Escaped(article.headline), Escaped(ArticleUrl(base, article)),
                       Escaped(ArticleTagUri(base, article)),
                       util::FormatHttpDate(article.published_at.value_or(article.created_at)),
                       Escaped(article.standfirst));
    for (const auto& author : article.authors) xml += "<dc:creator>" + Escaped(author.name) + "</dc:creator>\n";
    xml += "<category>" + Escaped(article.section.name) + "</category>\n";
    for (const auto& tag : article.tags) xml += "<category>" + Escaped(tag.name) + "</category>\n";
    if (auto picture = LeadPicture(base, media_root_, article)) {
      xml += fmt::format("<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n", Escaped(picture->url),
                         picture->length, picture->type);
      xml += fmt::format("<media:content url=\"{}\" medium=\"image\" type=\"{}\"{}/>\n", Escaped(picture->url),
                         picture->type,
                         picture->width > 0 ? fmt::format(" width=\"{}\" height=\"{}\"", picture->width,
                                                          picture->height)
                                            : "");
    }
    xml += "<content:encoded>" + Cdata(ItemHtml(article)) + "</content:encoded>\n</item>\n";
  }
  xml += "</channel>\n</rss>\n";
  return Answer(request, std::move(xml), "application/rss+xml; charset=utf-8", newest);
}

http::Response Feeds::Atom(const http::Request& request) const {
  auto feed = catalog_.Feed(FeedKind::kSite, "");
  if (!feed) return http::Response::PlainError(feed.error());
  const auto& settings = feed->masthead.settings;
  const std::string& base = settings.base_url;
  const util::UnixSeconds newest = Newest(*feed);
  // RFC 4287: every entry needs an author; the feed's stands in for
  // articles without a byline.
  std::string xml = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n"
      "<subtitle>{}</subtitle>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}/atom.xml\"/>\n"
      "<link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n{}<id>{}/</id>\n<updated>{}</updated>\n"
      "<author><name>{}</name></author>\n",
      Escaped(settings.language), Escaped(settings.name), Escaped(settings.tagline), Escaped(base),
      Escaped(base),
      hub_.empty() ? std::string() : fmt::format("<link rel=\"hub\" href=\"{}\"/>\n", Escaped(hub_)),
      Escaped(base), util::FormatIso8601(newest), Escaped(settings.name));
  for (const auto& article : feed->articles) {
    xml += fmt::format(
        "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n"
        "<published>{}</published>\n<updated>{}</updated>\n",
        Escaped(article.headline), Escaped(ArticleUrl(base, article)), Escaped(ArticleTagUri(base, article)),
        util::FormatIso8601(article.published_at.value_or(article.created_at)),
        util::FormatIso8601(Changed(article)));
    for (const auto& author : article.authors) {
      xml += "<author><name>" + Escaped(author.name) + "</name></author>\n";
    }
    xml += "<category term=\"" + Escaped(article.section.name) + "\"/>\n";
    for (const auto& tag : article.tags) xml += "<category term=\"" + Escaped(tag.name) + "\"/>\n";
    if (auto picture = LeadPicture(base, media_root_, article)) {
      xml += fmt::format("<link rel=\"enclosure\" type=\"{}\" href=\"{}\"{}/>\n", picture->type,
                         Escaped(picture->url),
                         picture->length > 0 ? fmt::format(" length=\"{}\"", picture->length) : "");
    }
    if (!article.standfirst.empty()) xml += "<summary>" + Escaped(article.standfirst) + "</summary>\n";
    xml += "<content type=\"html\">" + Escaped(ItemHtml(article)) + "</content>\n</entry>\n";
  }
  xml += "</feed>\n";
  return Answer(request, std::move(xml), "application/atom+xml; charset=utf-8", newest);
}

}  // namespace lede::site
