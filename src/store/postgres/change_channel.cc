#include "store/postgres/change_channel.h"

#include <poll.h>
#include <unistd.h>
#include <sodium.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "store/postgres/connection.h"

namespace lede::store::postgres {
namespace {

constexpr std::string_view kChannel = "lede_changes";
// NOTIFY payloads stop at 8000 bytes; past this, "everything" is shorter.
constexpr std::size_t kMaxPayload = 7000;

std::string RandomNode() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  std::string hex;
  for (unsigned char byte : bytes) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace

ChangeChannel::ChangeChannel(std::string url, std::unique_ptr<Connection> publisher)
    : url_(std::move(url)), node_(RandomNode()), publisher_(std::move(publisher)) {}

Result<std::unique_ptr<ChangeChannel>> ChangeChannel::Open(const std::string& url) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  LEDE_TRY(auto publisher, Connection::Open(url));
  return std::unique_ptr<ChangeChannel>(new ChangeChannel(url, std::move(publisher)));
}

ChangeChannel::~ChangeChannel() {
  stop_ = true;
  if (listener_.joinable()) listener_.join();
}

void ChangeChannel::Listen(Handlers handlers) {
  handlers_ = std::move(handlers);
  listener_ = std::thread([this] { Run(); });
}

void ChangeChannel::Publish(const std::vector<std::string>& keys) {
  // "NODE\n" then one key a line; "NODE\n*" for everything.
  std::string payload = node_ + "\n";
  std::size_t size = payload.size();
  for (const auto& key : keys) size += key.size() + 1;
  if (keys.empty() || size > kMaxPayload) {
    payload += "*";
  } else {
    for (std::size_t i = 0; i < keys.size(); ++i) payload += (i ? "\n" : "") + keys[i];
  }
  std::lock_guard lock(publish_mutex_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!publisher_->healthy() && !publisher_->Reconnect()) continue;
    auto notify = publisher_->Prepare("SELECT pg_notify(?1, ?2)");
    if (notify && (*notify)->Bind(1, kChannel).Bind(2, std::string_view(payload)).Run()) return;
  }
  spdlog::warn("could not tell the other nodes what changed: {}", RedactUrl(url_));
}

void ChangeChannel::Run() {
  std::unique_ptr<Connection> connection;
  bool missed = false;  // set once a connection was lost
  while (!stop_) {
    if (!connection || !connection->healthy()) {
      if (connection) missed = true;
      connection.reset();
      auto made = Connection::Open(url_, 2);
      // Named, so that an operator (or a test) can tell each node's
      // listener apart in pg_stat_activity.
      if (!made || !(*made)->Exec(fmt::format("SET application_name = 'lede listener {}'", ::getpid())) ||
          !(*made)->Exec(fmt::format("LISTEN {}", kChannel))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      connection = std::move(*made);
      // Whatever was announced while this node was not listening is lost.
      if (missed && handlers_.drop_all) handlers_.drop_all();
      missed = false;
    }
    pollfd socket{PQsocket(connection->raw()), POLLIN, 0};
    if (::poll(&socket, 1, 100) <= 0) continue;
    if (PQconsumeInput(connection->raw()) != 1) continue;  // healthy() says so next turn
    while (PGnotify* note = PQnotifies(connection->raw())) {
      const std::string_view payload(note->extra);
      const std::size_t newline = payload.find('\n');
      const std::string_view from = payload.substr(0, newline);
      if (newline != std::string_view::npos && from != node_) {
        const std::string_view rest = payload.substr(newline + 1);
        if (rest == "*") {
          if (handlers_.drop_all) handlers_.drop_all();
        } else if (handlers_.drop) {
          std::vector<std::string> keys;
          std::size_t start = 0;
          while (start <= rest.size()) {
            const std::size_t end = std::min(rest.find('\n', start), rest.size());
            if (end > start) keys.emplace_back(rest.substr(start, end - start));
            start = end + 1;
          }
          handlers_.drop(keys);
        }
      }
      PQfreemem(note);
    }
  }
}

}  // namespace lede::store::postgres
