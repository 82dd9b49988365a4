#include "importers/wordpress/importer.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <filesystem>
#include <fstream>

#include "media/library.h"
#include "publishing/catalog.h"
#include "ratings/rating_service.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"
#include "support/html_safety.h"
#include "support/test_util.h"
#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

const std::string kData = LEDE_SHARED_DIR "/testdata/wxr/";
const std::string kThemeUnitTest = kData + "theme-test-data/themeunittestdata.wordpress.xml";
constexpr util::UnixSeconds kNow = 1'795'873'080;  // 2026-11-28

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open((dir_ / "lede.db").string());
    ASSERT_OK(store);
    people_ = store->get();
    store_ = std::move(*store);
    desk_ = std::make_unique<publishing::Desk>(*store_, clock_);
  }

  Result<ImportReport> Import(const std::filesystem::path& file, bool dry_run = false) {
    Importer importer(*store_, *desk_, clock_, nullptr, people_);
    return importer.Run({.file = file, .dry_run = dry_run});
  }

  std::map<std::string, int> Statuses() {
    std::map<std::string, int> statuses;
    for (std::int64_t id = 1; id <= 400; ++id) {
      auto article = store_->FindArticle(id);
      if (article) ++statuses[std::string(content::ArticleStatusName(article->status))];
    }
    return statuses;
  }

  testing::TempDir dir_;
  testing::ManualClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  store::PeopleStore* people_ = nullptr;
  std::unique_ptr<publishing::Desk> desk_;
};

TEST_F(ImporterTest, ThemeUnitTestDataComesAcross) {
  SKIP_WITHOUT_SHARED();
  auto report = Import(kThemeUnitTest);
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].imported, 58);
  EXPECT_EQ(report->kinds["authors"].imported, 2);
  EXPECT_EQ(report->comments, 33);
  EXPECT_EQ(report->kinds["media"].imported, 37);  // every attachment, six of them featured
  EXPECT_EQ(*store_->CountArticles(), 58);
  EXPECT_EQ(store_->LoadSettings()->name, "Theme Unit Test Data") << "a new site takes the old name";
  // 56 published less the password-protected one; "Draft"; "Scheduled" (2030).
  EXPECT_EQ(Statuses(), (std::map<std::string, int>{{"draft", 2}, {"published", 55}, {"scheduled", 1}}));

  auto sticky = store_->FindVisibleArticle("classic", "template-sticky", kNow);
  ASSERT_OK(sticky);
  EXPECT_TRUE(sticky->top_story);
  EXPECT_EQ(sticky->authors.size(), 1u);
  auto greek = store_->FindTag(util::Slugify("content περιεχόμενο"));
  EXPECT_OK(greek);

  // Old URLs: the item's link, its ?p= form, category and tag archives.
  auto by_link = store_->FindRedirect("/2012/01/07/template-sticky/");
  ASSERT_OK(by_link);
  ASSERT_TRUE(*by_link);
  EXPECT_EQ(**by_link, "/classic/template-sticky/");
  auto by_id = store_->FindRedirect("/?p=1241");
  ASSERT_OK(by_id);
  ASSERT_TRUE(*by_id);
  EXPECT_EQ(**by_id, "/classic/template-sticky/");
  auto category = store_->FindRedirect("/category/classic/");
  ASSERT_OK(category);
  EXPECT_EQ(category->value_or(""), "/classic/");
}

TEST_F(ImporterTest, FeaturedImagesBecomeLeadImagesWithCaptionCreditAndAlt) {
  const std::string wxr = R"(<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
<item><title>Post</title><wp:post_id>10</wp:post_id><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_date_gmt>2025-05-01 10:00:00</wp:post_date_gmt>
<content:encoded>Body</content:encoded>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>11</wp:meta_value></wp:postmeta></item>
<item><title>harbour.jpg</title><wp:post_id>11</wp:post_id><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example/wp-content/uploads/harbour.jpg</wp:attachment_url>
<excerpt:encoded>The harbour at dawn (Photo/Jane Doe)</excerpt:encoded>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Boats at rest</wp:meta_value></wp:postmeta></item>
</channel></rss>)";
  testing::WriteFile(dir_ / "featured.xml", wxr);
  ASSERT_OK(Import(dir_ / "featured.xml"));
  auto post = store_->FindVisibleArticle("news", "post", kNow);
  ASSERT_OK(post);
  ASSERT_TRUE(post->lead_image);
  EXPECT_EQ(post->lead_image->caption, "The harbour at dawn");
  EXPECT_EQ(post->lead_image->credit, "Photo/Jane Doe");
  EXPECT_EQ(post->lead_image->alt, "Boats at rest");
  ASSERT_TRUE(post->lead_image->media);
  EXPECT_EQ(post->lead_image->media->source_url, "https://old.example/wp-content/uploads/harbour.jpg");
}

