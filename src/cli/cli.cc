#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include "cli/export_command.h"
#include "cli/import_command.h"
#include "cli/serve_command.h"
#include "cli/backup_command.h"
#include "cli/migrate_command.h"
#include "cli/user_command.h"

namespace lede::cli {

int Main(int argc, char** argv) {
  CLI::App app{"lede: a news publishing engine", "lede"};
  app.set_version_flag("--version", std::string("lede ") + LEDE_VERSION);
  app.require_subcommand(1);

  ServeOptions serve;
  std::string theme_dir;
  auto* serve_command = app.add_subcommand("serve", "Serve the site over HTTP");
  serve_command->add_option("--data", serve.data_dir, "Data directory (database, media, secret)")
      ->capture_default_str();
  serve_command->add_option("--db", serve.db,
                            "sqlite:PATH or postgres://USER@HOST:PORT/DB (default: $LEDE_DB, else DATA/lede.db)");
  serve_command->add_option("--listen", serve.listen, "Address and port, HOST:PORT")
      ->capture_default_str();
  serve_command->add_option("--theme", theme_dir,
                            "Theme directory; its files replace the built-in theme's");
  serve_command->add_flag("--demo", serve.demo, "Add the demo newsroom when the site is empty");
  serve_command->add_option("--public-url", serve.public_url,
                            "Public address for absolute links, e.g. https://news.example "
                            "(default: the base_url setting, else the listen address)");
  serve_command->add_option("--websub-hub", serve.websub_hub,
                            "WebSub hub to tell when feeds change, e.g. https://pubsubhubbub.appspot.com/");
  serve_command->add_option("--indexnow-key", serve.indexnow_key,
                            "IndexNow key (8-128 letters, digits, dashes): served at /KEY.txt, "
                            "and changed article URLs are sent to --indexnow-endpoint");
  serve_command->add_option("--indexnow-endpoint", serve.indexnow_endpoint, "Where IndexNow URLs go")
      ->capture_default_str();
  serve_command->add_option("--threads", serve.threads, "Serving threads (0: one per core)")
      ->capture_default_str();
  serve_command->add_option("--vote-limit", serve.vote_limit,
                            "Reader votes per address: VOTES/SECONDS, or off")
      ->capture_default_str();
  serve_command->add_option("--vote-batch", serve.vote_batch,
                            "Votes per transaction at most (group commit; 1 = fsync per vote)")
      ->capture_default_str();
  serve_command->add_option("--cache-mb", serve.cache_mb,
                            "Page cache size in MiB (0: no cache)")
      ->capture_default_str();
  serve_command->add_option("--cache-max-age", serve.cache_max_age,
                            "Seconds a browser may show a public page without asking again "
                            "(max-age; 0: it asks each time, and gets a 304 when nothing changed)")
      ->capture_default_str();
  serve_command->add_option("--cdn-max-age", serve.cdn_max_age,
                            "Seconds a CDN or proxy may keep a public page (s-maxage)")
      ->capture_default_str();
  serve_command->add_option("--cache-stale", serve.cache_stale,
                            "Seconds a CDN may serve a page stale while it asks again "
                            "(stale-while-revalidate)")
      ->capture_default_str();
  serve_command->add_option("--purge-url", serve.purge_url,
                            "POST the content keys of every change here (CDN purge by Surrogate-Key)");
  serve_command->add_option("--max-connections-per-address", serve.max_connections_per_address,
                            "Connections one address may hold at once (0: no limit; raise it "
                            "behind a proxy)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  serve_command->add_option("--idle-timeout", serve.idle_timeout,
                            "Seconds a connection may wait for its next request")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  serve_command->add_option("--request-timeout", serve.request_timeout,
                            "Seconds a request's header, then its body, may take to arrive")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  serve_command->add_option("--trusted-proxy", serve.trusted_proxy,
                            "The address of a proxy whose X-Forwarded-For names the reader and "
                            "X-Forwarded-Proto the scheme (off when not given)");
  serve_command->add_option("--access-log", serve.access_log,
                            "Access log: - for standard output, off, or a file")
      ->capture_default_str();

  std::filesystem::path demo_dir = "data";
  auto* demo_command = app.add_subcommand("demo", "Write the demo newsroom into an empty site");
  demo_command->add_option("--data", demo_dir, "Data directory")->capture_default_str();

  ImportWordPressOptions wordpress;
  std::string media_dir;
  auto* import_command = app.add_subcommand("import", "Bring a site in from another system");
  import_command->require_subcommand(1);
  auto* wordpress_command =
      import_command->add_subcommand("wordpress", "Import a WordPress export (WXR 1.0-1.2)");
  wordpress_command->add_option("FILE", wordpress.file, "The WXR file (Tools > Export)")
      ->required();
  wordpress_command->add_option("--data", wordpress.data_dir, "Data directory")
      ->capture_default_str();
  wordpress_command->add_option("--media-dir", media_dir, "A wp-content/uploads folder");
  wordpress_command->add_flag("--dry-run", wordpress.dry_run, "Report what would change; write nothing");

  std::filesystem::path export_dir = "data";
  ExportWordPressOptions wxr;
  std::string wxr_media_dir;
  auto* export_command = app.add_subcommand("export", "Write the whole site out");
  export_command->require_subcommand(1);
  auto* export_wordpress =
      export_command->add_subcommand("wordpress", "WXR 1.2 to standard output, for WordPress or lede");
  export_wordpress->add_option("--data", wxr.data_dir, "Data directory")->capture_default_str();
  export_wordpress->add_option("--base-url", wxr.base_url,
                               "Public address for links and attachment URLs (default: the site's)");
  export_wordpress->add_option("--media-dir", wxr_media_dir,
                               "Also write the media files as DIR/wp-content/uploads/YYYY/MM/");

  bool with_secrets = false;
  auto* export_json = export_command->add_subcommand("json", "The complete backup, as JSON, to standard output");
  export_json->add_option("--data", export_dir, "Data directory")->capture_default_str();
  export_json->add_flag("--with-secrets", with_secrets,
                        "Include the site secret (keeps readers' voter cookies valid)");
  std::filesystem::path json_file;
  std::filesystem::path json_dir = "data";
  auto* import_json = import_command->add_subcommand("json", "Restore a backup into an empty site");
  import_json->add_option("FILE", json_file, "A file from lede export json")->required();
  import_json->add_option("--data", json_dir, "Data directory")->capture_default_str();

  UserAddOptions user_add;
  std::filesystem::path people_dir = "data";
  auto* user_command = app.add_subcommand("user", "Newsroom users");
  user_command->require_subcommand(1);
  auto* user_add_command = user_command->add_subcommand(
      "add", "Create a user (prints a one-time password unless --password-stdin)");
  user_add_command->add_option("EMAIL", user_add.email, "Their email address")->required();
  user_add_command->add_option("--name", user_add.name, "Their name")->required();
  user_add_command->add_option("--role", user_add.role,
                               "contributor, author, editor or administrator")
      ->capture_default_str();
  user_add_command->add_flag("--password-stdin", user_add.password_stdin,
                             "Read the password from the first line of standard input");
  user_add_command->add_option("--data", user_add.data_dir, "Data directory")
      ->capture_default_str();
  auto* user_list_command = user_command->add_subcommand("list", "List users");
  user_list_command->add_option("--data", people_dir, "Data directory")->capture_default_str();

  std::string token_email, token_label, token_to_revoke;
  auto* token_command = app.add_subcommand("token", "Admin API tokens");
  token_command->require_subcommand(1);
  auto* token_add_command =
      token_command->add_subcommand("add", "Print a new token for a user, alone on a line");
  token_add_command->add_option("--user", token_email, "The user's email")->required();
  token_add_command->add_option("--label", token_label, "What the token is for");
  token_add_command->add_option("--data", people_dir, "Data directory")->capture_default_str();
  auto* token_revoke_command = token_command->add_subcommand("revoke", "Revoke a token");
  token_revoke_command->add_option("TOKEN", token_to_revoke, "The token, or its id")->required();
  token_revoke_command->add_option("--data", people_dir, "Data directory")->capture_default_str();
  auto* token_list_command = token_command->add_subcommand("list", "List tokens (never their values)");
  token_list_command->add_option("--data", people_dir, "Data directory")->capture_default_str();

  std::filesystem::path backup_dir = "data";
  std::filesystem::path backup_to;
  auto* backup_command = app.add_subcommand(
      "backup", "Copy a live data directory (database, secret, media) into a new one");
  backup_command->add_option("TO", backup_to, "The new directory (must not exist, or be empty)")->required();
  backup_command->add_option("--data", backup_dir, "Data directory")->capture_default_str();

  std::string migrate_from, migrate_to;
  auto* migrate_command = app.add_subcommand(
      "migrate", "Copy a whole site between SQLite and PostgreSQL, verifying every table");
  migrate_command->add_option("--from", migrate_from, "The site: sqlite:PATH or postgres://USER@HOST:PORT/DB")
      ->required();
  migrate_command->add_option("--to", migrate_to, "An empty database: sqlite:PATH or postgres://...")
      ->required();
  std::filesystem::path migrate_data = "data";
  migrate_command->add_option("--data", migrate_data,
                              "Data directory whose media files move into (or out of) a PostgreSQL store")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  if (!theme_dir.empty()) serve.theme_dir = theme_dir;
  if (*serve_command) return Serve(serve);
  if (*demo_command) return Demo(demo_dir);
  if (*export_wordpress) {
    if (!wxr_media_dir.empty()) wxr.media_dir = wxr_media_dir;
    return ExportWordPress(wxr);
  }
  if (*export_json) return ExportJson(export_dir, with_secrets);
  if (*import_json) return ImportJson(json_file, json_dir);
  if (*user_add_command) return UserAdd(user_add);
  if (*user_list_command) return UserList(people_dir);
  if (*token_add_command) return TokenAdd(token_email, token_label, people_dir);
  if (*token_revoke_command) return TokenRevoke(token_to_revoke, people_dir);
  if (*token_list_command) return TokenList(people_dir);
  if (*backup_command) return Backup(backup_dir, backup_to);
  if (*migrate_command) return Migrate(migrate_from, migrate_to, migrate_data);
  if (*wordpress_command) {
    if (!media_dir.empty()) wordpress.media_dir = media_dir;
    return ImportWordPress(wordpress);
  }
  return 1;
}

}  // namespace lede::cli
