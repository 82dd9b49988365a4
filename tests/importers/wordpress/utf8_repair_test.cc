#include "importers/wordpress/utf8_repair.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace lede::importers::wordpress {
namespace {

TEST(Utf8RepairTest, ValidFilesAndOtherEncodingsAreLeftAlone) {
  testing::TempDir dir;
  testing::WriteFile(dir / "ok.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>caf\xC3\xA9 \xF0\x9F\x93\xB0</rss>");
  testing::WriteFile(dir / "latin1.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>caf\xE9</rss>");
  for (const std::string name : {"ok.xml", "latin1.xml"}) {
    auto repair = RepairUtf8(dir / name);
    ASSERT_OK(repair);
    EXPECT_FALSE(*repair) << name;
  }
}

TEST(Utf8RepairTest, BadBytesBecomeReplacementCharactersEvenAcrossChunks) {
  testing::TempDir dir;
  // Over a megabyte, so a four-byte character straddles the first read.
  std::string text = "<?xml version=\"1.0\"?>\n<rss>";
  text += std::string((1 << 20) - text.size() - 2, 'a');
  text += "\xF0\x9F\x93\xB0";  // 📰 across the boundary
  text += "\nline three \xFF and \xC3 end\n\xED\xA0\x80</rss>";  // 0xFF, a cut-off sequence, a surrogate
  testing::WriteFile(dir / "bad.xml", text);
  auto repair = RepairUtf8(dir / "bad.xml");
  ASSERT_OK(repair);
  ASSERT_TRUE(*repair);
  EXPECT_EQ((*repair)->lines, (std::vector<int>{3, 4}));
  EXPECT_EQ((*repair)->bytes, 5);
  const std::string fixed = testing::ReadFile((*repair)->repaired);
  EXPECT_NE(fixed.find("\xF0\x9F\x93\xB0"), std::string::npos) << "valid characters survive";
  EXPECT_NE(fixed.find("line three \xEF\xBF\xBD and \xEF\xBF\xBD end"), std::string::npos);
  const std::string replaced = "\xEF\xBF\xBD";
  std::string expected = text.substr(0, text.find("\nline three"));
  expected += "\nline three " + replaced + " and " + replaced + " end\n" + replaced + replaced + replaced + "</rss>";
  EXPECT_EQ(fixed, expected) << "everything else is copied as it was";
  std::filesystem::remove((*repair)->repaired);
}

}  // namespace
}  // namespace lede::importers::wordpress
