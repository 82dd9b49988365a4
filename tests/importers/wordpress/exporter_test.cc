#include "importers/wordpress/exporter.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "demo/newsroom.h"
#include "importers/wordpress/importer.h"
#include "importers/wordpress/wxr_reader.h"
#include "util/strings.h"
#include "media/library.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::importers::wordpress {
namespace {

constexpr util::UnixSeconds kNow = 1'795'873'080;

struct Site {
  explicit Site(const testing::TempDir& dir, const util::Clock& clock) : dir(dir.path()) {
    auto opened = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
    EXPECT_TRUE(opened.has_value());
    store = std::move(*opened);
    desk = std::make_unique<publishing::Desk>(*store, clock);
    media = std::make_unique<media::Library>(*store, dir / "media", clock);
    media->set_originals(dir / "originals");
  }
  std::vector<content::Article> Articles() {
    auto all = store->ListAllArticles(0, 1000);
    EXPECT_TRUE(all.has_value());
    std::sort(all->begin(), all->end(), [](const auto& a, const auto& b) { return a.slug < b.slug; });
    return *all;
  }
  // The site as WXR, as `lede export wordpress --base-url https://news.example` writes it.
  std::string Export(ExportReport* report = nullptr, ExportOptions options = {}) {
    if (options.base_url.empty()) options.base_url = "https://news.example";
    options.library = media.get();
    options.people = store.get();
    options.now = kNow;
    std::ostringstream out;
    auto done = ExportWxr(*store, options, out);
    EXPECT_TRUE(done.has_value()) << (done ? "" : done.error().message);
    if (done && report) *report = *done;
    return out.str();
  }
  Result<ImportReport> Import(const std::filesystem::path& file, const util::Clock& clock) {
    Importer importer(*store, *desk, clock, media.get(), store.get());
    return importer.Run({.file = file});
  }
  std::filesystem::path dir;
  std::unique_ptr<store::sqlite::SqliteStore> store;
  std::unique_ptr<publishing::Desk> desk;
  std::unique_ptr<media::Library> media;
};

// Every item of a WXR file, as lede's own reader sees it.
struct Items : WxrHandler {
  Status OnItem(const WxrItem& item) override {
    all.push_back(item);
    return {};
  }
  std::vector<WxrItem> OfType(std::string_view type) const {
    std::vector<WxrItem> found;
    for (const auto& item : all) {
      if (item.post_type == type) found.push_back(item);
    }
    return found;
  }
  static std::string Meta(const WxrItem& item, std::string_view key) {
    for (const auto& meta : item.meta) {
      if (meta.key == key) return meta.value;
    }
    return {};
  }
  std::vector<WxrItem> all;
};

Items Read(const std::filesystem::path& file) {
  Items items;
  EXPECT_TRUE(ReadWxr(file, items).has_value());
  return items;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// True when one warning holds every part.
bool Warned(const ExportReport& report, std::initializer_list<std::string_view> parts) {
  for (const auto& warning : report.warnings) {
    if (std::all_of(parts.begin(), parts.end(), [&](auto part) { return Contains(warning, part); })) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Names(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

// The demo newsroom (Markdown bodies, Quick Looks, datelines, editions,
// corrections, joint bylines, lead images, a draft and a scheduled story)
// exported and imported into an empty site comes back the same.
TEST(ExporterTest, ExportThenImportGivesTheSameSite) {
  testing::ManualClock clock(kNow);
  testing::TempDir first_dir;
  Site first(first_dir, clock);
  ASSERT_OK(demo::BuildNewsroom(*first.store, *first.desk, *first.media, clock));
  content::Page page;
  page.path = "/about/";
  page.title = "About The Daily Lede";
  page.published = true;
  ASSERT_OK(first.desk->SavePage(page, "<p>Who we are.</p>"));

  // One article in the trash: it leaves in WordPress's trash and comes back.
  auto trashed = first.store->FindArticle(3);
  ASSERT_OK(trashed);
  trashed->trashed_at = kNow - 60;  // as Editorial::Trash leaves it
  trashed->status = content::ArticleStatus::kDraft;
  trashed->published_at.reset();
  ASSERT_OK(first.desk->Save(*trashed));

  const std::string exported = first.Export();
  testing::WriteFile(first_dir / "export.xml", exported);
  EXPECT_NE(exported.find("<wp:wxr_version>1.2</wp:wxr_version>"), std::string::npos);

  testing::TempDir second_dir;
  Site second(second_dir, clock);
  Importer importer(*second.store, *second.desk, clock, second.media.get(), second.store.get());
  auto report = importer.Run({.file = first_dir / "export.xml", .dry_run = false});
  ASSERT_OK(report);
  EXPECT_EQ(second.Export(), exported) << "export, import, export: the same file";

  const auto before = first.Articles();
  const auto after = second.Articles();
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& a = before[i];
    const auto& b = after[i];
    SCOPED_TRACE(a.slug);
    EXPECT_EQ(a.slug, b.slug);
    EXPECT_EQ(a.section.slug, b.section.slug);
    EXPECT_EQ(a.headline, b.headline);
    EXPECT_EQ(a.standfirst, b.standfirst);
    EXPECT_EQ(a.body_format, b.body_format);
    EXPECT_EQ(a.body_markdown, b.body_markdown);
    EXPECT_EQ(a.body_html.str(), b.body_html.str());
    EXPECT_EQ(a.quick_looks, b.quick_looks);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.published_at, b.published_at);
    EXPECT_EQ(a.updated_at, b.updated_at);
    EXPECT_EQ(a.top_story, b.top_story);
    EXPECT_EQ(a.trashed_at, b.trashed_at);
    EXPECT_EQ(a.dateline, b.dateline);
    EXPECT_EQ(a.edition, b.edition);
    EXPECT_EQ(a.correction, b.correction);
    EXPECT_EQ(Names(a.tags), Names(b.tags));
    EXPECT_EQ(Names(a.authors), Names(b.authors));
    ASSERT_EQ(a.lead_image.has_value(), b.lead_image.has_value());
    if (a.lead_image) {
      EXPECT_EQ(a.lead_image->caption, b.lead_image->caption);
      EXPECT_EQ(a.lead_image->credit, b.lead_image->credit);
      EXPECT_EQ(a.lead_image->alt, b.lead_image->alt);
    }
  }
  auto sections_before = first.store->ListSections();
  auto sections_after = second.store->ListSections();
  ASSERT_OK(sections_before);
  ASSERT_OK(sections_after);
  EXPECT_EQ(Names(*sections_before), Names(*sections_after)) << "the menu keeps its order";
  for (std::size_t i = 0; i < sections_before->size() && i < sections_after->size(); ++i) {
    EXPECT_EQ((*sections_before)[i].description, (*sections_after)[i].description);
  }
  auto authors_before = first.store->ListAuthors();
  auto authors_after = second.store->ListAuthors();
  ASSERT_EQ(authors_before->size(), authors_after->size());
  for (std::size_t i = 0; i < authors_before->size(); ++i) {
    EXPECT_EQ((*authors_before)[i].slug, (*authors_after)[i].slug);
    EXPECT_EQ((*authors_before)[i].bio, (*authors_after)[i].bio);
  }
  auto about = second.store->FindPage("/about/");
  ASSERT_OK(about);
  EXPECT_EQ(about->title, "About The Daily Lede");
  EXPECT_EQ(about->body_html.str(), "<p>Who we are.</p>");
  auto policy = second.store->FindPage("/about-us/corrections/");
  ASSERT_OK(policy);
  ASSERT_TRUE(policy->author.has_value());
  EXPECT_EQ(policy->author->slug, first.store->FindPage("/about-us/corrections/")->author->slug);
  auto media_before = first.store->ListAllMedia(0, 100);
  auto media_after = second.store->ListAllMedia(0, 100);
  ASSERT_EQ(media_before->size(), media_after->size());
  for (std::size_t i = 0; i < media_before->size(); ++i) {
    EXPECT_EQ((*media_before)[i].caption, (*media_after)[i].caption);
    EXPECT_EQ((*media_before)[i].credit, (*media_after)[i].credit);
    EXPECT_EQ((*media_before)[i].alt, (*media_after)[i].alt);
    EXPECT_EQ((*media_before)[i].created_at, (*media_after)[i].created_at);
  }

  // And once more: importing the export into the site it came from
  // changes nothing.
  auto again = importer.Run({.file = first_dir / "export.xml", .dry_run = false});
  ASSERT_OK(again);
  EXPECT_EQ(again->kinds["posts"].skipped, static_cast<std::int64_t>(before.size()));
}

TEST(ExporterTest, AnImportedWordPressSiteExportsToWellFormedWxr) {
  SKIP_WITHOUT_SHARED();
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  ASSERT_OK(site.Import(LEDE_SHARED_DIR "/testdata/wxr/theme-test-data/themeunittestdata.wordpress.xml",
                        clock));
  testing::WriteFile(dir / "out.xml", site.Export());
  testing::TempDir again_dir;
  Site again(again_dir, clock);
  Importer reimporter(*again.store, *again.desk, clock);
  auto report = reimporter.Run({.file = dir / "out.xml", .dry_run = false});
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].imported, 58);
  EXPECT_EQ(report->kinds["pages"].imported, 21);
  EXPECT_EQ(report->kinds["media"].imported, 37) << "every attachment, used or not";
}

// What WordPress's importer needs of each item is there (the e2e test
// reads the same with WordPress's own parsers).
TEST(ExporterTest, EveryItemCarriesWhatWordPressNeeds) {
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  ASSERT_OK(demo::BuildNewsroom(*site.store, *site.desk, *site.media, clock));
  ExportReport report;
  testing::WriteFile(dir / "export.xml", site.Export(&report));
  const Items items = Read(dir / "export.xml");
  const auto media = site.store->ListAllMedia(0, 1000);
  ASSERT_EQ(items.OfType("attachment").size(), media->size());
  for (const auto& attachment : items.OfType("attachment")) {
    SCOPED_TRACE(attachment.title);
    EXPECT_FALSE(attachment.post_name.empty());
    EXPECT_FALSE(attachment.post_date_gmt.empty());
    EXPECT_TRUE(attachment.attachment_url.starts_with("https://news.example/media/file/"));
    EXPECT_EQ(attachment.guid, attachment.attachment_url);
    EXPECT_TRUE(Items::Meta(attachment, "_wp_attached_file").starts_with("20"));
    EXPECT_FALSE(Items::Meta(attachment, "_wp_attachment_image_alt").empty());
    EXPECT_TRUE(Contains(attachment.excerpt, "(Illustration: Lede Graphics Desk)")) << "the credit shows";
  }
  const auto pages = items.OfType("page");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].post_name, "about-us");
  EXPECT_EQ(pages[1].post_name, "corrections");
  EXPECT_EQ(pages[1].post_parent, pages[0].post_id) << "a nested path is a child page";
  for (const auto& page : pages) {
    EXPECT_FALSE(page.creator.empty());
    EXPECT_TRUE(page.guid.starts_with("https://news.example/?page_id="));
    EXPECT_NE(page.post_date_gmt.find("20"), std::string::npos);
  }
  const auto posts = items.OfType("post");
  ASSERT_EQ(static_cast<std::int64_t>(posts.size()), *site.store->CountArticles());
  int joint = 0;
  for (const auto& post : posts) {
    SCOPED_TRACE(post.title);
    EXPECT_FALSE(post.post_name.empty());
    EXPECT_EQ(post.creators.size(), 1u) << "one dc:creator; the others in _lede_coauthors";
    if (!Items::Meta(post, "_lede_coauthors").empty()) ++joint;
    EXPECT_TRUE(post.guid.starts_with("https://news.example/?p="));
    auto looks = nlohmann::json::parse(Items::Meta(post, "_lede_quick_looks").empty()
                                           ? "[]"
                                           : Items::Meta(post, "_lede_quick_looks"));
    for (const auto& look : looks) {
      EXPECT_TRUE(Contains(post.content, "<li>" + util::HtmlEscape(look.get<std::string>()) + "</li>"))
          << look;
    }
    if (!Items::Meta(post, "_lede_dateline").empty()) {
      EXPECT_TRUE(Contains(post.content, "<strong>" + Items::Meta(post, "_lede_dateline") + "</strong>"));
    }
  }
  EXPECT_GT(joint, 0);
  int coauthor_warnings = 0;
  for (const auto& warning : report.warnings) {
    if (Contains(warning, "one author per post")) ++coauthor_warnings;
  }
  EXPECT_EQ(coauthor_warnings, joint) << "each joint byline is named in the warnings";
  EXPECT_EQ(report.counts["media"], static_cast<std::int64_t>(media->size()));
}

