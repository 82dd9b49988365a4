// SearchStore on a real SQLite file: what is found, in what order, what is
// never found, and that nothing a reader types is query syntax.

#include "store/search_store.h"

#include "store/store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "store/safe_html_storage.h"
#include "store/sql/search_text.h"
#include "store/backends.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_util.h"

namespace lede::store {
namespace {

using content::Article;
using content::ArticleStatus;
using testing::TempDir;

constexpr util::UnixSeconds kNow = 1'800'000'000;

std::string Plain(const MarkedText& text) {
  std::string out;
  for (const auto& part : text.parts) out += part.match ? "[" + part.text + "]" : part.text;
  return out;
}

class SearchStoreTest : public ::testing::TestWithParam<testing_backends::Backend> {
 protected:
  void SetUp() override {
    LEDE_SKIP_BACKEND_WITHOUT_SERVER(GetParam());
    auto opened = GetParam().open(dir_, keep_);
    ASSERT_OK(opened);
    store_ = std::move(*opened);
    auto section = store_->CreateSection({0, "World", "world", "", 1});
    ASSERT_OK(section);
    world_ = *section;
    section = store_->CreateSection({0, "Business", "business", "", 2});
    ASSERT_OK(section);
    business_ = *section;
  }

  Article Make(std::string slug, std::string headline, std::string standfirst = "",
               std::string body = "", util::UnixSeconds published_at = kNow - 3600) {
    Article article;
    article.slug = std::move(slug);
    article.headline = std::move(headline);
    article.standfirst = std::move(standfirst);
    article.body_html = SafeHtmlStorage::FromStored(std::move(body));
    article.section_id = world_.id;
    article.status = ArticleStatus::kPublished;
    article.published_at = published_at;
    article.created_at = published_at;
    return article;
  }

  Article Create(Article article) {
    auto stored = store_->CreateArticle(std::move(article));
    EXPECT_TRUE(stored.has_value()) << stored.error().message;
    return stored ? *stored : Article{};
  }

  std::vector<std::string> Slugs(std::string text, SearchQuery query = {}) {
    query.text = std::move(text);
    auto result = store_->Search(query, kNow);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    std::vector<std::string> slugs;
    if (result) {
      for (const auto& hit : result->hits) slugs.push_back(hit.article.slug);
    }
    return slugs;
  }

