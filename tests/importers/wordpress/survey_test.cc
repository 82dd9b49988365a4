#include "importers/wordpress/survey.h"

#include <gtest/gtest.h>

namespace lede::importers::wordpress {
namespace {

WxrItem Attachment(std::int64_t id, std::int64_t parent, std::string url, std::string alt) {
  WxrItem item;
  item.post_type = "attachment";
  item.post_id = id;
  item.post_parent = parent;
  item.attachment_url = std::move(url);
  item.title = "Title " + std::to_string(id);
  item.excerpt = "Caption <em>" + std::to_string(id) + "</em>";
  item.meta.push_back({"_wp_attachment_image_alt", std::move(alt)});
  return item;
}

TEST(SurveyTest, GalleriesFollowTheirIdsOrThePostsOwnPictures) {
  Survey survey;
  ASSERT_TRUE(survey.OnItem(Attachment(11, 5, "https://x.example/a.jpg", "A")).has_value());
  ASSERT_TRUE(survey.OnItem(Attachment(12, 5, "https://x.example/b.jpg", "")).has_value());
  ASSERT_TRUE(survey.OnItem(Attachment(13, 6, "https://x.example/c.jpg", "C")).has_value());
  WxrItem post;
  post.post_type = "post";
  post.post_id = 5;
  ASSERT_TRUE(survey.OnItem(post).has_value());
  EXPECT_EQ(survey.items, 4);

  const auto own = GalleryFor(survey, 5, "");
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].url, "https://x.example/a.jpg");
  EXPECT_EQ(own[1].alt, "Title 12") << "no alt: the title stands in";
  EXPECT_EQ(own[0].caption, "Caption 11");
  const auto listed = GalleryFor(survey, 5, "ids=\"13, 11, 99\" columns=\"2\"");
  ASSERT_EQ(listed.size(), 2u) << "unknown ids are skipped";
  EXPECT_EQ(listed[0].url, "https://x.example/c.jpg");
  EXPECT_EQ(GalleryFor(survey, 5, "ids=13").size(), 1u);
  EXPECT_TRUE(GalleryFor(survey, 7, "").empty());
}

}  // namespace
}  // namespace lede::importers::wordpress
