#pragma once
// App builds one running lede from options: data dir, store, theme,
// services, site and routes. Everything stateful is made here and passed
// down; nothing below reaches for a global.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/data_dir.h"
#include "cache/page_cache.h"
#include "auth/accounts.h"
#include "http/router.h"
#include "http/server.h"
#include "media/library.h"
#include "publishing/catalog.h"
#include "publishing/change_tracker.h"
#include "publishing/desk.h"
#include "admin/admin.h"
#include "api/admin_api.h"
#include "api/content_api.h"
#include "api/ratings_api.h"
#include "publishing/editorial.h"
#include "push/notifier.h"
#include "push/purger.h"
#include "ratings/ip_limiter.h"
#include "ratings/rating_service.h"
#include "ratings/vote_recorder.h"
#include "ratings/voter.h"
#include "site/site.h"
#include "store/audit_log.h"
#include "store/people_store.h"
#include "store/store.h"
#include "theme/theme.h"
#include "util/time.h"

namespace lede::store::sqlite {
class SqliteStore;
}
namespace lede::store::postgres {
class ChangeChannel;
}

namespace lede::app {

struct AppOptions {
  std::filesystem::path data_dir = "data";
  std::optional<std::filesystem::path> theme_dir;
  // Votes per address per window (default 30 per 10 minutes; 0 votes: off).
  ratings::IpLimit vote_limit;
  // Group commit: votes per transaction at most (1: one fsync per vote).
  int vote_batch = 512;
  // The site's public address (--public-url), over the base_url setting.
  std::string public_url;
  // WebSub and IndexNow notifications; off unless configured.
  push::PushOptions push;
  // The page cache: its size (0 keeps nothing) and public policy.
  cache::PageCacheOptions cache;
  // Where dropped content keys are POSTed for a CDN ("" for nowhere).
  push::PurgeOptions purge;
  // The database: "sqlite:PATH", a PostgreSQL URL (postgres://USER@HOST/DB)
  // shared by every node, or "" for the LEDE_DB environment variable, else
  // the data dir's own lede.db.
  std::string db;
};

class App {
 public:
  // Opens the data dir and store (applying migrations) and loads the theme.
  // Errors are one line, naming what is wrong.
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);
  ~App();

  // Adds the demo newsroom when the site has no articles yet. Returns how
  // many articles it wrote (0 when the site already had some).
  Result<int> EnsureDemo();

  // From now on, saves of articles readers see are announced (WebSub,
  // IndexNow) when push notifications are configured, and writes by other
  // processes on the same data (lede import) drop the cached pages.
  Status StartServing();

  // Tells a server running on the same data dir that this process wrote
  // (lede import), and waits until it has dropped what the writes replace.
  Status AnnounceChanges();

  // Paths that may carry an upload's larger body (http::ServerOptions),
  // and who may send one: asked before its body is read.
  std::vector<std::string> upload_paths() const;
  std::optional<http::Response> AdmitUpload(const http::Request& header) const;
  // Whether the site's public address is https (Secure cookies, HSTS).
  bool serves_https() const { return https_; }

  // Routes for every page and endpoint.
  const http::Router& router() const { return router_; }

  store::Store& store() { return *store_; }
  store::PeopleStore& people() { return *people_; }
  store::AuditLog& audit() { return *audit_; }
  auth::Accounts& accounts() { return *accounts_; }
  publishing::Desk& desk() { return *desk_; }
  publishing::Editorial& editorial() { return *editorial_; }
  publishing::Catalog& catalog() { return *catalog_; }
  ratings::RatingService& ratings() { return *ratings_; }
  media::Library& media() { return *media_; }
  const site::Site& site() const { return *site_; }
  cache::PageCache& page_cache() { return *cache_; }
  const DataDir& data_dir() const { return data_dir_; }
  DataDir& data_dir() { return data_dir_; }

 private:
  explicit App(DataDir data_dir);
  // Drops cached pages and what the Catalog remembers, on this node only.
  void DropHere(const std::vector<std::string>& keys);
  void DropAllHere();

  DataDir data_dir_;
  bool https_ = false;
  util::SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  store::sqlite::SqliteStore* sqlite_ = nullptr;  // store_, as what it is
  // On PostgreSQL: what this node's writes made stale, told to the others.
  std::unique_ptr<store::postgres::ChangeChannel> channel_;
  std::unique_ptr<push::Purger> purger_;
  std::unique_ptr<cache::PageCache> cache_;
  // Before everything that writes: destroyed after them.
  std::unique_ptr<publishing::ChangeTracker> tracker_;
  // The same store object, seen through its other interfaces.
  store::PeopleStore* people_ = nullptr;
  store::AuditLog* audit_ = nullptr;
  std::unique_ptr<auth::Accounts> accounts_;
  std::unique_ptr<theme::Theme> theme_;
  std::unique_ptr<publishing::Catalog> catalog_;
  std::unique_ptr<publishing::Desk> desk_;
  std::unique_ptr<media::Library> media_;
  std::unique_ptr<ratings::VoterSigner> voter_signer_;
  std::unique_ptr<ratings::IpLimiter> ip_limiter_;
  // Declared after the store: destroyed first, recording what is queued.
  std::unique_ptr<ratings::VoteRecorder> vote_recorder_;
  std::unique_ptr<ratings::RatingService> ratings_;
  std::unique_ptr<api::RatingsApi> ratings_api_;
  std::unique_ptr<api::ContentApi> content_api_;
  std::unique_ptr<publishing::Editorial> editorial_;
  std::unique_ptr<api::AdminApi> admin_api_;
  std::unique_ptr<publishing::PreviewLinks> previews_;
  std::unique_ptr<admin::Admin> admin_;
  std::unique_ptr<site::Site> site_;
  http::Router router_;
  // Last: stopped first, before what it reads from.
  std::unique_ptr<push::Notifier> notifier_;
};

}  // namespace lede::app
