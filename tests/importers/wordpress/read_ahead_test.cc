#include "importers/wordpress/read_ahead.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_util.h"

namespace lede::importers::wordpress {
namespace {

const std::string kThemeData = LEDE_SHARED_DIR "/testdata/wxr/theme-test-data/themeunittestdata.wordpress.xml";

// Writes down every event, in order; fails on the item numbered `fail_at`.
class Log : public WxrHandler {
 public:
  explicit Log(int fail_at = -1) : fail_at_(fail_at) {}
  Status OnChannel(const WxrChannel& channel) override {
    events.push_back("channel " + channel.title);
    return {};
  }
  Status OnAuthor(const WxrAuthor& author) override {
    events.push_back("author " + author.login);
    return {};
  }
  Status OnTerm(const WxrTerm& term) override {
    events.push_back("term " + term.slug);
    return {};
  }
  Status OnItem(const WxrItem& item) override {
    if (items++ == fail_at_) return InvalidArgument("stop here");
    events.push_back("item " + std::to_string(item.post_id) + " " + std::to_string(item.content.size()));
    return {};
  }
  std::vector<std::string> events;
  int items = 0;

 private:
  int fail_at_;
};

TEST(ReadAheadTest, DeliversWhatReadWxrDeliversInTheSameOrder) {
  SKIP_WITHOUT_SHARED();
  Log direct;
  ASSERT_OK(ReadWxr(kThemeData, direct));
  Log ahead;
  ASSERT_OK(ReadWxrAhead(kThemeData, ahead));
  EXPECT_GT(ahead.items, 100);
  EXPECT_EQ(ahead.events, direct.events);
}

TEST(ReadAheadTest, AHandlerErrorStopsTheReaderAndIsReturned) {
  SKIP_WITHOUT_SHARED();
  Log log(5);
  auto status = ReadWxrAhead(kThemeData, log);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "stop here");
  EXPECT_EQ(log.items, 6);  // nothing handled after the failure
}

TEST(ReadAheadTest, AReaderErrorIsReturnedAfterWhatCameBefore) {
  testing::TempDir dir;
  testing::WriteFile(dir / "cut.xml", "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                                      "<channel><title>Cut</title><wp:wxr_version>1.2</wp:wxr_version>"
                                      "<item><wp:post_id>1</wp:post_id></item><item><title>never closed");
  Log log;
  auto status = ReadWxrAhead(dir / "cut.xml", log);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("cut.xml:"), std::string::npos) << status.error().message;
  EXPECT_EQ(log.items, 1);
}

}  // namespace
}  // namespace lede::importers::wordpress
