#include "importers/wordpress/post_workers.h"

#include <gtest/gtest.h>

namespace lede::importers::wordpress {
namespace {

WxrItem Post(std::int64_t id, std::string content) {
  WxrItem item;
  item.post_type = "post";
  item.post_id = id;
  item.title = "Title &amp; <b>" + std::to_string(id) + "</b>";
  item.content = std::move(content);
  return item;
}

TEST(PostWorkersTest, PreparedPostsComeBackInOrderConvertedAndSanitised) {
  Survey survey;
  Workers workers(2, survey);
  std::vector<std::future<Workers::Done>> futures;
  for (int group = 0; group < 5; ++group) {
    Workers::Group items;
    for (int i = 0; i < 8; ++i) {
      items.push_back(Post(group * 8 + i, "<p>Hello<script>alert(1)</script></p>"));
    }
    futures.push_back(workers.Submit(std::move(items)));
  }
  std::int64_t expected = 0;
  for (auto& future : futures) {
    for (const Prepared& prepared : future.get()) {
      EXPECT_EQ(prepared.item.post_id, expected);
      EXPECT_EQ(prepared.headline, "Title & " + std::to_string(expected));
      EXPECT_EQ(prepared.body_html.str().find("<script"), std::string::npos);
      EXPECT_NE(prepared.body_html.str().find("Hello"), std::string::npos);
      ++expected;
    }
  }
  EXPECT_EQ(expected, 40);
}

TEST(PostWorkersTest, LedesOwnMarkdownIsRenderedNotSanitised) {
  Survey survey;
  WxrItem item = Post(1, "<p>ignored html</p>");
  item.meta.push_back({"_lede_markdown", "Some *emphasis*"});
  const Prepared prepared = Prepare(std::move(item), survey);
  EXPECT_EQ(prepared.body_html.str(), "<p>Some <em>emphasis</em></p>\n");
}

}  // namespace
}  // namespace lede::importers::wordpress
