#pragma once
// The import's second pass, inside the library: what each WXR element
// becomes in lede. import_writer.cc holds the reading and the bookkeeping
// (batches, what an earlier run made, authors, sections, tags, dates),
// import_posts.cc posts and pages, import_media.cc pictures.

#include <deque>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "importers/wordpress/importer.h"
#include "importers/wordpress/post_workers.h"
#include "importers/wordpress/survey.h"
#include "importers/wordpress/wxr_reader.h"
#include "util/time_zone.h"

namespace lede::importers::wordpress {

inline constexpr std::string_view kDefaultSection = "News";
// Items written per transaction: one fsync per batch, not per write.
inline constexpr std::int64_t kBatchItems = 500;
// Posts prepared ahead of the writer at most.
inline constexpr std::size_t kPrepareWindow = 256;

// Categories named like "Top Story", "Featured" or "Breaking".
bool IsTopStoryMarker(std::string_view name);
// WordPress logins hold letters, digits, space and _.@- only (its
// sanitize_user); exports with stray characters still name the same user.
std::string NormalizeLogin(std::string_view login);
// "https://example.org/2008/09/post/" -> "/2008/09/post/"; "" if not a URL
// of `base` (or of any host when base is empty).
std::string PathOf(std::string_view url, std::string_view base);

// Writes what the reader hands it, in file order: posts are prepared on
// workers (post_workers.h) a window ahead, everything else inline.
class ImportWriter : public WxrHandler {
 public:
  ImportWriter(store::Store& store, publishing::Desk& desk, const util::Clock& clock,
               media::Library* media, store::PeopleStore* people, const ImportOptions& options,
               const Survey& survey, ImportReport& report)
      : store_(store), desk_(desk), clock_(clock), media_(media), people_(people), options_(options),
        total_(survey.items), attachments_(survey.attachments), report_(report),
        workers_(std::max(1u, std::thread::hardware_concurrency()), survey) {}

  Status OnChannel(const WxrChannel& channel) override;
  Status OnAuthor(const WxrAuthor& author) override;
  Status OnTerm(const WxrTerm& term) override;
  Status OnItem(const WxrItem& item) override;

  // Writes every post still being prepared.
  Status Drain() {
    while (in_flight_ > 0) LEDE_TRY(WriteNextPost());
    return {};
  }

  // Commits what the batch holds: a crash after this keeps it, and running
  // the import again carries on from here.
  Status Checkpoint();

 private:
  void SubmitGathered() {
    if (gathering_.empty()) return;
    pending_.push_back(workers_.Submit(std::move(gathering_)));
    gathering_.clear();
  }

  Status WriteNextPost();
  Status WriteItem(const WxrItem& item, const Prepared* prepared);

  void Warn(int line, std::string message) {
    report_.warnings.push_back(line > 0 ? fmt::format("{}:{}: {}", options_.file.string(), line, message)
                                        : fmt::format("{}: {}", options_.file.string(), message));
  }

  // Finds what an earlier import made, or nullopt.
  Result<std::optional<std::int64_t>> Mapped(std::string_view kind, std::string_view key);
  Status Map(std::string_view kind, std::string_view key, std::int64_t id);
  // An id for objects a dry run pretends to create.
  std::int64_t DryId() { return --dry_next_id_; }

  Result<std::int64_t> EnsureAuthor(const std::string& login, const std::string& name,
                                    const std::string& bio = {});

  // The section for a top-level category.
  Result<content::Section> EnsureSection(const std::string& key, const std::string& name);

  // "/category/parent/child/" as WordPress builds it.
  std::string CategoryPath(const std::string& slug);
  std::string TopLevel(const std::string& slug);
  Result<std::int64_t> EnsureTag(const std::string& name, const std::string& old_path);

  // A post's date: see WhenOf.
  std::optional<util::UnixSeconds> PostTime(const WxrItem& item);

  // The GMT date, else the local one (drafts have a zero GMT date) read in
  // the exporting site's zone.
  std::optional<util::UnixSeconds> WhenOf(const std::string& gmt, const std::string& local);

  // Pictures (import_media.cc).
  // The lead image for a post's _thumbnail_id, or nullopt.
  Result<std::optional<content::LeadImage>> LeadImageFor(const WxrItem& item,
                                                         const std::string& headline);

  // Caption, credit, alt text and date for an attachment's media item.
  media::ImageInfo InfoFor(const Attachment& attachment, const std::string& fallback_alt);

  Result<std::int64_t> EnsureMedia(std::int64_t wordpress_id, const Attachment& attachment,
                                   const media::ImageInfo& info);

  // The attachment's file inside --media-dir, or nullopt: by its
  // _wp_attached_file, else by the URL's path below /wp-content/uploads/
  // (or below the host, for CDN URLs). Only plain segments count: "..",
  // "." or empty ones never leave the folder.
  std::optional<std::filesystem::path> UploadedFile(const Attachment& attachment);

  // Every attachment becomes a media item (a featured one may already be).
  Status ImportAttachment(const WxrItem& item);

  // Posts and pages (import_posts.cc).
  Status ImportPost(const Prepared& prepared);

  // Fields only lede writes (lede export wordpress), read back so that an
  // export re-imports to the same site.
  Status ApplyLedeMeta(const WxrItem& item, content::Article& article);

  // A WordPress page becomes a static page served at its old path.
  Status ImportPage(const WxrItem& item);

  static bool SameContent(const content::Article& a, const content::Article& b);
  Status Redirects(const WxrItem& item, const content::Article& article);

  store::Store& store_;
  publishing::Desk& desk_;
  const util::Clock& clock_;
  media::Library* media_;
  store::PeopleStore* people_;
  const ImportOptions& options_;
  std::int64_t total_;
  const std::map<std::int64_t, Attachment>& attachments_;
  ImportReport& report_;
  bool warned_remote_media_ = false;
  bool from_lede_ = false;  // the file is one of lede's own exports
  util::TimeZone zone_;     // the exporting site's, for local dates
  std::map<std::int64_t, std::int64_t> media_ids_;  // this run's, by WordPress id
  std::string source_;
  std::string base_;
  struct Category {
    std::string name;
    std::string parent;
    std::string description;
    int order = 0;  // declaration order: the menu keeps the export's order
  };
  std::map<std::string, Category> categories_;
  std::map<std::string, std::int64_t> authors_;
  std::map<std::string, content::Section> sections_;
  std::map<std::string, std::int64_t> tags_;
  std::map<std::string, std::int64_t> dry_ids_;
  std::unique_ptr<store::Batch> batch_;
  // Declared last: destroyed first, so no worker outlives what it reads.
  Workers workers_;
  Workers::Group gathering_;                     // not yet submitted
  std::deque<std::future<Workers::Done>> pending_;  // submitted, in file order
  Workers::Done prepared_;                       // the group being written
  std::size_t next_ = 0;                         // its next post
  std::size_t in_flight_ = 0;                    // posts read and not yet written
  std::int64_t dry_next_id_ = 0;
};

}  // namespace lede::importers::wordpress
