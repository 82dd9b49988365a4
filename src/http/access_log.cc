#include "http/access_log.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

namespace lede::http {
namespace {

std::atomic<std::uint64_t> next_log_id{1};

// write(2) until all is written or the descriptor fails, returning how
// much was written; a log that cannot be written is not worth stopping a
// server for. A non-blocking descriptor (an inherited standard output) is
// waited on for a second at a time.
std::size_t WriteAll(int fd, std::string_view bytes) {
  std::size_t total = 0;
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pollfd ready{fd, POLLOUT, 0};
        if (::poll(&ready, 1, 1000) > 0) continue;
      }
      return total;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
    total += static_cast<std::size_t>(written);
  }
  return total;
}

// A target and user agent come from the client: a quote, backslash or
// control character would let it forge lines or fields, and bytes past
// ASCII may spell a line separator (U+2028, NEL), a bidi override or a C1
// control to whatever reads the log. Every such byte is written \xNN, as
// nginx does.
void AppendEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& target, AccessLogOptions options) {
  if (target == "-") return std::unique_ptr<AccessLog>(new AccessLog(STDOUT_FILENO, false, options));
  const int fd = ::open(target.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot open {}: {}", target, std::strerror(errno)));
  }
  return std::unique_ptr<AccessLog>(new AccessLog(fd, true, options));
}

AccessLog::AccessLog(int fd, bool owns_fd, AccessLogOptions options)
    : fd_(fd), owns_fd_(owns_fd), options_(options), id_(next_log_id.fetch_add(1)), writer_([this] { Run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  Flush();
  if (owns_fd_) ::close(fd_);
}

AccessLog::Shard& AccessLog::ThisThreadsShard() {
  // A serving thread logs to one log for its life; the id (not the
  // address, which a later log may reuse) says whether the cache is ours.
  thread_local std::uint64_t cached_for = 0;
  thread_local Shard* cached = nullptr;
  if (cached_for == id_) return *cached;
  std::lock_guard lock(shards_mutex_);
  shards_.push_back(std::make_unique<Shard>());
  cached = shards_.back().get();
  cached_for = id_;
  return *cached;
}

void AccessLog::Record(const AccessRecord& record) {
  Shard& shard = ThisThreadsShard();
  const auto now = std::chrono::system_clock::now();
  const std::int64_t second = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  bool full = false;
  {
    std::lock_guard lock(shard.mutex);
    if (shard.lines.size() >= options_.max_shard_bytes) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      full = true;
    } else {
      if (shard.second != second) {
        const std::time_t t = static_cast<std::time_t>(second);
        std::tm utc{};
        gmtime_r(&t, &utc);
        std::strftime(shard.stamp, sizeof shard.stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
        shard.second = second;
      }
      std::string& out = shard.lines;
      out += shard.stamp;
      out += ' ';
      out += record.remote_address;
      out += " \"";
      out += record.method;
      out += ' ';
      AppendEscaped(out, record.target);
      fmt::format_to(std::back_inserter(out), "\" {} {} {:.3f}ms \"", record.status, record.bytes,
                     static_cast<double>(record.duration.count()) / 1000.0);
      AppendEscaped(out, record.user_agent);
      out += "\"\n";
      full = out.size() >= options_.flush_bytes;
    }
  }
  if (full) {
    {
      std::lock_guard lock(wake_mutex_);
      full_ = true;
    }
    wake_.notify_one();
  }
}

void AccessLog::Flush() {
  std::lock_guard lock(write_mutex_);
  WriteOut();
}

void AccessLog::WriteOut() {
  std::vector<Shard*> shards;
  {
    std::lock_guard lock(shards_mutex_);
    for (const auto& shard : shards_) shards.push_back(shard.get());
  }
  for (Shard* shard : shards) {
    {
      std::lock_guard lock(shard->mutex);
      if (shard->lines.empty()) continue;
      // The shard keeps the writer's emptied buffer and its capacity.
      out_.clear();
      out_.swap(shard->lines);
    }
    // A line cut short by a failed write is ended before the next one.
    if (broken_line_ && WriteAll(fd_, "\n") == 1) broken_line_ = false;
    const std::size_t written = broken_line_ ? 0 : WriteAll(fd_, out_);
    if (written < out_.size()) {
      const std::string_view lost = std::string_view(out_).substr(written);
      dropped_.fetch_add(static_cast<std::uint64_t>(std::count(lost.begin(), lost.end(), '\n')),
                         std::memory_order_relaxed);
      broken_line_ = broken_line_ || (written > 0 && out_[written - 1] != '\n');
    }
    // A buffer that grew while the disk was slow is not kept at that size.
    if (out_.capacity() > 4 * options_.flush_bytes) std::string().swap(out_);
  }
  const std::uint64_t dropped = dropped_.load(std::memory_order_relaxed);
  if (dropped != reported_dropped_) {
    const std::string message = fmt::format("access log: {} lines dropped, the log could not be written",
                                            dropped - reported_dropped_);
    if (options_.warn) {
      options_.warn(message);
    } else {
      WriteAll(fd_, message + "\n");
    }
    reported_dropped_ = dropped;
  }
}

void AccessLog::Run() {
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.interval, [this] { return stopping_ || full_; });
    full_ = false;
    lock.unlock();
    Flush();
    lock.lock();
  }
}

}  // namespace lede::http
