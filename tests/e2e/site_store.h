#pragma once
// The store behind a site a test serves, opened by the test process as a
// second lede process would (lede import beside lede serve): the data
// folder's SQLite file, or its PostgreSQL database when the suite runs on
// PostgreSQL (support/test_store.h). Tests read and write what readers see
// through it, with the real store code.

#include <filesystem>
#include <memory>

#include "store/store.h"
#include "util/result.h"

namespace lede::testing {

Result<std::unique_ptr<store::Store>> OpenSiteStore(const std::filesystem::path& data_dir);

// Tells the site's serving nodes that this process wrote, as lede's own
// commands do, and returns once they dropped what they remembered.
Status AnnounceWrites(store::Store& store, const std::filesystem::path& data_dir);

}  // namespace lede::testing
