#pragma once
// The page cache: rendered answers to GET and HEAD kept in memory, so a
// page is made once per change rather than once per reader.
//
// - Bounded in bytes (every stored coding counted), least recently used
//   out first. Answers to requests with a query, and 404s, live in their
//   own eighth of the budget: junk queries and made-up paths can only push
//   out each other, never the pages readers come for.
// - Each answer is filed under the content keys of what it shows
//   (util/shown_keys.h); Invalidate drops exactly the answers filed under
//   a key. An answer whose making overlapped an invalidation of one of its
//   keys is sent but not kept: it may show what the change replaced.
// - Only answers marked "Cache-Control: public" with status 200 or 404 are
//   kept; the rest pass through untouched (admin pages, a reader's own
//   state, errors).
// - Gzip and brotli are chosen by Accept-Encoding and made once per entry
//   when first asked for; each coding has its own strong ETag.
//   If-None-Match (then If-Modified-Since) answer 304.

#include <atomic>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cache/encodings.h"
#include "http/response_cache.h"
#include "util/time.h"

namespace lede::cache {

struct PageCacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t stored = 0;
  std::uint64_t evicted = 0;
  std::uint64_t dropped = 0;  // by invalidation
};

struct PageCacheOptions {
  // 0 keeps nothing: answers still get validators, 304s, their policy and
  // their Surrogate-Key header.
  std::size_t max_bytes = 128 * 1024 * 1024;
  // The Cache-Control of every public answer but immutable ones (hashed
  // assets), for browsers and CDNs; "" keeps each handler's own.
  std::string public_cache_control = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
};

class PageCache final : public http::ResponseCache {
 public:
  // `clock` must outlive the cache.
  PageCache(PageCacheOptions options, const util::Clock& clock);
  ~PageCache() override;

  std::optional<http::Response> Find(const http::Request& request) override;
  http::CacheTicket Begin(const http::Request& request) override;
  http::Response Keep(const http::CacheTicket& ticket, const std::vector<std::string>& shown,
                      http::Response response) override;

  // Drops every answer filed under any of `keys`. Safe from any thread;
  // once it returns no reader is sent one of them.
  void Invalidate(const std::vector<std::string>& keys);
  // Drops everything (settings, the menu, an import).
  void InvalidateAll();
  // While suspended nothing is answered from the cache or kept in it: a
  // node that cannot hear the other nodes' changes (its listener is not
  // connected) renders every page afresh.
  void Suspend(bool suspended) { suspended_ = suspended; }

  PageCacheStats Stats() const;
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  struct Entry;
  using Lru = std::list<std::unique_ptr<Entry>>;
  struct Invalidation {
    std::uint64_t epoch;
    bool all;
    std::vector<std::string> keys;
  };

  // The answer to send from `entry` (a copy, or not stored) for a client
  // with these headers. Called without the lock; takes it to file a newly
  // made coding with the stored entry.
  http::Response Answer(const Entry& entry, bool stored, bool hit, std::string_view accept_encoding,
                        std::string_view if_none_match, std::string_view if_modified_since);
  bool ChangedSince(std::uint64_t epoch, const std::vector<std::string>& keys) const;
  void Insert(std::unique_ptr<Entry> entry);
  void Erase(Entry* entry);
  void EvictOver(bool side);

  std::atomic<bool> suspended_{false};
  const std::size_t max_bytes_;
  const std::size_t side_max_bytes_;
  const std::string public_cache_control_;
  const util::Clock& clock_;
  mutable std::mutex mutex_;
  Lru main_;  // most recently used first
  Lru side_;
  std::unordered_map<std::string_view, Lru::iterator> by_key_;  // views into Entry::key
  std::unordered_map<std::string, std::unordered_set<Entry*>> by_shown_;
  std::size_t main_bytes_ = 0;
  std::size_t side_bytes_ = 0;
  std::uint64_t epoch_ = 0;
  util::UnixSeconds last_invalidation_ = 0;
  std::deque<Invalidation> recent_;  // the last kRecent invalidations
  PageCacheStats stats_;
};

}  // namespace lede::cache
