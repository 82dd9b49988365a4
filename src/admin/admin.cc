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
      http::Response response = pages::Render(
          services_, 401, "admin/sign_in",
          [&] {
            theme::Data data;
            data.set("site_name", "lede");
            data.set("next", pages::SafeNext(request.path));
            data.set("expired", true);
            data.set("pending", request.body);
            data.set("csrf_note", true);
            return data;
          }());
      return reply(std::move(response));
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
