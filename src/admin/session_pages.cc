// Signing in and out, and accepting an invitation.
#include <fmt/format.h>

#include "admin/admin.h"
#include "util/strings.h"

namespace lede::admin {
namespace {


// The fields of a urlencoded body, except its stale CSRF token: a form
// that was sent when the session had ended, to be sent again.
theme::Data PendingFields(std::string_view body) {
  theme::Data fields{theme::Data::type::list};
  for (auto pair : util::Split(body, '&')) {
    const auto equals = pair.find('=');
    auto name = util::UrlDecode(pair.substr(0, equals), true);
    if (!name || name->empty() || *name == "csrf") continue;
    auto value = equals == std::string_view::npos ? std::optional<std::string>("")
                                                  : util::UrlDecode(pair.substr(equals + 1), true);
    if (!value) continue;
    theme::Data field;
    field.set("name", *name);
    field.set("value", *value);
    // Shown as well as carried: the editor sees what the button sends.
    field.set("shown", value->size() > 200 ? value->substr(0, 200) + "…" : *value);
    fields.push_back(field);
  }
  return fields;
}

// The CSRF token a kept form carried.
std::string PendingToken(std::string_view body) {
  for (auto pair : util::Split(body, '&')) {
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || util::UrlDecode(pair.substr(0, equals), true) != "csrf") {
      continue;
    }
    return util::UrlDecode(pair.substr(equals + 1), true).value_or("");
  }
  return {};
}

theme::Data SignInData(std::string_view site_name, std::string_view next) {
  theme::Data data;
  data.set("site_name", std::string(site_name));
  data.set("title", "Sign in");
  data.set("next", std::string(next));
  return data;
}

}  // namespace

