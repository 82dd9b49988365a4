#include "publishing/change_tracker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "publishing/cache_keys.h"
#include "publishing/catalog.h"

namespace lede::publishing {
namespace {

// Scheduled articles learnt at start and at each rescan; more are learnt
// as they are saved here.
constexpr int kScheduledAtStart = 1000;
// How often the store is asked again for what is scheduled: articles
// scheduled through another node (or process) are learnt this late at
// worst, so every node wakes for them even when the one that saved them
// is gone by then.
constexpr auto kRescan = std::chrono::seconds(5);

bool WillGoLive(const content::Article& article, util::UnixSeconds now) {
  return article.status != content::ArticleStatus::kDraft && article.published_at &&
         *article.published_at > now && !article.trashed_at;
}

}  // namespace

ChangeTracker::ChangeTracker(store::Store& store, const util::Clock& clock, ChangeSink sink)
    : store_(store), clock_(clock), sink_(std::move(sink)) {}

ChangeTracker::~ChangeTracker() { Stop(); }

void ChangeTracker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChangeTracker::Start() {
  started_ = true;
  LoadScheduled();
  thread_ = std::thread([this] { Run(); });
}

void ChangeTracker::LoadScheduled() {
  const util::UnixSeconds now = clock_.Now();
  auto upcoming = store_.ListUpcoming(now, kScheduledAtStart);
  if (!upcoming) {
    spdlog::warn("page cache: cannot list scheduled articles: {}", upcoming.error().message);
    return;
  }
  std::lock_guard lock(mutex_);
  for (const auto& article : *upcoming) {
    if (WillGoLive(article, now)) AddScheduled(*article.published_at, article.id);
  }
}

std::vector<std::int64_t> ChangeTracker::NeighbourIds(const content::Article& article) {
  const util::UnixSeconds now = clock_.Now();
  std::vector<std::int64_t> ids;
  if (!content::IsVisible(article, now)) return ids;
  auto neighbours = store_.FindNeighbours(article, now);
  if (!neighbours) return ids;
  if (neighbours->previous) ids.push_back(neighbours->previous->id);
  if (neighbours->next) ids.push_back(neighbours->next->id);
  return ids;
}

void ChangeTracker::ArticleSaved(const content::Article* before, const content::Article& after) {
  if (!started_) return;
  const util::UnixSeconds now = clock_.Now();
  Drop(before, after, now);
  if (WillGoLive(after, now)) Schedule(after);
}

void ChangeTracker::Schedule(const content::Article& article) {
  {
    std::lock_guard lock(mutex_);
    AddScheduled(*article.published_at, article.id);
  }
  wake_.notify_all();
}

void ChangeTracker::AddScheduled(util::UnixSeconds when, std::int64_t id) {
  const auto [first, last] = scheduled_.equal_range(when);
  for (auto it = first; it != last; ++it) {
    if (it->second == id) return;
  }
  scheduled_.emplace(when, id);
}

void ChangeTracker::Run() {
  std::unique_lock lock(mutex_);
  auto next_scan = std::chrono::steady_clock::now() + kRescan;
  while (!stopping_) {
    if (std::chrono::steady_clock::now() >= next_scan) {
      lock.unlock();
      LoadScheduled();
      lock.lock();
      next_scan = std::chrono::steady_clock::now() + kRescan;
      continue;
    }
    if (scheduled_.empty() || clock_.Now() < scheduled_.begin()->first) {
      // Wall-clock seconds, as published_at is: wake on the second itself.
      auto due = std::chrono::system_clock::now() + (next_scan - std::chrono::steady_clock::now());
      if (!scheduled_.empty()) {
        due = std::min(due, std::chrono::system_clock::from_time_t(
                                static_cast<std::time_t>(scheduled_.begin()->first)));
      }
      wake_.wait_until(lock, due);
      continue;
    }
    const auto id = scheduled_.begin()->second;
    scheduled_.erase(scheduled_.begin());
    lock.unlock();
    GoneLive(id);
    lock.lock();
  }
}

void ChangeTracker::GoneLive(std::int64_t article_id) {
  // As stored now: it may have been moved, unpublished or trashed since.
  auto article = store_.FindArticle(article_id);
  if (!article) return;
  const util::UnixSeconds now = clock_.Now();
  if (!content::IsVisible(*article, now)) {
    if (WillGoLive(*article, now)) Schedule(*article);
    return;
  }
  // The first article of a waiting section makes the menu show it (a
  // site-wide change, announced by the store as such).
  if (auto shown = Desk::ShowSectionOnceLive(store_, *article, now); !shown) {
    spdlog::warn("cannot show section {} in the menu: {}", article->section_id, shown.error().message);
  }
  const auto changed = KeysChanged(nullptr, *article, now);
  // Every node (and process) wakes for it and drops its own copies; only
  // the one that claims it announces. When the claim cannot be asked,
  // announcing twice beats leaving a CDN stale.
  auto claimed = store_.ClaimScheduledRun(article->id, *article->published_at, now);
  if (!claimed) {
    spdlog::warn("page cache: cannot claim the going-live of article {}: {}", article->id,
                 claimed.error().message);
  }
  const bool announce = !claimed || *claimed;
  if (!changed.empty()) {
    (announce || !sink_.drop_here ? sink_.drop : sink_.drop_here)(changed);
  }
  if (announce && went_live_) went_live_(*article);
}

std::vector<std::string> ChangeTracker::KeysChanged(const content::Article* before,
                                                    const content::Article& after,
                                                    util::UnixSeconds now) {
  auto changed = keys::ChangesFor(before, after, now, {});
  // Its neighbours change only when it moves in time or appears: only
  // then is it worth a query to find them.
  if (std::find(changed.begin(), changed.end(), keys::kLatest) != changed.end()) {
    changed = keys::ChangesFor(before, after, now, NeighbourIds(after));
  }
  return changed;
}

void ChangeTracker::Drop(const content::Article* before, const content::Article& after,
                         util::UnixSeconds now) {
  const auto changed = KeysChanged(before, after, now);
  if (!changed.empty()) sink_.drop(changed);
}

void ChangeTracker::VotesRecorded(const std::vector<std::int64_t>& article_ids) {
  if (!started_ || article_ids.empty()) return;
  std::vector<std::string> changed;
  for (auto id : article_ids) {
    auto key = keys::Key(keys::kRating, id);
    if (std::find(changed.begin(), changed.end(), key) == changed.end()) {
      changed.push_back(std::move(key));
    }
  }
  // Each vote moves the site's mean and so every Bayesian score: the
  // ranking is recomputed, and lists of it dropped only when it changed.
  if (auto ranked = store_.TopRated(kTopRatedLength, kTopRatedPriorVotes, clock_.Now())) {
    std::vector<std::int64_t> ids;
    for (const auto& article : *ranked) ids.push_back(article.id);
    std::lock_guard lock(top_rated_mutex_);
    if (!top_rated_known_ || ids != top_rated_) changed.emplace_back(keys::kTopRated);
    top_rated_ = std::move(ids);
    top_rated_known_ = true;
  } else {
    changed.emplace_back(keys::kTopRated);
  }
  sink_.drop(changed);
}

void ChangeTracker::RedirectsChanged() { sink_.drop({std::string(keys::kMissing)}); }

void ChangeTracker::SiteChanged() {
  sink_.drop_all();
  if (!started_) return;
  {
    std::lock_guard lock(top_rated_mutex_);
    top_rated_known_ = false;
  }
  // An import may have brought scheduled articles of its own.
  LoadScheduled();
  wake_.notify_all();
}

}  // namespace lede::publishing
