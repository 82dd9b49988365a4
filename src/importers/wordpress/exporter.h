#pragma once
// `lede export wordpress`: the whole site as WXR 1.2, the format WordPress's
// importer reads, so a newsroom can always leave. lede's own fields
// (Markdown source, Quick Looks, dateline, edition, correction) travel as
// `_lede_*` post meta, which WordPress keeps and lede's importer reads back:
// exporting and importing again gives the same site.

#include <ostream>

#include "store/store.h"

namespace lede::importers::wordpress {

// Writes the site to `out`. Errors are the store's.
Status ExportWxr(store::Store& store, std::ostream& out);

}  // namespace lede::importers::wordpress
