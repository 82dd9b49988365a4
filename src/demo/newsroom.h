#pragma once

#include "media/library.h"
#include "publishing/desk.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::demo {

// Writes the demo newsroom, dated back from clock.Now(). Call on an empty
// site only (App::EnsureDemo checks). Returns the number of articles
// written, drafts and scheduled ones included.
Result<int> BuildNewsroom(store::Store& store, publishing::Desk& desk, media::Library& media,
                          const util::Clock& clock);

}  // namespace lede::demo
