// In-process cost of the CPU-heavy steps of a WordPress import, per post,
// on the bodies make_wxr writes: converting WordPress markup, sanitising
// the result (as the import does, and always by the full parse), and the
// small text extractions (title, excerpt).
//   build/bench/import_bench [--benchmark_min_time=2]

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "importers/wordpress/content_converter.h"
#include "publishing/html_sanitizer.h"
#include "synthetic_post.h"

namespace {

const std::vector<std::string>& Bodies() {
  static const std::vector<std::string> bodies = [] {
    lede::bench::SyntheticPosts text;
    std::vector<std::string> out;
    for (long i = 1; i <= 64; ++i) out.push_back(text.Body(i));
    return out;
  }();
  return bodies;
}

void BM_ConvertContent(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto converted = lede::importers::wordpress::ConvertContent(Bodies()[i++ % Bodies().size()]);
    benchmark::DoNotOptimize(converted);
  }
}
BENCHMARK(BM_ConvertContent);

// The bodies as the import sanitises them: one in six has a table and
// takes the full parse, the rest the fast path for plain markup.
template <auto Sanitize>
void SanitizeConverted(benchmark::State& state) {
  std::vector<std::string> converted;
  for (const auto& body : Bodies()) {
    converted.push_back(lede::importers::wordpress::ConvertContent(body).html);
  }
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string& html = converted[i++ % converted.size()];
    bytes += html.size();
    auto clean = Sanitize(html);
    benchmark::DoNotOptimize(clean);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_SanitizeHtml(benchmark::State& state) {
  SanitizeConverted<lede::publishing::SanitizeHtml>(state);
}
BENCHMARK(BM_SanitizeHtml);

// The same bodies, every one through gumbo's HTML5 parse.
void BM_SanitizeHtmlByParsing(benchmark::State& state) {
  SanitizeConverted<lede::publishing::SanitizeHtmlByParsing>(state);
}
BENCHMARK(BM_SanitizeHtmlByParsing);

void BM_HtmlToTextOfATitle(benchmark::State& state) {
  for (auto _ : state) {
    auto text = lede::publishing::HtmlToText("Council and harbour agree a budget for the river school");
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_HtmlToTextOfATitle);

}  // namespace

BENCHMARK_MAIN();
