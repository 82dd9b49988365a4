#pragma once
// What one node's writes made stale, told to every other node sharing the
// database: NOTIFY on one channel, and a listening connection per node.
// Each node answers on a second channel once it has dropped what it was
// told, and the writer waits for every listening node's answer (up to
// kAckWait) before its write is answered: once a client has its answer, no
// node serves the page from before. A node that lost its listening
// connection (a database restart, a network cut) may have missed some:
// when it is back, it drops everything.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "util/result.h"

namespace lede::store::postgres {

class Connection;

// How long a write waits for the other nodes to say they dropped what it
// made stale; a node that has not answered by then is logged (it is dying,
// or its listener is cut and it will drop everything when back).
inline constexpr std::chrono::milliseconds kAckWait{1000};

class ChangeChannel {
 public:
  struct Handlers {
    // Another node dropped these content keys (publishing/cache_keys).
    std::function<void(const std::vector<std::string>& keys)> drop;
    // Another node changed too much to name.
    std::function<void()> drop_all;
    // The listening connection is up (true; other nodes now count this
    // one and wait for its answers, and whatever it kept from before may
    // be stale) or lost (false). Without it, drop_all on reconnection.
    std::function<void(bool listening)> listening;
  };

  // Connects on the first Publish, and listens from Listen on.
  static Result<std::unique_ptr<ChangeChannel>> Open(const std::string& url);
  ~ChangeChannel();

  // Starts the listening thread, which calls `handlers` (never for this
  // node's own announcements).
  void Listen(Handlers handlers);
  // Waits until the listening connection is up, for up to `limit`; whether
  // it is. A node serves uncached until then, so its server waits here
  // before it takes requests: a page cached at start is not dropped later.
  bool AwaitListening(std::chrono::milliseconds limit);

  // Announces keys this node dropped (empty: everything), after the writes
  // that made them stale committed, and returns once every other listening
  // node has dropped them (or kAckWait passed). Best effort: a failure is
  // logged, and nodes that missed it catch up when they reconnect.
  void Publish(const std::vector<std::string>& keys);

 private:
  explicit ChangeChannel(std::string url);
  void Run();
  void SetUp(bool up);
  // The listener's part: what another node announced, or an answer to
  // one of this node's announcements.
  void Received(Connection& connection, std::string_view channel, std::string_view payload);
  // Without a listening thread: reads answers to announcement `sequence`
  // on the publishing connection, up to `peers` or kAckWait; how many came.
  std::int64_t AwaitAnswers(std::uint64_t sequence, std::int64_t peers);

  const std::string url_;
  const std::string node_;  // random: tells this node's announcements apart
  std::mutex publish_mutex_;
  std::unique_ptr<Connection> publisher_;  // opened by the first Publish
  Handlers handlers_;
  std::mutex acks_mutex_;
  std::condition_variable acked_;
  std::uint64_t last_sequence_ = 0;
  std::map<std::uint64_t, int> acks_;  // this node's announcements still waited for: answers
  std::atomic<bool> stop_{false};
  std::atomic<bool> listening_{false};  // Listen was called
  std::mutex up_mutex_;
  std::condition_variable up_changed_;
  bool up_ = false;  // the listening connection is up
  std::thread listener_;
};

}  // namespace lede::store::postgres
