// What every admin page shares: the layout's data, private rendering,
// redirects and problem pages.
#include <fmt/format.h>

#include <spdlog/spdlog.h>

#include "admin/admin.h"
#include "http/security_headers.h"
#include "util/strings.h"

namespace lede::admin::pages {
namespace {

struct NavItem {
  std::string_view key;
  std::string_view label;
  std::string_view url;
  content::Action needs;
};

constexpr NavItem kNav[] = {
    {"articles", "Articles", "/admin/articles/", content::Action::kWriteDraft},
    {"media", "Media", "/admin/media/", content::Action::kWriteDraft},
    {"sections", "Sections", "/admin/sections/", content::Action::kManageSections},
    {"ratings", "Ratings", "/admin/ratings/", content::Action::kViewRatings},
    {"users", "Users", "/admin/users/", content::Action::kManageUsers},
    {"tokens", "API tokens", "/admin/tokens/", content::Action::kManageTokens},
    {"settings", "Settings", "/admin/settings/", content::Action::kManageSettings},
    {"audit", "Audit log", "/admin/audit/", content::Action::kReadAudit},
};

}  // namespace

theme::Data Base(const AdminServices& services, const Visit& visit, std::string_view title,
                 std::string_view nav) {
  theme::Data data;
  const auto settings = services.store.LoadSettings();
  data.set("site_name", settings ? settings->name : "lede");
  data.set("lang", settings && !settings->language.empty() ? settings->language : "en");
  data.set("title", std::string(title));
  data.set("asset_version", services.theme.asset_version());
  data.set("assets", services.theme.asset_urls());
  data.set("csrf", visit.who.csrf);
  data.set("user_name", visit.who.user.name);
  data.set("user_role", std::string(content::RoleName(visit.who.user.role)));
  theme::Data items{theme::Data::type::list};
  for (const auto& item : kNav) {
    if (!content::Can(visit.who.user.role, item.needs)) continue;
    theme::Data entry;
    entry.set("label", std::string(item.label));
    entry.set("url", std::string(item.url));
    entry.set("current", item.key == nav);
    items.push_back(entry);
  }
  data.set("nav", items);
  return data;
}

http::Response Render(const AdminServices& services, int status, std::string_view name,
                      const theme::Data& data) {
  auto html = services.theme.Render(name, data);
  if (!html) {
    spdlog::error("rendering {}: {}", name, html.error().message);
    return http::Response::Text(500, "The page could not be rendered\n");
  }
  http::Response response = http::Response::Html(status, std::move(*html));
  // Private: never stored by a browser or proxy, never indexed.
  response.SetHeader("Cache-Control", "private, no-store");
  response.SetHeader("X-Robots-Tag", "noindex");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Content-Security-Policy", std::string(http::kAdminContentSecurityPolicy));
  response.SetHeader("Referrer-Policy", "same-origin");
  return response;
}

http::Response SeeOther(std::string location) {
  auto response = http::Response::Redirect(303, std::move(location));
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Problem(const AdminServices& services, const Visit& visit, const Error& error) {
  theme::Data data = Base(services, visit, "Not possible", "");
  data.set("message", error.message);
  const int status = http::StatusFor(error.code);
  data.set("status", std::to_string(status));
  return Render(services, status, "admin/problem", data);
}

util::TimeZone Zone(const AdminServices& services) {
  const auto settings = services.store.LoadSettings();
  if (!settings) return util::TimeZone();
  return util::TimeZone::Named(settings->time_zone).value_or(util::TimeZone());
}

std::string When(const util::TimeZone& zone, util::UnixSeconds time) {
  return zone.FormatShortDate(time) + ", " + zone.FormatLocalInput(time).substr(11, 5);
}

std::string SafeNext(std::string_view next) {
  if (!next.starts_with("/admin/") || next.find("//") != std::string_view::npos ||
      next.find('\\') != std::string_view::npos) {
    return "/admin/articles/";
  }
  return std::string(next);
}

int PageNumber(const http::Request& request) {
  auto number = util::ParseInt(request.QueryParam("page").value_or(""));
  return number && *number >= 1 && *number < 1'000'000 ? static_cast<int>(*number) : 1;
}

std::string Absolute(const AdminServices& services, std::string_view path) {
  std::string base = services.public_url ? services.public_url() : std::string();
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}

std::string Count(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace lede::admin::pages
