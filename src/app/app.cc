#include "app/app.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "app/store_choice.h"
#include "demo/newsroom.h"
#include "store/postgres/change_channel.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace lede::app {

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  LEDE_TRY(auto data_dir, DataDir::Open(options.data_dir));
  std::unique_ptr<App> app(new App(std::move(data_dir)));
  LEDE_TRY(auto choice, ChooseStore(DatabaseSetting(options.db), "--db", app->data_dir_.database()));
  if (choice.postgres) {
    LEDE_TRY(auto postgres, store::postgres::PostgresStore::Open(choice.target));
    // Every node's page cache follows every node's writes (docs/deploy.md).
    LEDE_TRY(app->channel_, store::postgres::ChangeChannel::Open(choice.target));
    app->people_ = postgres.get();
    app->audit_ = postgres.get();
    app->store_ = std::move(postgres);
  } else {
    LEDE_TRY(auto sqlite, store::sqlite::SqliteStore::Open(choice.target));
    app->people_ = sqlite.get();
    app->audit_ = sqlite.get();
    app->sqlite_ = sqlite.get();
    app->store_ = std::move(sqlite);
  }
  LEDE_TRY(push::ValidatePurgeOptions(options.purge));
  if (!options.purge.url.empty()) app->purger_ = std::make_unique<push::Purger>(options.purge);
  app->cache_ = std::make_unique<cache::PageCache>(options.cache, app->clock_);
  // What a change drops: cached pages, what the Catalog remembers (the
  // masthead, listing sizes) and, through the purge hook, a CDN's copies;
  // on PostgreSQL, the other nodes' copies too (they drop their own
  // caches, and leave the CDN to the node that wrote).
  App* self = app.get();
  app->tracker_ = std::make_unique<publishing::ChangeTracker>(
      *app->store_, app->clock_,
      publishing::ChangeSink{
          .drop =
              [self](const std::vector<std::string>& keys) {
                self->DropHere(keys);
                if (self->purger_) self->purger_->Purge(keys);
                if (self->channel_) self->channel_->Publish(keys);
              },
          .drop_all =
              [self] {
                self->DropAllHere();
                // Every public answer is filed under the masthead's key.
                if (self->purger_) self->purger_->Purge({std::string(publishing::keys::kSite)});
                if (self->channel_) self->channel_->Publish({});
              },
          .drop_here = [self](const std::vector<std::string>& keys) { self->DropHere(keys); }});
  app->store_->WatchSiteChanges([tracker = app->tracker_.get()](store::SiteChange change) {
    if (change == store::SiteChange::kRedirects) {
      tracker->RedirectsChanged();
    } else {
      tracker->SiteChanged();
    }
  });
  app->accounts_ = std::make_unique<auth::Accounts>(
      *app->people_, *app->audit_, app->clock_,
      auth::AccountOptions{.site_secret = app->data_dir_.secret()});
  LEDE_TRY(app->theme_, theme::Theme::Load(options.theme_dir));
  app->catalog_ = std::make_unique<publishing::Catalog>(*app->store_, app->clock_);
  app->desk_ = std::make_unique<publishing::Desk>(*app->store_, app->clock_);
  app->desk_->Observe(app->tracker_.get());
  app->media_ =
      std::make_unique<media::Library>(*app->store_, app->data_dir_.media(), app->clock_);
  app->media_->set_originals(app->data_dir_.originals());
  app->media_->set_spool(app->data_dir_.spool());
  app->media_->set_audit(app->audit_);
  app->voter_signer_ = std::make_unique<ratings::VoterSigner>(app->data_dir_.secret());
  app->ip_limiter_ = std::make_unique<ratings::IpLimiter>(options.vote_limit, app->clock_);
  app->vote_recorder_ = std::make_unique<ratings::VoteRecorder>(
      *app->store_, ratings::RecorderOptions{
                        .max_batch = options.vote_batch,
                        .on_recorded =
                            [tracker = app->tracker_.get()](const std::vector<std::int64_t>& ids) {
                              tracker->VotesRecorded(ids);
                            }});
  app->ratings_ = std::make_unique<ratings::RatingService>(
      *app->store_, *app->vote_recorder_, *app->voter_signer_, *app->ip_limiter_, app->clock_);
  LEDE_TRY(auto settings, app->store_->LoadSettings());
  if (!options.public_url.empty()) {
    content::SiteSettings candidate = settings;
    candidate.base_url = options.public_url;
    if (auto valid = content::ValidateSettings(candidate); !valid) {
      return InvalidArgument(fmt::format("--public-url \"{}\": {}", options.public_url,
                                         valid.error().message), "public_url");
    }
    settings.base_url = options.public_url;
    app->catalog_->SetPublicUrl(options.public_url, "");
  }
  const bool secure_cookies = settings.base_url.rfind("https://", 0) == 0;
  app->https_ = secure_cookies;
  app->ratings_api_ = std::make_unique<api::RatingsApi>(*app->ratings_, secure_cookies);
  app->content_api_ = std::make_unique<api::ContentApi>(*app->catalog_);
  LEDE_TRY(push::ValidatePushOptions(options.push));
  if (options.push.enabled()) {
    app->notifier_ = std::make_unique<push::Notifier>(options.push, *app->catalog_);
    app->notifier_->Register(app->router_);
  }
  app->site_ = std::make_unique<site::Site>(*app->catalog_, *app->ratings_, *app->theme_,
                                            app->data_dir_.media(), secure_cookies);

  app->router_.Add(http::Method::kGet, "/healthz",
                   [store = app->store_.get()](const http::Request&, const http::PathParams&) {
                     // Healthy means the store answers, not merely that we listen.
                     if (auto count = store->CountArticles(); !count) {
                       return http::Response::Text(503, "store unavailable\n");
                     }
                     auto response = http::Response::Text(200, "ok\n");
                     response.SetHeader("Cache-Control", "private, no-store");
                     return response;
                   });
  app->editorial_ = std::make_unique<publishing::Editorial>(*app->desk_, *app->store_, *app->people_,
                                                            *app->audit_, app->clock_);
  app->admin_api_ = std::make_unique<api::AdminApi>(*app->editorial_, *app->accounts_,
                                                    *app->store_, *app->media_);
  app->previews_ = std::make_unique<publishing::PreviewLinks>(app->data_dir_.secret());
  app->site_->EnablePreviews(*app->previews_, app->clock_);
  app->site_->ServeMediaFiles(*app->media_);
  app->site_->AnnounceHub(options.push.websub_hub);
  app->admin_ = std::make_unique<admin::Admin>(admin::AdminServices{
      .editorial = *app->editorial_,
      .desk = *app->desk_,
      .accounts = *app->accounts_,
      .store = *app->store_,
      .people = *app->people_,
      .audit = *app->audit_,
      .media = *app->media_,
      .previews = *app->previews_,
      .theme = *app->theme_,
      .clock = app->clock_,
      .render_preview = [site = app->site_.get()](content::Article article) {
        return site->RenderPreview(std::move(article));
      },
      .public_url = [catalog = app->catalog_.get()] { return catalog->PublicUrl().value_or(""); },
      .secure_cookies = secure_cookies});
  app->ratings_api_->Register(app->router_);
  app->content_api_->Register(app->router_);
  app->admin_api_->Register(app->router_);
  app->admin_->Register(app->router_);
  app->site_->Register(app->router_);
  LEDE_TRY(app->router_.Check());
  return app;
}

