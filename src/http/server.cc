// <utility> must precede Asio: Boost 1.74's awaitable.hpp uses std::exchange
// without including it (see ../shared/NOTES.md).
#include <utility>

#include "http/server.h"

#include <fmt/format.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <ctime>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

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

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

class Session;

struct Worker {
  asio::io_context context{1};
  std::optional<tcp::acceptor> acceptor;
  std::unordered_set<Session*> sessions;
  std::optional<asio::steady_timer> grace_timer;
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

  ServerOptions options;
  const Router& router;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<bool> stopping{false};
  std::optional<asio::signal_set> signals;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Worker& worker, Server::Impl& server)
      : stream_(std::move(socket)), worker_(worker), server_(server) {
    beast::error_code error;
    remote_address_ = stream_.socket().remote_endpoint(error).address().to_string();
  }

  ~Session() {
    worker_.sessions.erase(this);
    if (server_.stopping && worker_.sessions.empty() && worker_.grace_timer) {
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
    Request request;
    request.method = ToMethod(message.method());
    request.target = std::string(message.target());
    const bool keep_alive = message.keep_alive() && !server_.stopping;
    if (request.target.empty() || request.target.front() != '/') {
      // Only origin-form targets are served; absolute-form would let a
      // client pick the host we pretend to be.
      Write(Response::Text(400, "The request target must be a path\n"),
            std::string_view(message.method_string().data(), message.method_string().size()),
            request.target, false, false);
      return;
    }
    const auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos) request.query = request.target.substr(question + 1);
    request.headers.reserve(16);
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;

    user_agent_ = std::string(request.Header("User-Agent"));
    method_ = std::string(MethodName(request.method));
    target_ = request.target;
    const bool head_only = request.method == Method::kHead;
    ResponseCache* cache = server_.options.cache;
    std::shared_ptr<const CacheTicket> ticket;
    if (cache && (request.method == Method::kGet || head_only)) {
      if (auto hit = cache->Find(request)) {
        return Write(std::move(*hit), method_, target_, head_only, keep_alive);
      }
      ticket = std::make_shared<const CacheTicket>(cache->Begin(request));
    }
    auto shown = std::make_shared<util::ShownKeys>();
    const util::ShownKeysScope recording(*shown);
    // Sync handlers reply before Dispatch returns, on this thread; async
    // ones (votes waiting for their fsync) reply from elsewhere, so the
    // write is posted back to this connection's thread.
    auto reply = [self = shared_from_this(), head_only, keep_alive, cache, ticket,
                  shown](Response response) {
      if (ticket) response = cache->Keep(*ticket, shown->keys(), std::move(response));
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

  void Write(Response response, std::string_view method, std::string_view target,
             bool head_only, bool keep_alive) {
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
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), worker, *this)->Start();
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

Server::~Server() = default;

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
