// Any bytes as what a browser sends in forms: the first line is a
// Content-Type, the rest a body, and the same bytes serve as a Cookie
// header and a query string. Parsing refuses or answers; it never reads
// outside the body. The multipart body is also fed to the spooler an
// upload goes through (http/multipart_stream.h) in pieces cut where the
// input's last bytes say: it must read exactly what ParseMultipart reads.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "http/message.h"
#include "http/multipart.h"
#include "http/multipart_stream.h"

namespace {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

[[noreturn]] void Differ(const char* what) {
  std::fprintf(stderr, "spooler and ParseMultipart differ: %s\n", what);
  __builtin_trap();
}

// Feeds `body` in pieces whose sizes cycle through `cuts`, and compares.
void CompareSpooled(const std::string& content_type, const std::string& body, std::string_view cuts) {
  static const std::filesystem::path spool =
      std::filesystem::temp_directory_path() / "lede-forms-fuzzer";
  lede::http::MultipartSpooler spooler(content_type, spool, 1 << 20);
  std::size_t at = 0;
  for (std::size_t i = 0; at < body.size(); ++i) {
    const std::size_t piece = cuts.empty() ? body.size() : 1 + static_cast<unsigned char>(cuts[i % cuts.size()]);
    spooler.Feed(std::string_view(body).substr(at, piece));
    at += piece;
  }
  const auto spooled = spooler.Finish();
  const auto parsed = lede::http::ParseMultipart(content_type, body);
  if (spooled.has_value() != parsed.has_value()) Differ("one refused what the other read");
  if (!parsed) {
    if (spooled.error().message != parsed.error().message) Differ("their reasons");
    return;
  }
  if (spooled->size() != parsed->size()) Differ("the number of parts");
  for (std::size_t i = 0; i < parsed->size(); ++i) {
    const auto& a = (*spooled)[i];
    const auto& b = (*parsed)[i];
    if (a.name != b.name || a.filename != b.filename || a.content_type != b.content_type) {
      Differ("a part's headers");
    }
    const std::string bytes = a.file ? ReadAll(a.file->path()) : a.value;
    if (bytes != b.body || (a.file && a.file->size() != b.body.size())) Differ("a part's bytes");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string content_type = input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  if (auto parts = http::ParseMultipart(content_type, body)) {
    for (const auto& part : *parts) {
      // Every view must lie inside the body it was parsed from.
      for (std::string_view view : {part.name, part.filename, part.content_type, part.body}) {
        if (!view.empty() && (view.data() < body.data() ||
                              view.data() + view.size() > body.data() + body.size())) {
          __builtin_trap();
        }
      }
    }
    (void)http::FindPart(*parts, "file");
  }
  // The last 8 bytes choose where the body is cut (they are body too).
  CompareSpooled(content_type, body, body.size() > 8 ? std::string_view(body).substr(body.size() - 8) : "");
  CompareSpooled(content_type, body, "");
  http::Request request;
  request.body = body;
  request.query = input;
  request.headers = {{"Cookie", content_type},
                     {"Authorization", content_type},
                     {"Origin", body.substr(0, 64)},
                     {"Host", "localhost"}};
  (void)request.FormField("csrf");
  (void)request.FormFields("quick_look");
  (void)request.QueryParam("q");
  (void)request.Cookie("lede_session");
  (void)request.Cookie("lede_voter");
  (void)request.BearerToken();
  (void)request.IsSameOrigin();
  return 0;
}
