#include "cli/serve_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "app/app.h"
#include "http/access_log.h"
#include "http/security_headers.h"
#include "util/strings.h"

namespace lede::cli {
namespace {

int Fail(const Error& error) {
  std::fprintf(stderr, "lede: %s\n", error.message.c_str());
  return 1;
}

// "30/600" -> 30 votes per 600 s; "off" -> no limit.
std::optional<ratings::IpLimit> ParseVoteLimit(std::string_view text) {
  if (text == "off") return ratings::IpLimit{0, 1};
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto votes = util::ParseInt(text.substr(0, slash));
  const auto seconds = util::ParseInt(text.substr(slash + 1));
  if (!votes || !seconds || *votes < 1 || *seconds < 1) return std::nullopt;
  return ratings::IpLimit{static_cast<int>(*votes), *seconds};
}

// Blocks of a megabyte and more (an upload's decoded picture and the
// decoder's buffers) are mapped for themselves and returned when freed.
// glibc's default raises that threshold to the largest block freed so far
// (up to 32 MB), after which a photo's buffers land in whichever thread's
// arena made them and stay there: a server that has taken one 12 MB photo
// then keeps twice the memory the next one needs. A fixed threshold also
// keeps glibc from raising it.
void ReturnLargeBlocks() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

}  // namespace

int Serve(const ServeOptions& options) {
  ReturnLargeBlocks();
  const auto colon = options.listen.rfind(':');
  const auto port = colon == std::string::npos
                        ? std::nullopt
                        : util::ParseInt(std::string_view(options.listen).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return Fail({ErrorCode::kInvalidArgument,
                 fmt::format("--listen \"{}\" is not HOST:PORT", options.listen), "listen"});
  }
  const auto vote_limit = ParseVoteLimit(options.vote_limit);
  if (!vote_limit) {
    return Fail({ErrorCode::kInvalidArgument,
                 fmt::format("--vote-limit \"{}\" is not VOTES/SECONDS or off", options.vote_limit),
                 "vote_limit"});
  }
  if (options.vote_batch < 1) {
    return Fail({ErrorCode::kInvalidArgument, "--vote-batch must be at least 1", "vote_batch"});
  }
  push::PushOptions push;
  push.websub_hub = options.websub_hub;
  push.indexnow_key = options.indexnow_key;
  push.indexnow_endpoint = options.indexnow_endpoint;
  if (options.cache_mb < 0 || options.cache_mb > 1024 * 1024) {
    return Fail({ErrorCode::kInvalidArgument, "--cache-mb must be from 0 to 1048576", "cache_mb"});
  }
  if (options.cache_max_age < 0 || options.cdn_max_age < 0 || options.cache_stale < 0) {
    return Fail({ErrorCode::kInvalidArgument,
                 "--cache-max-age, --cdn-max-age and --cache-stale must not be negative",
                 "cache_max_age"});
  }
  cache::PageCacheOptions cache;
  cache.max_bytes = static_cast<std::size_t>(options.cache_mb) * 1024 * 1024;
  cache.public_cache_control =
      fmt::format("public, max-age={}, s-maxage={}, stale-while-revalidate={}",
                  options.cache_max_age, options.cdn_max_age, options.cache_stale);
  app::AppOptions app_options{options.data_dir, options.theme_dir, *vote_limit, options.vote_batch,
                              options.public_url, push, cache};
  app_options.purge.url = options.purge_url;
  app_options.db = options.db;
  auto app = app::App::Open(app_options);
  if (!app) return Fail(app.error());
  if (options.demo) {
    auto written = (*app)->EnsureDemo();
    if (!written) return Fail(written.error());
    if (*written > 0) spdlog::info("demo newsroom created: {} articles", *written);
  }
  // After the demo: its articles are not news to announce.
  if (auto started = (*app)->StartServing(); !started) return Fail(started.error());

  http::ServerOptions server_options;
  server_options.host = options.listen.substr(0, colon);
  server_options.port = static_cast<std::uint16_t>(*port);
  server_options.threads = options.threads;
  server_options.upload_paths = (*app)->upload_paths();
  server_options.upload_dir = (*app)->data_dir().spool();
  server_options.upload_gate = [app = app->get()](const http::Request& header) {
    return app->AdmitUpload(header);
  };
  server_options.scheme = (*app)->serves_https() ? "https" : "http";
  server_options.cache = &(*app)->page_cache();
  server_options.default_headers = http::SecurityHeaders((*app)->serves_https());
  server_options.max_connections_per_address = options.max_connections_per_address;
  server_options.trusted_proxy = options.trusted_proxy;
  server_options.idle_timeout = std::chrono::seconds(options.idle_timeout);
  server_options.read_timeout = std::chrono::seconds(options.request_timeout);
  // Buffered per serving thread and written off them (http/access_log.h).
  std::unique_ptr<http::AccessLog> access_log;
  if (options.access_log != "off") {
    // A reader of standard output that goes away (a pipe, a log shipper
    // restarting) must not take the server with it: the write fails and
    // the lines are counted as dropped instead.
    std::signal(SIGPIPE, SIG_IGN);
    auto opened = http::AccessLog::Open(
        options.access_log, {.warn = [](std::string_view what) { spdlog::warn("{}", what); }});
    if (!opened) return Fail({ErrorCode::kUnavailable, "--access-log: " + opened.error().message, {}});
    access_log = std::move(*opened);
    server_options.access_log = [log = access_log.get()](const http::AccessRecord& record) {
      log->Record(record);
    };
  }
  server_options.error_log = [](std::string_view what) { spdlog::error("{}", what); };
  http::Server server(server_options, (*app)->router());
  auto bound = server.Listen();
  if (!bound) return Fail(bound.error());
  if (options.public_url.empty()) {
    // Without a public address, links name the address we listen on.
    const std::string host = server_options.host.empty() || server_options.host == "0.0.0.0" ||
                                     server_options.host == "::"
                                 ? "localhost"
                                 : server_options.host;
    const std::string fallback = fmt::format("http://{}:{}", host, *bound);
    (*app)->catalog().SetPublicUrl("", fallback);
    auto settings = (*app)->store().LoadSettings();
    if (settings && settings->base_url.empty()) {
      spdlog::warn("no public address (--public-url, or base_url in the admin's Settings): "
                   "canonical links, feeds and sitemaps name {}", fallback);
      if (push.enabled()) {
        spdlog::warn("WebSub and IndexNow will be told of URLs at {}, which no one outside can reach",
                     fallback);
      }
    }
  }
  // The URL line is what ./dev run and the tests read: keep its shape.
  std::printf("lede: serving http://%s:%u/ from %s\n", server_options.host.c_str(), *bound,
              options.data_dir.c_str());
  std::fflush(stdout);
  server.Run();
  // Written out and closed while its warnings still have a logger to go to.
  access_log.reset();
  spdlog::shutdown();
  std::printf("lede: stopped\n");
  return 0;
}

int Demo(const std::filesystem::path& data_dir) {
  auto app = app::App::Open({.data_dir = data_dir});
  if (!app) return Fail(app.error());
  auto written = (*app)->EnsureDemo();
  if (!written) return Fail(written.error());
  if (*written == 0) {
    std::printf("lede: %s already has articles; the demo was not added\n", data_dir.c_str());
  } else {
    std::printf("lede: demo newsroom written to %s (%d articles)\n", data_dir.c_str(), *written);
  }
  return 0;
}

}  // namespace lede::cli
