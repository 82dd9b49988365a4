#pragma once
// The HTTP/1.1 server. One io_context and one SO_REUSEPORT acceptor per
// thread, so a connection lives on one thread from accept to close and no
// locks sit on the request path. Each response is written with one gather
// write of a pre-serialised header and the body.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "util/result.h"

namespace lede::http {

struct AccessRecord {
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;
  int status = 0;
  std::size_t bytes = 0;
  std::chrono::microseconds duration{0};
  std::string_view user_agent;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 0;            // 0: one per core
  std::size_t header_limit = 16 * 1024;   // larger headers: 431
  std::size_t body_limit = 1024 * 1024;   // larger bodies: 413
  // A multipart/form-data body POSTed or PUT to a path starting with one
  // of these may send up to upload_body_limit instead (image uploads), and
  // its file parts are written to upload_dir as they arrive. Default: none.
  std::vector<std::string> upload_paths;
  std::size_t upload_body_limit = 21 * 1024 * 1024;
  // Where the file parts of a multipart upload are written as they arrive
  // (and removed once the request is answered, unless a handler took
  // them). Default: the system's temporary folder.
  std::filesystem::path upload_dir;
  // Asked with an upload's header (no body yet, remote_address and scheme
  // set) before its body is read: an answer refuses it (a stranger cannot
  // make the server take in 20 MiB), nullopt lets it in. Optional.
  std::function<std::optional<Response>(const Request&)> upload_gate;
  // The scheme readers reach the site by: "https" behind a proxy that
  // terminates TLS. Origin headers are compared with it (Request::scheme).
  std::string scheme = "http";
  // How long a kept-alive connection may wait for, and then send, a
  // request's header; and then its body.
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds read_timeout{30};
  // Connections one address may hold at once; more are closed as they are
  // accepted. 0: no limit. Behind a proxy every reader shares its address:
  // raise it there, or turn it off.
  int max_connections_per_address = 256;
  // The address of a proxy in front (a balancer): requests from it are
  // taken to come from the last address in their X-Forwarded-For. "" (the
  // default) trusts no one's header.
  std::string trusted_proxy;
  // Added to every response that does not set a header of that name
  // (security headers: see docs/security.md). Values must be one line.
  Headers default_headers;
  // On Stop, requests in flight get this long to finish.
  std::chrono::seconds shutdown_grace{10};
  // Called once per request, on the serving thread. Optional.
  std::function<void(const AccessRecord&)> access_log;
  // Answers GETs and HEADs it holds, and is given every routed answer to
  // them. Optional; must outlive the server.
  ResponseCache* cache = nullptr;
  // Called when a handler throws; the client gets a 500. Optional.
  std::function<void(std::string_view what)> error_log;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();

  // Binds every acceptor and starts catching SIGINT/SIGTERM. kUnavailable
  // naming the address when it cannot bind. Returns the bound port.
  Result<std::uint16_t> Listen();
  // Serves until Stop() or SIGINT/SIGTERM, then finishes in-flight requests
  // (up to shutdown_grace) and returns.
  void Run();
  // Begins a graceful stop. Safe from any thread and from signal context of
  // Run's own handler.
  void Stop();

  // Defined in server.cc; public only so its connection type can name it.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lede::http
