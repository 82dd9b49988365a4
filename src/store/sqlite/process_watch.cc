#include "store/sqlite/process_watch.h"

#include <spdlog/spdlog.h>

namespace lede::store::sqlite {
namespace {

Result<std::int64_t> ReadInt(Database& db, std::string_view sql) {
  LEDE_TRY(auto query, db.Prepare(sql));
  LEDE_TRY(bool row, query->Step());
  if (!row) return std::int64_t{0};
  return query->Int(0);
}

}  // namespace

Result<std::unique_ptr<ProcessWatch>> ProcessWatch::Start(const std::string& path,
                                                          std::chrono::milliseconds interval,
                                                          std::function<void()> changed) {
  LEDE_TRY(auto db, Database::Open(path));
  LEDE_TRY(auto generation, ReadInt(*db, "SELECT changed FROM site_generation WHERE id = 1"));
  // Whatever was announced before this server started is on its pages
  // already: record it as seen, so that a writer finds a watcher.
  LEDE_TRY(auto seen, db->Prepare("UPDATE site_generation SET seen = ?1 WHERE id = 1"));
  LEDE_TRY(seen->Bind(1, generation).Run());
  std::unique_ptr<ProcessWatch> watch(
      new ProcessWatch(std::move(db), interval, std::move(changed), generation));
  watch->thread_ = std::thread([raw = watch.get()] { raw->Run(); });
  return watch;
}

ProcessWatch::ProcessWatch(std::unique_ptr<Database> db, std::chrono::milliseconds interval,
                           std::function<void()> changed, std::int64_t generation)
    : db_(std::move(db)), interval_(interval), changed_(std::move(changed)),
      generation_(generation) {}

ProcessWatch::~ProcessWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProcessWatch::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (auto status = Poll(); !status) {
      spdlog::warn("watching for other processes' writes: {}", status.error().message);
    }
    lock.lock();
  }
}

Status ProcessWatch::Poll() {
  // data_version is answered from memory: polling costs next to nothing
  // until some other connection commits.
  LEDE_TRY(auto version, ReadInt(*db_, "PRAGMA data_version"));
  if (version == data_version_) return {};
  data_version_ = version;
  LEDE_TRY(auto generation, ReadInt(*db_, "SELECT changed FROM site_generation WHERE id = 1"));
  if (generation == generation_) return {};
  generation_ = generation;
  changed_();
  LEDE_TRY(auto seen, db_->Prepare("UPDATE site_generation SET seen = ?1 WHERE id = 1"));
  return seen->Bind(1, generation).Run();
}

Status AnnounceChanges(Database& db, std::chrono::milliseconds wait) {
  LEDE_TRY(auto before, ReadInt(db, "SELECT changed FROM site_generation WHERE id = 1"));
  LEDE_TRY(auto seen_before, ReadInt(db, "SELECT seen FROM site_generation WHERE id = 1"));
  LEDE_TRY(db.Run("UPDATE site_generation SET changed = changed + 1 WHERE id = 1"));
  // No server saw the last announcement: none is watching now, most
  // likely; do not wait for one.
  if (seen_before < before) return {};
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    LEDE_TRY(auto seen, ReadInt(db, "SELECT seen FROM site_generation WHERE id = 1"));
    if (seen > before) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

}  // namespace lede::store::sqlite
