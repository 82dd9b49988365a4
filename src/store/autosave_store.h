#pragma once
// AutosaveStore keeps what an editor typed into an article readers can
// already see, unsaved: the newsroom saves it every few seconds so that
// closing the tab, Back or a crash loses nothing, while readers keep the
// published version until the editor saves. One per article and user.
// Part of store::Store.

#include <cstdint>
#include <optional>
#include <string>

#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct Autosave {
  std::int64_t article_id = 0;
  std::int64_t user_id = 0;
  util::UnixSeconds saved_at = 0;
  // The version of the article the editor was typing over.
  std::int64_t version = 0;
  // The editor's form as it would be posted (urlencoded, without its
  // CSRF token): the newsroom reads it back as it reads the form.
  std::string form;
};

class AutosaveStore {
 public:
  virtual ~AutosaveStore() = default;

  // Writes or replaces the user's autosave of the article.
  virtual Status PutAutosave(const Autosave& autosave) = 0;
  // nullopt when there is none.
  virtual Result<std::optional<Autosave>> FindAutosave(std::int64_t article_id, std::int64_t user_id) = 0;
  // Succeeds when there is none.
  virtual Status DeleteAutosave(std::int64_t article_id, std::int64_t user_id) = 0;
};

}  // namespace lede::store