TEST(ExporterTest, TextXmlCannotHoldIsDroppedWithAWarningNamingTheArticle) {
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  auto section = site.desk->AddSection("World", "", 1);
  ASSERT_OK(section);
  content::Article article;
  article.headline = "Bell\x07 in the headline";
  article.standfirst = "Escape\x1b here";
  article.body_markdown = "Form\x0c feed.";
  article.section_id = section->id;
  auto saved = site.desk->Save(article);
  ASSERT_OK(saved);
  ExportReport report;
  testing::WriteFile(dir / "export.xml", site.Export(&report));
  const Items items = Read(dir / "export.xml");  // readable, which is the point
  ASSERT_EQ(items.OfType("post").size(), 1u);
  EXPECT_EQ(items.OfType("post")[0].title, "Bell in the headline");
  EXPECT_TRUE(Warned(report, {fmt::format("article {}", saved->id), "not allowed in XML"}));
}

TEST(ExporterTest, AMissingLeadImageIsExportedWithItsUrlAndAWarning) {
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  ASSERT_OK(demo::BuildNewsroom(*site.store, *site.desk, *site.media, clock));
  auto article = site.store->FindArticle(1);
  ASSERT_OK(article);
  const auto& picture = *article->lead_image->media;
  std::filesystem::remove(site.media->FilePath(picture));
  ExportReport report;
  const std::string exported = site.Export(&report);
  EXPECT_TRUE(Contains(exported, "https://news.example/media/file/" + media::FileName(picture)));
  EXPECT_TRUE(Warned(report, {"article 1 ", "missing"}));
}

