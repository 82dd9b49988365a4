#include "cli/import_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "importers/json/backup.h"
#include "importers/wordpress/importer.h"
#include "util/time.h"

namespace lede::cli {
namespace {

// A progress bar on a terminal; a plain line every few seconds elsewhere.
class Progress {
 public:
  Progress() : terminal_(isatty(STDERR_FILENO) != 0), start_(Clock::now()), last_(start_) {}

  void Update(std::int64_t done, std::int64_t total) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
      std::fprintf(stderr, "\r[%s%s] %lld/%lld items  %.0f/s  ETA %.0fs ",
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(),
                   static_cast<long long>(done), static_cast<long long>(total), rate, eta);
      if (done >= total) std::fprintf(stderr, "\n");
    } else if (done >= total || now - last_ > std::chrono::seconds(5)) {
      std::fprintf(stderr, "import: %lld/%lld items, %.0f/s, ETA %.0fs\n",
                   static_cast<long long>(done), static_cast<long long>(total), rate, eta);
      last_ = now;
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool terminal_;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace

namespace {

void Announce(app::App& app) {
  if (auto announced = app.AnnounceChanges(); !announced) {
    std::fprintf(stderr, "lede: warning: a server on this data may show old pages for a minute: %s\n",
                 announced.error().message.c_str());
  }
}

}  // namespace

int ImportWordPress(const ImportWordPressOptions& options) {
  auto app = app::App::Open({.data_dir = options.data_dir});
  if (!app) {
    std::fprintf(stderr, "lede: %s\n", app.error().message.c_str());
    return 1;
  }
  Progress progress;
  util::SystemClock clock;
  importers::wordpress::Importer importer((*app)->store(), (*app)->desk(), clock, &(*app)->media(),
                                          &(*app)->people());
  auto report = importer.Run({options.file, options.dry_run, options.media_dir,
                              [&](std::int64_t done, std::int64_t total) { progress.Update(done, total); }});
  // Even a failed import may have committed batches: a server on the same
  // data drops its cached pages before we report.
  if (!options.dry_run) Announce(**app);
  if (!report) {
    std::fprintf(stderr, "lede: %s\n", report.error().message.c_str());
    return 1;
  }
  const std::string summary = importers::wordpress::FormatReport(*report, options.dry_run);
  std::fputs(summary.c_str(), stdout);
  if (!options.dry_run) {
    const auto log = (*app)->data_dir().path() /
                     fmt::format("import-{}.log", util::FormatIso8601(clock.Now()));
    std::ofstream out(log);
    out << "lede import wordpress " << options.file.string() << "\n" << summary;
    std::printf("The summary and every warning are in %s\n", log.c_str());
  }
  return 0;
}

int ImportJson(const std::filesystem::path& file, const std::filesystem::path& data_dir) {
  auto app = app::App::Open({.data_dir = data_dir});
  if (!app) {
    std::fprintf(stderr, "lede: %s\n", app.error().message.c_str());
    return 1;
  }
  auto report = importers::json::RestoreBackup((*app)->store(), (*app)->people(), file);
  Announce(**app);
  if (!report) {
    std::fprintf(stderr, "lede: %s\n", report.error().message.c_str());
    return 1;
  }
  if (report->secret) {
    if (auto replaced = (*app)->data_dir().ReplaceSecret(*report->secret); !replaced) {
      std::fprintf(stderr, "lede: %s\n", replaced.error().message.c_str());
      return 1;
    }
  }
  std::printf("lede: restored %lld articles, %lld votes and %lld users into %s%s\n",
              static_cast<long long>(report->articles), static_cast<long long>(report->votes),
              static_cast<long long>(report->users),
              data_dir.c_str(), report->secret ? " (with the site secret)" : "");
  std::printf("lede: copy the backed-up media/ folder into %s/media if there was one\n",
              data_dir.c_str());
  return 0;
}

}  // namespace lede::cli
