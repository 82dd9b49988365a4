#pragma once
// store::Store on a PostgreSQL database shared by every lede node: the
// SQL store (sql/) on a libpq pool, with PostgreSQL's full-text search
// (tsvector with weights, websearch_to_tsquery, ts_headline, unaccent) and
// batches whose calls each get a savepoint.

#include <memory>
#include <string>

#include "store/sql/sql_store.h"

namespace lede::store::postgres {

class Pool;

struct PostgresOptions {
  // Connections in the pool, opened as threads need them. Default 8.
  int connections = 8;
};

class PostgresStore final : public sql::SqlStore {
 public:
  // Connects to `url` (postgres://USER[:PASSWORD]@HOST[:PORT]/DB) and
  // brings the schema up to date. One line saying why otherwise: a
  // malformed URL (kInvalidArgument), an unreachable server, a wrong
  // password, a database whose schema a newer lede wrote (kUnavailable).
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& url, PostgresOptions options = {});
  ~PostgresStore() override;

  Result<std::unique_ptr<Batch>> BeginBatch() override;
  // Every node reads the files any node wrote (media_files).
  bool KeepsMediaFiles() const override { return true; }
  Result<std::vector<std::int64_t>> MatchNewsroom(std::string_view text, int limit) override;
  Result<SearchResult> Search(const SearchQuery& query, util::UnixSeconds now) override;
  Result<std::vector<content::Article>> FindRelated(const content::Article& article,
                                                    const std::vector<std::int64_t>& exclude,
                                                    int limit, util::UnixSeconds now) override;

 protected:
  Status IndexArticle(sql::Database& db, std::int64_t article_id) override;  // search_index.cc
  Status IndexAll(sql::Database& db) override;
  Status AfterCopy(sql::Database& db, std::string_view table) override;

 private:
  explicit PostgresStore(std::unique_ptr<Pool> pool);
  Pool& native_pool_;  // pool_, as PostgreSQL's own (batches pin connections)
};

}  // namespace lede::store::postgres
