// <utility> must precede Asio: Boost 1.74's awaitable.hpp uses std::exchange
// without including it (see ../shared/NOTES.md).
#include <utility>

#include "http/server.h"

#include <fmt/format.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "http/parsed_request.h"
#include "util/shown_keys.h"
#include "util/time.h"

namespace lede::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kLingerTime = std::chrono::seconds(2);

class Session;

struct Worker {
  // Declared before the context: handlers the context still holds when it
  // is destroyed may own sessions, which leave this set as they go.
  std::unordered_set<Session*> sessions;
  asio::io_context context{1};
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> grace_timer;
  bool finished = false;  // Run returned: the timer and acceptor are gone
  std::string date;
  std::time_t date_second = -1;

  const std::string& Date() {
    const std::time_t now = std::time(nullptr);
    if (now != date_second) {
      date_second = now;
      date = util::FormatHttpDate(now);
    }
    return date;
  }
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router)
      : options(std::move(options)), router(router) {}

  void Accept(Worker& worker);
  void StopWorker(Worker& worker);
  // Counts a connection from `address`; false when it has its limit.
  bool AdmitFrom(const std::string& address);
  void Release(const std::string& address);
  // Replies that may complete on another thread (votes waiting for their
  // fsync) hold their connection through a PendingReply; the server's state
  // is not destroyed while one lives.
  void OwnerCreated();
  void OwnerDone();
  bool WaitForOwners(std::chrono::milliseconds limit);

  ServerOptions options;
  const Router& router;
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::unordered_map<std::string, int> connections_by_address;
  // Counted without a lock on the request path; the lock only pairs the
  // last one's notification with a waiting destructor.
  std::atomic<int> owners{0};
  std::mutex owners_mutex;
  std::condition_variable owners_done;
  // After everything the workers' sessions touch, so that it goes first.
  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<asio::signal_set> signals;
};

bool Server::Impl::AdmitFrom(const std::string& address) {
  if (options.max_connections_per_address <= 0) return true;
  std::lock_guard lock(connections_mutex);
  int& count = connections_by_address[address];
  if (count >= options.max_connections_per_address) return false;
  ++count;
  return true;
}

void Server::Impl::Release(const std::string& address) {
  if (options.max_connections_per_address <= 0) return;
  std::lock_guard lock(connections_mutex);
  const auto found = connections_by_address.find(address);
  if (found != connections_by_address.end() && --found->second <= 0) {
    connections_by_address.erase(found);
  }
}

void Server::Impl::OwnerCreated() { owners.fetch_add(1, std::memory_order_relaxed); }

void Server::Impl::OwnerDone() {
  if (owners.fetch_sub(1, std::memory_order_acq_rel) == 1 && stopping) {
    std::lock_guard lock(owners_mutex);
    owners_done.notify_all();
  }
}