TEST(ExporterTest, MediaFilesAreWrittenAsAWordPressUploadsTree) {
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  ASSERT_OK(demo::BuildNewsroom(*site.store, *site.desk, *site.media, clock));
  testing::TempDir out;
  ExportReport report;
  site.Export(&report, {.media_dir = out.path()});
  const auto media = site.store->ListAllMedia(0, 1000);
  ASSERT_FALSE(media->empty());
  for (const auto& item : *media) {
    const auto file = out / "wp-content" / "uploads" / media::FileName(item);
    ASSERT_TRUE(std::filesystem::is_regular_file(file)) << file;
    EXPECT_EQ(testing::ReadFile(file), site.media->ReadFile(item)->bytes);
  }
  EXPECT_EQ(report.counts["media files"], static_cast<std::int64_t>(media->size()));
  // A folder that cannot be written fails the export, saying where.
  testing::WriteFile(dir / "a-file", "x");
  std::ostringstream ignored;
  auto failed = ExportWxr(*site.store, {.base_url = "https://news.example", .library = site.media.get(),
                                        .media_dir = dir / "a-file"},
                          ignored);
  ASSERT_FALSE(failed);
  EXPECT_TRUE(Contains(failed.error().message, "a-file")) << failed.error().message;
}

TEST(ExporterTest, WithoutAPublicAddressTheExportSaysSoAndUsesTheListenAddress) {
  testing::ManualClock clock(kNow);
  testing::TempDir dir;
  Site site(dir, clock);
  ASSERT_OK(site.desk->AddSection("World", "", 1));
  std::ostringstream out;
  auto report = ExportWxr(*site.store, {}, out);
  ASSERT_OK(report);
  ASSERT_FALSE(report->warnings.empty());
  EXPECT_TRUE(Contains(report->warnings.front(), "no public address"));
  EXPECT_TRUE(Contains(out.str(), "<wp:base_site_url>http://127.0.0.1:8080</wp:base_site_url>"));
  auto settings = site.store->LoadSettings();
  settings->base_url = "https://daily.example";
  ASSERT_OK(site.store->SaveSettings(*settings));
  std::ostringstream again;
  report = ExportWxr(*site.store, {}, again);
  ASSERT_OK(report);
  EXPECT_TRUE(report->warnings.empty());
  EXPECT_TRUE(Contains(again.str(), "<wp:base_site_url>https://daily.example</wp:base_site_url>"));
}

}  // namespace
}  // namespace lede::importers::wordpress