// WordPress's trash is lede's trash, where everything is a draft; a
// draft's date (WordPress leaves its GMT date zero) is read in
// the exporting site's time zone when the file names it.
TEST_F(ImporterTest, TrashedPostsGoToTheTrashAndLocalDatesUseTheExportsZone) {
  const std::string wxr = R"(<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:lede="urn:lede:export:1"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Zoned</title><language>ko</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
<lede:time_zone>Asia/Seoul</lede:time_zone>
<item><title>Binned</title><wp:post_id>10</wp:post_id><wp:status>trash</wp:status>
<wp:post_type>post</wp:post_type><wp:post_date_gmt>2025-05-01 10:00:00</wp:post_date_gmt>
<content:encoded>Body</content:encoded>
<wp:postmeta><wp:meta_key>_wp_trash_meta_status</wp:meta_key><wp:meta_value>publish</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_trash_meta_time</wp:meta_key><wp:meta_value>1746100000</wp:meta_value></wp:postmeta></item>
<item><title>Unfinished</title><wp:post_id>11</wp:post_id><wp:status>draft</wp:status>
<wp:post_type>post</wp:post_type><wp:post_date>2025-05-01 19:00:00</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><content:encoded>Body</content:encoded></item>
</channel></rss>)";
  testing::WriteFile(dir_ / "zoned.xml", wxr);
  ASSERT_OK(Import(dir_ / "zoned.xml"));
  auto binned = store_->FindArticle(1);
  ASSERT_OK(binned);
  EXPECT_EQ(binned->status, content::ArticleStatus::kDraft);
  EXPECT_EQ(binned->trashed_at, 1746100000);
  EXPECT_EQ(binned->created_at, *util::ParseIso8601("2025-05-01T10:00:00Z"));
  EXPECT_FALSE(store_->FindVisibleArticle("news", "binned", kNow)) << "the trash is not public";
  auto draft = store_->FindArticle(2);
  ASSERT_OK(draft);
  EXPECT_EQ(draft->created_at, *util::ParseIso8601("2025-05-01T10:00:00Z")) << "19:00 in Seoul";
  auto settings = store_->LoadSettings();
  EXPECT_EQ(settings->time_zone, "Asia/Seoul") << "a new site takes the export's zone";
  EXPECT_EQ(settings->language, "ko");
}

TEST_F(ImporterTest, AuthorsBecomeDisabledUsersLinkedToTheirBylines) {
  SKIP_WITHOUT_SHARED();
  ASSERT_OK(Import(kThemeUnitTest));
  auto users = people_->ListUsers();
  ASSERT_OK(users);
  ASSERT_EQ(users->size(), 2u);
  for (const auto& user : *users) {
    EXPECT_TRUE(user.disabled) << user.email;
    EXPECT_EQ(user.role, content::Role::kAuthor);
    ASSERT_TRUE(user.author_id.has_value()) << user.email;
    EXPECT_EQ(*people_->PasswordHash(user.id), "") << "nobody can sign in as them yet";
  }
  // Again: the same accounts, none added.
  ASSERT_OK(Import(kThemeUnitTest));
  EXPECT_EQ(people_->ListUsers()->size(), 2u);
}

