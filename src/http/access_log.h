#pragma once
// The access log: a line per answered request, costing the serving thread
// a format into memory it already owns and nothing else.
//
// Each serving thread appends to a buffer of its own (its shard), behind a
// lock that only the writer ever contends for. A writer thread takes the
// full shards every `interval`, or as soon as one passes `flush_bytes`, and
// writes them with one write(2) each: no syscall, queue node or allocation
// per request, and never a request waiting for a slow disk or a full pipe.
// If the disk falls that far behind, a shard stops growing at
// `max_shard_bytes`; the lines beyond, and those a failed write loses,
// are counted and the count reported. Bytes a client sent that are not
// printable ASCII are written \xNN, so no request can forge a line.
//
// Lines from one thread stay in order; lines from different threads are
// interleaved by flush, not strictly by time (each carries its own time).
//
//   2026-12-07T22:43:56Z 127.0.0.1 "GET /world/" 200 5120 0.210ms "curl/7.88"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/server.h"
#include "util/result.h"

namespace lede::http {

struct AccessLogOptions {
  std::chrono::milliseconds interval{200};
  std::size_t flush_bytes = 64 * 1024;
  std::size_t max_shard_bytes = 8 * 1024 * 1024;
  // Told how many lines were dropped (a slow or failing disk, a closed
  // pipe), from the writer thread; unset, the count goes into the log.
  std::function<void(std::string_view)> warn;
};

class AccessLog {
 public:
  // "-" for standard output, else a file opened for appending (created
  // 0640 if missing).
  [[nodiscard]] static Result<std::unique_ptr<AccessLog>> Open(const std::string& target,
                                                               AccessLogOptions options = {});
  // Writes what is buffered.
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Safe from any thread.
  void Record(const AccessRecord& record);
  // Writes everything recorded before the call, then returns.
  void Flush();

  // Lines dropped because the writer fell behind or a write failed.
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  struct Shard {
    std::mutex mutex;
    std::string lines;
    std::int64_t second = -1;  // the second `stamp` spells
    char stamp[24] = {};
  };

  AccessLog(int fd, bool owns_fd, AccessLogOptions options);
  Shard& ThisThreadsShard();
  void Run();
  // Takes every shard's lines and writes them; only the writer thread or
  // Flush (under write_mutex_) calls it.
  void WriteOut();

  const int fd_;
  const bool owns_fd_;
  const AccessLogOptions options_;
  const std::uint64_t id_;  // which log a thread's cached shard belongs to
  std::mutex shards_mutex_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::mutex write_mutex_;
  std::string out_;  // the writer's buffer, reused
  std::atomic<std::uint64_t> dropped_{0};
  std::uint64_t reported_dropped_ = 0;
  bool broken_line_ = false;  // a write stopped mid-line
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool full_ = false;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace lede::http
