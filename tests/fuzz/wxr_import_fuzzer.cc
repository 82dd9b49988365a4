// Any bytes as a WordPress export, imported into the demo site: the import
// either succeeds or refuses with a message that names the file and the
// position, and never crashes or leaves the store unreadable.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_site.h"
#include "importers/wordpress/importer.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lede::fuzz::DemoSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  static app::App& site = fuzz::DemoSite();
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("lede-fuzz-" + std::to_string(getpid()) + ".xml");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  static util::SystemClock clock;
  importers::wordpress::Importer importer(site.store(), site.desk(), clock, nullptr, &site.people());
  auto report = importer.Run({.file = file});
  if (!report && report.error().code == ErrorCode::kInvalidArgument &&
      report.error().message.find(file.filename().string()) == std::string::npos) {
    std::fprintf(stderr, "an import error that names no file: %s\n", report.error().message.c_str());
    __builtin_trap();
  }
  std::filesystem::remove(file);
  return 0;
}