App::App(DataDir data_dir) : data_dir_(std::move(data_dir)) {}

void App::DropHere(const std::vector<std::string>& keys) {
  if (catalog_) catalog_->Forget(keys);
  cache_->Invalidate(keys);
}

void App::DropAllHere() {
  if (catalog_) catalog_->ForgetAll();
  cache_->InvalidateAll();
}

App::~App() {
  // Before the Catalog it drops into goes; votes still being recorded are
  // told to it until the recorder stops (it is destroyed before the Catalog).
  if (sqlite_) sqlite_->StopWatching();
  if (tracker_) tracker_->Stop();
  // After the tracker, which publishes through it; before the Catalog and
  // the cache, which its listener drops from.
  channel_.reset();
}

Status App::StartServing() {
  // Uploads a crash left half-received: no request will come for them.
  // (An hour old: another server on this data dir may be receiving one.)
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator(data_dir_.spool(), error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    std::error_code ignored;
    const auto written = std::filesystem::last_write_time(it->path(), ignored);
    if (!ignored && std::filesystem::file_time_type::clock::now() - written > std::chrono::hours(1)) {
      std::filesystem::remove(it->path(), ignored);
    }
  }
  if (notifier_) {
    desk_->Observe(notifier_.get());
    tracker_->OnWentLive(
        [notifier = notifier_.get()](const content::Article& article) { notifier->ArticleWentLive(article); });
  }
  tracker_->Start();
  if (sqlite_) {
    // Every write is announced from here on: the Catalog may remember.
    catalog_->Remember();
    // Fast enough that `lede import` beside the server waits a blink for
    // its pages to be dropped; idle polls read only SQLite's shared memory.
    return sqlite_->WatchOtherProcesses(std::chrono::milliseconds(50));
  }
  // Until its listener is up (and while it is lost), the other nodes'
  // writes do not wait for this one: it keeps and serves no cached page
  // and remembers no list, and drops what it had once it hears again.
  cache_->Suspend(true);
  channel_->Listen({.drop = [this](const std::vector<std::string>& keys) { DropHere(keys); },
                    .drop_all = [this] { DropAllHere(); },
                    .listening =
                        [this](bool listening) {
                          if (listening) DropAllHere();
                          cache_->Suspend(!listening);
                          catalog_->Remember(listening);
                        }});
  // The database answered a moment ago, so this is quick; if it is not,
  // the node serves uncached meanwhile rather than not at all.
  if (!channel_->AwaitListening(std::chrono::seconds(5))) {
    spdlog::warn("not yet listening to the other nodes: serving without the page cache until then");
  }
  return {};
}

Status App::AnnounceChanges() {
  if (sqlite_) return sqlite_->AnnounceChanges();
  // Every node drops everything: a command's writes (an import) are too
  // many to name.
  channel_->Publish({});
  return {};
}

std::vector<std::string> App::upload_paths() const {
  auto paths = api::AdminApi::UploadPaths();
  for (auto& path : admin::Admin::UploadPaths()) paths.push_back(std::move(path));
  return paths;
}

std::optional<http::Response> App::AdmitUpload(const http::Request& header) const {
  if (header.path.starts_with("/api/")) return admin_api_->AdmitUpload(header);
  return admin_->AdmitUpload(header);
}

Result<int> App::EnsureDemo() {
  LEDE_TRY(auto count, store_->CountArticles());
  if (count > 0) return 0;
  return demo::BuildNewsroom(*store_, *desk_, *media_, clock_);
}

}  // namespace lede::app
