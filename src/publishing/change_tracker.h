#pragma once
// The ChangeTracker turns every write readers can see into the content
// keys it drops (publishing/cache_keys.h) and hands them to a sink (the
// page cache and the CDN purge hook, wired in app/). It is told of article
// saves (as the Desk's observer), of votes (before they are answered) and
// of site-wide changes; and it wakes by itself at the second a scheduled
// article goes live, since no write happens then. Every node sharing a
// store wakes for it (each asks the store what is scheduled every few
// seconds, so it learns of articles scheduled elsewhere); the one whose claim the store grants announces it
// (CDN, other nodes), the others only drop their own copies.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "publishing/desk.h"
#include "store/store.h"
#include "util/time.h"

namespace lede::publishing {

struct ChangeSink {
  // Drops what is filed under any of these keys. Must not fail or block.
  std::function<void(const std::vector<std::string>& keys)> drop;
  // Drops everything.
  std::function<void()> drop_all;
  // Drops these keys from this process's own copies only, for a change
  // another process announces (a scheduled article going live, which
  // every node wakes for and one claims); when unset, `drop` is used.
  std::function<void(const std::vector<std::string>& keys)> drop_here;
};

class ChangeTracker final : public SaveObserver {
 public:
  // `store` and `clock` must outlive the tracker.
  ChangeTracker(store::Store& store, const util::Clock& clock, ChangeSink sink);
  ~ChangeTracker() override;

  // Learns the scheduled articles already stored and starts the thread
  // that wakes for them. Until then (tools, imports run from the command
  // line, a demo being written) saves and votes cost it nothing.
  void Start();
  // Stops the thread; nothing is dropped at a scheduled time after this.
  void Stop();
  // Told of each scheduled article going live that this node claimed (so
  // exactly once across nodes), after its pages were dropped: push
  // notifications. Set before Start.
  void OnWentLive(std::function<void(const content::Article&)> went_live) {
    went_live_ = std::move(went_live);
  }

  void ArticleSaved(const content::Article* before, const content::Article& after) override;
  // Accepted votes on these articles, committed and not yet answered.
  void VotesRecorded(const std::vector<std::int64_t>& article_ids);
  // Something every page shows (settings, menu, sections, static pages,
  // media captions), or more than can be named (an import) changed.
  void SiteChanged();
  // Redirects were added: a path that was missing may now lead somewhere.
  void RedirectsChanged();

 private:
  void Schedule(const content::Article& article);
  // Under mutex_; once per article and time.
  void AddScheduled(util::UnixSeconds when, std::int64_t id);
  void LoadScheduled();
  void Run();
  void GoneLive(std::int64_t article_id);
  // The content keys a save (or a schedule firing) of `after` changed.
  std::vector<std::string> KeysChanged(const content::Article* before,
                                       const content::Article& after, util::UnixSeconds now);
  // Drops what a save of `after` changed.
  void Drop(const content::Article* before, const content::Article& after, util::UnixSeconds now);
  std::vector<std::int64_t> NeighbourIds(const content::Article& article);

  store::Store& store_;
  const util::Clock& clock_;
  ChangeSink sink_;
  std::function<void(const content::Article&)> went_live_;
  std::mutex top_rated_mutex_;
  std::vector<std::int64_t> top_rated_;  // the last known ranking, ids in order
  bool top_rated_known_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<util::UnixSeconds, std::int64_t> scheduled_;  // when, which article
  bool stopping_ = false;
  std::atomic<bool> started_{false};
  std::thread thread_;
};

}  // namespace lede::publishing