TEST_F(ImporterTest, PicturesInTheMediaDirAreStoredLikeUploads) {
  SKIP_WITHOUT_SHARED();
  // A stand-in for wp-content/uploads holding one of the six featured
  // images (libvips reads the SVG whatever the file is called).
  const auto uploads = dir_ / "uploads";
  testing::WriteFile(uploads / "2008" / "06" / "dsc20050102_192118_51.jpg",
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"800\">"
                     "<rect width=\"1200\" height=\"800\" fill=\"#468\"/></svg>");
  media::Library library(*store_, dir_ / "media", clock_);
  Importer importer(*store_, *desk_, clock_, &library);
  auto report = importer.Run({.file = kThemeUnitTest, .media_dir = uploads});
  ASSERT_OK(report);
  int local = 0, remote = 0;
  for (std::int64_t id = 1; id <= 58; ++id) {
    auto article = store_->FindArticle(id);
    if (!article || !article->lead_image || !article->lead_image->media) continue;
    const auto& media = *article->lead_image->media;
    if (media.widths.empty()) {
      ++remote;
      EXPECT_FALSE(media.source_url.empty());
    } else {
      ++local;
      EXPECT_EQ(media.widths, (std::vector<int>{480, 960, 1200}));
      EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / media::VariantPath(media, 480)));
    }
  }
  EXPECT_EQ(local, 1);
  EXPECT_EQ(remote, 5);
  auto missing = importer.Run({.file = kThemeUnitTest, .media_dir = dir_ / "nowhere"});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("--media-dir"), std::string::npos);
}

TEST_F(ImporterTest, BytesThatAreNotUtf8AreRepairedWithAWarning) {
  testing::WriteFile(dir_ / "latin1-in-utf8.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n"
                     "<wp:wxr_version>1.2</wp:wxr_version>\n"
                     "<item><title>Caf\xE9 owners protest</title><wp:post_id>3</wp:post_id>\n"
                     "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                     "<wp:post_date_gmt>2025-01-01 00:00:00</wp:post_date_gmt></item>\n"
                     "</channel></rss>\n");
  auto report = Import(dir_ / "latin1-in-utf8.xml");
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].imported, 1);
  ASSERT_FALSE(report->warnings.empty());
  EXPECT_NE(report->warnings.front().find("latin1-in-utf8.xml:4: 1 byte was not valid UTF-8"),
            std::string::npos)
      << report->warnings.front();
  auto article = store_->FindArticle(1);
  ASSERT_OK(article);
  EXPECT_EQ(article->headline, "Caf\uFFFD owners protest");
}

TEST_F(ImporterTest, PagesAreServedAtTheirOldPaths) {
  SKIP_WITHOUT_SHARED();
  auto report = Import(kThemeUnitTest);
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["pages"].imported, 21);
  auto nested = store_->FindPage("/level-1/level-2/level-3/");
  ASSERT_OK(nested);
  EXPECT_TRUE(nested->published);
  EXPECT_EQ(nested->title, "Level 3");
  auto greek = store_->FindPage(util::NormalizePath("/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"));
  EXPECT_OK(greek);
  auto about = store_->FindRedirect("/?page_id=2");
  ASSERT_OK(about);
  EXPECT_EQ(about->value_or(""), "/about/");
  auto again = Import(kThemeUnitTest);
  ASSERT_OK(again);
  EXPECT_EQ(again->kinds["pages"].skipped, 21);
}

TEST_F(ImporterTest, ImportingTheSameFileAgainDuplicatesNothing) {
  SKIP_WITHOUT_SHARED();
  ASSERT_OK(Import(kThemeUnitTest));
  auto sections = store_->ListSections();
  ASSERT_OK(sections);
  auto again = Import(kThemeUnitTest);
  ASSERT_OK(again);
  EXPECT_EQ(again->kinds["posts"].imported, 0);
  EXPECT_EQ(again->kinds["posts"].skipped, 58);
  EXPECT_EQ(again->kinds["authors"].imported, 0);
  EXPECT_EQ(*store_->CountArticles(), 58);
  EXPECT_EQ(store_->ListSections()->size(), sections->size());
  EXPECT_EQ(store_->ListAuthors()->size(), 2u);
  EXPECT_EQ(again->kinds["media"].imported, 0);
  EXPECT_EQ(again->kinds["media"].skipped, 37);
}

