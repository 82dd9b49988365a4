#pragma once
// `lede export wordpress`: the whole site as WXR 1.2, the format WordPress's
// importer reads, so a newsroom can always leave.
//
// Everything comes out: every media item as an attachment, every page
// (nested paths as parent pages), every article in its status (the trash
// as WordPress's trash), authors, sections as categories and tags. The
// content shows in WordPress as it does in lede (lede_content.h: Quick
// Looks, dateline, edition and correction written into the post; the
// photo credit in the caption as "(Photo/...)"). lede's exact fields
// (Markdown source, Quick Looks, lead-image caption, co-authors...) also
// travel as `_lede_*` post meta, which WordPress keeps and lede's importer
// reads back: export, import into an empty site and export again gives the
// same file, apart from its date.
//
// Links, guids and attachment URLs are built from the public address, and
// each attachment URL serves the item's file from lede (/media/file/...).

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "media/library.h"
#include "store/people_store.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::importers::wordpress {

struct ExportOptions {
  // The public address ("https://news.example"); empty: the site's
  // base_url setting, and without one `fallback_base_url`, with a warning.
  std::string base_url;
  std::string fallback_base_url = "http://127.0.0.1:8080";
  // Where media files are read (to check them and for media_dir); null:
  // files are neither checked nor copied.
  const media::Library* library = nullptr;
  // Authors' emails come from their linked user accounts; null: none.
  store::PeopleStore* people = nullptr;
  // Also writes each media item's file below
  // `media_dir`/wp-content/uploads/, as a WordPress site keeps them.
  std::optional<std::filesystem::path> media_dir;
  // The export's date (the only thing two exports of one site differ by).
  util::UnixSeconds now = 0;
};

struct ExportReport {
  std::map<std::string, std::int64_t> counts;  // "posts", "pages", "media", "authors", ...
  std::vector<std::string> warnings;
};

// Writes the site to `out`. kUnavailable "the export could not be written"
// when `out` fails (the caller knows why); kUnavailable naming the file
// when media_dir cannot be written; otherwise the store's errors.
Result<ExportReport> ExportWxr(store::Store& store, const ExportOptions& options, std::ostream& out);

}  // namespace lede::importers::wordpress
