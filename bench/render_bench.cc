// In-process cost of an article page: the whole handler (store reads and
// render) and the render alone from a bundle already loaded.
//   build/bench/render_bench [--benchmark_min_time=2]

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "app/app.h"

namespace {

constexpr const char* kArticlePath =
    "/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/";

lede::app::App& DemoApp() {
  static std::unique_ptr<lede::app::App> app = [] {
    char pattern[] = "/tmp/lede-bench-XXXXXX";
    const std::filesystem::path dir = mkdtemp(pattern);
    auto opened = lede::app::App::Open({.data_dir = dir});
    if (!opened || !(*opened)->EnsureDemo()) {
      std::fprintf(stderr, "cannot build the demo site\n");
      std::exit(1);
    }
    return std::move(*opened);
  }();
  return *app;
}

lede::http::Request ArticleRequest() {
  lede::http::Request request;
  request.target = kArticlePath;
  request.path = kArticlePath;
  return request;
}

void BM_ArticleThroughRouter(benchmark::State& state) {
  auto& app = DemoApp();
  const auto request = ArticleRequest();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto response = app.router().Dispatch(request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ArticleThroughRouter);

void BM_ArticleRenderOnly(benchmark::State& state) {
  auto& app = DemoApp();
  auto bundle = app.catalog().Article("world", "seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade");
  if (!bundle) {
    state.SkipWithError("article not found");
    return;
  }
  for (auto _ : state) {
    auto response = app.site().article_page().Render(*bundle);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_ArticleRenderOnly);

void BM_ArticleBundleLoadOnly(benchmark::State& state) {
  auto& app = DemoApp();
  for (auto _ : state) {
    auto bundle = app.catalog().Article("world", "seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade");
    benchmark::DoNotOptimize(bundle);
  }
}
BENCHMARK(BM_ArticleBundleLoadOnly);

}  // namespace

BENCHMARK_MAIN();
