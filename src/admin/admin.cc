#include "admin/admin.h"

#include <fmt/format.h>

#include "auth/secrets.h"
#include "http/multipart.h"
#include "util/strings.h"

namespace lede::admin {

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
      // A form sent after the session ended: sign in again, keeping what
      // was typed (the sign-in page carries it and gives it back).
      // An upload (multipart) cannot be carried that way: it is chosen again.
      theme::Data data;
      const auto settings = services_.store.LoadSettings();
      data.set("site_name", settings ? settings->name : "lede");
      data.set("asset_version", services_.theme.asset_version());
      data.set("assets", services_.theme.asset_urls());
      data.set("title", "Sign in");
      data.set("next", pages::SafeNext(request.path));
      data.set("expired", true);
      if (request.Header("Content-Type").starts_with("application/x-www-form-urlencoded")) {
        data.set("pending", request.body);
      }
      return reply(pages::Render(services_, 401, "admin/sign_in", data));
    }
    if (!reads) {
      // Forms post urlencoded or multipart; the token is a field either way.
      std::string token = request.FormField("csrf").value_or("");
      if (token.empty()) token = std::string(request.Header("X-CSRF-Token"));
      if (token.empty() && request.Header("Content-Type").starts_with("multipart/")) {
        if (auto parts = http::ParseMultipart(request.Header("Content-Type"), request.body)) {
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
