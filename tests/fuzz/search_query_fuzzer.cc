// Any bytes as a reader's search, with filters taken from the first bytes,
// against the demo site's real index: an answer, or kInvalidArgument for
// a query we refuse. A query that reaches SQLite as bad FTS5 syntax (any
// other error) is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "fuzz/fuzz_site.h"
#include "store/search_store.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lede::fuzz::DemoSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  static app::App& site = fuzz::DemoSite();
  store::SearchQuery query;
  if (size >= 2) {
    const std::uint8_t flags = data[0];
    if (flags & 1) query.section_id = data[1] % 8;
    if (flags & 2) query.from = 1'700'000'000 + data[1] * 86400;
    if (flags & 4) query.to = 1'700'000'000 + data[1] * 172800;
    if (flags & 8) query.tag_id = data[1] % 16;
    if (flags & 16) query.author_id = data[1] % 8;
    query.top_stories_only = flags & 32;
    query.offset = (flags & 64) ? data[1] % 40 : 0;
    query.limit = 1 + data[1] % 50;
    data += 2;
    size -= 2;
  }
  query.text.assign(reinterpret_cast<const char*>(data),
                    std::min(size, store::kMaxSearchQueryLength));
  auto result = site.store().Search(query, 1'900'000'000);
  if (!result && result.error().code != ErrorCode::kInvalidArgument) {
    std::fprintf(stderr, "search failed: %s\n", result.error().message.c_str());
    __builtin_trap();
  }
  return 0;
}
