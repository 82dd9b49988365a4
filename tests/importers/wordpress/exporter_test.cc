#include "importers/wordpress/exporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "demo/newsroom.h"
#include "importers/wordpress/importer.h"
#include "media/library.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::importers::wordpress {
namespace {

constexpr util::UnixSeconds kNow = 1'795'873'080;

struct Site {
  explicit Site(const testing::TempDir& dir, const util::Clock& clock) {
    auto opened = store::sqlite::SqliteStore::Open((dir / "lede.db").string());
    EXPECT_TRUE(opened.has_value());
    store = std::move(*opened);
    desk = std::make_unique<publishing::Desk>(*store, clock);
  }
  std::vector<content::Article> Articles() {
    auto all = store->ListAllArticles(0, 1000);
    EXPECT_TRUE(all.has_value());
    std::sort(all->begin(), all->end(), [](const auto& a, const auto& b) { return a.slug < b.slug; });
    return *all;
  }
  std::unique_ptr<store::Store> store;
  std::unique_ptr<publishing::Desk> desk;
};

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
  media::Library media(*first.store, first_dir / "media", clock);
  ASSERT_OK(demo::BuildNewsroom(*first.store, *first.desk, media, clock));
  content::Page page;
  page.path = "/about/";
  page.title = "About The Daily Lede";
  page.published = true;
  ASSERT_OK(first.desk->SavePage(page, "<p>Who we are.</p>"));

  std::ostringstream exported;
  ASSERT_OK(ExportWxr(*first.store, exported));
  testing::WriteFile(first_dir / "export.xml", exported.str());
  EXPECT_NE(exported.str().find("<wp:wxr_version>1.2</wp:wxr_version>"), std::string::npos);

  testing::TempDir second_dir;
  Site second(second_dir, clock);
  Importer importer(*second.store, *second.desk, clock);
  auto report = importer.Run({.file = first_dir / "export.xml", .dry_run = false});
  ASSERT_OK(report);

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
  Importer importer(*site.store, *site.desk, clock);
  ASSERT_OK(importer.Run(
      {.file = LEDE_SHARED_DIR "/testdata/wxr/theme-test-data/themeunittestdata.wordpress.xml"}));
  std::ostringstream exported;
  ASSERT_OK(ExportWxr(*site.store, exported));
  testing::WriteFile(dir / "out.xml", exported.str());
  testing::TempDir again_dir;
  Site again(again_dir, clock);
  Importer reimporter(*again.store, *again.desk, clock);
  auto report = reimporter.Run({.file = dir / "out.xml", .dry_run = false});
  ASSERT_OK(report);
  EXPECT_EQ(report->kinds["posts"].imported, 58);
  EXPECT_EQ(report->kinds["pages"].imported, 21);
}

}  // namespace
}  // namespace lede::importers::wordpress
