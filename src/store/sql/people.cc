// The PeopleStore half of SqlStore: users, sessions, tokens, invites.
#include <fmt/format.h>

#include "store/sql/database.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace lede::store::sql {
namespace {

using content::User;

constexpr std::string_view kUserSelect =
    "SELECT id, email, name, role, author_id, disabled, created_at FROM users ";

User ReadUserRow(const Statement& row) {
  User user;
  user.id = row.Int(0);
  user.email = row.Text(1);
  user.name = row.Text(2);
  user.role = content::ParseRole(row.Text(3)).value_or(content::Role::kContributor);
  user.author_id = row.OptionalInt(4);
  user.disabled = row.Int(5) != 0;
  user.created_at = row.Int(6);
  return user;
}

// Constraint errors as the interface names them.
Error UserWriteError(const Error& error) {
  if (error.code != ErrorCode::kConflict) return error;
  if (error.message.find("users.email") != std::string::npos) {
    return {ErrorCode::kConflict, "another user already has that email", "email"};
  }
  if (error.message.find("users.author_id") != std::string::npos) {
    return {ErrorCode::kInvalidArgument, "that author profile belongs to another user", "author"};
  }
  return {ErrorCode::kInvalidArgument, "that author profile does not exist", "author"};
}

Result<User> InsertUser(Database& db, User user, std::string_view password_hash) {
  LEDE_TRY(content::ValidateEmail(user.email));
  LEDE_TRY(auto insert, db.Prepare(
      "INSERT INTO users (email, name, role, password_hash, author_id, disabled, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
  insert->Bind(1, user.email).Bind(2, user.name).Bind(3, content::RoleName(user.role))
      .Bind(4, password_hash).Bind(5, user.author_id).Bind(6, user.disabled ? 1 : 0)
      .Bind(7, user.created_at);
  if (auto status = insert->Run(); !status) return tl::unexpected(UserWriteError(status.error()));
  user.id = insert->TakeId();
  return user;
}

}  // namespace

Result<User> SqlStore::CreateUser(User user, std::string_view password_hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  return InsertUser(*db, std::move(user), password_hash);
}

Result<User> SqlStore::UpdateUser(User user) {
  LEDE_TRY(content::ValidateEmail(user.email));
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE users SET email = ?2, name = ?3, role = ?4, author_id = ?5, disabled = ?6 "
      "WHERE id = ?1"));
  update->Bind(1, user.id).Bind(2, user.email).Bind(3, user.name)
      .Bind(4, content::RoleName(user.role)).Bind(5, user.author_id)
      .Bind(6, user.disabled ? 1 : 0);
  if (auto status = update->Run(); !status) return tl::unexpected(UserWriteError(status.error()));
  if (update->Changes() == 0) return NotFound(fmt::format("no user {}", user.id));
  return user;
}

Result<User> SqlStore::FindUser(std::int64_t id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kUserSelect) + "WHERE id = ?1"));
  query->Bind(1, id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no user {}", id));
  return ReadUserRow(*query);
}

Result<User> SqlStore::FindUserByEmail(std::string_view email) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kUserSelect) + "WHERE lower(email) = lower(?1)"));
  query->Bind(1, email);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound("no user has that email");
  return ReadUserRow(*query);
}

Result<std::vector<User>> SqlStore::ListUsers() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kUserSelect) + "ORDER BY id"));
  std::vector<User> users;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    users.push_back(ReadUserRow(*query));
  }
  return users;
}

Result<std::int64_t> SqlStore::CountUsers() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT COUNT(*) FROM users"));
  LEDE_TRY(query->Step());
  return query->Int(0);
}

Result<std::string> SqlStore::PasswordHash(std::int64_t user_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare("SELECT password_hash FROM users WHERE id = ?1"));
  query->Bind(1, user_id);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound(fmt::format("no user {}", user_id));
  return query->Text(0);
}

Status SqlStore::SetPasswordHash(std::int64_t user_id, std::string_view hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto update, db->Prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
  LEDE_TRY(update->Bind(1, user_id).Bind(2, hash).Run());
  if (update->Changes() == 0) return NotFound(fmt::format("no user {}", user_id));
  return {};
}

Status SqlStore::CreateSession(const Session& session) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)"));
  return insert->Bind(1, session.id_hash).Bind(2, session.user_id).Bind(3, session.csrf)
      .Bind(4, session.created_at).Bind(5, session.expires_at).Run();
}

Result<Session> SqlStore::FindSession(std::string_view id_hash, util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT id_hash, user_id, csrf, created_at, expires_at FROM sessions "
      "WHERE id_hash = ?1 AND expires_at > ?2"));
  query->Bind(1, id_hash).Bind(2, now);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound("no such session");
  return Session{query->Text(0), query->Int(1), query->Text(2), query->Int(3), query->Int(4)};
}

