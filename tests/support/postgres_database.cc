#include "support/postgres_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace lede::testing {

std::string PostgresDatabase::ServerUrl() {
  const char* url = std::getenv("LEDE_TEST_POSTGRES");
  return url ? url : "";
}

namespace {

bool ExecAt(const std::string& url, const std::string& sql, std::string* error) {
  PGconn* connection = PQconnectdb(url.c_str());
  bool ok = PQstatus(connection) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(connection, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    PQclear(result);
  }
  if (!ok && error) *error = PQerrorMessage(connection);
  PQfinish(connection);
  return ok;
}

}  // namespace

bool PostgresDatabase::ExecOnServer(const std::string& sql, std::string* error) {
  return ExecAt(ServerUrl(), sql, error);
}

bool PostgresDatabase::Exec(const std::string& sql, std::string* error) const {
  return ExecAt(url_, sql, error);
}

std::unique_ptr<PostgresDatabase> PostgresDatabase::Create() {
  const std::string server = ServerUrl();
  if (server.empty()) return nullptr;
  static std::atomic<int> counter{0};
  const std::string name =
      "lede_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
  std::string error;
  if (!ExecOnServer("CREATE DATABASE " + name, &error)) {
    ADD_FAILURE() << "cannot create a test database on " << server << ": " << error;
    return nullptr;
  }
  // The same server and user, another database: replace the URL's path.
  const std::size_t slash = server.find('/', server.find("://") + 3);
  const std::size_t query = server.find('?', slash);
  std::string url = server.substr(0, slash + 1) + name;
  if (query != std::string::npos) url += server.substr(query);
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(name, url));
}

PostgresDatabase::~PostgresDatabase() {
  // FORCE: a test that failed half-way may leave a connection open.
  ExecOnServer("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace lede::testing
