#include "demo/newsroom.h"

#include <fmt/format.h>

#include "demo/pictures.h"
#include "demo/stories.h"

namespace lede::demo {
namespace {

constexpr std::string_view kEditions[] = {"Morning Edition", "Evening Edition", "Weekend Edition"};
constexpr int kPicturesPerSection = 2;
constexpr util::UnixSeconds kHour = 3600;

std::string Caption(std::string_view section, int picture) {
  static constexpr std::string_view kScenes[] = {
      "Evening light over the city's eastern districts.",
      "Dawn breaks over the hills above the old town.",
  };
  return fmt::format("{} {}", kScenes[picture % 2],
                     picture % 2 == 0 ? fmt::format("Our {} desk's view this week.", section)
                                      : std::string("An illustration for this report."));
}

// The Deep Look: the story's own paragraphs, then background from its
// section under subheadings.
std::string Body(const StoryText& story, const SectionText& section, std::size_t index) {
  const auto& background = section.background;
  std::string body(story.lede);
  body += "\n\n### The background\n\n";
  body += background[index % background.size()];
  body += "\n\n";
  body += background[(index + 1) % background.size()];
  body += "\n\n### What comes next\n\n";
  body += background[(index + 2) % background.size()];
  body += "\n";
  return body;
}

}  // namespace

Result<int> BuildNewsroom(store::Store& store, publishing::Desk& desk, media::Library& media,
                          const util::Clock& clock) {
  content::SiteSettings settings;
  settings.name = "The Daily Lede";
  settings.tagline = "Independent news, carefully told";
  settings.footer_text = "The Daily Lede is a demonstration newsroom: every story, name and "
                         "picture on this site is invented.";
  settings.corrections_policy = "/about-us/corrections/";  // a page made below
  LEDE_TRY(store.SaveSettings(settings));

  std::vector<content::Section> sections;
  std::vector<std::vector<content::MediaItem>> pictures;
  int order = 0;
  for (const auto& text : Sections()) {
    LEDE_TRY(auto section, desk.AddSection(std::string(text.name), "", ++order,
                                           std::string(text.description)));
    std::vector<content::MediaItem> section_pictures;
    for (int picture = 0; picture < kPicturesPerSection; ++picture) {
      const std::string caption = Caption(text.name, picture);
      LEDE_TRY(auto item,
               media.AddImage(DrawScene(order - 1, picture),
                              fmt::format("{} scene {}", text.name, picture + 1),
                              {fmt::format("An illustrated skyline under a {} sky",
                                           picture % 2 == 0 ? "setting" : "rising"),
                               caption, "Illustration: Lede Graphics Desk"}));
      section_pictures.push_back(std::move(item));
    }
    sections.push_back(std::move(section));
    pictures.push_back(std::move(section_pictures));
  }

  std::vector<std::int64_t> reporters;
  for (const auto& text : Reporters()) {
    LEDE_TRY(auto author, desk.AddAuthor(std::string(text.name), std::string(text.bio)));
    reporters.push_back(author.id);
  }

  const util::UnixSeconds now = clock.Now();
  const auto stories = Stories();
  std::vector<bool> section_has_top(sections.size(), false);
  int written = 0;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    const StoryText& story = stories[i];
    const auto section_index = static_cast<std::size_t>(story.section);
    content::Article article;
    article.headline = std::string(story.headline);
    article.standfirst = std::string(story.standfirst);
    article.dateline = std::string(story.dateline);
    article.edition = std::string(kEditions[i % 3]);
    article.section_id = sections[section_index].id;
    article.body_markdown = Body(story, Sections()[section_index], i);
    for (auto look : story.quick_looks) article.quick_looks.emplace_back(look);
    for (auto name : story.tags) {
      LEDE_TRY(auto tag, desk.TagNamed(name));
      article.tag_ids.push_back(tag.id);
    }
    article.author_ids.push_back(reporters[i % reporters.size()]);
    // Every fifth story is a joint byline.
    if (i % 5 == 0) article.author_ids.push_back(reporters[(i + 2) % reporters.size()]);
    const auto& picture = pictures[section_index][i % kPicturesPerSection];
    article.lead_image = content::LeadImage{picture.id, picture.caption, picture.credit,
                                            picture.alt, {}};
    // The newest story of each section leads it as a top story.
    article.top_story = !section_has_top[section_index];
    section_has_top[section_index] = true;
    // Stories are listed newest first, about sixteen hours apart: six weeks.
    article.status = content::ArticleStatus::kPublished;
    article.published_at = now - static_cast<util::UnixSeconds>(i) * 16 * kHour - 20 * 60;
    if (i % 7 == 3) {
      // A few stories were corrected after publication.
      article.updated_at = *article.published_at + 5 * kHour;
      article.correction =
          "An earlier version of this article misstated a date. It has been corrected.";
    }
    LEDE_TRY(desk.Save(std::move(article)));
    ++written;
  }

  // Work in progress that readers must not see yet.
  content::Article draft;
  draft.headline = "Draft: harbour authority budget, figures to confirm";
  draft.standfirst = "Notes for Thursday's budget story.";
  draft.body_markdown = "Waiting for the final figures from the harbour authority.";
  draft.section_id = sections[2].id;
  draft.author_ids.push_back(reporters[0]);
  LEDE_TRY(desk.Save(std::move(draft)));
  content::Article scheduled;
  scheduled.headline = "Embargoed: the spring science prize shortlist";
  scheduled.standfirst = "Six teams, one prize, announced at nine tomorrow.";
  scheduled.body_markdown = "The shortlist is embargoed until the announcement.";
  scheduled.section_id = sections[3].id;
  scheduled.author_ids.push_back(reporters[1]);
  scheduled.status = content::ArticleStatus::kScheduled;
  scheduled.published_at = now + 24 * kHour;
  LEDE_TRY(desk.Save(std::move(scheduled)));

  // The pages every newsroom has, one nested below the other.
  struct PageText {
    std::string_view path, title, html;
    int days_old;
  };
  for (const PageText& text : {
           PageText{"/about-us/", "About The Daily Lede",
                    "<p>The Daily Lede is an invented newsroom that shows what lede can do: every "
                    "story, reporter and picture here is made up.</p><p>Write to the desk at "
                    "<a href=\"mailto:desk@example.org\">desk@example.org</a>.</p>",
                    60},
           PageText{"/about-us/corrections/", "Corrections policy",
                    "<p>When we get something wrong we correct it, say so at the end of the "
                    "article and date the change.</p>",
                    59}}) {
    content::Page page;
    page.path = std::string(text.path);
    page.title = std::string(text.title);
    page.published = true;
    page.created_at = now - text.days_old * 24 * kHour;
    page.author_id = reporters[0];
    LEDE_TRY(desk.SavePage(page, text.html));
  }
  return written + 2;
}

}  // namespace lede::demo