Status SqlStore::DeleteSession(std::string_view id_hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM sessions WHERE id_hash = ?1"));
  return remove->Bind(1, id_hash).Run();
}

Status SqlStore::DeleteSessionsOf(std::int64_t user_id) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM sessions WHERE user_id = ?1"));
  return remove->Bind(1, user_id).Run();
}

Result<ApiToken> SqlStore::CreateToken(ApiToken token) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4) "
      "RETURNING id"));
  LEDE_TRY(insert->Bind(1, token.user_id).Bind(2, token.token_hash).Bind(3, token.label)
               .Bind(4, token.created_at).Run());
  token.id = insert->TakeId();
  return token;
}

namespace {
constexpr std::string_view kTokenSelect =
    "SELECT id, user_id, token_hash, label, created_at, revoked_at FROM api_tokens ";
ApiToken ReadTokenRow(const Statement& row) {
  return ApiToken{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Int(4),
                  row.OptionalInt(5)};
}
}  // namespace

Result<ApiToken> SqlStore::FindToken(std::string_view token_hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kTokenSelect) +
                                   "WHERE token_hash = ?1 AND revoked_at IS NULL"));
  query->Bind(1, token_hash);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound("no such token");
  return ReadTokenRow(*query);
}

Result<std::vector<ApiToken>> SqlStore::ListTokens() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(std::string(kTokenSelect) + "ORDER BY id"));
  std::vector<ApiToken> tokens;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    tokens.push_back(ReadTokenRow(*query));
  }
  return tokens;
}

Status SqlStore::RevokeToken(std::int64_t id, util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto update, db->Prepare(
      "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL"));
  LEDE_TRY(update->Bind(1, id).Bind(2, now).Run());
  if (update->Changes() == 0) return NotFound(fmt::format("no live token {}", id));
  return {};
}

Status SqlStore::CreateInvite(const Invite& invite) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto insert, db->Prepare(
      "INSERT INTO invites (token_hash, email, name, role, invited_by, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  return insert->Bind(1, invite.token_hash).Bind(2, invite.email).Bind(3, invite.name)
      .Bind(4, content::RoleName(invite.role)).Bind(5, invite.invited_by)
      .Bind(6, invite.expires_at).Run();
}

Result<Invite> SqlStore::FindInvite(std::string_view token_hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT token_hash, email, name, role, invited_by, expires_at, used_at FROM invites "
      "WHERE token_hash = ?1 AND used_at IS NULL"));
  query->Bind(1, token_hash);
  LEDE_TRY(bool found, query->Step());
  if (!found) return NotFound("no such invitation");
  return Invite{query->Text(0), query->Text(1), query->Text(2),
                content::ParseRole(query->Text(3)).value_or(content::Role::kContributor),
                query->Int(4), query->Int(5), query->OptionalInt(6)};
}

Result<std::vector<Invite>> SqlStore::ListInvites() {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto query, db->Prepare(
      "SELECT token_hash, email, name, role, invited_by, expires_at, used_at FROM invites "
      "WHERE used_at IS NULL ORDER BY expires_at DESC, email"));
  std::vector<Invite> invites;
  while (true) {
    LEDE_TRY(bool row, query->Step());
    if (!row) break;
    invites.push_back({query->Text(0), query->Text(1), query->Text(2),
                       content::ParseRole(query->Text(3)).value_or(content::Role::kContributor),
                       query->Int(4), query->Int(5), query->OptionalInt(6)});
  }
  return invites;
}

Status SqlStore::RevokeInvite(std::string_view token_hash) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto remove, db->Prepare("DELETE FROM invites WHERE token_hash = ?1 AND used_at IS NULL"));
  LEDE_TRY(remove->Bind(1, token_hash).Run());
  if (remove->Changes() == 0) return NotFound("no such invitation");
  return {};
}

Result<User> SqlStore::AcceptInvite(std::string_view token_hash, User user,
                                       std::string_view password_hash, util::UnixSeconds now) {
  LEDE_TRY(auto db, pool_->Acquire());
  LEDE_TRY(auto transaction, Transaction::Begin(*db));
  LEDE_TRY(auto use, db->Prepare(
      "UPDATE invites SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL"));
  LEDE_TRY(use->Bind(1, token_hash).Bind(2, now).Run());
  if (use->Changes() == 0) return NotFound("no such invitation");
  LEDE_TRY(auto made, InsertUser(*db, std::move(user), password_hash));
  LEDE_TRY(transaction.Commit());
  return made;
}

}  // namespace lede::store::sql
