#pragma once
// MediaStore keeps the media library's records (the files are the media
// layer's). Part of store::Store.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/media_item.h"
#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct MediaQuery {
  std::string search;  // in caption, alt, credit and file name; "" for all
  int limit = 24;      // 1..100
  int offset = 0;
};

struct MediaList {
  std::vector<content::MediaItem> items;  // newest first
  std::int64_t total = 0;
};

// An article as the media library lists its users.
struct ArticleRef {
  std::int64_t id = 0;
  std::string headline;
  std::string status;
  bool trashed = false;
};

class MediaStore {
 public:
  virtual ~MediaStore() = default;

  virtual Result<content::MediaItem> CreateMedia(content::MediaItem item) = 0;
  virtual Result<content::MediaItem> FindMedia(std::int64_t id) = 0;
  // By its path ("2026/11/harbour-at-dawn"). kNotFound.
  virtual Result<content::MediaItem> FindMediaByPath(std::string_view path) = 0;
  // Replaces alt, caption, credit, the focal point and which derived files
  // exist. kNotFound.
  virtual Result<content::MediaItem> UpdateMedia(content::MediaItem item) = 0;
  virtual Result<MediaList> ListMedia(const MediaQuery& query) = 0;
  // Every item in id order after `after_id` (paging for exports).
  virtual Result<std::vector<content::MediaItem>> ListAllMedia(std::int64_t after_id, int limit) = 0;
  // The articles that lead with the item, any status, newest first.
  virtual Result<std::vector<ArticleRef>> ArticlesUsingMedia(std::int64_t media_id) = 0;

  // The files themselves, kept in the store by a store that several
  // machines share (PostgreSQL), so every node reads what any node wrote;
  // nodes keep copies on their own disk. A store on one machine leaves the
  // files on its disk and says false.
  virtual bool KeepsMediaFiles() const { return false; }
  // Writes or replaces the file at `path` (below the media root).
  virtual Status PutMediaFile(std::string_view path, std::string_view bytes, util::UnixSeconds now) = 0;
  // kNotFound when there is none.
  virtual Result<std::string> FindMediaFile(std::string_view path) = 0;
  virtual Status DeleteMediaFile(std::string_view path) = 0;
  // The paths of the files kept, in order after `after` (paging).
  virtual Result<std::vector<std::string>> ListMediaFiles(std::string_view after, int limit) = 0;
};

}  // namespace lede::store
