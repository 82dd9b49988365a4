#pragma once
// Which store the integration suite runs on. By default each site a test
// serves keeps its SQLite file in its data folder; with
// LEDE_TEST_STORE=postgres (./dev test runs e2e_test a second time so),
// each data folder gets a PostgreSQL database of its own on the server
// ./dev started (LEDE_TEST_POSTGRES), which support/lede_process.cc hands
// to every lede command run on that folder as LEDE_DB, as an operator
// would. The database is dropped with the TempDir the folder lies in.

#include <filesystem>
#include <string>

namespace lede::testing {

// LEDE_TEST_STORE=postgres.
bool OnPostgres();

// The postgres:// URL of `data_dir`'s database, created on first ask; ""
// on SQLite. Fails the test (and returns "") when it cannot be created.
std::string DatabaseFor(const std::filesystem::path& data_dir);

// Drops the databases of every data folder in (or at) `dir`.
void DropDatabasesUnder(const std::filesystem::path& dir);

}  // namespace lede::testing

// For the few tests about SQLite itself (its file, its online backup).
#define LEDE_SKIP_ON_POSTGRES(why)                                  \
  do {                                                              \
    if (::lede::testing::OnPostgres()) GTEST_SKIP() << "on PostgreSQL: " << why; \
  } while (false)
