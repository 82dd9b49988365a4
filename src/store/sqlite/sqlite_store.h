#pragma once
// store::Store on an embedded SQLite file. Reads run in parallel on a pool
// of connections (WAL lets readers proceed while one writer commits); each
// write is one BEGIN IMMEDIATE transaction with synchronous=FULL.

#include <chrono>
#include <memory>
#include <string>

#include "store/sql/sql_store.h"

namespace lede::store::sqlite {

class Pool;
class Database;
class ProcessWatch;

struct SqliteOptions {
  // Connections in the pool; one per serving thread plus spare for writers.
  // Default 4.
  int connections = 4;
};

// sql::SqlStore on SQLite, with FTS5 search (search*.cc) and bulk batches
// that share one transaction without savepoints.
class SqliteStore final : public sql::SqlStore {
 public:
  // Opens or creates the database file and applies pending migrations.
  // kCorruption when the file is not a SQLite database; kUnavailable when it
  // cannot be opened or comes from a newer lede.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   SqliteOptions options = {});
  ~SqliteStore() override;

  // Another process on the same file (lede import beside lede serve):
  // announces this process's writes to a watching server and waits, up to
  // `wait`, until it has dropped what they replace (process_watch.h).
  Status AnnounceChanges(std::chrono::milliseconds wait = std::chrono::seconds(2));
  // From now on, each announcement another process makes is told to the
  // site-change listener as SiteChange::kEverything, within `interval`.
  Status WatchOtherProcesses(std::chrono::milliseconds interval);
  // Stops that watch (before the listener it tells goes away).
  void StopWatching();

  Result<std::unique_ptr<Batch>> BeginBatch() override;
  Result<std::vector<std::int64_t>> MatchNewsroom(std::string_view text, int limit) override;
  Result<SearchResult> Search(const SearchQuery& query, util::UnixSeconds now) override;
  Result<std::vector<content::Article>> FindRelated(const content::Article& article,
                                                    const std::vector<std::int64_t>& exclude,
                                                    int limit, util::UnixSeconds now) override;
 protected:
  Status IndexArticle(sql::Database& db, std::int64_t article_id) override;

 private:
  SqliteStore(std::unique_ptr<Pool> pool, std::string path);

  Pool& native_pool_;  // pool_, as SQLite's own (batches pin connections)
  std::string path_;
  std::unique_ptr<ProcessWatch> watch_;  // declared last: stopped first
};

}  // namespace lede::store::sqlite
