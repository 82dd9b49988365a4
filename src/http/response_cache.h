#pragma once
// The server's seam for a response cache (cache/page_cache.h is one). For
// every GET and HEAD the server first asks Find; on a miss it routes the
// request while recording what the handler showed (util/shown_keys.h) and
// hands the answer to Keep, which may store it and chooses what is sent.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace lede::http {

// What Keep needs of the request, copied: an answer may come after the
// request is gone.
struct CacheTicket {
  std::string key;  // path and query, as sent
  std::string accept_encoding;
  std::string if_none_match;
  std::string if_modified_since;
  std::uint64_t epoch = 0;  // the cache's invalidation count when routing began
};

class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  // A stored answer (its body shared, or a 304), or nullopt to route.
  virtual std::optional<Response> Find(const Request& request) = 0;
  virtual CacheTicket Begin(const Request& request) = 0;
  // Every routed answer to a GET or HEAD, with the keys of what it shows.
  virtual Response Keep(const CacheTicket& ticket, const std::vector<std::string>& shown,
                        Response response) = 0;
};

}  // namespace lede::http
