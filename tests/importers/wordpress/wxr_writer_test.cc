#include "importers/wordpress/wxr_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace lede::importers::wordpress {
namespace {

TEST(WxrWriterTest, TextXmlCannotHoldIsDroppedAndCounted) {
  std::size_t dropped = 0;
  EXPECT_EQ(XmlSafe("tab\there\nline é 한국 🎉", dropped), "tab\there\nline é 한국 🎉");
  EXPECT_EQ(dropped, 0u);
  EXPECT_EQ(XmlSafe(std::string("bell\x07 nul\0 esc\x1b end", 19), dropped), "bell nul esc end");
  EXPECT_EQ(dropped, 3u);
  dropped = 0;
  EXPECT_EQ(XmlSafe("\xEF\xBF\xBE and \xEF\xBF\xBF", dropped), " and ") << "U+FFFE, U+FFFF";
  EXPECT_EQ(dropped, 2u);
  dropped = 0;
  EXPECT_EQ(XmlSafe("bad \xC3 byte \xED\xA0\x80 surrogate", dropped), "bad  byte  surrogate");
  EXPECT_GE(dropped, 2u);
}

TEST(WxrWriterTest, AStreamThatFailsIsReportedAndNothingMoreIsWritten) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);  // as a full disk leaves it
  WxrWriter writer(out);
  writer.StartDocument();
  writer.Text("title", "x");
  auto status = writer.Flush();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(writer.Flush()) << "stays failed";
}

TEST(WxrWriterTest, CdataHoldingItsOwnEndIsSplit) {
  std::ostringstream out;
  WxrWriter writer(out);
  writer.Start("item");
  writer.Cdata("content", "a]]>b");
  writer.End();
  ASSERT_TRUE(writer.Flush());
  EXPECT_NE(out.str().find("<![CDATA[a]]]]><![CDATA[>b]]>"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace lede::importers::wordpress
