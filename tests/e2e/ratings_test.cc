// Reader ratings through HTTP against the real lede binary: the JSON API,
// the no-JavaScript form, every refusal, and what the page shows after.

#include <gtest/gtest.h>

#include <regex>

#include "publishing/desk.h"
#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"
#include "util/strings.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::Get;
using testing::HttpResult;
using testing::LedeProcess;

const std::vector<std::pair<std::string, std::string>> kJson = {{"Content-Type", "application/json"}};

std::string VoterCookie(const HttpResult& result) {
  const std::string header = result.Header("Set-Cookie");
  const auto end = header.find(';');
  return header.substr(0, end);  // "lede_voter=..."
}

class RatingsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::string output;
    // Cache off: tests here also write behind the server's back (see
    // demo_site_fixture.h).
    server_ = LedeProcess::Serve({"--cache-mb", "0", "--demo", "--data", dir_->path().string(), "--vote-limit",
                                  "10000/600"}, &output).release();
    ASSERT_NE(server_, nullptr) << output;
    auto store = testing::OpenSiteStore(dir_->path());
    ASSERT_TRUE(store.has_value());
    store_ = store->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete store_;
    delete dir_;
  }

  // A published article of its own for each test, so counts start at 0.
  content::Article FreshArticle(const std::string& headline) {
    util::SystemClock clock;
    publishing::Desk desk(*store_, clock);
    auto section = store_->FindSection("science");
    EXPECT_TRUE(section.has_value());
    content::Article article;
    article.headline = headline;
    article.section_id = section->id;
    article.status = content::ArticleStatus::kPublished;
    article.published_at = clock.Now() - 60;
    auto saved = desk.Save(article);
    EXPECT_TRUE(saved.has_value()) << saved.error().message;
    return *saved;
  }

  static std::string RatingsUrl(std::int64_t id) {
    return "/api/v1/articles/" + std::to_string(id) + "/ratings";
  }
  static std::string Page(const content::Article& article) {
    return "/" + article.section.slug + "/" + article.slug + "/";
  }
  HttpResult Vote(std::int64_t id, const std::string& body, const std::string& cookie = "") {
    auto headers = kJson;
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return Fetch(server_->port(), "POST", RatingsUrl(id), headers, body);
  }
  std::uint16_t port() const { return server_->port(); }

  static inline testing::TempDir* dir_ = nullptr;
  static inline LedeProcess* server_ = nullptr;
  static inline store::Store* store_ = nullptr;
};

TEST_F(RatingsTest, AVoteAnswers201WithTheNewFiguresAndAVoterCookie) {
  const auto article = FreshArticle("Rated by the API");
  const auto result = Vote(article.id, R"({"stars": 4})");
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_EQ(result.body, R"({"average":4.0,"count":1,"your_vote":4})");
  EXPECT_NE(result.Header("Set-Cookie").find("HttpOnly"), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/articles/" + std::to_string(article.id) + "/rating").body,
            R"({"average":4.0,"count":1})");
  const auto second = Vote(article.id, R"({"stars": 5})");  // another reader
  EXPECT_EQ(second.body, R"({"average":4.5,"count":2,"your_vote":5})");
}

TEST_F(RatingsTest, TheArticlePageShowsTheFiguresAtOnce) {
  const auto article = FreshArticle("Page shows fresh figures");
  const std::string before = Get(port(), Page(article)).body;
  EXPECT_NE(before.find("No votes so far! Be the first to rate this article."), std::string::npos);
  ASSERT_EQ(Vote(article.id, R"({"stars": 4})").status, 201);
  ASSERT_EQ(Vote(article.id, R"({"stars": 5})").status, 201);
  ASSERT_EQ(Vote(article.id, R"({"stars": 4})").status, 201);
  const std::string after = Get(port(), Page(article)).body;
  EXPECT_NE(after.find("Average rating <span data-rating-average>4.3</span> / 5. Vote count: "
                       "<span data-rating-count>3</span>"),
            std::string::npos);
  EXPECT_NE(after.find("How useful was this article?"), std::string::npos);
  EXPECT_NE(after.find("Click on a star to rate it!"), std::string::npos);
  EXPECT_NE(after.find("aria-label=\"Rate 4 out of 5\""), std::string::npos);
  EXPECT_NE(after.find("Not at all useful"), std::string::npos);
  EXPECT_NE(after.find("Very useful"), std::string::npos);
}

