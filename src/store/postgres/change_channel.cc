#include "store/postgres/change_channel.h"

#include <poll.h>
#include <unistd.h>
#include <sodium.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "store/postgres/connection.h"

namespace lede::store::postgres {
namespace {

constexpr std::string_view kChannel = "lede_changes";
// Where nodes answer that they dropped what an announcement said.
constexpr std::string_view kAnswers = "lede_changes_done";
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

ChangeChannel::ChangeChannel(std::string url) : url_(std::move(url)), node_(RandomNode()) {}

Result<std::unique_ptr<ChangeChannel>> ChangeChannel::Open(const std::string& url) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  // No connection yet: most commands (lede user add, token list) announce
  // nothing, and the store's own connections already said whether the
  // database answers.
  return std::unique_ptr<ChangeChannel>(new ChangeChannel(url));
}

ChangeChannel::~ChangeChannel() {
  stop_ = true;
  if (listener_.joinable()) listener_.join();
}

void ChangeChannel::Listen(Handlers handlers) {
  handlers_ = std::move(handlers);
  listening_ = true;
  listener_ = std::thread([this] { Run(); });
}

bool ChangeChannel::AwaitListening(std::chrono::milliseconds limit) {
  std::unique_lock lock(up_mutex_);
  return up_changed_.wait_for(lock, limit, [this] { return up_; });
}

void ChangeChannel::Publish(const std::vector<std::string>& keys) {
  std::uint64_t sequence = 0;
  {
    std::lock_guard lock(acks_mutex_);
    sequence = ++last_sequence_;
    acks_[sequence] = 0;  // before the NOTIFY: an answer may come before its count
  }
  // "NODE SEQ\n" then one key a line; "NODE SEQ\n*" for everything.
  std::string payload = fmt::format("{} {}\n", node_, sequence);
  std::size_t size = payload.size();
  for (const auto& key : keys) size += key.size() + 1;
  if (keys.empty() || size > kMaxPayload) {
    payload += "*";
  } else {
    for (std::size_t i = 0; i < keys.size(); ++i) payload += (i ? "\n" : "") + keys[i];
  }
  // The other nodes listening now, counted in the same statement: each
  // of them receives the announcement and answers it.
  std::optional<std::int64_t> peers;
  // A command (lede import) has no listening thread: the answers come to
  // the connection it announces on.
  const bool answers_here = !listening_;
  {
    std::lock_guard lock(publish_mutex_);
    for (int attempt = 0; attempt < 2 && !peers; ++attempt) {
      if (!publisher_) {
        auto made = Connection::Open(url_);
        if (!made) continue;
        publisher_ = std::move(*made);
      } else if (!publisher_->healthy() && !publisher_->Reconnect()) {
        continue;
      }
      if (answers_here && !publisher_->Exec(fmt::format("LISTEN {}", kAnswers))) continue;
      auto notify = publisher_->Prepare(
          "SELECT pg_notify(?1, ?2), (SELECT count(*) FROM pg_stat_activity "
          "WHERE datname = current_database() AND application_name LIKE 'lede listener %' "
          "AND application_name NOT LIKE ?3)");
      if (!notify) continue;
      (*notify)->Bind(1, kChannel).Bind(2, std::string_view(payload)).Bind(3, "lede listener % " + node_);
      auto row = (*notify)->Step();
      if (row && *row) peers = (*notify)->Int(1);
    }
  }
  if (answers_here) {
    std::lock_guard lock(publish_mutex_);
    if (publisher_) {  // none when the database could not be reached
      const std::int64_t answered = peers && *peers > 0 ? AwaitAnswers(sequence, *peers) : 0;
      // Not listening past this announcement: unread answers to other
      // nodes' would pile up in the connection.
      (void)publisher_->Exec(fmt::format("UNLISTEN {}", kAnswers));
      while (PGnotify* note = PQnotifies(publisher_->raw())) PQfreemem(note);
      std::lock_guard acks(acks_mutex_);
      acks_[sequence] = answered;
    }
  }
  std::unique_lock lock(acks_mutex_);
  if (!peers) {
    acks_.erase(sequence);
    spdlog::warn("could not tell the other nodes what changed: {}", RedactUrl(url_));
    return;
  }
  const bool all = answers_here ? acks_[sequence] >= *peers
                                : acked_.wait_for(lock, kAckWait, [&] { return acks_[sequence] >= *peers; });
  if (!all) {
    spdlog::warn("{} of {} other nodes did not say they dropped what changed within {} ms",
                 *peers - acks_[sequence], *peers, kAckWait.count());
  }
  acks_.erase(sequence);
}

std::int64_t ChangeChannel::AwaitAnswers(std::uint64_t sequence, std::int64_t peers) {
  const auto deadline = std::chrono::steady_clock::now() + kAckWait;
  const std::string expected = fmt::format("{} {}", node_, sequence);
  std::int64_t answered = 0;
  for (auto now = std::chrono::steady_clock::now(); answered < peers && now < deadline;
       now = std::chrono::steady_clock::now()) {
    pollfd socket{PQsocket(publisher_->raw()), POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    if (::poll(&socket, 1, static_cast<int>(std::max<std::int64_t>(left, 1))) > 0 &&
        PQconsumeInput(publisher_->raw()) != 1) {
      break;  // the connection is gone: no answer will come on it
    }
    while (PGnotify* note = PQnotifies(publisher_->raw())) {
      if (kAnswers == note->relname && expected == note->extra) ++answered;
      PQfreemem(note);
    }
  }
  return answered;
}

void ChangeChannel::Received(Connection& connection, std::string_view channel,
                             std::string_view payload) {
  if (channel == kAnswers) {
    // "NODE SEQ": a node dropped what announcement SEQ of NODE said.
    const std::size_t space = payload.find(' ');
    if (space == std::string_view::npos || payload.substr(0, space) != node_) return;
    const auto sequence = std::strtoull(std::string(payload.substr(space + 1)).c_str(), nullptr, 10);
    {
      std::lock_guard lock(acks_mutex_);
      const auto waiting = acks_.find(sequence);
      if (waiting == acks_.end()) return;  // already given up on
      ++waiting->second;
    }
    acked_.notify_all();
    return;
  }
  const std::size_t newline = payload.find('\n');
  if (newline == std::string_view::npos) return;
  const std::string_view from = payload.substr(0, newline);  // "NODE SEQ"
  if (from.substr(0, from.find(' ')) == node_) return;
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
  // Dropped: the writer may answer its client. A node id and a number,
  // nothing to quote; a failed answer only makes the writer wait longer.
  if (from.find_first_not_of("0123456789abcdef ") == std::string_view::npos) {
    (void)connection.Exec(fmt::format("SELECT pg_notify('{}', '{}')", kAnswers, from));
  }
}

void ChangeChannel::SetUp(bool up) {
  {
    std::lock_guard lock(up_mutex_);
    up_ = up;
  }
  up_changed_.notify_all();
}

void ChangeChannel::Run() {
  std::unique_ptr<Connection> connection;
  bool missed = false;  // set once a connection was lost
  while (!stop_) {
    if (!connection || !connection->healthy()) {
      if (connection) {
        missed = true;
        SetUp(false);
        if (handlers_.listening) handlers_.listening(false);
      }
      connection.reset();
      auto made = Connection::Open(url_, 2);
      // Named after listening, so that a writer counting the listeners
      // (Publish) never waits for one that cannot hear it; and so that an
      // operator (or a test) can tell each node's listener apart in
      // pg_stat_activity.
      if (!made || !(*made)->Exec(fmt::format("LISTEN {}", kChannel)) ||
          !(*made)->Exec(fmt::format("LISTEN {}", kAnswers)) ||
          !(*made)->Exec(fmt::format("SET application_name = 'lede listener {} {}'", ::getpid(), node_))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      connection = std::move(*made);
      // Whatever was announced while this node was not listening is lost.
      if (handlers_.listening) {
        handlers_.listening(true);
      } else if (missed && handlers_.drop_all) {
        handlers_.drop_all();
      }
      missed = false;
      SetUp(true);
    }
    pollfd socket{PQsocket(connection->raw()), POLLIN, 0};
    if (::poll(&socket, 1, 100) <= 0) continue;
    if (PQconsumeInput(connection->raw()) != 1) continue;  // healthy() says so next turn
    while (PGnotify* note = PQnotifies(connection->raw())) {
      Received(*connection, note->relname, note->extra);
      PQfreemem(note);
    }
  }
}

}  // namespace lede::store::postgres
