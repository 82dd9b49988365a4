#include "auth/accounts.h"

#include <fmt/format.h>

#include "auth/secrets.h"
#include "util/strings.h"

namespace lede::auth {
namespace {

constexpr std::string_view kSignInRefused = "that email and password do not match an account";
// How long a browser is remembered as one its owner signs in from.
constexpr util::UnixSeconds kDeviceLifetime = 365 * 86400;

}  // namespace

Accounts::Accounts(store::PeopleStore& people, store::AuditLog& audit,
                   const util::Clock& clock, AccountOptions options)
    : people_(people),
      audit_(audit),
      clock_(clock),
      options_(options),
      csrf_signer_(options_.site_secret, "csrf"),
      device_signer_(options_.site_secret, "device"),
      throttle_(clock) {}

Status Accounts::Audit(std::int64_t user_id, std::string_view action,
                       std::string_view object_kind, std::int64_t object_id,
                       std::string_view detail) {
  return audit_.Record({.at = clock_.Now(), .user_id = user_id, .action = std::string(action),
                        .object_kind = std::string(object_kind), .object_id = object_id,
                        .detail = std::string(detail)});
}

Result<NewUser> Accounts::AddUser(content::User user, std::optional<std::string> password,
                                  std::int64_t by) {
  user.name = std::string(util::Trim(user.name));
  user.email = std::string(util::Trim(user.email));
  if (user.name.empty()) return InvalidArgument("a user needs a name", "name");
  LEDE_TRY(content::ValidateEmail(user.email));
  NewUser made;
  if (!password) {
    made.generated_password = RandomToken().substr(0, 20);
    password = made.generated_password;
  }
  LEDE_TRY(CheckPassword(*password));
  const std::string hash = HashPassword(*password);
  if (hash.empty()) return MakeError(ErrorCode::kUnavailable, "out of memory hashing a password");
  user.created_at = clock_.Now();
  LEDE_TRY(made.user, people_.CreateUser(std::move(user), hash));
  LEDE_TRY(Audit(by, "user.create", "user", made.user.id,
                 fmt::format("{} <{}> as {}", made.user.name, made.user.email,
                             content::RoleName(made.user.role))));
  return made;
}

Result<content::User> Accounts::UpdateUser(content::User user, std::int64_t by) {
  LEDE_TRY(auto before, people_.FindUser(user.id));
  LEDE_TRY(auto after, people_.UpdateUser(user));
  if (after.disabled && !before.disabled) LEDE_TRY(people_.DeleteSessionsOf(after.id));
  std::string detail;
  if (before.role != after.role) {
    detail += fmt::format("role {} -> {}; ", content::RoleName(before.role),
                          content::RoleName(after.role));
  }
  if (before.disabled != after.disabled) detail += after.disabled ? "disabled; " : "enabled; ";
  LEDE_TRY(Audit(by, "user.update", "user", after.id, detail.empty() ? after.email : detail));
  return after;
}

Status Accounts::SetPassword(std::int64_t user_id, std::string_view password, std::int64_t by) {
  LEDE_TRY(CheckPassword(password));
  LEDE_TRY(people_.SetPasswordHash(user_id, HashPassword(password)));
  // Whoever knew the old password is signed out everywhere.
  LEDE_TRY(people_.DeleteSessionsOf(user_id));
  return Audit(by, "user.password", "user", user_id, "");
}

bool Accounts::TrustedDevice(std::string_view email, std::string_view device) {
  if (device.empty()) return false;
  const auto payload = device_signer_.Open(device);
  if (!payload) return false;
  const auto colon = payload->find(':');
  const auto user_id = util::ParseInt(std::string_view(*payload).substr(0, colon));
  const auto issued = colon == std::string::npos ? std::nullopt
                                                 : util::ParseInt(std::string_view(*payload).substr(colon + 1));
  if (!user_id || !issued || clock_.Now() - *issued > kDeviceLifetime) return false;
  auto user = people_.FindUserByEmail(email);
  return user && user->id == *user_id;
}

util::UnixSeconds Accounts::RetryAfter(std::string_view email, std::string_view address,
                                       std::string_view device) {
  const std::string normal = content::NormalizeEmail(email);
  return throttle_.Wait(normal, address, TrustedDevice(normal, device));
}

std::string Accounts::DeviceCookie(std::string_view value, bool secure) {
  return fmt::format("{}={}; Path=/admin/; Max-Age={}; HttpOnly; SameSite=Strict{}", kDeviceCookie,
                     value, kDeviceLifetime, secure ? "; Secure" : "");
}

std::optional<std::int64_t> Accounts::CsrfTokenUser(std::string_view token) const {
  const auto payload = csrf_signer_.Open(token);
  if (!payload) return std::nullopt;
  const auto colon = payload->rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  return util::ParseInt(std::string_view(*payload).substr(colon + 1));
}

Result<SignedIn> Accounts::SignIn(std::string_view raw_email, std::string_view password,
                                  std::string_view address, std::string_view device) {
  // One spelling for the throttle and the lookup: "Ed@Example.org  " is
  // the account ed@example.org, and its failures count there.
  const std::string email = content::NormalizeEmail(raw_email);
  const bool trusted = TrustedDevice(email, device);
  if (const auto wait = throttle_.Wait(email, address, trusted); wait > 0) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("too many failed sign-ins; try again in {} seconds", wait));
  }
  auto user = people_.FindUserByEmail(email);
  std::string hash;
  if (user) {
    LEDE_TRY(hash, people_.PasswordHash(user->id));
  } else if (user.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(user.error());
  }
  // Made once, on first use, by whichever thread gets here first.
  std::call_once(dummy_once_, [this] { dummy_hash_ = HashPassword(RandomToken()); });
  // An unknown email costs the same time as a wrong password.
  const bool matches = VerifyPassword(hash.empty() ? dummy_hash_ : hash, password) && !hash.empty();
  if (!user || !matches || user->disabled) {
    throttle_.Failed(email, address, trusted);
    return MakeError(ErrorCode::kPermissionDenied, std::string(kSignInRefused));
  }
  throttle_.Succeeded(email, address);
  return StartSession(*user, address);
}

