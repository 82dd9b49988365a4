#include "cache/page_cache.h"

#include <strings.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "util/strings.h"


namespace lede::cache {
namespace {

// Invalidations remembered to judge renders that overlapped them; a render
// that began before the oldest one is not kept.
constexpr std::size_t kRecent = 4096;
// Bookkeeping per entry beyond its bytes (nodes, indexes, headers).
constexpr std::size_t kEntryOverhead = 512;

// The answer's Cache-Control value when it is public, else nullptr.
std::string* PublicPolicy(http::Response& response) {
  for (auto& [name, value] : response.headers) {
    if (strcasecmp(name.c_str(), "Cache-Control") == 0) {
      return value.starts_with("public") ? &value : nullptr;
    }
  }
  return nullptr;
}

// Headers the cache sets itself on every answer it gives.
bool IsOwnHeader(std::string_view name) {
  for (std::string_view own : {"ETag", "Last-Modified", "Vary", "Content-Encoding", "X-Cache"}) {
    if (name.size() == own.size() && strncasecmp(name.data(), own.data(), own.size()) == 0) {
      return true;
    }
  }
  return false;
}

// If-None-Match against our strong tag, by the weak comparison RFC 9110
// 13.1.2 asks for. A malformed list matches nothing: the client then gets
// the whole answer, never a 304 it did not earn.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  header = util::Trim(header);
  if (header == "*") return true;
  bool hit = false;
  while (!header.empty()) {
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.empty() || header.front() != '"') return false;
    const auto close = header.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(0, close + 1) == etag) hit = true;
    header = util::Trim(header.substr(close + 1));
    if (header.empty()) break;
    if (header.front() != ',') return false;
    header = util::Trim(header.substr(1));
  }
  return hit;
}

}  // namespace

struct PageCache::Entry {
  std::string key;
  bool side = false;
  int status = 200;
  std::string content_type;
  http::Headers headers;  // the handler's, without the cache's own
  std::string etag_base;  // quoted tags are "<base><suffix>"
  std::string last_modified;
  util::UnixSeconds last_modified_seconds = 0;
  // False when an older version of this answer may carry the same
  // Last-Modified second: If-Modified-Since cannot tell them apart.
  bool ims_ok = true;
  bool compressible = false;
  std::shared_ptr<const std::string> bodies[kEncodings];
  // Shared so that copying an entry's small parts for a hit stays cheap.
  std::shared_ptr<const std::vector<std::string>> shown;
  std::size_t bytes = 0;
};

PageCache::PageCache(PageCacheOptions options, const util::Clock& clock)
    : max_bytes_(options.max_bytes),
      side_max_bytes_(options.max_bytes / 8),
      public_cache_control_(std::move(options.public_cache_control)),
      clock_(clock) {}

PageCache::~PageCache() = default;

http::CacheTicket PageCache::Begin(const http::Request& request) {
  http::CacheTicket ticket;
  ticket.key = request.target;
  ticket.accept_encoding = request.Header("Accept-Encoding");
  ticket.if_none_match = request.Header("If-None-Match");
  ticket.if_modified_since = request.Header("If-Modified-Since");
  std::lock_guard lock(mutex_);
  ticket.epoch = epoch_;
  return ticket;
}

