#pragma once
// RedirectStore keeps old paths that answer 301 and the import map
// (which lede object an import made from which source object). Part of
// store::Store.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct Redirect {
  std::string from_path;
  std::string to_path;
  util::UnixSeconds created_at = 0;
};

class RedirectStore {
 public:
  virtual ~RedirectStore() = default;

  // The lede id an import made from a source object, or nullopt.
  virtual Result<std::optional<std::int64_t>> FindImported(std::string_view source,
                                                           std::string_view kind,
                                                           std::string_view key) = 0;
  virtual Status SaveImported(std::string_view source, std::string_view kind,
                              std::string_view key, std::int64_t target_id) = 0;

  // Where an old path now lives, or nullopt. Paths may carry a query.
  virtual Result<std::optional<std::string>> FindRedirect(std::string_view from_path) = 0;
  // Adds or replaces redirects from each of `from_paths` to `to_path`, in
  // one transaction; a redirect to itself is ignored, redirects that pointed
  // at a from path are pointed at `to_path` (no chains), and a redirect away
  // from `to_path` goes (it is live again).
  virtual Status SaveRedirects(std::span<const std::string> from_paths, std::string_view to_path,
                               util::UnixSeconds now) = 0;
  Status SaveRedirect(std::string_view from_path, std::string_view to_path, util::UnixSeconds now) {
    const std::string from[] = {std::string(from_path)};
    return SaveRedirects(from, to_path, now);
  }

  // Every redirect in from_path order after `after_path` ("" for the
  // first page), `limit` at a time: backups page through them.
  virtual Result<std::vector<Redirect>> ListRedirects(std::string_view after_path, int limit) = 0;

};

}  // namespace lede::store
