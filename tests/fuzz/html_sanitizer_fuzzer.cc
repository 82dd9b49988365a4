// Any bytes through the sanitiser, by both of its readers: the output
// holds the allow-list (html_invariants.h), and where the fast reader of
// plain markup answers, it answers exactly what the full parse does.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz/html_invariants.h"
#include "publishing/html_sanitizer.h"
#include "publishing/plain_html.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string safe = publishing::SanitizeHtml(input).str();
  if (const std::string problem = fuzz::CheckSanitised(safe); !problem.empty()) {
    std::fprintf(stderr, "sanitised output breaks an invariant: %s\n", problem.c_str());
    __builtin_trap();
  }
  if (auto fast = publishing::SanitizePlainHtml(input)) {
    if (*fast != publishing::SanitizeHtmlByParsing(input)) {
      std::fprintf(stderr, "fast path and full parse differ:\n%s\n%s\n", fast->c_str(),
                   publishing::SanitizeHtmlByParsing(input).c_str());
      __builtin_trap();
    }
  }
  (void)publishing::HtmlToText(input);
  return 0;
}
