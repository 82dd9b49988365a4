#pragma once
// The newsroom at /admin/: server-rendered pages over the same services as
// the Admin API (Editorial, Accounts, the media Library, the store). Every
// page is private and never cached; a browser without a session is sent to
// sign in and brought back. Every form carries the session's CSRF token;
// a POST without the right one is a 403 that changes nothing.

#include <functional>
#include <memory>
#include <string>

#include "auth/accounts.h"
#include "http/router.h"
#include "media/library.h"
#include "publishing/editorial.h"
#include "publishing/preview_links.h"
#include "store/audit_log.h"
#include "store/people_store.h"
#include "store/store.h"
#include "theme/theme.h"
#include "util/time.h"
#include "util/time_zone.h"

namespace lede::admin {

// What the pages need, all owned by the app and outliving the Admin.
struct AdminServices {
  publishing::Editorial& editorial;
  publishing::Desk& desk;
  auth::Accounts& accounts;
  store::Store& store;
  store::PeopleStore& people;
  store::AuditLog& audit;
  media::Library& media;
  const publishing::PreviewLinks& previews;
  const theme::Theme& theme;
  const util::Clock& clock;
  // Renders the public page an (unsaved) article would have.
  std::function<http::Response(content::Article)> render_preview;
  // The site's public address ("https://news.example"): links the
  // newsroom hands out (invitations, previews) are absolute on it.
  std::function<std::string()> public_url;
  // Cookies get Secure (the site is served over HTTPS).
  bool secure_cookies = false;
};

// The signed-in user and the page being answered.
struct Visit {
  const http::Request& request;
  auth::Principal who;
};

class Admin {
 public:
  explicit Admin(AdminServices services) : services_(std::move(services)) {}

  void Register(http::Router& router) const;
  // Paths that may carry an upload's larger body.
  static std::vector<std::string> UploadPaths() { return {"/admin/media/"}; }
  // Asked before an upload's body is read (http::ServerOptions::upload_gate):
  // the sign-in page or refusal it would get anyway, or nullopt.
  std::optional<http::Response> AdmitUpload(const http::Request& header) const;

 private:
  using Page = std::function<http::Response(Visit&, const http::PathParams&)>;
  // Signs in the request or redirects (GET) / refuses (POST without a
  // valid CSRF token) before calling `page`.
  http::AsyncHandler Guard(Page page) const;
  // The sign-in page for a form sent after its session ended.
  http::Response SignInAgain(const http::Request& request) const;
  void Add(http::Router& router, http::Method method, std::string pattern, Page page) const;

  // Pages (one file per group).
  void RegisterSession(http::Router& router) const;
  void RegisterArticles(http::Router& router) const;
  void RegisterMedia(http::Router& router) const;
  void RegisterSite(http::Router& router) const;
  void RegisterReports(http::Router& router) const;

  AdminServices services_;
};

// Helpers the page files share (admin_pages.cc).
namespace pages {

// `path` on the site's public address, for a link to pass on.
std::string Absolute(const AdminServices& services, std::string_view path);

// The data every admin page starts from: site name, user, nav, CSRF token.
theme::Data Base(const AdminServices& services, const Visit& visit, std::string_view title,
                 std::string_view nav);
// Renders `name` (an admin template) privately: no-store, noindex.
http::Response Render(const AdminServices& services, int status, std::string_view name,
                      const theme::Data& data);
// 303 to `location` (after a POST).
http::Response SeeOther(std::string location);
// A page that says why not (403, 404...), in the admin layout.
http::Response Problem(const AdminServices& services, const Visit& visit, const Error& error);
// The site's time zone (UTC when the setting is missing or unknown).
util::TimeZone Zone(const AdminServices& services);
// "12 Nov 2026, 14:05" in `zone` (Zone(), looked up once per page).
std::string When(const util::TimeZone& zone, util::UnixSeconds time);
// Where to come back to after signing in: a path of this site's admin,
// never another host; the articles list otherwise.
std::string SafeNext(std::string_view next);
// ?page=N, at least 1.
int PageNumber(const http::Request& request);
// "1 article", "3 articles".
std::string Count(std::int64_t n, std::string_view one, std::string_view many);

}  // namespace pages
}  // namespace lede::admin
