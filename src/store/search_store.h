#pragma once
// SearchStore: full-text search. The index holds every article and follows
// every save in the same transaction; what readers search is filtered to
// what they may see at that moment, as every reader's list is, so a search
// never shows a draft, an embargoed or a binned story, and never misses
// what they may see. The newsroom searches every article (MatchNewsroom).
// Part of store::Store.
//
// The reader's words arrive as typed; each backend reads them with the
// same rules: a word matches in any of its forms ("bridges" finds
// "bridge": English stemming, Porter's on SQLite, Snowball's on
// PostgreSQL), "quoted phrases" as phrases, the last word also as a prefix
// (from three letters) while it is being typed, diacritics and case
// ignored, and nothing typed is ever query syntax.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

// The longest query a reader may send, in bytes.
inline constexpr std::size_t kMaxSearchQueryLength = 256;
// At most this many matches are ranked: the newest ones. A word found in
// hundreds of articles says little about relevance, and a reader of news
// wants the recent ones; the cap bounds the cost of every search (scoring
// is per match: bench/search has the figures).
inline constexpr int kSearchCandidates = 300;

struct SearchQuery {
  std::string text;  // as typed; at most kMaxSearchQueryLength bytes
  std::optional<std::int64_t> section_id;
  std::optional<util::UnixSeconds> from;  // published at or after
  std::optional<util::UnixSeconds> to;    // published before
  std::optional<std::int64_t> tag_id;
  std::optional<std::int64_t> author_id;
  bool top_stories_only = false;
  std::optional<util::UnixSeconds> changed_since;  // published or updated at or after
  int limit = 10;   // 1..50
  int offset = 0;   // into the ranked matches
};

// Text with the matched words marked, for the site to escape and wrap.
struct MarkedText {
  struct Part {
    std::string text;
    bool match = false;
  };
  std::vector<Part> parts;
  bool elided_before = false;  // an excerpt that starts mid-text
  bool elided_after = false;
};

struct SearchHit {
  content::Article article;
  MarkedText headline;
  MarkedText snippet;  // from the standfirst, Quick Looks or body
};

struct SearchResult {
  std::vector<SearchHit> hits;
  // Matches ranked (at most kSearchCandidates); `capped` when there were more.
  std::int64_t total = 0;
  bool capped = false;
  // With no matches: the query with each unknown word replaced by a close
  // word that the index holds, when there is one.
  std::optional<std::string> suggestion;
  // The query had no words at all (empty, or only punctuation).
  bool empty = false;
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // Visible articles at `now` matching `query`, best first: a match in the
  // headline counts most, then the standfirst, Quick Looks and keywords
  // (tags, the dateline, the byline), then the body. kInvalidArgument
  // (field "q") when the text is too long.
  virtual Result<SearchResult> Search(const SearchQuery& query, util::UnixSeconds now) = 0;

  // The newsroom's search: the ids of articles in any status, the trash
  // too, whose headline, standfirst, Quick Looks, body or keywords (tags,
  // bylines, dateline) hold the words of `text` by the rules above, the
  // newest `limit` first. Empty for a text without words. Never for
  // readers. kInvalidArgument (field "q") when the text is too long.
  virtual Result<std::vector<std::int64_t>> MatchNewsroom(std::string_view text, int limit) = 0;

  // Up to `limit` visible articles about what `article` is about, best
  // first, none of `exclude` (nor the article itself): those that share a
  // tag or two of its rarest headline and Quick Looks words (a tag or word
  // most articles carry does not count), among the newest hundred that
  // share any; most shared first, then by BM25. Empty when it has nothing
  // distinctive.
  virtual Result<std::vector<content::Article>> FindRelated(const content::Article& article,
                                                            const std::vector<std::int64_t>& exclude,
                                                            int limit, util::UnixSeconds now) = 0;
};

}  // namespace lede::store
