#pragma once
// `lede import wordpress`: a WXR export in, a lede site out.
//
// Two passes over the file. The first only reads: a file that is not
// well-formed, is truncated, or is not a WordPress export is refused with
// "FILE:LINE:COLUMN: what" before anything is written. The second writes
// in batches of 500 items, each one transaction, every object keyed by the
// export's site and its WordPress id, so running the same import again
// updates what changed and duplicates nothing, and an import stopped
// half-way (a crash, a full disk, a write that failed) keeps its committed
// batches and is completed by running it again. While the main thread
// writes, another reads the file ahead and workers prepare posts.
//
// Mapping: top-level categories become sections (a child category becomes
// a tag and its post goes to the top-level section); categories named like
// "Top Story", "Featured" or "Breaking" and sticky posts set the top-story
// flag; tags become tags; wp:author becomes an author; publish becomes
// published, future scheduled, draft/pending/private drafts; dates come
// from the GMT fields; the excerpt becomes the standfirst. Each post's old
// link, its ?p=ID form and the old category and tag archives answer 301.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "media/library.h"
#include "publishing/desk.h"
#include "store/people_store.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::importers::wordpress {

struct ImportOptions {
  std::filesystem::path file;
  // Report what would happen; write nothing.
  bool dry_run = false;
  // A copy of the site's wp-content/uploads: pictures found there are
  // stored like uploads (variants on disk); others keep their old URL.
  std::optional<std::filesystem::path> media_dir;
  // Called every 100 items and at the end.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct KindCounts {
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;
};

struct ImportReport {
  std::map<std::string, KindCounts> kinds;  // "posts", "authors", "sections", ...
  std::int64_t comments = 0;                // counted, not imported
  std::vector<std::string> warnings;        // "FILE:LINE: what"
  std::int64_t items = 0;
};

class Importer {
 public:
  // `media` may be null when no media directory will be given. With
  // `people`, each WordPress author with an email also becomes a disabled
  // user account linked to its byline, for an administrator to enable.
  Importer(store::Store& store, publishing::Desk& desk, const util::Clock& clock,
           media::Library* media = nullptr, store::PeopleStore* people = nullptr)
      : store_(store), desk_(desk), clock_(clock), media_(media), people_(people) {}

  // Errors: kInvalidArgument "FILE:LINE:COLUMN: what" for a file refused
  // by the first pass (nothing written); a store error otherwise.
  Result<ImportReport> Run(const ImportOptions& options);

 private:
  store::Store& store_;
  publishing::Desk& desk_;
  const util::Clock& clock_;
  media::Library* media_;
  store::PeopleStore* people_;
};

// The report as the command prints it.
std::string FormatReport(const ImportReport& report, bool dry_run);

}  // namespace lede::importers::wordpress
