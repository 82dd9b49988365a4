#pragma once
// One demo site in a temporary folder, shared by every input of a fuzzing
// run: the real App (store, router, newsroom) that the targets drive.

#include <string>

#include "app/app.h"

namespace lede::fuzz {

app::App& DemoSite();
// "Bearer ..." for an editor's API token on DemoSite().
const std::string& EditorAuthorization();

}  // namespace lede::fuzz
