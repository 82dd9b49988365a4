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

#include "http/multipart.h"
#include "http/multipart_stream.h"
#include "http/parsed_request.h"
#include "util/shown_keys.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kLingerTime = std::chrono::seconds(2);
// What one read asks the socket for.
constexpr std::size_t kReadSize = 16 * 1024;
// An upload may take this long in all, as long as its bytes keep coming
// (each read must arrive within the read timeout): a phone on a slow
// network sends 12 MB in minutes, not seconds.
constexpr auto kMaxUploadTime = std::chrono::minutes(15);

// A multipart body fed to a MultipartSpooler as it arrives: file parts
// go to disk, so the server's memory does not grow with an upload.
struct SpoolBody {
  struct value_type {
    std::unique_ptr<MultipartSpooler> spooler;
  };
  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(bhttp::header<isRequest, Fields>&, value_type& body) : body_(body) {}
    void init(const boost::optional<std::uint64_t>&, beast::error_code& error) { error = {}; }
    template <class Buffers>
    std::size_t put(const Buffers& buffers, beast::error_code& error) {
      error = {};
      std::size_t total = 0;
      for (const auto buffer : beast::buffers_range_ref(buffers)) {
        body_.spooler->Feed(std::string_view(static_cast<const char*>(buffer.data()), buffer.size()));
        total += buffer.size();
      }
      return total;
    }
    void finish(beast::error_code& error) { error = {}; }

