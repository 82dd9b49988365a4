// The Quick Looks suggester on a 1,500-word article: the time an editor
// waits after pressing Suggest (Markdown to text, sentence split, TF-IDF,
// TextRank, shortening), in process.
//   build/bench/quick_looks_bench

#include <benchmark/benchmark.h>

#include <string>

#include "publishing/quick_look_suggester.h"
#include "synthetic_post.h"

namespace {

// Paragraphs of the benchmark's synthetic news prose until 1,500 words.
std::string Article() {
  lede::bench::SyntheticPosts text;
  std::string markdown;
  long words = 0;
  while (words < 1500) {
    const std::string paragraph = text.Paragraph();
    for (char ch : paragraph) words += ch == ' ';
    markdown += paragraph + "\n\n";
  }
  return markdown;
}

void BM_SuggestQuickLooks1500Words(benchmark::State& state) {
  const std::string markdown = Article();
  std::size_t bullets = 0;
  for (auto _ : state) {
    const auto suggestions = lede::publishing::SuggestQuickLooks(
        lede::publishing::PlainTextOfMarkdown(markdown), "Harbour authority sets new budget");
    bullets = suggestions.size();
    benchmark::DoNotOptimize(suggestions);
  }
  state.counters["bullets"] = static_cast<double>(bullets);
  state.counters["words"] = 1500;
}
BENCHMARK(BM_SuggestQuickLooks1500Words)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
