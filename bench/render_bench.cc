// In-process cost of each public page with no page cache: the whole
// handler through the router (store reads and render), as a request that
// misses the cache pays it in the server (the Catalog remembering the
// masthead and listing sizes, as it does there). On the demo by default, or on the site in
// $LEDE_BENCH_DATA (bench/cold_render runs it at 1,000 and 100,000
// articles). Also the article page's two halves on the demo.
//   build/bench/render_bench [--benchmark_min_time=2]
//   LEDE_BENCH_DATA=/tmp/site build/bench/render_bench

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "app/app.h"

namespace {

lede::app::App& BenchApp() {
  static std::unique_ptr<lede::app::App> app = [] {
    const char* given = std::getenv("LEDE_BENCH_DATA");
    std::filesystem::path dir;
    if (given && *given) {
      dir = given;
    } else {
      char pattern[] = "/tmp/lede-bench-XXXXXX";
      dir = mkdtemp(pattern);
    }
    auto opened = lede::app::App::Open({.data_dir = dir});
    if (!opened || !(*opened)->EnsureDemo()) {
      std::fprintf(stderr, "cannot open the site at %s\n", dir.c_str());
      std::exit(1);
    }
    // As the server does: the masthead and listing sizes are read once and
    // kept until a write drops them (no writes happen here).
    (*opened)->catalog().Remember();
    return std::move(*opened);
  }();
  return *app;
}

lede::http::Request Get(const std::string& target) {
  lede::http::Request request;
  request.target = target;
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  return request;
}

std::string Path(const std::string& url) {
  const auto scheme = url.find("://");
  return scheme == std::string::npos ? url : url.substr(url.find('/', scheme + 3));
}

// One path per page type, found as a reader would: the newest article, its
// section, tag and author; and an article from the middle of the archive.
const std::map<std::string, std::string>& Pages() {
  static const std::map<std::string, std::string> pages = [] {
    auto& app = BenchApp();
    const auto answer =
        app.router().Dispatch(Get("/api/v1/articles?limit=1&fields=url,section,tags,authors"));
    const auto newest = nlohmann::json::parse(answer.body)["articles"][0];
    std::map<std::string, std::string> found{
        {"a_home", "/"},
        {"b_section", Path(newest["section"]["url"])},
        {"c_article_newest", Path(newest["url"])},
        {"e_tag", Path(newest["tags"][0]["url"])},
        {"f_author", Path(newest["authors"][0]["url"])},
        {"g_feed", "/feed/"},
        {"h_api_list", "/api/v1/articles"},
        {"i_not_found", "/no/such/page/"},
    };
    const auto count = app.store().CountArticles().value_or(0);
    if (auto middle = app.store().ListAllArticles(count / 2, 20)) {
      for (const auto& article : *middle) {
        if (article.status != lede::content::ArticleStatus::kPublished) continue;
        found["d_article_middle"] = lede::content::ArticlePath(article);
        break;
      }
    }
    return found;
  }();
  return pages;
}

void BM_Page(benchmark::State& state, const std::string& page) {
  auto& app = BenchApp();
  const auto request = Get(Pages().at(page));
  std::size_t bytes = 0;
  int status = 0;
  for (auto _ : state) {
    auto response = app.router().Dispatch(request);
    bytes = response.body.size();
    status = response.status;
    benchmark::DoNotOptimize(response);
  }
  state.SetLabel(request.target + " " + std::to_string(status));
  state.counters["page_bytes"] = static_cast<double>(bytes);
}

void BM_ArticleRenderOnly(benchmark::State& state) {
  auto& app = BenchApp();
  const std::string path = Pages().at("c_article_newest");
  const auto slash = path.find('/', 1);
  auto bundle = app.catalog().Article(path.substr(1, slash - 1),
                                      path.substr(slash + 1, path.size() - slash - 2));
  if (!bundle) {
    state.SkipWithError("article not found");
    return;
  }
  for (auto _ : state) {
    auto response = app.site().article_page().Render(*bundle);
    benchmark::DoNotOptimize(response);
  }
}

void BM_ArticleBundleLoadOnly(benchmark::State& state) {
  auto& app = BenchApp();
  const std::string path = Pages().at("c_article_newest");
  const auto slash = path.find('/', 1);
  const std::string section = path.substr(1, slash - 1);
  const std::string slug = path.substr(slash + 1, path.size() - slash - 2);
  for (auto _ : state) {
    auto bundle = app.catalog().Article(section, slug);
    benchmark::DoNotOptimize(bundle);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (const auto& [page, path] : Pages()) {
    benchmark::RegisterBenchmark(("BM_Page/" + page).c_str(), BM_Page, page);
  }
  benchmark::RegisterBenchmark("BM_ArticleRenderOnly", BM_ArticleRenderOnly);
  benchmark::RegisterBenchmark("BM_ArticleBundleLoadOnly", BM_ArticleBundleLoadOnly);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
