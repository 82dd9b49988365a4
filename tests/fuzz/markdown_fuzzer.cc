// Any bytes as Markdown: what comes out is sanitised HTML that holds the
// allow-list (html_invariants.h).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz/html_invariants.h"
#include "publishing/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string html = publishing::RenderMarkdown(input).str();
  if (const std::string problem = fuzz::CheckSanitised(html); !problem.empty()) {
    std::fprintf(stderr, "rendered Markdown breaks an invariant: %s\n", problem.c_str());
    __builtin_trap();
  }
  return 0;
}
