#include "admin/admin.h"

#include <fmt/format.h>

#include "auth/secrets.h"
#include "http/multipart.h"
#include "util/strings.h"

namespace lede::admin {

namespace {

// The urlencoded form a signed-out browser sent, if it may be offered back
// after signing in: the request proves it came from this site's own page
// (Origin, else Referer), and the form's own CSRF token is one this site
// made, for a session since ended. A stranger's page can do neither: its
// form carries no token of ours, and its request names its own origin
// (Issue 24: a cross-site form was kept and replayed with a fresh token).
bool MayKeepForm(const http::Request& request, const auth::Accounts& accounts) {
  if (!request.Header("Content-Type").starts_with("application/x-www-form-urlencoded")) return false;
  if (!request.ProvesSameOrigin()) return false;
  return accounts.CsrfTokenUser(request.FormField("csrf").value_or("")).has_value();
}

}  // namespace

http::Response Admin::SignInAgain(const http::Request& request) const {
  theme::Data data;
  const auto settings = services_.store.LoadSettings();
  data.set("site_name", settings ? settings->name : "lede");
  data.set("asset_version", services_.theme.asset_version());
  data.set("assets", services_.theme.asset_urls());
  data.set("title", "Sign in");
  data.set("next", pages::SafeNext(request.path));
  data.set("expired", true);
  // What was typed comes back after signing in, for the same user only
  // (session_pages.cc checks the token again). An upload (multipart)
  // cannot be carried this way: it is chosen again.
  if (MayKeepForm(request, services_.accounts)) data.set("pending", request.body);
  return pages::Render(services_, 401, "admin/sign_in", data);
}

std::optional<http::Response> Admin::AdmitUpload(const http::Request& header) const {
  auto who = services_.accounts.FromSession(header.Cookie(auth::kSessionCookie));
  if (!who) return SignInAgain(header);
  if (!header.IsSameOrigin()) {
    return http::Response::Text(403, "This form did not come from this site.\n");
  }
  if (auto may = media::Library::MayUpload(who->user); !may) {
    return http::Response::Text(403, may.error().message + "\n");
  }
  return std::nullopt;
}

http::AsyncHandler Admin::Guard(Page page) const {
  return [this, page = std::move(page)](const http::Request& request,
                                        const http::PathParams& params, http::Reply reply) {
    auto who = services_.accounts.FromSession(request.Cookie(auth::kSessionCookie));
    const bool reads = request.method == http::Method::kGet || request.method == http::Method::kHead;
    if (!who) {
      if (reads) {
        return reply(pages::SeeOther("/admin/sign-in?next=" +
                                     util::EncodePathSegment(pages::SafeNext(request.target))));
      }
      // A form sent after the session ended: sign in again.
      return reply(SignInAgain(request));
    }
    if (!reads) {
      // Forms post urlencoded or multipart; the token is a field either way.
      std::string token = request.FormField("csrf").value_or("");
      if (token.empty()) token = std::string(request.Header("X-CSRF-Token"));
      if (token.empty() && request.Header("Content-Type").starts_with("multipart/")) {
        if (auto parts = http::ReadMultipart(request)) {
          if (const http::FormPart* part = http::FindPart(*parts, "csrf")) token = part->body;
        }
      }
      if (!auth::SameSecret(token, who->csrf) || !request.IsSameOrigin()) {
        return reply(http::Response::Text(403, "This form has expired or did not come from "
                                               "this site. Go back, reload and try again.\n"));
      }
    }
    Visit visit{request, std::move(*who)};
    reply(page(visit, params));
  };
}

void Admin::Add(http::Router& router, http::Method method, std::string pattern, Page page) const {
  router.AddAsync(method, std::move(pattern), Guard(std::move(page)));
}

void Admin::Register(http::Router& router) const {
  RegisterSession(router);
  router.Add(http::Method::kGet, "/admin/", [](const http::Request&, const http::PathParams&) {
    return pages::SeeOther("/admin/articles/");
  });
  RegisterArticles(router);
  RegisterMedia(router);
  RegisterSite(router);
  RegisterReports(router);
}

}  // namespace lede::admin