void Admin::RegisterSession(http::Router& router) const {
  router.Add(http::Method::kGet, "/admin/sign-in",
             [this](const http::Request& request, const http::PathParams&) {
               const auto settings = services_.store.LoadSettings();
               theme::Data data = SignInData(settings ? settings->name : "lede",
                                             pages::SafeNext(request.QueryParam("next").value_or("")));
               data.set("asset_version", services_.theme.asset_version());
               data.set("assets", services_.theme.asset_urls());
               return pages::Render(services_, 200, "admin/sign_in", data);
             });
  router.Add(http::Method::kPost, "/admin/sign-in",
             [this](const http::Request& request, const http::PathParams&) {
               const auto settings = services_.store.LoadSettings();
               const std::string next = pages::SafeNext(request.FormField("next").value_or(""));
               const std::string email = request.FormField("email").value_or("");
               std::string pending = request.FormField("pending").value_or("");
               // A kept form travels only within this site's own pages.
               if (!pending.empty() && !request.ProvesSameOrigin()) pending.clear();
               theme::Data data = SignInData(settings ? settings->name : "lede", next);
               data.set("asset_version", services_.theme.asset_version());
               data.set("assets", services_.theme.asset_urls());
               data.set("email", email);
               if (!pending.empty()) data.set("pending", pending);
               if (!request.IsSameOrigin()) {
                 data.set("error", "This form did not come from this site.");
                 return pages::Render(services_, 403, "admin/sign_in", data);
               }
               const std::string_view device = request.Cookie(auth::kDeviceCookie);
               auto signed_in = services_.accounts.SignIn(
                   email, request.FormField("password").value_or(""), request.remote_address, device);
               if (!signed_in) {
                 data.set("error", signed_in.error().message);
                 const bool throttled = signed_in.error().code == ErrorCode::kUnavailable;
                 auto response = pages::Render(services_, throttled ? 429 : 401,
                                               "admin/sign_in", data);
                 if (throttled) {
                   response.SetHeader("Retry-After",
                                      std::to_string(services_.accounts.RetryAfter(
                                          email, request.remote_address, device)));
                 }
                 return response;
               }
               // Only a form whose token this site made for the user now
               // signed in comes back: never one another account's page
               // (or a stranger's) left in the sign-in form.
               std::optional<theme::Data> fields;
               if (!pending.empty()) {
                 const auto owner =
                     services_.accounts.CsrfTokenUser(PendingToken(pending));
                 if (owner && *owner == signed_in->principal.user.id) fields = PendingFields(pending);
               }
               http::Response response;
               if (fields && !fields->is_empty_list()) {
                 // Signed in again mid-edit: the typed form comes back,
                 // unsaved, to be sent with the new session's token.
                 theme::Data resend;
                 resend.set("site_name", settings ? settings->name : "lede");
                 resend.set("title", "Your changes are not saved yet");
                 resend.set("asset_version", services_.theme.asset_version());
                 resend.set("assets", services_.theme.asset_urls());
                 resend.set("action", next);
                 resend.set("csrf", signed_in->principal.csrf);
                 resend.set("fields", *fields);
                 response = pages::Render(services_, 200, "admin/resend", resend);
               } else {
                 response = pages::SeeOther(next);
               }
               response.AddHeader("Set-Cookie", services_.accounts.SessionCookie(
                                                    signed_in->cookie_value,
                                                    services_.secure_cookies));
               response.AddHeader("Set-Cookie", auth::Accounts::DeviceCookie(
                                                    signed_in->device_value,
                                                    services_.secure_cookies));
               return response;
             });
  Add(router, http::Method::kPost, "/admin/sign-out", [this](Visit& visit, const http::PathParams&) {
    (void)services_.accounts.SignOut(visit.request.Cookie(auth::kSessionCookie));
    auto response = pages::SeeOther("/admin/sign-in");
    response.AddHeader("Set-Cookie", auth::Accounts::ClearedSessionCookie(services_.secure_cookies));
    return response;
  });

  // Invitations: the link an administrator passed on.
  auto invite_page = [this](const http::Request& request, const http::PathParams& params,
                            const Error* error) {
    const auto settings = services_.store.LoadSettings();
    theme::Data data;
    data.set("site_name", settings ? settings->name : "lede");
    data.set("asset_version", services_.theme.asset_version());
    data.set("assets", services_.theme.asset_urls());
    data.set("title", "Join the newsroom");
    auto invite = services_.accounts.FindInvite(params.Get("secret"));
    if (!invite) {
      data.set("gone", true);
      return pages::Render(services_, 404, "admin/invite", data);
    }
    data.set("email", invite->email);
    data.set("role", std::string(content::RoleName(invite->role)));
    data.set("name", request.FormField("name").value_or(invite->name));
    if (error) {
      data.set("error", error->message);
      data.set(error->field == "password" ? "password_error" : "name_error", error->message);
    }
    return pages::Render(services_, error ? 400 : 200, "admin/invite", data);
  };
  router.Add(http::Method::kGet, "/admin/invite/{secret}/",
             [invite_page](const http::Request& request, const http::PathParams& params) {
               return invite_page(request, params, nullptr);
             });
  router.Add(http::Method::kPost, "/admin/invite/{secret}/",
             [this, invite_page](const http::Request& request, const http::PathParams& params) {
               if (!request.IsSameOrigin()) return http::Response::Text(403, "Cross-site form\n");
               auto joined = services_.accounts.AcceptInvite(
                   params.Get("secret"), request.FormField("name").value_or(""),
                   request.FormField("password").value_or(""), request.remote_address);
               if (!joined) return invite_page(request, params, &joined.error());
               // Joined and signed in: straight to the newsroom.
               auto response = pages::SeeOther("/admin/articles/?welcome=1");
               response.AddHeader("Set-Cookie", services_.accounts.SessionCookie(
                                                    joined->cookie_value, services_.secure_cookies));
               response.AddHeader("Set-Cookie", auth::Accounts::DeviceCookie(
                                                    joined->device_value, services_.secure_cookies));
               return response;
             });
}

}  // namespace lede::admin
