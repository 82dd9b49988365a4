#include "content/user.h"

#include "util/strings.h"

namespace lede::content {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kContributor: return "contributor";
    case Role::kAuthor: return "author";
    case Role::kEditor: return "editor";
    case Role::kAdministrator: return "administrator";
  }
  return "contributor";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kContributor, Role::kAuthor, Role::kEditor, Role::kAdministrator}) {
    if (name == RoleName(role)) return role;
  }
  return std::nullopt;
}

bool Can(Role role, Action action, bool own) {
  const bool editor = role == Role::kEditor || role == Role::kAdministrator;
  switch (action) {
    case Action::kWriteDraft:
      return own || editor;
    case Action::kEditPublished:
    case Action::kPublish:
    case Action::kTrash:
      if (role == Role::kContributor) return false;
      return own || editor;
    case Action::kUploadMedia:
      return role != Role::kContributor;
    case Action::kManageSections:
    case Action::kViewRatings:
      return editor;
    case Action::kManageUsers:
    case Action::kManageSettings:
    case Action::kManageTokens:
    case Action::kReadAudit:
      return role == Role::kAdministrator;
  }
  return false;
}

Status ValidateEmail(std::string_view email) {
  const auto at = email.find('@');
  const bool ok = email.size() <= 254 && at != std::string_view::npos && at > 0 &&
                  at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos &&
                  email.find_first_of(" \t\r\n<>\",;") == std::string_view::npos;
  if (!ok) return InvalidArgument("enter an email address like name@example.org", "email");
  return {};
}

std::string NormalizeEmail(std::string_view email) {
  return util::ToLowerAscii(util::Trim(email));
}

}  // namespace lede::content