Result<SignedIn> Accounts::StartSession(const content::User& user, std::string_view address) {
  const util::UnixSeconds now = clock_.Now();
  SignedIn signed_in;
  signed_in.cookie_value = RandomToken();
  // The CSRF token names its user and is signed: a form kept over a
  // sign-in can prove it was made here, for this user (admin/admin.cc).
  signed_in.principal = {user, csrf_signer_.Sign(fmt::format("{}:{}", RandomToken(), user.id))};
  signed_in.device_value = device_signer_.Sign(fmt::format("{}:{}", user.id, now));
  LEDE_TRY(people_.CreateSession({HashSecret(signed_in.cookie_value), user.id,
                                  signed_in.principal.csrf, now, now + options_.session_lifetime}));
  LEDE_TRY(Audit(user.id, "user.sign_in", "user", user.id, std::string(address)));
  return signed_in;
}

Result<Principal> Accounts::FromSession(std::string_view cookie_value) {
  if (cookie_value.empty()) return NotFound("not signed in");
  LEDE_TRY(auto session, people_.FindSession(HashSecret(cookie_value), clock_.Now()));
  LEDE_TRY(auto user, people_.FindUser(session.user_id));
  if (user.disabled) return NotFound("this account is disabled");
  return Principal{std::move(user), std::move(session.csrf)};
}

Status Accounts::SignOut(std::string_view cookie_value) {
  if (cookie_value.empty()) return {};
  return people_.DeleteSession(HashSecret(cookie_value));
}

std::string Accounts::SessionCookie(std::string_view value, bool secure) const {
  // No Max-Age: the cookie goes when the browser closes or the server-side
  // session expires, whichever is first.
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}", kSessionCookie, value,
                     secure ? "; Secure" : "");
}

std::string Accounts::ClearedSessionCookie(bool secure) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", kSessionCookie,
                     secure ? "; Secure" : "");
}

Result<std::string> Accounts::AddToken(std::int64_t user_id, std::string_view label,
                                       std::int64_t by) {
  LEDE_TRY(auto user, people_.FindUser(user_id));
  std::string token = "lede_" + RandomToken();
  LEDE_TRY(auto made, people_.CreateToken({.user_id = user.id, .token_hash = HashSecret(token),
                                           .label = std::string(label),
                                           .created_at = clock_.Now()}));
  LEDE_TRY(Audit(by, "token.create", "token", made.id,
                 fmt::format("for {} {}", user.email, label)));
  return token;
}

Status Accounts::RevokeToken(std::int64_t token_id, std::int64_t by) {
  LEDE_TRY(people_.RevokeToken(token_id, clock_.Now()));
  return Audit(by, "token.revoke", "token", token_id, "");
}

Result<Principal> Accounts::FromToken(std::string_view token) {
  if (token.empty()) return NotFound("no token");
  LEDE_TRY(auto stored, people_.FindToken(HashSecret(token)));
  LEDE_TRY(auto user, people_.FindUser(stored.user_id));
  if (user.disabled) return NotFound("this account is disabled");
  return Principal{std::move(user), {}};
}

Result<std::string> Accounts::Invite(std::string_view raw_email, std::string_view name,
                                     content::Role role, std::int64_t by) {
  const std::string email(util::Trim(raw_email));
  LEDE_TRY(content::ValidateEmail(email));
  if (auto existing = people_.FindUserByEmail(email); existing) {
    return MakeError(ErrorCode::kConflict, "someone already has an account with that email",
                     "email");
  }
  std::string secret = RandomToken();
  LEDE_TRY(people_.CreateInvite({HashSecret(secret), std::string(email), std::string(name), role,
                                 by, clock_.Now() + options_.invite_lifetime, std::nullopt}));
  LEDE_TRY(Audit(by, "user.invite", "user", 0,
                 fmt::format("{} as {}", email, content::RoleName(role))));
  return secret;
}

Result<store::Invite> Accounts::FindInvite(std::string_view secret) {
  LEDE_TRY(auto invite, people_.FindInvite(HashSecret(secret)));
  if (invite.expires_at <= clock_.Now()) return NotFound("this invitation has expired");
  return invite;
}

Status Accounts::RevokeInvite(std::string_view token_hash, std::int64_t by) {
  LEDE_TRY(auto invites, people_.ListInvites());
  std::string email;
  for (const auto& invite : invites) {
    if (invite.token_hash == token_hash) email = invite.email;
  }
  LEDE_TRY(people_.RevokeInvite(token_hash));
  return Audit(by, "user.revoke_invite", "user", 0, email);
}

Result<SignedIn> Accounts::AcceptInvite(std::string_view secret, std::string_view name,
                                        std::string_view password, std::string_view address) {
  LEDE_TRY(auto invite, FindInvite(secret));
  if (util::Trim(name).empty()) return InvalidArgument("enter your name", "name");
  LEDE_TRY(CheckPassword(password));
  content::User user{.email = invite.email, .name = std::string(util::Trim(name)),
                     .role = invite.role, .created_at = clock_.Now()};
  LEDE_TRY(auto made, people_.AcceptInvite(invite.token_hash, user, HashPassword(password),
                                           clock_.Now()));
  LEDE_TRY(Audit(made.id, "user.accept_invite", "user", made.id, made.email));
  // Joined: signed in, no second form to fill.
  return StartSession(made, address);
}

}  // namespace lede::auth