bool Server::Impl::WaitForOwners(std::chrono::milliseconds limit) {
  std::unique_lock lock(owners_mutex);
  return owners_done.wait_for(lock, limit, [this] { return owners.load() == 0; });
}

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::string remote_address, Worker& worker, Server::Impl& server)
      : stream_(std::move(socket)),
        worker_(worker),
        server_(server),
        remote_address_(std::move(remote_address)) {}

  ~Session() {
    server_.Release(remote_address_);
    worker_.sessions.erase(this);
    if (!worker_.finished && server_.stopping && worker_.sessions.empty() &&
        worker_.grace_timer) {
      worker_.grace_timer->cancel();
    }
  }

  void Start() {
    worker_.sessions.insert(this);
    Read();
  }

  // On shutdown: a connection waiting for its next request is closed now;
  // one mid-request finishes first.
  void CloseIfIdle() {
    if (waiting_ && !parser_->got_some() && buffer_.size() == 0) Close();
  }

 private:
  void Read() {
    waiting_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, std::size_t) {
                               self->OnHeader(error);
                             });
  }

  void OnHeader(beast::error_code error) {
    waiting_ = false;
    if (error) return OnReadError(error);
    started_ = SteadyClock::now();
    if (parser_->is_done()) return Handle();
    const auto target = parser_->get().target();
    for (const auto& prefix : server_.options.upload_paths) {
      if (std::string_view(target.data(), target.size()).starts_with(prefix)) {
        parser_->body_limit(server_.options.upload_body_limit);
        break;
      }
    }
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->OnReadError(error);
                        self->Handle();
                      });
  }

  void OnReadError(beast::error_code error) {
    if (error == bhttp::error::header_limit) {
      return SendError(431, "Request header fields too large\n");
    }
    if (error == bhttp::error::body_limit) return SendError(413, "Request body too large\n");
    if (error.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        error != bhttp::error::end_of_stream && error != bhttp::error::partial_message) {
      return SendError(400, "Malformed HTTP request\n");
    }
    Close();
  }

  void SendError(int status, std::string message) {
    started_ = SteadyClock::now();
    Response response = Response::Text(status, std::move(message));
    Write(std::move(response), "-", "-", false, false);
  }

  void Handle() {
    auto& message = parser_->get();
    const bool keep_alive = message.keep_alive() && !server_.stopping;
    auto parsed = FromParsed(message);
    if (auto* refusal = std::get_if<Response>(&parsed)) {
      return Write(std::move(*refusal),
                   std::string_view(message.method_string().data(), message.method_string().size()),
                   std::string_view(message.target().data(), message.target().size()), false,
                   false);
    }
    Request& request = std::get<Request>(parsed);
    request.remote_address = ReaderAddress(request);

    user_agent_ = std::string(request.Header("User-Agent"));
    method_ = std::string(MethodName(request.method));
    target_ = request.target;
    const bool head_only = request.method == Method::kHead;
    ResponseCache* cache = server_.options.cache;
    if (cache && (request.method == Method::kGet || head_only)) {
      if (auto hit = cache->Find(request)) {
        return Write(std::move(*hit), method_, target_, head_only, keep_alive);
      }
    }
    auto pending = std::make_shared<PendingReply>(shared_from_this());
    if (cache && (request.method == Method::kGet || head_only)) {
      pending->ticket.emplace(cache->Begin(request));
    }
    const util::ShownKeysScope recording(pending->shown);
    // Sync handlers reply before Dispatch returns, on this thread; async
    // ones (votes waiting for their fsync) reply from elsewhere, so the
    // write is posted back to this connection's thread.
    auto reply = [pending, head_only, keep_alive, cache](Response response) {
      if (pending->ticket) {
        response = cache->Keep(*pending->ticket, pending->shown.keys(), std::move(response));
      }
      const std::shared_ptr<Session>& self = pending->session;
      auto& context = self->worker_.context;
      if (context.get_executor().running_in_this_thread()) {
        return self->Write(std::move(response), self->method_, self->target_, head_only, keep_alive);
      }
      asio::post(context, [self, response = std::move(response), head_only, keep_alive]() mutable {
        self->Write(std::move(response), self->method_, self->target_, head_only, keep_alive);
      });
    };
    try {
      server_.router.Dispatch(request, reply);
    } catch (const std::exception& exception) {
      if (server_.options.error_log) {
        server_.options.error_log(fmt::format("{} {}: {}", MethodName(request.method),
                                              request.target, exception.what()));
      }
      reply(Response::Text(500, "Internal server error\n"));
    }
  }

  // The peer, or behind the trusted proxy the address it says it was
  // asked by: the last X-Forwarded-For entry, the one that proxy added
  // (those before it are whatever the client claimed).
  std::string ReaderAddress(const Request& request) const {
    const std::string& proxy = server_.options.trusted_proxy;
    if (proxy.empty() || remote_address_ != proxy) return remote_address_;
    std::string_view forwarded = request.Header("X-Forwarded-For");
    const auto comma = forwarded.rfind(',');
    if (comma != std::string_view::npos) forwarded.remove_prefix(comma + 1);
    while (!forwarded.empty() && (forwarded.front() == ' ' || forwarded.front() == '\t')) {
      forwarded.remove_prefix(1);
    }
    while (!forwarded.empty() && (forwarded.back() == ' ' || forwarded.back() == '\t')) {
      forwarded.remove_suffix(1);
    }
    beast::error_code error;
    const auto address = asio::ip::make_address(std::string(forwarded), error);
    return error ? remote_address_ : address.to_string();
  }

  // A header name or value that could end its line would let whatever made
  // it write headers (or a body) of its own.
  static bool CanSplitHeaders(std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
  }

  bool HasUnsafeHeader(const Response& response) const {
    if (CanSplitHeaders(response.content_type)) return true;
    for (const auto& [name, value] : response.headers) {
      if (CanSplitHeaders(name) || CanSplitHeaders(value) || name.empty()) return true;
    }
    return false;
  }

  // Holds the connection for a reply that may come from another thread.
  // Whichever thread lets go of it last, the connection is released on its
  // own thread, so only that thread ever edits its worker's session set.
  struct PendingReply {
    explicit PendingReply(std::shared_ptr<Session> session) : session(std::move(session)) {
      this->session->server_.OwnerCreated();
    }
    ~PendingReply() {
      Server::Impl& server = session->server_;
      auto& context = session->worker_.context;
      if (!context.get_executor().running_in_this_thread()) {
        asio::post(context, [last = std::move(session)] {});
      }
      session.reset();
      server.OwnerDone();
    }
    PendingReply(const PendingReply&) = delete;
    PendingReply& operator=(const PendingReply&) = delete;

    std::shared_ptr<Session> session;
    std::optional<CacheTicket> ticket;
    util::ShownKeys shown;
  };

  void Write(Response response, std::string_view method, std::string_view target,
             bool head_only, bool keep_alive) {
    if (HasUnsafeHeader(response)) {
      if (server_.options.error_log) {
        server_.options.error_log(fmt::format(
            "{} {}: a response header held CR, LF or NUL; answered 500 instead", method, target));
      }
      response = Response::Text(500, "Internal server error\n");
    }
    header_.clear();
    auto out = std::back_inserter(header_);
    fmt::format_to(out, "HTTP/1.1 {} {}\r\nDate: {}\r\n", response.status,
                   ReasonPhrase(response.status), worker_.Date());
    if (response.status != 204 && response.status != 304) {
      fmt::format_to(out, "Content-Type: {}\r\nContent-Length: {}\r\n", response.content_type,
                     response.Body().size());
    }
    header_ += "X-Content-Type-Options: nosniff\r\n";
    for (const auto& [name, value] : response.headers) {
      fmt::format_to(out, "{}: {}\r\n", name, value);
    }
    for (const auto& [name, value] : server_.options.default_headers) {
      if (!response.HasHeader(name)) fmt::format_to(out, "{}: {}\r\n", name, value);
    }
    // Unavailable is a passing state (the database restarting, a failover):
    // say when to come back, so clients and balancers retry instead of
    // giving up.
    if (response.status == 503 && !response.HasHeader("Retry-After")) header_ += "Retry-After: 5\r\n";
    if (!keep_alive) header_ += "Connection: close\r\n";
    header_ += "\r\n";
    shared_body_ = head_only ? nullptr : std::move(response.shared_body);
    body_ = head_only || shared_body_ ? std::string() : std::move(response.body);
    const std::string_view body = shared_body_ ? std::string_view(*shared_body_) : body_;

    if (server_.options.access_log) {
      server_.options.access_log(AccessRecord{
          remote_address_, method, target, response.status, body.size(),
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_),
          user_agent_});
    }
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(header_),
                                                    asio::buffer(body.data(), body.size())};
    stream_.expires_after(server_.options.read_timeout);
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), keep_alive](beast::error_code error,
                                                              std::size_t) {
                        if (error) return self->Close();
                        if (keep_alive && !self->server_.stopping) return self->Read();
                        self->Linger();
                      });
  }

  // Half-closes and drains what the client still sends, so that closing
  // with unread bytes does not reset the connection before the client has
  // read our response.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->Close();
                              self->Linger();
                            });
  }

  void Close() {
    waiting_ = false;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  Worker& worker_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string header_;
  std::string body_;
  std::shared_ptr<const std::string> shared_body_;  // a cached body, instead of body_
  std::string remote_address_;
  std::string user_agent_;
  std::string method_;
  std::string target_;
  std::array<char, 4096> drain_{};
  SteadyClock::time_point started_ = SteadyClock::now();
  bool waiting_ = false;
};

}  // namespace

