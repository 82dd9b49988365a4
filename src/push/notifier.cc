#include "push/notifier.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "push/http_post.h"
#include "util/strings.h"

namespace lede::push {
namespace {

bool IsHttpUrl(std::string_view url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" \t\r\n\"<>") == std::string_view::npos && url.size() > 8;
}

// What a change to `article` touches: the feeds that list it and its page.
void Touched(const content::Article& article, const std::string& base, std::set<std::string>& topics,
             std::set<std::string>& urls) {
  topics.insert(base + "/feed/");
  topics.insert(base + "/atom.xml");
  topics.insert(base + content::SectionPath(article.section) + "feed/");
  for (const auto& tag : article.tags) {
    topics.insert(fmt::format("{}/tag/{}/feed/", base, util::EncodePathSegment(tag.slug)));
  }
  for (const auto& author : article.authors) {
    topics.insert(fmt::format("{}/author/{}/feed/", base, util::EncodePathSegment(author.slug)));
  }
  if (!article.correction.empty()) topics.insert(base + "/corrections/feed/");
  urls.insert(base + content::ArticlePath(article));
}

// IndexNow's "host": the public address without scheme, port or path.
std::string HostOf(std::string_view base) {
  base.remove_prefix(base.find("://") == std::string_view::npos ? 0 : base.find("://") + 3);
  base = base.substr(0, base.find('/'));
  if (!base.starts_with('[')) base = base.substr(0, base.find(':'));
  return std::string(base);
}

}  // namespace

Status ValidatePushOptions(const PushOptions& options) {
  if (!options.websub_hub.empty() && !IsHttpUrl(options.websub_hub)) {
    return InvalidArgument(fmt::format("--websub-hub \"{}\" is not an http(s) URL", options.websub_hub),
                           "websub_hub");
  }
  if (!IsHttpUrl(options.indexnow_endpoint)) {
    return InvalidArgument(
        fmt::format("--indexnow-endpoint \"{}\" is not an http(s) URL", options.indexnow_endpoint),
        "indexnow_endpoint");
  }
  const std::string& key = options.indexnow_key;
  const bool key_ok = key.size() >= 8 && key.size() <= 128 &&
                      std::all_of(key.begin(), key.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
                      });
  if (!key.empty() && !key_ok) {
    return InvalidArgument("--indexnow-key must be 8 to 128 letters, digits or dashes", "indexnow_key");
  }
  return {};
}

Notifier::Notifier(PushOptions options, publishing::Catalog& catalog)
    : options_(std::move(options)), catalog_(catalog), worker_([this] { Run(); }) {}

Notifier::~Notifier() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Notifier::Register(http::Router& router) const {
  if (options_.indexnow_key.empty()) return;
  router.Add(http::Method::kGet, "/" + options_.indexnow_key + ".txt",
             [key = options_.indexnow_key](const http::Request&, const http::PathParams&) {
               return http::Response::Text(200, key);
             });
}

void Notifier::ArticleSaved(const content::Article* before, const content::Article& after) {
  const util::UnixSeconds now = catalog_.Now();
  const bool was_visible = before && content::IsVisible(*before, now);
  const bool is_visible = content::IsVisible(after, now);
  // A draft's edit is nobody's news, nor yet a scheduled article's. What
  // readers stop seeing goes out now, and what they see now. What they
  // will see later is announced when it goes live (ArticleWentLive), by
  // whichever node claims it then: a node that saved it may be gone by
  // that time, and the article may be moved before it.
  if (!was_visible && !is_visible) return;
  Announce(was_visible ? before : nullptr, is_visible ? &after : nullptr, after.id);
}

void Notifier::ArticleWentLive(const content::Article& article) { Announce(nullptr, &article, article.id); }

void Notifier::Announce(const content::Article* gone, const content::Article* shown, std::int64_t id) {
  auto masthead = catalog_.LoadMasthead();
  if (!masthead) {
    spdlog::warn("push: no notification for article {}: {}", id, masthead.error().message);
    return;
  }
  const std::string& base = masthead->settings.base_url;
  std::set<std::string> topics, urls;
  if (gone) Touched(*gone, base, topics, urls);
  if (shown) Touched(*shown, base, topics, urls);
  Send(topics, urls, base);
}

void Notifier::Send(const std::set<std::string>& topics, const std::set<std::string>& urls,
                    const std::string& base) {
  const auto due = Clock::now();
  if (!options_.websub_hub.empty()) {
    for (const auto& topic : topics) {
      Enqueue({options_.websub_hub, "application/x-www-form-urlencoded",
               "hub.mode=publish&hub.url=" + util::EncodeQueryValue(topic), "WebSub " + topic},
              due);
    }
  }
  if (!options_.indexnow_key.empty() && !urls.empty()) {
    nlohmann::json body{{"host", HostOf(base)},
                        {"key", options_.indexnow_key},
                        {"keyLocation", base + "/" + options_.indexnow_key + ".txt"},
                        {"urlList", urls}};
    Enqueue({options_.indexnow_endpoint, "application/json; charset=utf-8", body.dump(),
             fmt::format("IndexNow {}", fmt::join(urls, " "))},
            due);
  }
}

void Notifier::Enqueue(Job job, Clock::time_point due) {
  {
    std::lock_guard lock(mutex_);
    // Saves in quick succession announce the same thing once.
    for (const auto& [when, pending] : queue_) {
      if (pending.attempt == 0 && pending.url == job.url && pending.body == job.body &&
          std::chrono::abs(when - due) < std::chrono::seconds(1)) {
        return;
      }
    }
    queue_.emplace(due, std::move(job));
  }
  wake_.notify_all();
}

void Notifier::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto first = queue_.begin();
    if (first->first > Clock::now()) {
      wake_.wait_until(lock, first->first);
      continue;
    }
    Job job = std::move(first->second);
    queue_.erase(first);
    lock.unlock();
    const PostResult result = Post(job.url, job.content_type, job.body, options_.timeout);
    lock.lock();
    ++job.attempt;
    if (result.status >= 200 && result.status < 300) {
      spdlog::info("push: {}: accepted (HTTP {})", job.what, result.status);
      continue;
    }
    const std::string why = result.status != 0 ? fmt::format("HTTP {}", result.status) : result.error;
    // A refusal (400, 403, 422: a bad key or URL) will not pass by itself.
    const bool may_pass = result.status == 0 || result.status == 429 || result.status >= 500;
    if (!may_pass || job.attempt >= options_.max_attempts) {
      spdlog::error("push: {}: {}; given up after {} attempt(s)", job.what, why, job.attempt);
      continue;
    }
    const auto delay = std::min<std::chrono::milliseconds>(
        options_.first_retry * (1LL << std::min(job.attempt - 1, 20)), options_.max_delay);
    spdlog::warn("push: {}: {}; retrying in {} ms", job.what, why, delay.count());
    queue_.emplace(Clock::now() + delay, std::move(job));
  }
  if (!queue_.empty()) {
    spdlog::warn("push: {} notification(s) not sent: the server stopped", queue_.size());
  }
}

}  // namespace lede::push
