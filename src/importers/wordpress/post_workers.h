#pragma once
// Preparing posts off the main thread: converting and sanitising content
// takes CPU but touches no shared state, so a few workers do it while the
// main thread writes prepared posts in file order.

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "content/safe_html.h"
#include "importers/wordpress/content_converter.h"
#include "importers/wordpress/survey.h"
#include "importers/wordpress/wxr_reader.h"

namespace lede::importers::wordpress {

// What a post needs that takes CPU but no shared state: converted and
// sanitised content and plain-text title and excerpt. Made on workers.
struct Prepared {
  WxrItem item;
  std::string headline;
  std::string standfirst;
  ConvertedContent converted;
  content::SafeHtml body_html;
};

Prepared Prepare(WxrItem item, const Survey& survey);

// A few threads preparing posts while the main thread writes them in
// order. Posts go in groups, so that a worker is woken once per group: a
// plain post takes a worker about 25 us, no more than a wake-up costs.
class Workers {
 public:
  using Group = std::vector<WxrItem>;
  using Done = std::vector<Prepared>;
  static constexpr std::size_t kGroupSize = 8;

  Workers(unsigned count, const Survey& survey) : survey_(survey) {
    for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  std::future<Done> Submit(Group group) {
    std::packaged_task<Done()> task([this, group = std::move(group)]() mutable {
      Done done;
      done.reserve(group.size());
      for (auto& item : group) done.push_back(Prepare(std::move(item), survey_));
      return done;
    });
    auto future = task.get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
    return future;
  }

 private:
  void Run() {
    while (true) {
      std::packaged_task<Done()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  const Survey& survey_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Done()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace lede::importers::wordpress