void Server::Impl::Accept(Worker& worker) {
  worker.acceptor->async_accept(worker.context, [this, &worker](beast::error_code error,
                                                                tcp::socket socket) {
    if (error) {
      if (stopping || error == asio::error::operation_aborted) return;
      // EMFILE and friends: try again rather than stop accepting forever.
      return Accept(worker);
    }
    beast::error_code ignored;
    std::string address = socket.remote_endpoint(ignored).address().to_string();
    // Refused before anything is read or allocated for it: one address
    // cannot hold every connection the server can have.
    if (!AdmitFrom(address)) {
      socket.close(ignored);
      return Accept(worker);
    }
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), std::move(address), worker, *this)->Start();
    Accept(worker);
  });
}

void Server::Impl::StopWorker(Worker& worker) {
  beast::error_code ignored;
  if (worker.acceptor) worker.acceptor->close(ignored);
  // Copy: closing a session may destroy it, which edits the set.
  std::vector<Session*> sessions(worker.sessions.begin(), worker.sessions.end());
  for (Session* session : sessions) session->CloseIfIdle();
  if (!worker.sessions.empty()) {
    worker.grace_timer.emplace(worker.context, options.shutdown_grace);
    worker.grace_timer->async_wait([&worker](beast::error_code error) {
      if (!error) worker.context.stop();
    });
  }
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  // A reply still owed by another thread (a vote being written) posts to a
  // worker's context: wait for it, and if it never comes, keep the state it
  // would touch rather than free it under it.
  if (!impl_->WaitForOwners(std::chrono::duration_cast<std::chrono::milliseconds>(
          impl_->options.shutdown_grace))) {
    if (impl_->options.error_log) {
      impl_->options.error_log("stopped with replies still owed; their connections are dropped");
    }
    (void)impl_.release();
  }
}

