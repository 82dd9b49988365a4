#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lede::cli {

struct ServeOptions {
  std::filesystem::path data_dir = "data";
  // sqlite:PATH or postgres://USER@HOST/DB; "" for LEDE_DB, else DATA/lede.db.
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::optional<std::filesystem::path> theme_dir;
  bool demo = false;
  int threads = 0;
  // "-" for standard output, "off", or a file path.
  std::string access_log = "-";
  // "VOTES/SECONDS" per address, or "off".
  std::string vote_limit = "30/600";
  int vote_batch = 512;
  // The public address every absolute URL is built from; "" for the
  // base_url setting, else the listen address.
  std::string public_url;
  // Push notifications (push::PushOptions): off unless set.
  std::string websub_hub;
  std::string indexnow_key;
  std::string indexnow_endpoint = "https://api.indexnow.org/indexnow";
  // The page cache's size in MiB (0: keep nothing) and the Cache-Control
  // of public answers: browsers (max-age), shared caches (s-maxage), and
  // how long a CDN may serve a page stale while it asks again.
  int cache_mb = 128;
  int cache_max_age = 0;
  int cdn_max_age = 60;
  int cache_stale = 600;
  // Where dropped content keys are POSTed for a CDN; "" for nowhere.
  std::string purge_url;
  // Connection limits (docs/security.md): connections one address may
  // hold (0: no limit); seconds a connection may wait for its next
  // request's header; seconds a request's header then body may take.
  int max_connections_per_address = 256;
  int idle_timeout = 30;
  int request_timeout = 30;
  // The address of a proxy whose X-Forwarded-For names the reader (for
  // the vote limit); "" trusts none.
  std::string trusted_proxy;
};

// Opens the site and serves until SIGINT/SIGTERM. Exit code.
int Serve(const ServeOptions& options);

// Fills an empty data dir with the demo newsroom. Exit code.
int Demo(const std::filesystem::path& data_dir);

}  // namespace lede::cli