std::optional<http::Response> PageCache::Find(const http::Request& request) {
  if (max_bytes_ == 0 || suspended_) return std::nullopt;
  std::unique_lock lock(mutex_);
  const auto found = by_key_.find(std::string_view(request.target));
  if (found == by_key_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  ++stats_.hits;
  Entry& entry = **found->second;
  Lru& lru = entry.side ? side_ : main_;
  lru.splice(lru.begin(), lru, found->second);
  // A copy of the entry's small parts: the entry may be dropped the
  // moment the lock is let go; the bodies are shared, never copied.
  const Entry view = entry;
  lock.unlock();
  return Answer(view, /*stored=*/true, /*hit=*/true, request.Header("Accept-Encoding"),
                request.Header("If-None-Match"), request.Header("If-Modified-Since"));
}

http::Response PageCache::Answer(const Entry& entry, bool stored, bool hit,
                                 std::string_view accept_encoding, std::string_view if_none_match,
                                 std::string_view if_modified_since) {
  Encoding encoding = entry.compressible ? ChooseEncoding(accept_encoding) : Encoding::kIdentity;
  auto body = entry.bodies[static_cast<int>(encoding)];
  const auto& identity = entry.bodies[0];
  if (!body) {
    // First reader to ask for this coding: make it outside the lock, then
    // file it with the stored entry if that is still the same one.
    auto made = Compress(encoding, *identity);
    if (!made || made->size() >= identity->size()) {
      encoding = Encoding::kIdentity;
      body = identity;
    } else {
      body = std::make_shared<const std::string>(std::move(*made));
      if (stored) {
        std::lock_guard lock(mutex_);
        const auto found = by_key_.find(std::string_view(entry.key));
        if (found != by_key_.end() && (*found->second)->bodies[0] == identity &&
            !(*found->second)->bodies[static_cast<int>(encoding)]) {
          Entry& same = **found->second;
          same.bodies[static_cast<int>(encoding)] = body;
          same.bytes += body->size();
          (same.side ? side_bytes_ : main_bytes_) += body->size();
          stats_.bytes += body->size();
          EvictOver(same.side);
        }
      }
    }
  }

  http::Response response;
  response.status = entry.status;
  response.content_type = entry.content_type;
  response.headers.reserve(entry.headers.size() + 4);
  response.headers = entry.headers;
  const std::string etag = fmt::format("\"{}{}\"", entry.etag_base, EtagSuffix(encoding));
  // For operators and tests: whether this answer was made for this request.
  response.headers.emplace_back("X-Cache", hit ? "HIT" : "MISS");
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Last-Modified", entry.last_modified);
  if (entry.compressible) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (encoding != Encoding::kIdentity) {
    response.headers.emplace_back("Content-Encoding", std::string(EncodingName(encoding)));
  }
  if (response.status == 200) {
    bool unchanged = false;
    if (!if_none_match.empty()) {
      unchanged = NoneMatchHits(if_none_match, etag);
    } else if (!if_modified_since.empty() && entry.ims_ok) {
      const auto since = util::ParseHttpDate(if_modified_since);
      unchanged = since && *since >= entry.last_modified_seconds;
    }
    if (unchanged) {
      response.status = 304;
      return response;
    }
  }
  response.shared_body = std::move(body);
  return response;
}

http::Response PageCache::Keep(const http::CacheTicket& ticket,
                               const std::vector<std::string>& shown, http::Response response) {
  std::string* policy = PublicPolicy(response);
  if (!policy) return response;
  // The site's policy is for what changes when the newsroom writes (pages,
  // feeds, JSON); files that never change under their name (hashed
  // assets, media variants) keep their own long one.
  if (!public_cache_control_.empty() && Compressible(response.content_type) &&
      policy->find("immutable") == std::string::npos) {
    *policy = public_cache_control_;
  }
  if (!shown.empty()) response.SetHeader("Surrogate-Key", fmt::format("{}", fmt::join(shown, " ")));
  if (response.status != 200 && response.status != 404) return response;

  auto entry = std::make_unique<Entry>();
  entry->key = ticket.key;
  entry->side = response.status == 404 || ticket.key.find('?') != std::string::npos;
  entry->status = response.status;
  entry->content_type = std::move(response.content_type);
  for (auto& header : response.headers) {
    if (!IsOwnHeader(header.first)) entry->headers.push_back(std::move(header));
  }
  auto identity = response.shared_body
                      ? response.shared_body
                      : std::make_shared<const std::string>(std::move(response.body));
  entry->etag_base = fmt::format("{:x}-{:x}", identity->size(), std::hash<std::string>{}(*identity));
  const util::UnixSeconds now = clock_.Now();
  entry->last_modified_seconds = now;
  entry->last_modified = util::FormatHttpDate(now);
  entry->compressible = Compressible(entry->content_type);
  entry->bodies[0] = std::move(identity);
  entry->shown = std::make_shared<const std::vector<std::string>>(shown);
  entry->bytes = kEntryOverhead + entry->key.size() + entry->bodies[0]->size();
  for (const auto& key : shown) entry->bytes += key.size();

  std::unique_lock lock(mutex_);
  entry->ims_ok = last_invalidation_ < now;
  const std::size_t budget = entry->side ? side_max_bytes_ : max_bytes_ - side_max_bytes_;
  // Images and other binaries are left to the OS's file cache; an answer
  // bigger than an eighth of its budget would flush too much to earn it.
  const bool keep = !suspended_ && entry->compressible && entry->bytes * 8 <= budget &&
                    !ChangedSince(ticket.epoch, shown);
  std::optional<Entry> view;
  if (keep) {
    view = *entry;
    Insert(std::move(entry));
  }
  lock.unlock();
  return Answer(view ? *view : *entry, keep, /*hit=*/false, ticket.accept_encoding, ticket.if_none_match,
                ticket.if_modified_since);
}

bool PageCache::ChangedSince(std::uint64_t epoch, const std::vector<std::string>& keys) const {
  if (epoch == epoch_) return false;
  if (recent_.empty() || recent_.front().epoch > epoch + 1) return true;
  for (const auto& invalidation : recent_) {
    if (invalidation.epoch <= epoch) continue;
    if (invalidation.all) return true;
    for (const auto& key : invalidation.keys) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    }
  }
  return false;
}