   private:
    value_type& body_;
  };
};

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
    if (waiting_ && buffer_.size() == 0) Close();
  }

 private:
  void Read() {
    waiting_ = true;
    parser_.emplace();
    spool_parser_.reset();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    // Beast compares a Content-Length with the body limit while it reads
    // the header, before the path is known: the largest any request may
    // send, narrowed in OnHeader once the target says which limit is its.
    parser_->body_limit(server_.options.upload_paths.empty()
                            ? server_.options.body_limit
                            : std::max(server_.options.body_limit, server_.options.upload_body_limit));
    stream_.expires_after(server_.options.idle_timeout);
    ContinueHeader();
  }

  // Reads until the header is whole. Its raw bytes are checked before
  // Beast's reading of them is used (RawHeaderProblem): what Beast would
  // forgive, a proxy in front may read differently.
  void ContinueHeader() {
    if (buffer_.size() > 0) {
      beast::error_code error;
      const std::size_t used = parser_->put(buffer_.data(), error);
      if (error != bhttp::error::need_more) {
        const char* problem = nullptr;
        if (!error) {
          problem = RawHeaderProblem(
              std::string_view(static_cast<const char*>(buffer_.data().data()), used));
        }
        buffer_.consume(used);
        if (problem) {
          waiting_ = false;
          return SendError(400, problem);
        }
        return OnHeader(error);
      }
      buffer_.consume(used);
    }
    stream_.async_read_some(buffer_.prepare(kReadSize),
                            [self = shared_from_this()](beast::error_code error, std::size_t read) {
                              self->buffer_.commit(read);
                              if (error) {
                                self->waiting_ = false;
                                return self->OnReadError(error);
                              }
                              self->ContinueHeader();
                            });
  }

  bool IsUploadPath(std::string_view target) const {
    for (const auto& prefix : server_.options.upload_paths) {
      if (target.starts_with(prefix)) return true;
    }
    return false;
  }

  void OnHeader(beast::error_code error) {
    waiting_ = false;
    if (error) return OnReadError(error);
    started_ = SteadyClock::now();
    const ParsedHeader& header = parser_->get().base();
    if (const char* problem = FramingProblem(header)) return SendError(400, problem);
    if (parser_->is_done()) return Handle(FromParsed(parser_->get()), header, parser_->get().keep_alive());
    // An upload: a multipart body posted to an upload path. Only it may be
    // large, and it goes to disk as it arrives; any other body is held in
    // memory, so it keeps the small limit wherever it is sent.
    const std::string_view target(header.target().data(), header.target().size());
    const auto type = header[bhttp::field::content_type];
    upload_type_.clear();
    if ((header.method() == bhttp::verb::post || header.method() == bhttp::verb::put) &&
        IsUploadPath(target) && MultipartBoundary(std::string_view(type.data(), type.size()))) {
      upload_type_.assign(type.data(), type.size());
    }
    const bool upload = !upload_type_.empty();
    const std::uint64_t limit = upload ? server_.options.upload_body_limit : server_.options.body_limit;
    if (const auto length = parser_->content_length(); length && *length > limit) {
      return SendError(413, fmt::format("Request body too large: at most {} bytes{}\n", limit,
                                        upload ? " (an upload: a photo of up to 20 MiB and its form)" : ""));
    }
    parser_->body_limit(limit);  // for a chunked body, counted as it comes
    if (upload && server_.options.upload_gate) {
      // Who may send megabytes is asked before they are read.
      auto parsed = FromParsedHeader(header);
      if (auto* request = std::get_if<Request>(&parsed)) {
        request->remote_address = ReaderAddress(*request);
        request->scheme = RequestScheme(*request);
        if (auto refusal = server_.options.upload_gate(*request)) {
          started_ = SteadyClock::now();
          return Write(std::move(*refusal), MethodName(request->method), request->target, false, false);
        }
      }
    }
    // A client that asked may now send the body (curl waits a second for
    // this before sending an upload).
    const auto expect = header[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      stream_.expires_after(server_.options.read_timeout);
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                               [self = shared_from_this()](beast::error_code error, std::size_t) {
                                 if (error) return self->Close();
                                 self->ReadBody();
                               });
    }
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(server_.options.read_timeout);
    if (!upload_type_.empty()) {
      const std::uint64_t limit = server_.options.upload_body_limit;
      spool_parser_.emplace(std::move(*parser_));
      spool_parser_->body_limit(limit);
      const std::filesystem::path spool_dir = server_.options.upload_dir.empty()
                                                  ? std::filesystem::temp_directory_path()
                                                  : server_.options.upload_dir;
      spool_parser_->get().body().spooler =
          std::make_unique<MultipartSpooler>(upload_type_, spool_dir, server_.options.body_limit);
      return ContinueUpload();
    }
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->OnReadError(error);
                        auto& message = self->parser_->get();
                        self->Handle(FromParsed(message), message.base(), message.keep_alive());
                      });
  }

  // An upload's body, a read at a time: each read has the read timeout,
  // the whole upload kMaxUploadTime.
  void ContinueUpload() {
    if (spool_parser_->is_done()) return HandleUpload();
    if (SteadyClock::now() - started_ > kMaxUploadTime) {
      return SendError(408, "The upload took too long\n");
    }
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read_some(stream_, buffer_, *spool_parser_,
                           [self = shared_from_this()](beast::error_code error, std::size_t) {
                             if (error) return self->OnReadError(error);
                             self->ContinueUpload();
                           });
  }

  void HandleUpload() {
    auto& message = spool_parser_->get();
    auto parsed = FromParsedHeader(message.base());
    if (auto* request = std::get_if<Request>(&parsed)) {
      request->spooled = std::make_shared<const Result<std::vector<SpooledPart>>>(
          message.body().spooler->Finish());
    }
    Handle(std::move(parsed), message.base(), message.keep_alive());
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

  void Handle(std::variant<Request, Response> parsed, const ParsedHeader& header,
              bool wants_keep_alive) {
    const bool keep_alive = wants_keep_alive && !server_.stopping;
    if (auto* refusal = std::get_if<Response>(&parsed)) {
      return Write(std::move(*refusal),
                   std::string_view(header.method_string().data(), header.method_string().size()),
                   std::string_view(header.target().data(), header.target().size()), false, false);
    }
    Request& request = std::get<Request>(parsed);
    request.remote_address = ReaderAddress(request);
    request.scheme = RequestScheme(request);

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

  // The scheme readers used: the server's own, or behind the trusted proxy
  // what its X-Forwarded-Proto says ("https" where it ended TLS), so the
  // Origin of a browser on https://the-site matches. Nobody else's header
  // counts.
  std::string RequestScheme(const Request& request) const {
    const std::string& proxy = server_.options.trusted_proxy;
    if (proxy.empty() || remote_address_ != proxy) return server_.options.scheme;
    const std::string said = util::ToLowerAscii(util::Trim(request.Header("X-Forwarded-Proto")));
    return said == "https" || said == "http" ? said : server_.options.scheme;
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
  // An upload's, once its header chose it (parser_ is moved into it).
  std::optional<bhttp::request_parser<SpoolBody>> spool_parser_;
  std::string upload_type_;  // the upload's Content-Type; "" for any other request
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
