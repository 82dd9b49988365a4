#include "fuzz/fuzz_site.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace lede::fuzz {
namespace {

std::filesystem::path& SiteDir() {
  static std::filesystem::path dir;
  return dir;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz site: %s\n", what.c_str());
  std::abort();
}

struct Site {
  app::App* app = nullptr;
  std::string authorization;
};

Site& OpenSite() {
  // Never destroyed: libFuzzer ends the process from inside a run.
  static Site* site = [] {
    auto* opened = new Site;
    char pattern[] = "/tmp/lede-fuzz-XXXXXX";
    if (!mkdtemp(pattern)) Die("no temporary folder");
    SiteDir() = pattern;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(SiteDir(), ignored);
    });
    // A demo made beforehand (./dev makes one per run) saves each target
    // making its own.
    if (const char* demo = std::getenv("LEDE_FUZZ_DEMO")) {
      std::error_code error;
      std::filesystem::copy(demo, SiteDir(), std::filesystem::copy_options::recursive, error);
      if (error) Die(std::string("copying ") + demo + ": " + error.message());
    }
    auto app = app::App::Open({.data_dir = SiteDir(), .vote_batch = 64});
    if (!app) Die(app.error().message);
    if (auto demo = (*app)->EnsureDemo(); !demo) Die(demo.error().message);
    auto editor = (*app)->accounts().AddUser(
        {.email = "fuzz@example.org", .name = "Fuzz Editor", .role = content::Role::kEditor},
        "a long enough password");
    if (!editor) Die(editor.error().message);
    auto token = (*app)->accounts().AddToken(editor->user.id, "fuzz", 0);
    if (!token) Die(token.error().message);
    opened->authorization = "Bearer " + *token;
    opened->app = app->release();
    return opened;
  }();
  return *site;
}

}  // namespace

app::App& DemoSite() { return *OpenSite().app; }
const std::string& EditorAuthorization() { return OpenSite().authorization; }

}  // namespace lede::fuzz