TEST_F(ImporterTest, AChangedPostIsUpdatedInPlace) {
  SKIP_WITHOUT_SHARED();
  ASSERT_OK(Import(kThemeUnitTest));
  std::string text = testing::ReadFile(kThemeUnitTest);
  const std::string from = "<title>Template: Sticky</title>";
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "<title>Template: Sticky, revised</title>");
  testing::WriteFile(dir_ / "changed.xml", text);
  auto report = Import(dir_ / "changed.xml");
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].updated, 1);
  EXPECT_EQ(report->kinds["posts"].skipped, 57);
  auto article = store_->FindVisibleArticle("classic", "template-sticky", kNow);
  ASSERT_OK(article);
  EXPECT_EQ(article->headline, "Template: Sticky, revised");
}

TEST_F(ImporterTest, ADryRunWritesNothing) {
  SKIP_WITHOUT_SHARED();
  auto report = Import(kThemeUnitTest, /*dry_run=*/true);
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].imported, 58);
  EXPECT_EQ(*store_->CountArticles(), 0);
  EXPECT_TRUE(store_->ListSections()->empty());
  EXPECT_TRUE(store_->ListAuthors()->empty());
  EXPECT_FALSE(*store_->FindRedirect("/?p=1241"));
}

TEST_F(ImporterTest, ARefusedFileLeavesTheSiteAsItWas) {
  SKIP_WITHOUT_SHARED();
  ASSERT_OK(Import(kThemeUnitTest));
  for (const std::string bad : {"malformed.xml", "malformed-simple.xml", "crazy-cdata.xml"}) {
    auto report = Import(kData + "wordpress-importer/phpunit-data/" + bad);
    ASSERT_FALSE(report) << bad;
    EXPECT_NE(report.error().message.find(bad + ":"), std::string::npos) << report.error().message;
  }
  EXPECT_EQ(*store_->CountArticles(), 58);
}

TEST_F(ImporterTest, PrivatePostsBecomeDraftsAndOddFilesStillImport) {
  SKIP_WITHOUT_SHARED();
  auto small = Import(kData + "wordpress-importer/phpunit-data/small-export.xml");
  ASSERT_OK(small);
  EXPECT_EQ(small->kinds["posts"].imported, 6);
  EXPECT_EQ(Statuses()["draft"], 1);
  // The page with no post type, status or date is skipped with a warning.
  auto a11y = Import(kData + "wordpress-importer/phpunit-data/a11y-unit-test-data.xml");
  ASSERT_OK(a11y);
  bool warned = false;
  for (const auto& warning : a11y->warnings) warned |= warning.find("no post type") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(ImporterTest, EveryWellFormedFixtureImports) {
  SKIP_WITHOUT_SHARED();
  int files = 0;
  for (const auto& folder : {"wordpress-importer/phpunit-data", "wordpress-importer/e2e-fixtures",
                             "theme-test-data"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kData + folder)) {
      const std::string name = entry.path().filename().string();
      if (name == "malformed.xml" || name == "malformed-simple.xml" || name == "crazy-cdata.xml") {
        continue;
      }
      testing::TempDir dir;
      auto store = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
      ASSERT_OK(store);
      publishing::Desk desk(**store, clock_);
      Importer importer(**store, desk, clock_);
      EXPECT_OK(importer.Run({.file = entry.path(), .dry_run = false}));
      ++files;
    }
  }
  EXPECT_GT(files, 30);
}

TEST_F(ImporterTest, ContentAndTitlesAreCleaned) {
  SKIP_WITHOUT_SHARED();
  ASSERT_OK(Import(kThemeUnitTest));
  auto gallery = store_->FindVisibleArticle("classic", "post-format-gallery", kNow);
  ASSERT_OK(gallery);
  EXPECT_NE(gallery->body_html.str().find("<figure><img src=\"https://wpthemetestdata.files.wordpress.com/"),
            std::string::npos)
      << "the [gallery] shows the post's attached pictures";
  auto markup = store_->FindVisibleArticle("classic", "markup-title-with-markup", kNow);
  ASSERT_OK(markup);
  EXPECT_EQ(markup->headline, "Markup: Title With Markup");
  for (std::int64_t id = 1; id <= 58; ++id) {
    auto article = store_->FindArticle(id);
    ASSERT_OK(article);
    EXPECT_EQ(article->body_html.str().find("<script"), std::string::npos) << article->slug;
    EXPECT_EQ(article->body_html.str().find("[caption"), std::string::npos) << article->slug;
    EXPECT_EQ(article->body_html.str().find("<!-- wp:"), std::string::npos) << article->slug;
    EXPECT_EQ(article->body_format, content::BodyFormat::kHtml);
  }
}