TEST_F(RatingsTest, ASecondVoteFromTheSameReaderIs409AndNotCounted) {
  const auto article = FreshArticle("One vote per reader");
  const auto first = Vote(article.id, R"({"stars": 2})");
  ASSERT_EQ(first.status, 201);
  const std::string cookie = VoterCookie(first);
  const auto again = Vote(article.id, R"({"stars": 5})", cookie);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find(R"("count":1)"), std::string::npos) << again.body;
  EXPECT_NE(again.body.find(R"("error")"), std::string::npos);
  EXPECT_EQ(store_->FindRating(article.id)->sum, 2);
}

TEST_F(RatingsTest, ATamperedCookieIsANewReader) {
  const auto article = FreshArticle("Tampered cookies");
  const auto first = Vote(article.id, R"({"stars": 3})");
  std::string cookie = VoterCookie(first);
  cookie.back() = cookie.back() == '0' ? '1' : '0';
  const auto again = Vote(article.id, R"({"stars": 3})", cookie);
  EXPECT_EQ(again.status, 201);
  EXPECT_NE(VoterCookie(again), VoterCookie(first));
  EXPECT_EQ(store_->FindRating(article.id)->count, 2);
}

TEST_F(RatingsTest, BadInputIs400WithAJsonErrorAndChangesNothing) {
  const auto article = FreshArticle("Bad input changes nothing");
  ASSERT_EQ(Vote(article.id, R"({"stars": 3})").status, 201);
  for (const std::string body : {R"({})", R"({"stars": "4"})", R"({"stars": 4.5})", R"({"stars": 0})",
                                 R"({"stars": 6})", R"({"stars": null})", "stars=4", "[4]", "",
                                 R"({"stars": 99999999999999999999})"}) {
    const auto result = Vote(article.id, body);
    EXPECT_EQ(result.status, 400) << body;
    EXPECT_EQ(result.Header("Content-Type"), "application/json") << body;
    EXPECT_NE(result.body.find(R"({"error":)"), std::string::npos) << body;
  }
  const auto summary = store_->FindRating(article.id);
  EXPECT_EQ(summary->count, 1);
  EXPECT_EQ(summary->sum, 3);
}

TEST_F(RatingsTest, UnknownDraftAndScheduledArticlesAre404) {
  util::SystemClock clock;
  publishing::Desk desk(*store_, clock);
  auto section = store_->FindSection("science");
  ASSERT_OK(section);
  content::Article draft;
  draft.headline = "Unrated draft";
  draft.section_id = section->id;
  auto saved_draft = desk.Save(draft);
  ASSERT_OK(saved_draft);
  content::Article scheduled = draft;
  scheduled.headline = "Unrated scheduled";
  scheduled.status = content::ArticleStatus::kScheduled;
  scheduled.published_at = clock.Now() + 3600;
  auto saved_scheduled = desk.Save(scheduled);
  ASSERT_OK(saved_scheduled);
  for (std::int64_t id : {std::int64_t{987654}, saved_draft->id, saved_scheduled->id}) {
    const auto vote = Vote(id, R"({"stars": 5})");
    EXPECT_EQ(vote.status, 404) << id;
    EXPECT_NE(vote.body.find(R"("error")"), std::string::npos);
    EXPECT_EQ(Get(port(), "/api/v1/articles/" + std::to_string(id) + "/rating").status, 404) << id;
    EXPECT_EQ(store_->FindRating(id)->count, 0);
  }
  EXPECT_EQ(Vote(0, R"({"stars": 5})").status, 404);
  EXPECT_EQ(Get(port(), "/api/v1/articles/abc/rating").status, 404);
}

TEST_F(RatingsTest, BodiesOver4KiBAre413) {
  const auto article = FreshArticle("Large bodies");
  const std::string body = R"({"stars": 4, "padding": ")" + std::string(5000, 'x') + "\"}";
  const auto result = Vote(article.id, body);
  EXPECT_EQ(result.status, 413);
  EXPECT_NE(result.body.find(R"("error")"), std::string::npos);
  EXPECT_EQ(store_->FindRating(article.id)->count, 0);
}

TEST_F(RatingsTest, CrossSiteVotesAre403) {
  const auto article = FreshArticle("Cross site");
  auto headers = kJson;
  headers.emplace_back("Origin", "https://evil.example");
  EXPECT_EQ(Fetch(port(), "POST", RatingsUrl(article.id), headers, R"({"stars": 1})").status, 403);
  headers.back().second = "http://127.0.0.1";  // our own Host: allowed
  EXPECT_EQ(Fetch(port(), "POST", RatingsUrl(article.id), headers, R"({"stars": 1})").status, 201);
}

