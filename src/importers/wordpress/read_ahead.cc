#include "importers/wordpress/read_ahead.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace lede::importers::wordpress {
namespace {

using Event = std::variant<WxrChannel, WxrAuthor, WxrTerm, WxrItem>;

// Events pass in groups, so that the threads wake each other once per
// group rather than once per item.
constexpr std::size_t kGroup = 16;
constexpr std::size_t kMaxQueued = 8 * kGroup;  // bounds memory: items hold bodies

class Queue {
 public:
  // False when the consumer has stopped.
  bool Push(std::vector<Event>& group) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return stopped_ || events_.size() < kMaxQueued; });
    if (stopped_) return false;
    for (auto& event : group) events_.push_back(std::move(event));
    group.clear();
    ready_.notify_one();
    return true;
  }

  void Finish(Status status) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    status_ = std::move(status);
    ready_.notify_one();
  }

  // Swaps everything queued into `out`; false when nothing more will come.
  bool Pop(std::vector<Event>& out) {
    out.clear();
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return finished_ || !events_.empty(); });
    if (events_.empty()) return false;
    out.swap(events_);
    room_.notify_one();
    return true;
  }

  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }

  Status status() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::vector<Event> events_;
  bool finished_ = false;
  bool stopped_ = false;
  Status status_;
};

// Runs on the reading thread: queues what the reader reports.
class Forwarder : public WxrHandler {
 public:
  explicit Forwarder(Queue& queue) : queue_(queue) {}
  Status OnChannel(const WxrChannel& channel) override { return Add(channel); }
  Status OnAuthor(const WxrAuthor& author) override { return Add(author); }
  Status OnTerm(const WxrTerm& term) override { return Add(term); }
  Status OnItem(const WxrItem& item) override { return Add(item); }

  Status Flush() {
    if (!group_.empty() && !queue_.Push(group_)) return Stopped();
    return {};
  }

 private:
  static Status Stopped() { return MakeError(ErrorCode::kInternal, "the reader was stopped"); }

  Status Add(Event event) {
    group_.push_back(std::move(event));
    // The channel and the terms go at once: the first items wait for them.
    if (group_.size() < kGroup && std::holds_alternative<WxrItem>(group_.back())) return {};
    return Flush();
  }

  Queue& queue_;
  std::vector<Event> group_;
};

Status Dispatch(WxrHandler& handler, const Event& event) {
  return std::visit(
      [&handler](const auto& value) -> Status {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, WxrChannel>) return handler.OnChannel(value);
        if constexpr (std::is_same_v<T, WxrAuthor>) return handler.OnAuthor(value);
        if constexpr (std::is_same_v<T, WxrTerm>) return handler.OnTerm(value);
        if constexpr (std::is_same_v<T, WxrItem>) return handler.OnItem(value);
      },
      event);
}

}  // namespace

Status ReadWxrAhead(const std::filesystem::path& file, WxrHandler& handler,
                    const std::filesystem::path& shown_as) {
  Queue queue;
  std::thread reader([&] {
    Forwarder forwarder(queue);
    Status status = ReadWxr(file, forwarder, shown_as);
    // What was read before an error is still handled, as ReadWxr would.
    Status flushed = forwarder.Flush();
    queue.Finish(status ? std::move(flushed) : std::move(status));
  });
  Status handled;
  std::vector<Event> events;
  while (handled && queue.Pop(events)) {
    for (const auto& event : events) {
      handled = Dispatch(handler, event);
      if (!handled) break;
    }
  }
  queue.Stop();  // a reader still waiting for room gives up
  reader.join();
  if (!handled) return handled;
  return queue.status();
}

}  // namespace lede::importers::wordpress