Result<std::uint16_t> Server::Listen() {
  auto& options = impl_->options;
  beast::error_code error;
  const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
  const auto address = asio::ip::make_address(host, error);
  if (error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--listen: \"{}\" is not an IP address", options.host));
  }
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::uint16_t port = options.port;
  if (port != 0) {
    // SO_REUSEPORT would let us join a group another lede already listens
    // with (same user), silently sharing its traffic. A socket without it
    // cannot bind where anyone listens, so try one first: "address in use"
    // then means what it says.
    asio::io_context probe_context;
    tcp::acceptor probe(probe_context);
    const tcp::endpoint endpoint(address, port);
    probe.open(endpoint.protocol(), error);
    if (!error) probe.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) probe.bind(endpoint, error);
    if (error) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("cannot listen on {}:{}: {}", options.host, port,
                                   error.message()));
    }
    probe.close(error);
  }
  for (int i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    tcp::acceptor& acceptor = worker->acceptor.emplace(worker->context);
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) {
      acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true),
                          error);
    }
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("cannot listen on {}:{}: {}", options.host, port,
                                   error.message()));
    }
    port = acceptor.local_endpoint().port();
    impl_->workers.push_back(std::move(worker));
  }
  // Signals are caught from here on, before anyone is told the address: a
  // SIGTERM that arrives before Run() still stops the server gracefully.
  impl_->signals.emplace(impl_->workers.front()->context, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code error, int) {
    if (!error) Stop();
  });
  return port;
}

void Server::Run() {
  Impl& impl = *impl_;
  Worker& first = *impl.workers.front();
  for (auto& worker : impl.workers) impl.Accept(*worker);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.workers.size(); ++i) {
    threads.emplace_back([worker = impl.workers[i].get()] { worker->context.run(); });
  }
  first.context.run();
  for (auto& thread : threads) thread.join();
  for (auto& worker : impl.workers) {
    worker->grace_timer.reset();
    worker->acceptor.reset();
    worker->finished = true;
  }
}

void Server::Stop() {
  Impl& impl = *impl_;
  if (impl.stopping.exchange(true)) return;
  for (auto& worker : impl.workers) {
    asio::post(worker->context, [&impl, worker = worker.get()] { impl.StopWorker(*worker); });
  }
  asio::post(impl.workers.front()->context, [&impl] {
    beast::error_code ignored;
    impl.signals->cancel(ignored);
  });
}

}  // namespace lede::http
