#pragma once
// People who work in the newsroom and what each role may do. A User signs
// in to the admin or calls the Admin API; a content::Author is the byline
// readers see. A user may be linked to one author profile.
//
// Roles, from least to most:
//   contributor   writes and edits own drafts; cannot publish or upload
//   author        also publishes own articles and uploads images
//   editor        edits and publishes anyone's articles, manages sections
//   administrator everything: users, settings, tokens, the audit log

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"
#include "util/time.h"

namespace lede::content {

enum class Role { kContributor, kAuthor, kEditor, kAdministrator };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string email;  // unique, compared without case
  std::string name;
  Role role = Role::kContributor;
  std::optional<std::int64_t> author_id;  // the byline profile, if linked
  // A disabled user cannot sign in or use tokens (imported WordPress
  // authors start so).
  bool disabled = false;
  util::UnixSeconds created_at = 0;
};

// Everything a role may or may not do. `own` says whether the article is
// one the user is an author of (or created).
enum class Action {
  kWriteDraft,      // create articles, edit drafts (own: contributor)
  kEditPublished,   // edit an article readers can see or that is scheduled
  kPublish,         // publish, schedule, unpublish
  kTrash,           // move to trash, restore
  kUploadMedia,
  kManageSections,  // sections and the menu
  kViewRatings,     // readers' figures and feedback
  kManageUsers,     // invite, change roles, disable
  kManageSettings,
  kManageTokens,
  kReadAudit,
};

bool Can(Role role, Action action, bool own = true);

// kInvalidArgument (field "email") unless it looks like name@host.
Status ValidateEmail(std::string_view email);
// The one spelling of an address lede keeps and compares: without the
// spaces around it, in lower case (addresses are unique without case).
std::string NormalizeEmail(std::string_view email);

}  // namespace lede::content