TEST_F(RatingsTest, TheFormVotesAndRedirectsBackWithTheOutcome) {
  const auto article = FreshArticle("Voting without JavaScript");
  const std::vector<std::pair<std::string, std::string>> form = {
      {"Content-Type", "application/x-www-form-urlencoded"}};
  const auto posted = Fetch(port(), "POST", Page(article) + "rating", form, "stars=4");
  ASSERT_EQ(posted.status, 303);
  const std::string location = posted.Header("Location");
  EXPECT_EQ(location, Page(article) + "?rating=thanks&stars=4#rating");
  const std::string page = Get(port(), location.substr(0, location.find('#'))).body;
  EXPECT_NE(page.find("Thank you for rating this article!"), std::string::npos);
  EXPECT_NE(page.find("<span data-rating-count>1</span>"), std::string::npos);

  auto with_cookie = form;
  with_cookie.emplace_back("Cookie", VoterCookie(posted));
  const auto again = Fetch(port(), "POST", Page(article) + "rating", with_cookie, "stars=1");
  EXPECT_EQ(again.status, 303);
  EXPECT_NE(again.Header("Location").find("rating=duplicate"), std::string::npos);
  const std::string duplicate = Get(port(), Page(article) + "?rating=duplicate").body;
  EXPECT_NE(duplicate.find("You already voted! This vote will not be counted!"), std::string::npos);
  EXPECT_EQ(store_->FindRating(article.id)->count, 1);
  EXPECT_EQ(Fetch(port(), "POST", Page(article) + "rating", form, "stars=9").Header("Location"),
            Page(article) + "?rating=invalid#rating");
  EXPECT_EQ(Fetch(port(), "POST", "/science/no-such-article/rating", form, "stars=4").status, 404);
}

TEST_F(RatingsTest, LowVotesInviteFeedbackStoredAsText) {
  const auto article = FreshArticle("Feedback after a low vote");
  const auto vote = Vote(article.id, R"({"stars": 1})");
  ASSERT_EQ(vote.status, 201);
  const std::string cookie = VoterCookie(vote);
  const std::string page = Get(port(), Page(article) + "?rating=thanks&stars=1").body;
  EXPECT_NE(page.find("We are sorry that this article was not useful for you! Tell us how we can "
                      "improve this article?"),
            std::string::npos);
  EXPECT_NE(page.find("maxlength=\"2000\""), std::string::npos);

  auto headers = kJson;
  headers.emplace_back("Cookie", cookie);
  const std::string feedback_url = "/api/v1/articles/" + std::to_string(article.id) + "/feedback";
  const auto saved = Fetch(port(), "POST", feedback_url, headers,
                           R"({"feedback": "<script>alert(1)</script> needs a map"})");
  EXPECT_EQ(saved.status, 201) << saved.body;
  auto votes = store_->ListVotes(article.id);
  ASSERT_OK(votes);
  EXPECT_EQ(votes->front().feedback, "<script>alert(1)</script> needs a map");
  EXPECT_EQ(Fetch(port(), "POST", feedback_url, headers,
                  R"({"feedback": ")" + std::string(2001, 'x') + "\"}").status,
            400);
  EXPECT_EQ(Fetch(port(), "POST", feedback_url, kJson, R"({"feedback": "no cookie"})").status, 404);
  const auto happy = Vote(article.id, R"({"stars": 5})");
  auto happy_headers = kJson;
  happy_headers.emplace_back("Cookie", VoterCookie(happy));
  EXPECT_EQ(Fetch(port(), "POST", feedback_url, happy_headers, R"({"feedback": "x"})").status, 403);

  // The same through the form.
  const auto low = Vote(article.id, R"({"stars": 2})");
  const std::vector<std::pair<std::string, std::string>> form = {
      {"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", VoterCookie(low)}};
  const auto posted = Fetch(port(), "POST", Page(article) + "feedback", form, "feedback=More+context");
  EXPECT_EQ(posted.status, 303);
  EXPECT_NE(posted.Header("Location").find("rating=feedback"), std::string::npos);
  const auto empty = Fetch(port(), "POST", Page(article) + "feedback", form, "feedback=");
  EXPECT_NE(empty.Header("Location").find("feedback_error=invalid"), std::string::npos);
  EXPECT_NE(Get(port(), empty.Header("Location").substr(0, empty.Header("Location").find('#')))
                .body.find("Please write between 1 and 2,000 characters."),
            std::string::npos);
}

