#pragma once
// Editorial is the newsroom's way of writing articles: every change checks
// what the user's role allows (content::Can), the house style when the
// article is to be seen (content::ValidateForPublishing), the version the
// editor started from, and keeps a revision and an audit entry. The admin
// pages and the Admin API both call it; Desk below it does the writing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/user.h"
#include "publishing/desk.h"
#include "publishing/merge_edits.h"
#include "store/audit_log.h"
#include "store/people_store.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::publishing {

struct LeadImageInput {
  std::int64_t media_id = 0;
  std::string caption;
  std::string credit;
  std::string alt;
};

// An article as an editor sends it, fields named as the API's JSON names
// them. Strings are taken as given (trimmed where it matters).
struct ArticleInput {
  std::string headline;
  std::string slug;  // empty: made from the headline
  std::string standfirst;
  std::string body;  // Markdown, or HTML for imported articles
  std::string body_format = "markdown";  // or "html"
  std::vector<std::string> quick_looks;
  std::string section;              // slug
  std::vector<std::string> tags;    // names; new ones are created
  std::vector<std::string> authors; // slugs; empty: the user's own byline
  std::string dateline;
  std::string edition;
  bool top_story = false;
  std::string correction;
  std::optional<LeadImageInput> lead_image;
  // "draft", "scheduled" (with publish_at) or "published".
  std::string status = "draft";
  std::optional<util::UnixSeconds> publish_at;
  // The version the editor opened; a save over a newer one is kConflict.
  std::optional<std::int64_t> version;
};

// The newsroom's list of articles as a door (the articles page, the
// Admin API) receives the request for it.
struct ArticleFilter {
  std::string status;   // "", "draft", "scheduled", "published" or "trash"
  std::string section;  // a slug, or "" for all
  std::string author;   // a slug, or "" for all
  std::string query;    // words of the headline, or ""
  int page = 1;         // from 1
  int per_page = 25;    // 1..100
};

// Checks an input without saving: the same errors Save would give for the
// fields alone (field names as in ArticleInput).
Status CheckInput(const ArticleInput& input);

// What Editorial::Reconcile made of a save that came too late.
struct Reconciled {
  content::Article stored;          // the colleague's version, as stored now
  std::vector<FieldMerge> fields;   // what was taken from it, and the conflicts
};

class Editorial {
 public:
  // All must outlive the Editorial.
  Editorial(Desk& desk, store::Store& store, store::PeopleStore& people, store::AuditLog& audit,
            const util::Clock& clock)
      : desk_(desk), store_(store), people_(people), audit_(audit), clock_(clock) {}

  // Creates (id 0) or updates an article. kPermissionDenied when the role
  // may not (a contributor publishing; an author editing another's
  // article); kInvalidArgument naming the field; kConflict (field
  // "version") when the article changed since `input.version`; kNotFound.
  Result<content::Article> Save(const content::User& user, std::int64_t id,
                                const ArticleInput& input);
  // The article `input` describes, not saved, with its section, tags,
  // authors and lead image filled in and its body rendered: for showing the
  // public page it would have. Tags are not created; the house style is not
  // checked. Errors as Save.
  Result<content::Article> Preview(const content::User& user, std::int64_t id,
                                   const ArticleInput& input);
  // Any status, if the user may edit it (kPermissionDenied otherwise).
  // Here and in List, a scheduled article whose time has come says
  // published (content::StatusAt).
  Result<content::Article> Open(const content::User& user, std::int64_t id);
  // The articles the user may open (the rule Open applies to one, applied
  // to the list: contributors and authors see their own), newest first.
  // kInvalidArgument naming "status", "section" or "author" for a value
  // that names nothing.
  Result<store::ArticleList> List(const content::User& user, const ArticleFilter& filter);
  // Back to draft (readers stop seeing it).
  Result<content::Article> Unpublish(const content::User& user, std::int64_t id);
  // Into the trash (a draft readers never see) and out again (a draft).
  Result<content::Article> Trash(const content::User& user, std::int64_t id);
  Result<content::Article> Restore(const content::User& user, std::int64_t id);
  // Puts a revision's text back as a new version (and a new revision).
  Result<content::Article> RestoreRevision(const content::User& user, std::int64_t id,
                                           std::int64_t revision_id);
  // After a save refused as kConflict ("version"): gives `mine` the
  // changes a colleague made to the fields the editor did not touch since
  // the version `mine` started from, makes its version the stored one (so
  // saving it again is deliberate), and returns what was taken and what
  // both changed (publishing/merge_edits.h). Errors as Open.
  Result<Reconciled> Reconcile(const content::User& user, std::int64_t id, ArticleInput& mine);
  // Unsaved changes to an article the user may open, kept for them alone
  // (store/autosave_store.h): the newsroom's autosave of an article
  // readers can see. `form` is the editor's form as posted. Saving the
  // article drops them.
  Status KeepUnsaved(const content::User& user, std::int64_t id, std::string form,
                     std::int64_t version);
  Result<std::optional<store::Autosave>> Unsaved(const content::User& user, std::int64_t id);
  Status DiscardUnsaved(const content::User& user, std::int64_t id);
  // True when the user is an author of the article or created it.
  static bool Owns(const content::User& user, const content::Article& article);
  // The input that would save the article as it is (for forms and JSON).
  static ArticleInput ToInput(const content::Article& article);

 private:
  enum class Purpose { kSave, kPreview };
  Result<content::Article> Compose(const content::User& user, std::int64_t id,
                                   const ArticleInput& input, Purpose purpose);
  Result<content::Article> Write(const content::User& user, content::Article article,
                                 std::optional<std::int64_t> version, std::string_view action);
  Result<std::vector<std::int64_t>> AuthorsFor(const content::User& user,
                                               const std::vector<std::string>& slugs);

  Desk& desk_;
  store::Store& store_;
  store::PeopleStore& people_;
  store::AuditLog& audit_;
  const util::Clock& clock_;
};

}  // namespace lede::publishing
