// Any bytes as an editor's upload, through the media library as the
// newsroom and the Admin API call it (media/library.h): sniffing, the
// header check, libvips' decoders, the variants, crops and the kept
// original, then the file /media/file/ would serve (metadata stripped).
// An upload is stored or refused with a reason for its "file" field, never
// anything else; a stored one's file can always be served. Seeded with
// small real images (corpus/media_upload/) and, from ./dev, the headers of
// every photo in ../shared/testdata/photos.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/fuzz_site.h"
#include "media/library.h"

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "media_upload: %s\n", what.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lede::fuzz::DemoSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  static app::App& site = fuzz::DemoSite();
  static const content::User editor{.id = 1, .email = "fuzz@example.org", .name = "Fuzz",
                                    .role = content::Role::kEditor};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto item = site.media().Upload(editor, {.bytes = bytes, .file_name = "fuzz.jpg"});
  if (!item) {
    if (item.error().code != ErrorCode::kInvalidArgument || item.error().field != "file") {
      Fail("refused without a reason for the file: " + item.error().message);
    }
    return 0;
  }
  auto file = site.media().ReadFile(*item);
  if (!file) Fail("a stored upload's file cannot be served: " + file.error().message);
  if (item->width <= 0 || item->height <= 0 || item->widths.empty()) Fail("a stored upload has no size");
  return 0;
}
