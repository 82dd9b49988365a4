#include "push/purger.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "push/http_post.h"

namespace lede::push {

Status ValidatePurgeOptions(const PurgeOptions& options) {
  if (options.url.empty() || options.url.starts_with("http://") ||
      options.url.starts_with("https://")) {
    return {};
  }
  return InvalidArgument(fmt::format("--purge-url \"{}\" is not an http(s) URL", options.url),
                         "purge_url");
}

Purger::Purger(PurgeOptions options) : options_(std::move(options)) {
  worker_ = std::thread([this] { Run(); });
}

Purger::~Purger() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Purger::Purge(const std::vector<std::string>& keys) {
  {
    std::lock_guard lock(mutex_);
    pending_.insert(keys.begin(), keys.end());
  }
  wake_.notify_all();
}

void Purger::Run() {
  std::unique_lock lock(mutex_);
  int attempt = 0;
  auto delay = options_.first_retry;
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    if (stopping_) break;
    std::vector<std::string> keys(pending_.begin(), pending_.end());
    pending_.clear();
    lock.unlock();
    const std::string joined = fmt::format("{}", fmt::join(keys, " "));
    const auto result =
        Post(options_.url, "text/plain", joined, options_.timeout, "Surrogate-Key: " + joined);
    lock.lock();
    const bool ok = result.status >= 200 && result.status < 300;
    const bool may_pass = result.status == 0 || result.status == 429 || result.status >= 500;
    if (ok) {
      attempt = 0;
      delay = options_.first_retry;
      continue;
    }
    if (!may_pass || ++attempt >= options_.max_attempts) {
      spdlog::warn("purge {}: gave up on {} keys: {}", options_.url, keys.size(),
                   result.status ? fmt::format("HTTP {}", result.status) : result.error);
      attempt = 0;
      delay = options_.first_retry;
      continue;
    }
    pending_.insert(keys.begin(), keys.end());
    // Waits out the delay unless stopping; keys queued meanwhile ride along.
    if (wake_.wait_for(lock, delay, [this] { return stopping_; })) break;
    delay = std::min(delay * 2, options_.max_delay);
  }
  if (!pending_.empty()) {
    spdlog::warn("purge {}: {} keys not sent before stopping", options_.url, pending_.size());
  }
}

}  // namespace lede::push