void PageCache::Insert(std::unique_ptr<Entry> entry) {
  if (const auto found = by_key_.find(std::string_view(entry->key)); found != by_key_.end()) {
    Erase(found->second->get());
  }
  Entry* raw = entry.get();
  Lru& lru = raw->side ? side_ : main_;
  lru.push_front(std::move(entry));
  by_key_.emplace(std::string_view(raw->key), lru.begin());
  for (const auto& key : *raw->shown) by_shown_[key].insert(raw);
  (raw->side ? side_bytes_ : main_bytes_) += raw->bytes;
  stats_.bytes += raw->bytes;
  ++stats_.entries;
  ++stats_.stored;
  EvictOver(raw->side);
}

void PageCache::Erase(Entry* entry) {
  for (const auto& key : *entry->shown) {
    const auto bucket = by_shown_.find(key);
    if (bucket == by_shown_.end()) continue;
    bucket->second.erase(entry);
    if (bucket->second.empty()) by_shown_.erase(bucket);
  }
  (entry->side ? side_bytes_ : main_bytes_) -= entry->bytes;
  stats_.bytes -= entry->bytes;
  --stats_.entries;
  const auto found = by_key_.find(std::string_view(entry->key));
  const Lru::iterator position = found->second;
  by_key_.erase(found);
  (entry->side ? side_ : main_).erase(position);  // destroys the entry
}

void PageCache::EvictOver(bool side) {
  Lru& lru = side ? side_ : main_;
  std::size_t& bytes = side ? side_bytes_ : main_bytes_;
  const std::size_t budget = side ? side_max_bytes_ : max_bytes_ - side_max_bytes_;
  while (bytes > budget && !lru.empty()) {
    Erase(lru.back().get());
    ++stats_.evicted;
  }
}

void PageCache::Invalidate(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::lock_guard lock(mutex_);
  for (const auto& key : keys) {
    const auto bucket = by_shown_.find(key);
    if (bucket == by_shown_.end()) continue;
    // Copy: erasing edits the bucket, and the last erase removes it.
    const std::vector<Entry*> entries(bucket->second.begin(), bucket->second.end());
    for (Entry* entry : entries) {
      Erase(entry);
      ++stats_.dropped;
    }
  }
  ++epoch_;
  last_invalidation_ = clock_.Now();
  recent_.push_back({epoch_, false, keys});
  if (recent_.size() > kRecent) recent_.pop_front();
}

void PageCache::InvalidateAll() {
  std::lock_guard lock(mutex_);
  stats_.dropped += stats_.entries;
  by_key_.clear();
  by_shown_.clear();
  main_.clear();
  side_.clear();
  main_bytes_ = side_bytes_ = 0;
  stats_.bytes = 0;
  stats_.entries = 0;
  ++epoch_;
  last_invalidation_ = clock_.Now();
  recent_.push_back({epoch_, true, {}});
  if (recent_.size() > kRecent) recent_.pop_front();
}

PageCacheStats PageCache::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace lede::cache
