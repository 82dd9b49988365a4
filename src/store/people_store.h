#pragma once
// PeopleStore keeps the newsroom's users, their sign-in sessions, Admin API
// tokens and pending invitations. Secrets never reach it in the clear:
// sessions, tokens and invites are found by a hash of their value, and
// passwords are kept as Argon2id strings made by the auth layer. Safe from
// any thread; each write is one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/user.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct Session {
  std::string id_hash;
  std::int64_t user_id = 0;
  std::string csrf;  // the token every form and state change must carry
  util::UnixSeconds created_at = 0;
  util::UnixSeconds expires_at = 0;
};

struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string token_hash;
  std::string label;
  util::UnixSeconds created_at = 0;
  std::optional<util::UnixSeconds> revoked_at;
};

struct Invite {
  std::string token_hash;
  std::string email;
  std::string name;
  content::Role role = content::Role::kContributor;
  std::int64_t invited_by = 0;
  util::UnixSeconds expires_at = 0;
  std::optional<util::UnixSeconds> used_at;
};

class PeopleStore {
 public:
  virtual ~PeopleStore() = default;

  // Returns the user with its id. kConflict (field "email") when the email
  // is taken, whatever its case; kInvalidArgument for an author profile
  // that does not exist or is linked to someone else.
  virtual Result<content::User> CreateUser(content::User user, std::string_view password_hash) = 0;
  // Replaces name, email, role, author link and disabled. kNotFound, or as
  // CreateUser.
  virtual Result<content::User> UpdateUser(content::User user) = 0;
  virtual Result<content::User> FindUser(std::int64_t id) = 0;
  // kNotFound when no user has the email (any case).
  virtual Result<content::User> FindUserByEmail(std::string_view email) = 0;
  // Users in id order.
  virtual Result<std::vector<content::User>> ListUsers() = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // The stored Argon2id string ("" when none was ever set).
  virtual Result<std::string> PasswordHash(std::int64_t user_id) = 0;
  virtual Status SetPasswordHash(std::int64_t user_id, std::string_view hash) = 0;

  virtual Status CreateSession(const Session& session) = 0;
  // kNotFound when there is none or it has expired by `now`.
  virtual Result<Session> FindSession(std::string_view id_hash, util::UnixSeconds now) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Ends every session of a user (disabled, or a new password).
  virtual Status DeleteSessionsOf(std::int64_t user_id) = 0;

  virtual Result<ApiToken> CreateToken(ApiToken token) = 0;
  // The live (not revoked) token with that hash; kNotFound otherwise.
  virtual Result<ApiToken> FindToken(std::string_view token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListTokens() = 0;
  // kNotFound when there is no live token with that id.
  virtual Status RevokeToken(std::int64_t id, util::UnixSeconds now) = 0;

  virtual Status CreateInvite(const Invite& invite) = 0;
  // An unused invite, expired or not (the caller decides); kNotFound.
  virtual Result<Invite> FindInvite(std::string_view token_hash) = 0;
  // Every unused invite, expired or not, the latest to expire first.
  virtual Result<std::vector<Invite>> ListInvites() = 0;
  // Deletes an unused invite (its link stops working); kNotFound.
  virtual Status RevokeInvite(std::string_view token_hash) = 0;
  // Marks the invite used and creates its user in one transaction.
  virtual Result<content::User> AcceptInvite(std::string_view token_hash, content::User user,
                                             std::string_view password_hash,
                                             util::UnixSeconds now) = 0;
};

}  // namespace lede::store
