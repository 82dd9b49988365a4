// Writes a synthetic WordPress export for import benchmarks: N posts with
// realistic bodies (several paragraphs, a heading, a list, a caption
// shortcode), 12 categories (some nested), 300 tags, 25 authors, a few
// drafts and scheduled posts, and comments.
//   build/bench/make_wxr 100000 > big.xml

#include <cstdio>
#include <cstdlib>
#include <string>

#include "synthetic_post.h"

int main(int argc, char** argv) {
  lede::bench::SyntheticPosts text;
  const long posts = argc > 1 ? std::atol(argv[1]) : 1000;
  std::printf(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\"\n"
      " xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
      " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      " xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n"
      "<title>Synthetic Gazette</title>\n<link>https://gazette.example</link>\n"
      "<wp:wxr_version>1.2</wp:wxr_version>\n"
      "<wp:base_site_url>https://gazette.example</wp:base_site_url>\n"
      "<wp:base_blog_url>https://gazette.example</wp:base_blog_url>\n");
  for (int a = 0; a < 25; ++a) {
    std::printf("<wp:author><wp:author_login><![CDATA[writer%d]]></wp:author_login>"
                "<wp:author_display_name><![CDATA[Writer %d]]></wp:author_display_name>"
                "</wp:author>\n", a, a);
  }
  const char* sections[] = {"world", "politics", "business", "science", "culture", "sport"};
  for (const char* section : sections) {
    std::printf("<wp:category><wp:category_nicename>%s</wp:category_nicename>"
                "<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[%c%s]]></wp:cat_name>"
                "</wp:category>\n", section, section[0] - 'a' + 'A', section + 1);
    std::printf("<wp:category><wp:category_nicename>%s-analysis</wp:category_nicename>"
                "<wp:category_parent>%s</wp:category_parent><wp:cat_name><![CDATA[%c%s analysis]]>"
                "</wp:cat_name></wp:category>\n", section, section, section[0] - 'a' + 'A', section + 1);
  }
  for (long i = 1; i <= posts; ++i) {
    const int section = text.Next(6);
    const bool analysis = text.Next(4) == 0;
    const int day = static_cast<int>(i % 28) + 1;
    const int month = static_cast<int>((i / 28) % 12) + 1;
    const int year = 2010 + static_cast<int>(i / 336) % 15;
    const char* status = text.Next(100) < 2 ? "draft" : "publish";
    std::string title = text.Sentence(6 + text.Next(5));
    title.pop_back();
    const std::string body = text.Body(i);
    std::printf("<item>\n<title><![CDATA[%s]]></title>\n"
                "<link>https://gazette.example/%d/%02d/%02d/post-%ld/</link>\n"
                "<dc:creator><![CDATA[writer%d]]></dc:creator>\n"
                "<guid isPermaLink=\"false\">https://gazette.example/?p=%ld</guid>\n"
                "<content:encoded><![CDATA[%s]]></content:encoded>\n"
                "<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>\n"
                "<wp:post_id>%ld</wp:post_id>\n"
                "<wp:post_date_gmt><![CDATA[%d-%02d-%02d 08:%02d:00]]></wp:post_date_gmt>\n"
                "<wp:post_name><![CDATA[post-%ld]]></wp:post_name>\n"
                "<wp:status><![CDATA[%s]]></wp:status>\n<wp:post_type><![CDATA[post]]></wp:post_type>\n"
                "<category domain=\"category\" nicename=\"%s%s\"><![CDATA[x]]></category>\n"
                "<category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category>\n"
                "<category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category>\n"
                "<wp:comment><wp:comment_id>%ld</wp:comment_id><wp:comment_content><![CDATA[%s]]>"
                "</wp:comment_content></wp:comment>\n</item>\n",
                title.c_str(), year, month, day, i, text.Next(25), i, body.c_str(), text.Sentence(14).c_str(), i,
                year, month, day, static_cast<int>(i % 60), i, status, sections[section],
                analysis ? "-analysis" : "", text.Next(300), text.Next(300), text.Next(300), text.Next(300), i,
                text.Sentence(10).c_str());
  }
  std::printf("</channel>\n</rss>\n");
  return 0;
}