// Every payload of the XSS list as a post's title and content, imported and
// rendered by the real site: the pages hold no script element, no handler
// attribute, no dangerous URL and nothing outside the allow-list.
void InspectPage(const GumboNode* node, bool in_body, std::vector<std::string>& problems) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  const std::string name = gumbo_normalized_tagname(element.tag);
  if (name == "script") {
    const GumboAttribute* type = gumbo_get_attribute(&element.attributes, "type");
    const GumboAttribute* src = gumbo_get_attribute(&element.attributes, "src");
    const bool ours = (type && std::string_view(type->value) == "application/ld+json") ||
                      (src && util::StartsWith(src->value, "/static/rating."));
    if (!ours) problems.push_back("script element");
  }
  static const std::set<std::string> kBody = {
      "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "ins",
      "sub", "sup", "mark", "small", "blockquote", "q", "cite", "code", "pre", "kbd", "ul", "ol",
      "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "table", "thead", "tbody",
      "tfoot", "tr", "th", "td", "caption", "hr", "abbr", "span", "div", "time", "iframe"};
  if (in_body && !kBody.count(name)) problems.push_back("element " + name);
  testing::CheckAttributes(element, problems);
  const GumboAttribute* klass = gumbo_get_attribute(&element.attributes, "class");
  const bool body = in_body || (klass && std::string_view(klass->value) == "story__body");
  for (unsigned i = 0; i < element.children.length; ++i) {
    InspectPage(static_cast<const GumboNode*>(element.children.data[i]), body, problems);
  }
}

std::string Cdata(std::string_view text) {
  std::string out = "<![CDATA[";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "]]>") {
      out += "]]]]><![CDATA[>";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out + "]]>";
}

TEST_F(ImporterTest, XssPayloadsAsPostsRenderInert) {
  SKIP_WITHOUT_SHARED();
  std::ifstream list(LEDE_SHARED_DIR "/testdata/xss/xss-payload-list.txt");
  ASSERT_TRUE(list);
  std::string wxr =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>XSS</title>"
      "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://xss.example</wp:base_site_url>\n";
  std::string payload;
  int count = 0;
  while (std::getline(list, payload)) {
    ++count;
    wxr += "<item><title>" + Cdata(payload) + "</title><content:encoded>" + Cdata(payload) +
           "</content:encoded><wp:post_id>" + std::to_string(count) +
           "</wp:post_id><wp:post_name>xss-" + std::to_string(count) +
           "</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
           "<wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt></item>\n";
  }
  wxr += "</channel></rss>\n";
  testing::WriteFile(dir_ / "xss.xml", wxr);
  auto report = Import(dir_ / "xss.xml");
  ASSERT_OK(report);
  ASSERT_EQ(report->kinds["posts"].imported, count);

  auto theme = theme::Theme::Load(std::nullopt);
  ASSERT_OK(theme);
  publishing::Catalog catalog(*store_, clock_);
  ratings::VoterSigner signer(std::string(32, 's'));
  ratings::IpLimiter limiter({}, clock_);
  ratings::VoteRecorder recorder(*store_, {});
  ratings::RatingService rating(*store_, recorder, signer, limiter, clock_);
  site::Site site(catalog, rating, **theme, dir_ / "media", false);
  http::Router router;
  site.Register(router);
  for (int i = 1; i <= count; ++i) {
    http::Request request;
    request.path = request.target = "/news/xss-" + std::to_string(i) + "/";
    const auto response = router.Dispatch(request);
    ASSERT_EQ(response.status, 200) << request.path;
    GumboOutput* parsed = gumbo_parse(response.body.c_str());
    std::vector<std::string> problems;
    InspectPage(parsed->root, false, problems);
    gumbo_destroy_output(&kGumboDefaultOptions, parsed);
    ASSERT_TRUE(problems.empty()) << "post " << i << ": " << problems.front();
  }
}

}  // namespace
}  // namespace lede::importers::wordpress
