#pragma once
// A database of a test's own on the PostgreSQL server `./dev test` starts
// (LEDE_TEST_POSTGRES holds its URL), dropped when the test ends. Where no
// server was started (ctest run by hand), tests on PostgreSQL skip with one
// line saying why.

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace lede::testing {

class PostgresDatabase {
 public:
  // Null when LEDE_TEST_POSTGRES is unset. A server that is set but cannot
  // be reached fails the test: that is a broken run, not a skip.
  static std::unique_ptr<PostgresDatabase> Create();
  ~PostgresDatabase();

  // postgres://lede@127.0.0.1:PORT/lede_test_N
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // The server's own URL (its postgres database), for administering it.
  static std::string ServerUrl();
  // Runs SQL on the server's postgres database; false with the message in
  // `error` when it fails.
  static bool ExecOnServer(const std::string& sql, std::string* error = nullptr);
  // The same in this database.
  bool Exec(const std::string& sql, std::string* error = nullptr) const;

 private:
  PostgresDatabase(std::string name, std::string url) : name_(std::move(name)), url_(std::move(url)) {}
  std::string name_;
  std::string url_;
};

}  // namespace lede::testing

#define LEDE_SKIP_WITHOUT_POSTGRES()                                                       \
  do {                                                                                     \
    if (::lede::testing::PostgresDatabase::ServerUrl().empty()) {                          \
      GTEST_SKIP() << "LEDE_TEST_POSTGRES is unset: ./dev test all starts a PostgreSQL server"; \
    }                                                                                      \
  } while (false)
