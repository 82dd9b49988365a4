#pragma once
// Push notifications: when an article readers can see is published,
// edited, moved or withdrawn, a WebSub hub is told which feeds changed
// (hub.mode=publish, one topic a request) and IndexNow which URLs did.
// Saves only queue the work; one background thread sends it, retrying
// what failed for a reason that may pass (no answer, 429, 5xx) with
// doubling delays, so an endpoint that is down never slows or fails a
// publish. A scheduled article is announced when it goes live, by the
// node that claims its going-live (publishing::ChangeTracker).
//
// The queue lives in memory: notifications still pending when the server
// stops are logged and dropped (a restart does not re-announce them).

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "http/router.h"
#include "publishing/catalog.h"
#include "publishing/desk.h"
#include "util/result.h"

namespace lede::push {

struct PushOptions {
  std::string websub_hub;    // the hub's URL; "" for none
  std::string indexnow_key;  // "" for none
  std::string indexnow_endpoint = "https://api.indexnow.org/indexnow";
  // Retries wait first_retry, then twice that, and so on, up to max_delay;
  // after max_attempts sends a notification is given up (and logged).
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds max_delay{std::chrono::minutes(10)};
  int max_attempts = 8;
  std::chrono::seconds timeout{10};  // per request

  bool enabled() const { return !websub_hub.empty() || !indexnow_key.empty(); }
};

// kInvalidArgument naming the option: a hub or endpoint that is not an
// http(s) URL, a key that is not 8 to 128 letters, digits or dashes
// (IndexNow's rule).
Status ValidatePushOptions(const PushOptions& options);

class Notifier final : public publishing::SaveObserver {
 public:
  // `catalog` gives the site's public address at each save.
  Notifier(PushOptions options, publishing::Catalog& catalog);
  // Stops the thread after the request in flight, if any.
  ~Notifier() override;

  void ArticleSaved(const content::Article* before, const content::Article& after) override;
  // A scheduled article became visible at its time: announced now.
  void ArticleWentLive(const content::Article& article);
  // Serves the IndexNow key file, /{key}.txt, when there is a key.
  void Register(http::Router& router) const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    std::string url;
    std::string content_type;
    std::string body;
    std::string what;  // for the log: "WebSub https://.../feed/"
    int attempt = 0;
  };
  // Queues what readers stop seeing (`gone`) and now see (`shown`).
  void Announce(const content::Article* gone, const content::Article* shown, std::int64_t id);
  void Send(const std::set<std::string>& topics, const std::set<std::string>& urls,
            const std::string& base);
  void Enqueue(Job job, Clock::time_point due);
  void Run();

  const PushOptions options_;
  publishing::Catalog& catalog_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, Job> queue_;  // by when it is due
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace lede::push
