#pragma once
// What one node's writes made stale, told to every other node sharing the
// database: NOTIFY on one channel, and a listening connection per node.
// A node that lost its listening connection (a database restart, a network
// cut) may have missed some: when it is back, it drops everything.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "util/result.h"

namespace lede::store::postgres {

class Connection;

class ChangeChannel {
 public:
  struct Handlers {
    // Another node dropped these content keys (publishing/cache_keys).
    std::function<void(const std::vector<std::string>& keys)> drop;
    // Another node changed too much to name, or this one may have missed
    // something.
    std::function<void()> drop_all;
  };

  // Connects (one line saying why when it cannot); listens from Listen on.
  static Result<std::unique_ptr<ChangeChannel>> Open(const std::string& url);
  ~ChangeChannel();

  // Starts the listening thread, which calls `handlers` (never for this
  // node's own announcements).
  void Listen(Handlers handlers);

  // Announces keys this node dropped (empty: everything), after the writes
  // that made them stale committed. Best effort: a failure is logged, and
  // nodes that missed it catch up when they reconnect.
  void Publish(const std::vector<std::string>& keys);

 private:
  ChangeChannel(std::string url, std::unique_ptr<Connection> publisher);
  void Run();

  const std::string url_;
  const std::string node_;  // random: tells this node's announcements apart
  std::mutex publish_mutex_;
  std::unique_ptr<Connection> publisher_;
  Handlers handlers_;
  std::atomic<bool> stop_{false};
  std::thread listener_;
};

}  // namespace lede::store::postgres