TEST_F(RatingsTest, EditingAnArticleKeepsItsRating) {
  auto article = FreshArticle("Edited after votes");
  ASSERT_EQ(Vote(article.id, R"({"stars": 5})").status, 201);
  util::SystemClock clock;
  publishing::Desk desk(*store_, clock);
  article.standfirst = "Now with a standfirst";
  ASSERT_OK(desk.Save(article));
  EXPECT_EQ(store_->FindRating(article.id)->count, 1);
  EXPECT_NE(Get(port(), Page(article)).body.find("<span data-rating-count>1</span>"),
            std::string::npos);
}

TEST_F(RatingsTest, AggregateRatingIsInJsonLdOnlyWhenTurnedOnAndRated) {
  const auto article = FreshArticle("Structured data");
  ASSERT_EQ(Vote(article.id, R"({"stars": 4})").status, 201);
  std::string page = Get(port(), Page(article)).body;
  EXPECT_NE(page.find("\"@type\":\"NewsArticle\""), std::string::npos);
  EXPECT_EQ(page.find("AggregateRating"), std::string::npos) << "off by default";
  auto settings = store_->LoadSettings();
  ASSERT_OK(settings);
  settings->rating_structured_data = true;
  ASSERT_OK(store_->SaveSettings(*settings));
  // Another process's write: announced, as lede's own commands do.
  ASSERT_OK(testing::AnnounceWrites(*store_, dir_->path()));
  page = Get(port(), Page(article)).body;
  EXPECT_NE(page.find(R"("aggregateRating":{"@type":"AggregateRating","bestRating":5,"ratingCount":1,"ratingValue":4.0,"worstRating":1})"),
            std::string::npos);
  const auto unrated = FreshArticle("Structured data without votes");
  EXPECT_EQ(Get(port(), Page(unrated)).body.find("AggregateRating"), std::string::npos);
  settings->rating_structured_data = false;
  ASSERT_OK(store_->SaveSettings(*settings));
  // Another process's write: announced, as lede's own commands do.
  ASSERT_OK(testing::AnnounceWrites(*store_, dir_->path()));
}

TEST_F(RatingsTest, TopRatedRanksByBayesianAverage) {
  const auto one = FreshArticle("One perfect vote");
  const auto many = FreshArticle("Many very good votes");
  const auto poor = FreshArticle("Poorly rated");
  // A site mean well below five, whatever other tests voted, so the prior
  // pulls the single vote down.
  for (int i = 0; i < 40; ++i) ASSERT_EQ(Vote(poor.id, R"({"stars": 1})").status, 201);
  ASSERT_EQ(Vote(one.id, R"({"stars": 5})").status, 201);
  for (int i = 0; i < 30; ++i) ASSERT_EQ(Vote(many.id, R"({"stars": 5})").status, 201);
  ASSERT_EQ(Vote(many.id, R"({"stars": 4})").status, 201);
  const std::string page = Get(port(), "/top-rated/").body;
  const auto many_at = page.find("Many very good votes");
  const auto one_at = page.find("One perfect vote");
  ASSERT_NE(many_at, std::string::npos);
  ASSERT_NE(one_at, std::string::npos);
  EXPECT_LT(many_at, one_at);
  EXPECT_LT(one_at, page.find("Poorly rated"));
  EXPECT_NE(page.find("Rated 5.0 out of 5 by 1 reader"), std::string::npos);
  EXPECT_NE(Get(port(), "/").body.find("Top Rated"), std::string::npos);
}

TEST(RatingsLimitTest, AnAddressOverTheLimitGets429WithRetryAfter) {
  testing::TempDir dir;
  std::string output;
  auto server = LedeProcess::Serve({"--demo", "--data", dir.path().string(), "--vote-limit", "3/600"},
                                   &output);
  ASSERT_NE(server, nullptr) << output;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Fetch(server->port(), "POST", "/api/v1/articles/1/ratings", kJson, R"({"stars": 5})")
                  .status,
              201);
  }
  const auto limited =
      Fetch(server->port(), "POST", "/api/v1/articles/1/ratings", kJson, R"({"stars": 5})");
  EXPECT_EQ(limited.status, 429);
  const auto retry_after = util::ParseInt(limited.Header("Retry-After"));
  ASSERT_TRUE(retry_after);
  EXPECT_GT(*retry_after, 0);
  EXPECT_LE(*retry_after, 600);
  EXPECT_NE(limited.body.find(R"("error")"), std::string::npos);
  EXPECT_EQ(Get(server->port(), "/api/v1/articles/1/rating").body, R"({"average":5.0,"count":3})");
}

}  // namespace
}  // namespace lede
