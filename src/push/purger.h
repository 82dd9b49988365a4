#pragma once
// The CDN purge hook (--purge-url): each time the page cache drops
// answers, the content keys it dropped are POSTed to the URL, so a CDN in
// front that files pages by their Surrogate-Key header drops the same ones.
// The request carries the keys twice, as CDNs differ in where they read
// them: a "Surrogate-Key: k1 k2" header and a text/plain body "k1 k2".
//
// Invalidations only queue keys; one thread sends them, merging what
// gathered meanwhile into one request. A failure that may pass (no answer,
// 429, 5xx) is retried with doubling delays, the keys merged with newer
// ones; after max_attempts they are logged and dropped.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "util/result.h"

namespace lede::push {

struct PurgeOptions {
  std::string url;  // http(s); "" for none
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds max_delay{std::chrono::minutes(1)};
  int max_attempts = 6;
  std::chrono::seconds timeout{10};
};

// kInvalidArgument ("purge_url") unless an http(s) URL.
Status ValidatePurgeOptions(const PurgeOptions& options);

class Purger {
 public:
  explicit Purger(PurgeOptions options);
  // Stops after the request in flight, if any; what is queued is logged.
  ~Purger();

  // Queues keys to purge. Safe from any thread; never blocks on the network.
  void Purge(const std::vector<std::string>& keys);

 private:
  void Run();

  const PurgeOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> pending_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace lede::push
