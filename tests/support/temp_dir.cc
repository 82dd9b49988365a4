#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "support/test_store.h"
#include "support/test_util.h"

namespace lede::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lede-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) LEDE_CHECK(false);
  path_ = pattern;
}

TempDir::~TempDir() {
  DropDatabasesUnder(path_);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

}  // namespace lede::testing
