#include "site/sitemaps.h"

#include <fmt/format.h>

#include <chrono>
#include <regex>

#include "media/library.h"
#include "util/strings.h"

namespace lede::site {
namespace {

constexpr std::string_view kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

http::Response Xml(std::string body) {
  http::Response response;
  response.content_type = "application/xml; charset=utf-8";
  // Crawlers come back often; a few minutes' staleness costs nothing.
  response.SetHeader("Cache-Control", "public, max-age=300");
  response.body = std::move(body);
  return response;
}

http::Response NotFound() { return http::Response::Text(404, "Not found\n"); }


std::string Escaped(std::string_view text) { return util::HtmlEscape(text); }

std::string Date(util::UnixSeconds seconds) { return util::FormatIso8601(seconds); }

util::UnixSeconds MonthStart(int year, int month) {
  using namespace std::chrono;
  const sys_days day{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} / 1};
  return duration_cast<seconds>(day.time_since_epoch()).count();
}

std::string ArticleUrl(const std::string& base, const store::SitemapArticle& article) {
  return base + "/" + util::EncodePathSegment(article.section_slug) + "/" +
         util::EncodePathSegment(article.slug) + "/";
}

// The largest picture lede has of it, or its old address.
std::string ImageUrl(const std::string& base, const content::MediaItem& image) {
  if (!image.widths.empty()) return base + "/media/" + media::VariantPath(image, image.widths.back());
  return image.source_url;
}

std::string Url(const std::string& loc, util::UnixSeconds last_modified, std::string extra = {}) {
  return fmt::format("<url><loc>{}</loc><lastmod>{}</lastmod>{}</url>\n", Escaped(loc),
                     Date(last_modified), extra);
}

// Google News wants an ISO 639 code; zh-cn and zh-tw are its exceptions.
std::string NewsLanguage(std::string_view language) {
  const std::string lower = util::ToLowerAscii(language);
  if (lower == "zh-cn" || lower == "zh-tw") return lower;
  return lower.substr(0, lower.find('-'));
}

}  // namespace

void Sitemaps::Register(http::Router& router) const {
  using http::Method;
  using http::PathParams;
  using http::Request;
  router.Add(Method::kGet, "/robots.txt", [this](const Request&, const PathParams&) { return Robots(); });
  router.Add(Method::kGet, "/sitemap.xml", [this](const Request&, const PathParams&) { return Index(); });
  router.Add(Method::kGet, "/news-sitemap.xml",
             [this](const Request&, const PathParams&) { return News(); });
  router.Add(Method::kGet, "/sitemaps/{name}", [this](const Request&, const PathParams& p) {
    return Sitemap(p.Get("name"));
  });
}

http::Response Sitemaps::Robots() const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return http::Response::PlainError(masthead.error());
  const std::string& base = masthead->settings.base_url;
  auto response = http::Response::Text(
      200, fmt::format("User-agent: *\nDisallow: /admin/\nDisallow: /api/v1/admin/\nDisallow: /preview/\n"
                       "\nSitemap: {0}/sitemap.xml\nSitemap: {0}/news-sitemap.xml\n",
                       base));
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

http::Response Sitemaps::Index() const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return http::Response::PlainError(masthead.error());
  auto months = catalog_.SitemapMonths();
  if (!months) return http::Response::PlainError(months.error());
  const std::string& base = masthead->settings.base_url;
  std::string xml = fmt::format("{}<sitemapindex xmlns=\"{}\">\n", kXmlHead, kSitemapNs);
  util::UnixSeconds newest = 0;
  for (const auto& month : *months) {
    newest = std::max(newest, month.last_modified);
    const auto parts = (month.count + kUrlsPerSitemap - 1) / kUrlsPerSitemap;
    for (std::int64_t part = 1; part <= parts; ++part) {
      const std::string suffix = part == 1 ? "" : fmt::format("-{}", part);
      xml += fmt::format("<sitemap><loc>{}/sitemaps/articles-{:04}-{:02}{}.xml</loc><lastmod>{}</lastmod></sitemap>\n",
                         Escaped(base), month.year, month.month, suffix, Date(month.last_modified));
    }
  }
  xml += fmt::format("<sitemap><loc>{}/sitemaps/listings.xml</loc>{}</sitemap>\n", Escaped(base),
                     newest > 0 ? "<lastmod>" + Date(newest) + "</lastmod>" : "");
  xml += "</sitemapindex>\n";
  return Xml(std::move(xml));
}

