#include "cli/export_command.h"

#include <unistd.h>

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <vector>

#include "app/app.h"
#include "importers/json/backup.h"
#include "importers/wordpress/exporter.h"
#include "util/time.h"

namespace lede::cli {
namespace {

// Standard output as a stream that remembers why a write failed (errno),
// which std::cout does not say. Exports go through it, so a full disk or a
// reader that went away ends the command with that reason.
class StandardOutput : public std::streambuf {
 public:
  StandardOutput() : buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  ~StandardOutput() override { sync(); }

  // strerror of the first failed write; "" while all went well.
  std::string failure() const { return error_ == 0 ? "" : std::strerror(error_); }

 protected:
  int overflow(int ch) override {
    if (sync() != 0) return traits_type::eof();
    if (ch != traits_type::eof()) {
      *pptr() = static_cast<char>(ch);
      pbump(1);
    }
    return ch == traits_type::eof() ? 0 : ch;
  }
  int sync() override {
    const char* at = pbase();
    while (error_ == 0 && at < pptr()) {
      const ssize_t written = ::write(STDOUT_FILENO, at, static_cast<std::size_t>(pptr() - at));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_ = written < 0 ? errno : EIO;
        break;
      }
      at += written;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0 ? 0 : -1;
  }

 private:
  std::vector<char> buffer_;
  int error_ = 0;
};

int Failed(const std::string& message) {
  std::fprintf(stderr, "lede: %s\n", message.c_str());
  return 1;
}

// The reason a write to standard output failed, else the error's message.
std::string WriteFailure(const StandardOutput& output, const Error& error) {
  const std::string why = output.failure();
  return why.empty() ? error.message : "export: cannot write to standard output: " + why;
}

}  // namespace

int ExportWordPress(const ExportWordPressOptions& options) {
  // A reader that goes away (| head) is a write error to report, not a
  // signal that ends the process without a word.
  std::signal(SIGPIPE, SIG_IGN);
  auto app = app::App::Open({.data_dir = options.data_dir});
  if (!app) return Failed(app.error().message);
  util::SystemClock clock;
  StandardOutput output;
  std::ostream out(&output);
  auto report = importers::wordpress::ExportWxr(
      (*app)->store(),
      {.base_url = options.base_url, .library = &(*app)->media(), .people = &(*app)->people(),
       .media_dir = options.media_dir, .now = clock.Now()},
      out);
  out.flush();
  if (!report) return Failed(WriteFailure(output, report.error()));
  if (const std::string why = output.failure(); !why.empty()) {
    return Failed("export: cannot write to standard output: " + why);
  }
  for (const auto& warning : report->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  std::string counts;
  for (const auto& [kind, count] : report->counts) {
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, kind);
  }
  std::fprintf(stderr, "exported %s\n", counts.c_str());
  return 0;
}

int ExportJson(const std::filesystem::path& data_dir, bool with_secrets) {
  std::signal(SIGPIPE, SIG_IGN);
  auto app = app::App::Open({.data_dir = data_dir});
  if (!app) return Failed(app.error().message);
  const auto secret = with_secrets ? std::optional<std::string>((*app)->data_dir().secret())
                                   : std::nullopt;
  StandardOutput output;
  std::ostream out(&output);
  auto status = importers::json::ExportBackup((*app)->store(), (*app)->people(), out, secret);
  out.flush();
  if (!status) return Failed(WriteFailure(output, status.error()));
  if (const std::string why = output.failure(); !why.empty()) {
    return Failed("export: cannot write to standard output: " + why);
  }
  return 0;
}

}  // namespace lede::cli