  TempDir dir_;
  std::shared_ptr<void> keep_;  // declared before the store: outlives it
  std::unique_ptr<Store> store_;
  content::Section world_, business_;
};

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_P(SearchStoreTest, AHeadlineMatchOutranksAStandfirstMatchWhichOutranksTheBody) {
  Create(Make("in-body", "Markets open", "Shares rose", "<p>The harbour was quiet.</p>"));
  Create(Make("in-standfirst", "Markets close", "The harbour reopened"));
  Create(Make("in-headline", "Harbour strike ends", "Workers return"));
  EXPECT_THAT(Slugs("harbour"), ElementsAre("in-headline", "in-standfirst", "in-body"));
}

TEST_P(SearchStoreTest, QuickLooksTagsDatelinesAndBylinesAreSearched) {
  Article with_look = Make("looks", "A day in parliament");
  with_look.quick_looks = {"The budget passed by nine votes"};
  Create(with_look);
  auto tag = store_->CreateTag({0, "Climate", "climate"});
  ASSERT_OK(tag);
  Article tagged = Make("tagged", "Floods in the south");
  tagged.tag_ids = {tag->id};
  Create(tagged);
  auto author = store_->CreateAuthor({0, "Mina Cho", "mina-cho", ""});
  ASSERT_OK(author);
  Article bylined = Make("bylined", "Ferry routes reopen");
  bylined.dateline = "BUSAN";
  bylined.author_ids = {author->id};
  Create(bylined);
  EXPECT_THAT(Slugs("budget"), ElementsAre("looks"));
  EXPECT_THAT(Slugs("climate"), ElementsAre("tagged"));
  EXPECT_THAT(Slugs("busan"), ElementsAre("bylined"));
  EXPECT_THAT(Slugs("\"mina cho\""), ElementsAre("bylined"));
}

TEST_P(SearchStoreTest, WordsAreFoundWithoutMarkupCaseOrDiacritics) {
  Create(Make("cafe", "Protest", "", "<p>At the <a href=\"/x\">Café</a> &amp; the <em>Qu&eacute;bec</em> office</p>"));
  EXPECT_THAT(Slugs("CAFE"), ElementsAre("cafe"));
  EXPECT_THAT(Slugs("café"), ElementsAre("cafe"));
  EXPECT_THAT(Slugs("href"), IsEmpty());  // attributes are not text
}

// Issue 24: search matched words exactly; "bridges" missed "bridge".
TEST_P(SearchStoreTest, Issue24AWordFindsItsOtherForms) {
  Create(Make("bridge", "The bridge reopens", "Engineers checked every cable"));
  Create(Make("elections", "Elections called for spring", "", "", kNow - 7200));
  EXPECT_THAT(Slugs("bridges"), ElementsAre("bridge"));
  EXPECT_THAT(Slugs("reopened "), ElementsAre("bridge"));
  EXPECT_THAT(Slugs("cables checking "), ElementsAre("bridge"));
  EXPECT_THAT(Slugs("election "), ElementsAre("elections"));
  EXPECT_THAT(Slugs("\"elections called\""), ElementsAre("elections"));
  EXPECT_THAT(Slugs("\"election calls\""), ElementsAre("elections")) << "a phrase in other forms";
  // Every form is marked as found.
  SearchQuery query;
  query.text = "bridges reopening";
  auto result = store_->Search(query, kNow);
  ASSERT_OK(result);
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(Plain(result->hits[0].headline), "The [bridge] [reopens]");
  // The word being typed still finds what it begins.
  EXPECT_THAT(Slugs("brid"), ElementsAre("bridge"));
  EXPECT_THAT(Slugs("electi"), ElementsAre("elections"));
}

// Issue 24: the newsroom searches every article and field, in any form;
// readers only ever find what they may see.
TEST_P(SearchStoreTest, Issue24TheNewsroomSearchesEveryArticleReadersOnlyWhatTheyMaySee) {
  auto author = store_->CreateAuthor({0, "Mina Cho", "mina-cho", ""});
  ASSERT_OK(author);
  const Article published = Create(Make("published", "Harbour dredging approved"));
  Article draft = Make("draft", "Untitled", "", "<p>The river is dredged on Monday</p>");
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  draft = Create(draft);
  Article binned = Make("binned", "Old harbour plan");
  binned.status = ArticleStatus::kDraft;
  binned.published_at.reset();
  binned.trashed_at = kNow;
  binned.quick_looks = {"Dredging was refused"};
  binned = Create(binned);
  Article scheduled = Make("scheduled", "Dredge contract signed", "", "", kNow + 86400);
  scheduled = Create(scheduled);
  Article bylined = Make("bylined", "A quiet week", "", "", kNow - 7200);
  bylined.author_ids = {author->id};
  bylined = Create(bylined);

  auto ids = store_->MatchNewsroom("dredging", 100);
  ASSERT_OK(ids);
  EXPECT_THAT(*ids, ::testing::UnorderedElementsAre(published.id, draft.id, binned.id, scheduled.id))
      << "every status, the trash too, every field, any form";
  EXPECT_THAT(*store_->MatchNewsroom("mina", 100), ElementsAre(bylined.id)) << "bylines";
  EXPECT_THAT(*store_->MatchNewsroom("dredg", 100), ::testing::SizeIs(4)) << "a word being typed";
  EXPECT_THAT(*store_->MatchNewsroom("dredging", 2), ::testing::SizeIs(2));
  EXPECT_THAT(*store_->MatchNewsroom("  ", 100), IsEmpty());
  EXPECT_EQ(store_->MatchNewsroom(std::string(300, 'x'), 100).error().code, ErrorCode::kInvalidArgument);
  // Readers: the published article only.
  EXPECT_THAT(Slugs("dredging"), ElementsAre("published"));
  EXPECT_THAT(Slugs("dredged "), ElementsAre("published"));
  EXPECT_THAT(Slugs("monday"), IsEmpty());
  // Published, the draft is found by readers; back to a draft, it is not,
  // and the newsroom finds it either way.
  draft.status = ArticleStatus::kPublished;
  draft.published_at = kNow - 60;
  draft = store_->UpdateArticle(draft).value();
  EXPECT_THAT(Slugs("monday"), ElementsAre("draft"));
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  draft = store_->UpdateArticle(draft).value();
  EXPECT_THAT(Slugs("monday"), IsEmpty());
  EXPECT_THAT(*store_->MatchNewsroom("monday", 100), ElementsAre(draft.id));
}

TEST_P(SearchStoreTest, EveryWordMustMatchAndPhrasesMatchInOrder) {
  Create(Make("a", "Central bank raises rates"));
  Create(Make("b", "Rates fall at the central market"));
  EXPECT_THAT(Slugs("central rates "), ::testing::UnorderedElementsAre("a", "b"));
  EXPECT_THAT(Slugs("\"central bank\""), ElementsAre("a"));
  EXPECT_THAT(Slugs("\"bank central\""), IsEmpty());
  EXPECT_THAT(Slugs("bank market"), IsEmpty());
}

TEST_P(SearchStoreTest, TheLastWordMatchesAsAPrefixWhileItIsTyped) {
  Create(Make("election", "Election results are in"));
  EXPECT_THAT(Slugs("elec"), ElementsAre("election"));
  EXPECT_THAT(Slugs("results elect"), ElementsAre("election"));
  // Finished words (followed by a space) and short ones match whole.
  EXPECT_THAT(Slugs("elec "), IsEmpty());
  EXPECT_THAT(Slugs("el"), IsEmpty());
  EXPECT_THAT(Slugs("elec results"), IsEmpty());
}

TEST_P(SearchStoreTest, LongPrefixesFindEveryWordTheyBeginHoweverManyThereAre) {
  // Past four letters a prefix is expanded to the indexed words it begins:
  // each is found, and so are words beyond the expansion's limit.
  Create(Make("election", "Election results are in"));
  Create(Make("electorate", "The electorate speaks", "", "", kNow - 7200));
  EXPECT_THAT(Slugs("electi"), ElementsAre("election"));
  EXPECT_THAT(Slugs("elect"), ::testing::UnorderedElementsAre("election", "electorate"));
  EXPECT_THAT(Slugs("electz"), IsEmpty());
  std::string many;
  for (int i = 0; i < 150; ++i) many += fmt::format(" harbourage{:03}", i);  // past the expansion limit
  Create(Make("many", "Harbourage names", many, "", kNow - 9000));
  Create(Make("last", "Harbourage099 alone", "", "", kNow - 9100));
  EXPECT_THAT(Slugs("harbourage09"), ::testing::UnorderedElementsAre("many", "last"));
  EXPECT_THAT(Slugs("harboura"), ::testing::UnorderedElementsAre("many", "last"));
  // A word that only a draft ever held is in the vocabulary, but matches
  // no visible article.
  Article draft = Make("draft", "Electrolysis plans");
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  Create(draft);
  EXPECT_THAT(Slugs("electr"), IsEmpty());
}

TEST_P(SearchStoreTest, QuerySyntaxIsReadAsWords) {
  Create(Make("near", "Talks near the border", "A or B, not C"));
  for (const char* text : {"near", "NEAR", "\"talks", "talks\"", "talks*", "-talks", "talks:",
                           "^talks", "(talks)", "talks AND", "AND", "headline:talks",
                           "talks NOT border", "{headline}: talks", "talks + border"}) {
    auto result = store_->Search({.text = text}, kNow);
    ASSERT_OK(result);
  }
  EXPECT_THAT(Slugs("(talks) -border*"), ElementsAre("near"));
  EXPECT_THAT(Slugs("NEAR(talks border)"), ElementsAre("near"));
  // As syntax, NOT would exclude and find the article; as words, nothing.
  EXPECT_THAT(Slugs("talks NOT harbour"), IsEmpty());
  EXPECT_THAT(Slugs("a or b not c"), ElementsAre("near"));
}

TEST_P(SearchStoreTest, EmptyOrPunctuationOnlyQueriesFindNothingWithoutError) {
  Create(Make("x", "Anything"));
  for (const char* text : {"", "   ", "\"\"", "*", "-- ()", "\""}) {
    auto result = store_->Search({.text = text}, kNow);
    ASSERT_OK(result);
    EXPECT_TRUE(result->empty) << text;
    EXPECT_TRUE(result->hits.empty());
  }
}

TEST_P(SearchStoreTest, AQueryOverTheLimitIsRefused) {
  auto result = store_->Search({.text = std::string(kMaxSearchQueryLength + 1, 'a')}, kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, "q");
  EXPECT_OK(store_->Search({.text = std::string(kMaxSearchQueryLength, 'a')}, kNow));
}

TEST_P(SearchStoreTest, TheIndexFollowsEditsUnpublishingAndTheTrash) {
  Article article = Create(Make("story", "Harbour reopens"));
  EXPECT_THAT(Slugs("harbour"), ElementsAre("story"));
  article.headline = "Airport reopens";
  article = *store_->UpdateArticle(article);
  EXPECT_THAT(Slugs("harbour"), IsEmpty());
  EXPECT_THAT(Slugs("airport"), ElementsAre("story"));
  article.status = ArticleStatus::kDraft;
  article.published_at.reset();
  article = *store_->UpdateArticle(article);
  EXPECT_THAT(Slugs("airport"), IsEmpty());
  article.status = ArticleStatus::kPublished;
  article.published_at = kNow - 10;
  article = *store_->UpdateArticle(article);
  EXPECT_THAT(Slugs("airport"), ElementsAre("story"));
  article.status = ArticleStatus::kDraft;
  article.published_at.reset();
  article.trashed_at = kNow;
  article = *store_->UpdateArticle(article);
  EXPECT_THAT(Slugs("airport"), IsEmpty());
}

TEST_P(SearchStoreTest, DraftsAndScheduledArticlesBeforeTheirTimeAreNeverFound) {
  Article draft = Make("draft", "Secret merger");
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  Create(draft);
  Article scheduled = Make("scheduled", "Embargoed merger", "", "", kNow + 3600);
  scheduled.status = ArticleStatus::kScheduled;
  Create(scheduled);
  EXPECT_THAT(Slugs("merger"), IsEmpty());
  auto later = store_->Search({.text = "merger"}, kNow + 7200);
  ASSERT_OK(later);
  ASSERT_EQ(later->hits.size(), 1u);
  EXPECT_EQ(later->hits[0].article.slug, "scheduled");
  // Nor does a suggestion give an embargoed word away.
  auto typo = store_->Search({.text = "mergr"}, kNow);
  ASSERT_OK(typo);
  EXPECT_FALSE(typo->suggestion.has_value());
}

TEST_P(SearchStoreTest, FiltersBySectionAndPublicationTime) {
  Create(Make("old", "Harbour history", "", "", kNow - 86400 * 30));
  Create(Make("new", "Harbour today"));
  Article business = Make("money", "Harbour fees rise");
  business.section_id = business_.id;
  Create(business);
  EXPECT_THAT(Slugs("harbour", {.section_id = business_.id}), ElementsAre("money"));
  EXPECT_THAT(Slugs("harbour", {.to = kNow - 86400}), ElementsAre("old"));
  EXPECT_THAT(Slugs("harbour", {.section_id = world_.id, .from = kNow - 86400}), ElementsAre("new"));
}

TEST_P(SearchStoreTest, FiltersByTagAuthorTopStoryAndChangeTime) {
  auto tag = store_->CreateTag({0, "Ports", "ports"});
  auto author = store_->CreateAuthor({0, "Ana Ruiz", "ana-ruiz", ""});
  ASSERT_OK(tag);
  ASSERT_OK(author);
  Article tagged = Make("tagged", "Harbour cranes", "", "", kNow - 86400 * 10);
  tagged.tag_ids = {tag->id};
  Create(tagged);
  Article bylined = Make("bylined", "Harbour pilots", "", "", kNow - 86400 * 10);
  bylined.author_ids = {author->id};
  Create(bylined);
  Article top = Make("top", "Harbour closed", "", "", kNow - 86400 * 10);
  top.top_story = true;
  Create(top);
  Article corrected = Make("corrected", "Harbour fees", "", "", kNow - 86400 * 10);
  corrected.updated_at = kNow - 60;
  Create(corrected);
  EXPECT_THAT(Slugs("harbour", {.tag_id = tag->id}), ElementsAre("tagged"));
  EXPECT_THAT(Slugs("harbour", {.author_id = author->id}), ElementsAre("bylined"));
  EXPECT_THAT(Slugs("harbour", {.top_stories_only = true}), ElementsAre("top"));
  EXPECT_THAT(Slugs("harbour", {.changed_since = kNow - 3600}), ElementsAre("corrected"));
}

TEST_P(SearchStoreTest, RelatedArticlesShareRareWordsOrTagsAndNeverIncludeTheExcluded) {
  auto tag = store_->CreateTag({0, "Ferry disaster", "ferry-disaster"});
  ASSERT_OK(tag);
  // Words every article holds ("the", "city") say nothing; rare shared ones do.
  for (int i = 0; i < 6; ++i) {
    Create(Make("filler-" + std::to_string(i), "The city council meets " + std::to_string(i)));
  }
  Article subject = Make("subject", "The city mourns Sewol ferry victims");
  subject.quick_looks = {"Divers recovered the hull near Jindo"};
  subject.tag_ids = {tag->id};
  subject = Create(subject);
  Create(Make("shares-words", "Jindo divers end their search", "", "", kNow - 7200));
  Article shares_tag = Make("shares-tag", "An inquiry opens", "", "", kNow - 7300);
  shares_tag.tag_ids = {tag->id};
  Create(shares_tag);
  const Article excluded = Create(Make("excluded", "Sewol hull raised at Jindo", "", "", kNow - 7400));
  Create(Make("older", "Sewol memorial planned at Jindo", "", "", kNow - 7500));
  Create(Make("one-word", "A hull documentary", "", "", kNow - 7600));  // one shared word is no relation
  Article draft = Make("draft", "Sewol and Jindo, unpublished");
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  Create(draft);
  Create(Make("embargoed-sewol", "Sewol anniversary: the divers return", "", "", kNow + 3600));
  // Sewol and Jindo stay rare among so few articles (an embargoed one is
  // counted: it is indexed, and left out only when shown).

  auto related = store_->FindRelated(subject, {excluded.id}, 4, kNow);
  ASSERT_OK(related);
  std::vector<std::string> slugs;
  for (const auto& article : *related) slugs.push_back(article.slug);
  EXPECT_THAT(slugs, ::testing::UnorderedElementsAre("shares-words", "shares-tag", "older"));
  EXPECT_EQ(slugs.size(), 3u) << "no filler (only common words shared), nothing sharing one word, "
                                 "not itself, not excluded, no draft or embargoed article";

  auto limited = store_->FindRelated(subject, {}, 1, kNow);
  ASSERT_OK(limited);
  EXPECT_EQ(limited->size(), 1u);
}

TEST_P(SearchStoreTest, ResultsArePagedOverTheRankedMatches) {
  for (int i = 0; i < 7; ++i) Create(Make("s" + std::to_string(i), "Harbour day " + std::to_string(i)));
  auto first = store_->Search({.text = "harbour", .limit = 5}, kNow);
  ASSERT_OK(first);
  EXPECT_EQ(first->total, 7);
  EXPECT_FALSE(first->capped);
  EXPECT_EQ(first->hits.size(), 5u);
  auto second = store_->Search({.text = "harbour", .limit = 5, .offset = 5}, kNow);
  ASSERT_OK(second);
  EXPECT_EQ(second->hits.size(), 2u);
  // Equal scores: newer first, and no article on two pages.
  EXPECT_EQ(first->hits[0].article.slug, "s6");
  EXPECT_EQ(second->hits[1].article.slug, "s0");
}

TEST_P(SearchStoreTest, HitsMarkTheMatchedWordsInTheHeadlineAndAnExcerpt) {
  std::string body = "<p>";
  for (int i = 0; i < 60; ++i) body += "filler ";
  body += "the <strong>harbour</strong> &lt;gate&gt; closed";
  for (int i = 0; i < 60; ++i) body += " more";
  Create(Make("long", "Harbour news", "Nothing here", body + "</p>"));
  auto result = store_->Search({.text = "harbour gate"}, kNow);
  ASSERT_OK(result);
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(Plain(result->hits[0].headline), "[Harbour] news");
  const std::string snippet = Plain(result->hits[0].snippet);
  EXPECT_NE(snippet.find("[harbour]"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<[gate]>"), std::string::npos) << "[" << snippet << "]";  // decoded, for the site to escape
  EXPECT_TRUE(result->hits[0].snippet.elided_before);
  EXPECT_TRUE(result->hits[0].snippet.elided_after);
  // Without a match in the text, the excerpt is the standfirst.
  auto by_headline = store_->Search({.text = "news"}, kNow);
  ASSERT_OK(by_headline);
  EXPECT_EQ(Plain(by_headline->hits[0].snippet), "Nothing here");
}

TEST_P(SearchStoreTest, NoMatchesSuggestACloseIndexedWord) {
  Create(Make("a", "Parliament debates the budget"));
  Create(Make("b", "Budget vote delayed"));
  auto result = store_->Search({.text = "budgte parliment"}, kNow);
  ASSERT_OK(result);
  EXPECT_TRUE(result->hits.empty());
  ASSERT_TRUE(result->suggestion.has_value());
  EXPECT_EQ(*result->suggestion, "budget parliament");
  auto phrase = store_->Search({.text = "\"budgt vote\""}, kNow);
  ASSERT_OK(phrase);
  EXPECT_EQ(phrase->suggestion.value_or(""), "\"budget vote\"");
  auto unknown = store_->Search({.text = "zzzzqqq"}, kNow);
  ASSERT_OK(unknown);
  EXPECT_FALSE(unknown->suggestion.has_value());
}

TEST(SearchTextTest, TagsAreDroppedReferencesDecodedAndControlCharactersSpaced) {
  EXPECT_EQ(sql::SearchTextOf("<p title=\"a > b\">Caf&eacute; &amp; &#233;t&#xE9;</p>", true),
            " Caf  & été ");
  EXPECT_EQ(sql::SearchTextOf("a\x01" "b\x02" "c", false), "a b c");
  EXPECT_EQ(sql::SearchTextOf("<b>x</b", true), " x ");
  EXPECT_EQ(sql::SearchTextOf("&#0; &#xD800; &unknown; &", true), "       ");
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest, ::testing::ValuesIn(testing_backends::All()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lede::store
