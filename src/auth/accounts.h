#pragma once
// Accounts is how people get into the newsroom: users and their passwords,
// sign-in sessions (a random id in a cookie, found by its hash), Admin API
// tokens and invitations. Every change it makes is written to the audit
// log. Safe from any thread.

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/secrets.h"
#include "auth/sign_in_throttle.h"
#include "content/user.h"
#include "store/audit_log.h"
#include "store/people_store.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::auth {

inline constexpr std::string_view kSessionCookie = "lede_session";
// Set on a browser that signed in to an account: it proves "this browser
// has signed in as this user before", so a guesser spreading tries over
// many addresses cannot slow its owner (SignInThrottle). Signed, not
// stored; it lets nobody in by itself.
inline constexpr std::string_view kDeviceCookie = "lede_device";

struct AccountOptions {
  // How long a sign-in lasts. Default 7 days.
  util::UnixSeconds session_lifetime = 7 * 86400;
  // How long an invitation link works. Default 7 days.
  util::UnixSeconds invite_lifetime = 7 * 86400;
  // The site secret: signs CSRF tokens and device cookies. Empty in tests
  // that do not care (still signed, with a key everyone could make).
  std::string site_secret;
};

// Who is asking, and how they proved it.
struct Principal {
  content::User user;
  // The session's CSRF token (forms and cookie-authenticated JSON must
  // carry it); empty for an API token, which no browser sends by itself.
  std::string csrf;
};

struct NewUser {
  content::User user;
  // The one-time password made up when none was given; empty otherwise.
  std::string generated_password;
};

struct SignedIn {
  Principal principal;
  std::string cookie_value;  // the session id for the Set-Cookie header
  std::string device_value;  // the device cookie's, for its Set-Cookie
};

class Accounts {
 public:
  // All must outlive the Accounts.
  Accounts(store::PeopleStore& people, store::AuditLog& audit,
           const util::Clock& clock, AccountOptions options = {});

  // Creates a user. Without a password one is made up and returned once.
  // kInvalidArgument naming the field (email, name, password); kConflict
  // when the email is taken. `by` is who does it (0: the command line).
  Result<NewUser> AddUser(content::User user, std::optional<std::string> password,
                          std::int64_t by = 0);
  // Changes role and disabled; disabling ends the user's sessions.
  Result<content::User> UpdateUser(content::User user, std::int64_t by);
  Status SetPassword(std::int64_t user_id, std::string_view password, std::int64_t by);

  // Checks the password and starts a session with a fresh id. The email
  // is compared, and failures counted, as NormalizeEmail spells it. Any
  // failure is kPermissionDenied with one message (no hint which part was
  // wrong); kUnavailable with the seconds to wait in the message when
  // throttled (see SignInThrottle); RetryAfter() gives the figure.
  // `device` is the browser's kDeviceCookie, if any.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                          std::string_view address, std::string_view device = {});
  util::UnixSeconds RetryAfter(std::string_view email, std::string_view address,
                               std::string_view device = {});
  // "lede_device=...; Path=/admin/; Max-Age=...; HttpOnly; SameSite=Strict[; Secure]".
  static std::string DeviceCookie(std::string_view value, bool secure);
  // The user a CSRF token was made for, if this site made it (for a session
  // since ended, or still going); nullopt for anything else.
  std::optional<std::int64_t> CsrfTokenUser(std::string_view token) const;
  // The signed-in user of a session cookie. kNotFound for a missing,
  // unknown or expired session, or a disabled user.
  Result<Principal> FromSession(std::string_view cookie_value);
  Status SignOut(std::string_view cookie_value);
  // "lede_session=...; Path=/; HttpOnly; SameSite=Lax[; Secure]".
  std::string SessionCookie(std::string_view value, bool secure) const;
  static std::string ClearedSessionCookie(bool secure);

  // A new Admin API token for the user, returned once in the clear.
  Result<std::string> AddToken(std::int64_t user_id, std::string_view label, std::int64_t by);
  Status RevokeToken(std::int64_t token_id, std::int64_t by);
  // The user of an "Authorization: Bearer" token; kNotFound when unknown,
  // revoked, or its user is disabled.
  Result<Principal> FromToken(std::string_view token);

  // An invitation for `email` with `role`; returns the secret for the link.
  Result<std::string> Invite(std::string_view email, std::string_view name, content::Role role,
                             std::int64_t by);
  // The invitation a link's secret names, if it is unused and unexpired.
  Result<store::Invite> FindInvite(std::string_view secret);
  // Makes the invited user and signs them in (a session, as SignIn).
  Result<SignedIn> AcceptInvite(std::string_view secret, std::string_view name,
                                std::string_view password, std::string_view address);
  // The unused invitations, expired or not, and taking one back: its link
  // stops working. kNotFound for one used or unknown.
  Result<std::vector<store::Invite>> PendingInvites() { return people_.ListInvites(); }
  Status RevokeInvite(std::string_view token_hash, std::int64_t by);

  // Records a change made by `user_id` in the audit log. Logging failures
  // are returned, not hidden: a change that cannot be audited is reported.
  Status Audit(std::int64_t user_id, std::string_view action, std::string_view object_kind,
               std::int64_t object_id, std::string_view detail);


 private:
  // A new session for a user who proved who they are.
  Result<SignedIn> StartSession(const content::User& user, std::string_view address);
  // Whether `device` is a device cookie of the account `email` names.
  bool TrustedDevice(std::string_view email, std::string_view device);

  store::PeopleStore& people_;
  store::AuditLog& audit_;
  const util::Clock& clock_;
  AccountOptions options_;
  Signer csrf_signer_;
  Signer device_signer_;
  SignInThrottle throttle_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // verified against for unknown emails, for equal timing
};

}  // namespace lede::auth
