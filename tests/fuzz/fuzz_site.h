#pragma once
// One demo site in a temporary folder, shared by every input of a fuzzing
// run: the real App (store, router, newsroom) that the targets drive. With
// LEDE_FUZZ_DEMO naming a data folder, the site starts as a copy of it.
// Targets open it from LLVMFuzzerInitialize, so that making it does not
// count against the first input's time limit.

#include <string>

#include "app/app.h"

namespace lede::fuzz {

app::App& DemoSite();
// "Bearer ..." for an editor's API token on DemoSite().
const std::string& EditorAuthorization();

}  // namespace lede::fuzz