http::Response Sitemaps::Sitemap(std::string_view name) const {
  if (name == "listings.xml") return Listings();
  static const std::regex kArticles(R"(articles-(\d{4})-(\d{2})(?:-([1-9]\d{0,3}))?\.xml)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(name.begin(), name.end(), match, kArticles)) return NotFound();
  const int year = std::stoi(match[1].str());
  const int month = std::stoi(match[2].str());
  const int part = match[3].matched ? std::stoi(match[3].str()) : 1;
  if (month < 1 || month > 12 || year < 1970) return NotFound();
  return Articles(year, month, part);
}

http::Response Sitemaps::Articles(int year, int month, int part) const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return http::Response::PlainError(masthead.error());
  const auto from = MonthStart(year, month);
  const auto to = month == 12 ? MonthStart(year + 1, 1) : MonthStart(year, month + 1);
  auto articles = catalog_.SitemapArticles(from, to, kUrlsPerSitemap, (part - 1) * kUrlsPerSitemap);
  if (!articles) return http::Response::PlainError(articles.error());
  if (articles->empty()) return NotFound();
  const std::string& base = masthead->settings.base_url;
  std::string xml = fmt::format(
      "{}<urlset xmlns=\"{}\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n",
      kXmlHead, kSitemapNs);
  xml.reserve(articles->size() * 200);
  for (const auto& article : *articles) {
    std::string image;
    if (article.image) {
      const std::string url = ImageUrl(base, *article.image);
      if (!url.empty()) image = "<image:image><image:loc>" + Escaped(url) + "</image:loc></image:image>";
    }
    xml += Url(ArticleUrl(base, article), article.last_modified, image);
  }
  xml += "</urlset>\n";
  return Xml(std::move(xml));
}

http::Response Sitemaps::Listings() const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return http::Response::PlainError(masthead.error());
  auto listings = catalog_.SitemapListings();
  if (!listings) return http::Response::PlainError(listings.error());
  auto pages = catalog_.PublishedPages();
  if (!pages) return http::Response::PlainError(pages.error());
  const std::string& base = masthead->settings.base_url;
  std::string xml = fmt::format("{}<urlset xmlns=\"{}\">\n", kXmlHead, kSitemapNs);
  util::UnixSeconds newest = 0;
  for (const auto& listing : *listings) newest = std::max(newest, listing.last_modified);
  if (newest > 0) xml += Url(base + "/", newest);
  int written = 1;
  for (const auto& listing : *listings) {
    if (++written > kUrlsPerSitemap) break;
    const std::string slug = util::EncodePathSegment(listing.slug);
    const std::string path = listing.kind == store::SitemapListing::Kind::kSection ? "/" + slug + "/"
                             : listing.kind == store::SitemapListing::Kind::kTag  ? "/tag/" + slug + "/"
                                                                                  : "/author/" + slug + "/";
    xml += Url(base + path, listing.last_modified);
  }
  for (const auto& page : *pages) {
    if (++written > kUrlsPerSitemap) break;
    xml += Url(base + page.path, std::max(page.created_at, page.updated_at));
  }
  xml += "</urlset>\n";
  return Xml(std::move(xml));
}

http::Response Sitemaps::News() const {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) return http::Response::PlainError(masthead.error());
  const auto now = catalog_.Now();
  auto articles = catalog_.SitemapArticles(now - 48 * 3600, now + 1, kNewsSitemapMost, 0);
  if (!articles) return http::Response::PlainError(articles.error());
  const auto& settings = masthead->settings;
  const std::string& base = settings.base_url;
  std::string xml = fmt::format(
      "{}<urlset xmlns=\"{}\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
      kXmlHead, kSitemapNs);
  const std::string publication =
      fmt::format("<news:publication><news:name>{}</news:name><news:language>{}</news:language>"
                  "</news:publication>",
                  Escaped(settings.name), Escaped(NewsLanguage(settings.language)));
  for (const auto& article : *articles) {
    xml += fmt::format(
        "<url><loc>{}</loc><news:news>{}<news:publication_date>{}</news:publication_date>"
        "<news:title>{}</news:title></news:news></url>\n",
        Escaped(ArticleUrl(base, article)), publication, Date(article.published_at),
        Escaped(article.headline));
  }
  xml += "</urlset>\n";
  return Xml(std::move(xml));
}

}  // namespace lede::site
