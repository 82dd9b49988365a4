// The newsroom's pages through HTTP against the real lede binary: signing
// in, CSRF, forms that fail and come back whole, roles, private caching,
// previews, the resend after an ended session.

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "e2e/newsroom_fixture.h"

namespace lede {
namespace {

using testing::Fetch;
using testing::FormEncode;
using testing::HttpResult;
using testing::Newsroom;

const std::pair<std::string, std::string> kForm = {"Content-Type",
                                                   "application/x-www-form-urlencoded"};

class AdminPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { room_ = Newsroom::Start().release(); }
  static void TearDownTestSuite() { delete room_; }

  static HttpResult Post(const std::string& cookie, const std::string& path, const std::string& body) {
    return Fetch(room_->port(), "POST", path, {kForm, {"Cookie", cookie}}, body);
  }
  static HttpResult Page(const std::string& cookie, const std::string& path) {
    return Fetch(room_->port(), "GET", path, {{"Cookie", cookie}});
  }
  static std::string ArticleForm(const std::string& csrf, const std::string& headline,
                                 const std::string& action) {
    return "csrf=" + FormEncode(csrf) + "&headline=" + FormEncode(headline) +
           "&section=world&body=" + FormEncode("Body of the story.\n\nSecond paragraph.") +
           "&quick_look=One&quick_look=Two&quick_look=Three&quick_look=&tags=Harbour%2C+Ferries" +
           "&action=" + action;
  }
  static inline Newsroom* room_ = nullptr;
};

TEST_F(AdminPagesTest, WithoutASessionEveryPageSendsYouToSignInAndBack) {
  for (const std::string path : {"/admin/articles/", "/admin/articles/new", "/admin/media/",
                                 "/admin/users/", "/admin/audit/", "/admin/articles/1/"}) {
    auto result = Fetch(room_->port(), "GET", path);
    EXPECT_EQ(result.status, 303) << path;
    EXPECT_EQ(result.Header("Location").rfind("/admin/sign-in?next=", 0), 0u) << path;
    EXPECT_EQ(result.Header("Cache-Control"), "private, no-store") << path;
  }
  // Back to where they were, and only ever to this site's admin.
  auto form = Fetch(room_->port(), "GET", "/admin/sign-in?next=%2Fadmin%2Fmedia%2F");
  EXPECT_NE(form.body.find("value=\"/admin/media/\""), std::string::npos);
  auto evil = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm},
                    "email=" + FormEncode(room_->person("editor").email) + "&password=" +
                        FormEncode(room_->person("editor").password) + "&next=%2F%2Fevil.example");
  EXPECT_EQ(evil.status, 303);
  EXPECT_EQ(evil.Header("Location"), "/admin/articles/");
}

TEST_F(AdminPagesTest, SignInSetsAPrivateCookieWithANewIdEachTime) {
  auto wrong = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm},
                     "email=editor%40example.org&password=nope&next=%2Fadmin%2F");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(wrong.Header("Set-Cookie").empty());
  auto right = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm},
                     "email=editor%40example.org&password=" +
                         FormEncode(room_->person("editor").password) + "&next=%2Fadmin%2Fmedia%2F");
  ASSERT_EQ(right.status, 303);
  EXPECT_EQ(right.Header("Location"), "/admin/media/");
  const std::string cookie = right.Header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "not served over https here";
  EXPECT_NE(room_->SignIn("editor"), room_->SignIn("editor"));
  const std::string session = cookie.substr(0, cookie.find(';'));
  auto page = Page(session, "/admin/articles/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("Cache-Control"), "private, no-store");
  // Signing out ends the session on the server, not only in the browser.
  ASSERT_EQ(Post(session, "/admin/sign-out", "csrf=" + room_->CsrfToken(session)).status, 303);
  EXPECT_EQ(Page(session, "/admin/articles/").status, 303);
}

TEST_F(AdminPagesTest, AFormWithoutTheCsrfTokenChangesNothing) {
  const std::string session = room_->SignIn("editor");
  auto before = Page(session, "/admin/articles/?q=Forged");
  auto forged = Post(session, "/admin/articles/new", ArticleForm("wrong-token", "Forged story", "save"));
  EXPECT_EQ(forged.status, 403);
  auto missing = Post(session, "/admin/articles/new",
                      ArticleForm("", "Forged story", "save").substr(5));
  EXPECT_EQ(missing.status, 403);
  auto cross_site = Fetch(room_->port(), "POST", "/admin/articles/new",
                          {kForm, {"Cookie", session}, {"Origin", "https://evil.example"}},
                          ArticleForm(room_->CsrfToken(session), "Forged story", "save"));
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(Page(session, "/admin/articles/?q=Forged").body.find("Forged story"), std::string::npos);
}

TEST_F(AdminPagesTest, AFailedFormComesBackWithEverythingTypedAndTheReason) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session);
  std::string body = ArticleForm(csrf, "", "save");
  body += "&standfirst=" + FormEncode("A standfirst <kept> & escaped") + "&dateline=SEOUL";
  auto failed = Post(session, "/admin/articles/new", body);
  EXPECT_EQ(failed.status, 400);
  EXPECT_NE(failed.body.find("id=\"headline-error\""), std::string::npos);
  EXPECT_NE(failed.body.find("a headline is required"), std::string::npos);
  EXPECT_NE(failed.body.find("A standfirst &lt;kept&gt; &amp; escaped"), std::string::npos);
  EXPECT_NE(failed.body.find("value=\"SEOUL\""), std::string::npos);
  EXPECT_NE(failed.body.find("value=\"Harbour, Ferries\""), std::string::npos);
  // Publishing with two Quick Looks: refused beside the Quick Looks.
  auto publish = Post(session, "/admin/articles/new",
                      ArticleForm(csrf, "Short of bullets", "publish").replace(
                          ArticleForm(csrf, "Short of bullets", "publish").find("&quick_look=Three"),
                          17, ""));
  EXPECT_EQ(publish.status, 400);
  EXPECT_NE(publish.body.find("id=\"quick-looks-error\""), std::string::npos);
}

TEST_F(AdminPagesTest, SaveThenPublishThenSeeItOnTheSite) {
  const std::string session = room_->SignIn("author");
  const std::string csrf = room_->CsrfToken(session);
  auto saved = Post(session, "/admin/articles/new", ArticleForm(csrf, "Harbour lights return", "save"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  const std::string editor = saved.Header("Location");
  ASSERT_NE(editor.find("?done=saved"), std::string::npos);
  const std::string path = editor.substr(0, editor.find('?'));
  auto page = Page(session, editor);
  EXPECT_NE(page.body.find("Saved."), std::string::npos);
  std::smatch version;
  ASSERT_TRUE(std::regex_search(page.body, version, std::regex("name=\"version\" value=\"(\\d+)\"")));
  auto published = Post(session, path,
                        ArticleForm(csrf, "Harbour lights return", "publish") + "&version=" +
                            version[1].str());
  ASSERT_EQ(published.status, 303) << published.body;
  // Issue 24: Publish said "Saved." as everything else did.
  EXPECT_NE(published.Header("Location").find("?done=published"), std::string::npos);
  EXPECT_NE(Page(session, published.Header("Location")).body.find("Published: readers can see it now."),
            std::string::npos);
  auto site = Fetch(room_->port(), "GET", "/world/harbour-lights-return/");
  EXPECT_EQ(site.status, 200);
  EXPECT_NE(site.body.find("Harbour lights return"), std::string::npos);
  EXPECT_NE(site.body.find("rel=\"author\">The author</a>"), std::string::npos);
}

TEST_F(AdminPagesTest, AContributorCannotPublishFromTheForm) {
  const std::string session = room_->SignIn("contributor");
  const std::string csrf = room_->CsrfToken(session);
  auto refused = Post(session, "/admin/articles/new", ArticleForm(csrf, "Contributor scoop", "publish"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Fetch(room_->port(), "GET", "/world/contributor-scoop/").status, 404);
  EXPECT_EQ(Page(session, "/admin/articles/new").body.find("value=\"publish\""), std::string::npos)
      << "no Publish button for a contributor";
  EXPECT_EQ(Page(session, "/admin/users/").status, 403);
}

TEST_F(AdminPagesTest, TheSecondEditorSeesBothVersions) {
  const std::string first = room_->SignIn("editor");
  const std::string second = room_->SignIn("administrator");
  const std::string csrf_first = room_->CsrfToken(first);
  const std::string csrf_second = room_->CsrfToken(second);
  auto saved = Post(first, "/admin/articles/new", ArticleForm(csrf_first, "Clash of edits", "save"));
  ASSERT_EQ(saved.status, 303);
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  ASSERT_EQ(Post(first, path, ArticleForm(csrf_first, "Clash of edits, first take", "save") +
                                  "&version=1").status,
            303);
  auto clash = Post(second, path, ArticleForm(csrf_second, "Clash of edits, second take", "save") +
                                      "&version=1");
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(clash.body.find("Someone saved this article while you were editing"), std::string::npos);
  EXPECT_NE(clash.body.find("<del>first"), std::string::npos) << "their words shown";
  EXPECT_NE(clash.body.find("<ins>second"), std::string::npos) << "yours shown";
  EXPECT_NE(clash.body.find("value=\"Clash of edits, second take\""), std::string::npos);
}

// What a browser sends with a form from this site's own page.
const std::pair<std::string, std::string> kOwnOrigin = {"Origin", "http://127.0.0.1"};

// Issue 24: the clash panel showed only headline and body, and "save again
// to replace theirs" silently reverted a colleague's standfirst and Quick
// Look. Every field that differs is shown; what only they changed is kept;
// what both changed is settled field by field.
TEST_F(AdminPagesTest, Issue24TwoEditorsKeepEachOthersWordsFieldByField) {
  const std::string first = room_->SignIn("editor");
  const std::string second = room_->SignIn("administrator");
  const std::string csrf_first = room_->CsrfToken(first);
  const std::string csrf_second = room_->CsrfToken(second);
  auto saved = Post(first, "/admin/articles/new", ArticleForm(csrf_first, "Two desks, one story", "save"));
  ASSERT_EQ(saved.status, 303);
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  // The first editor changes the headline, the standfirst and a Quick Look.
  ASSERT_EQ(Post(first, path, ArticleForm(csrf_first, "Two desks, one story: first", "save") +
                                  "&standfirst=Their+standfirst&version=1")
                .status,
            303);
  // The second, from version 1, changes the headline and the correction.
  const std::string mine = ArticleForm(csrf_second, "Two desks, one story: second", "save") +
                           "&correction=My+correction&version=1";
  auto clash = Post(second, path, mine);
  ASSERT_EQ(clash.status, 409) << clash.body.substr(0, 300);
  EXPECT_NE(clash.body.find("name=\"merge_headline\""), std::string::npos) << "both changed it";
  EXPECT_EQ(clash.body.find("name=\"merge_standfirst\""), std::string::npos) << "only they did";
  EXPECT_NE(clash.body.find("<strong>Standfirst</strong>"), std::string::npos) << "and it is said";
  EXPECT_NE(clash.body.find(">Their standfirst</textarea>"), std::string::npos) << "theirs in the form";
  EXPECT_NE(clash.body.find("My correction"), std::string::npos) << "mine in the form";
  std::smatch version;
  ASSERT_TRUE(std::regex_search(clash.body, version, std::regex("name=\"version\" value=\"(\\d+)\"")));
  EXPECT_EQ(version[1].str(), "2");
  // Keeping their headline: the form as the page now holds it, and the choice.
  auto settled = Post(second, path, ArticleForm(csrf_second, "Two desks, one story: second", "save") +
                                        "&standfirst=Their+standfirst&correction=My+correction"
                                        "&merge_headline=theirs&version=" + version[1].str());
  ASSERT_EQ(settled.status, 303) << settled.body.substr(0, 300);
  auto stored = room_->Call("editor", "GET", "/api/v1/admin/articles/" +
                                                 path.substr(path.find("articles/") + 9, path.size() - path.find("articles/") - 10));
  const auto article = nlohmann::json::parse(stored.body);
  EXPECT_EQ(article["headline"], "Two desks, one story: first");
  EXPECT_EQ(article["standfirst"], "Their standfirst");
  EXPECT_EQ(article["correction"], "My correction");
}

// Changes that do not overlap are simply both saved, and the editor told.
TEST_F(AdminPagesTest, Issue24ChangesThatDoNotOverlapAreBothSaved) {
  const std::string first = room_->SignIn("editor");
  const std::string second = room_->SignIn("administrator");
  const std::string csrf_first = room_->CsrfToken(first);
  const std::string csrf_second = room_->CsrfToken(second);
  auto saved = Post(first, "/admin/articles/new", ArticleForm(csrf_first, "Apart on one story", "save"));
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  ASSERT_EQ(Post(first, path, ArticleForm(csrf_first, "Apart on one story", "save") +
                                  "&standfirst=Added+by+the+first&version=1")
                .status,
            303);
  auto merged = Post(second, path, ArticleForm(csrf_second, "Apart on one story", "save") +
                                       "&dateline=SEOUL&version=1");
  ASSERT_EQ(merged.status, 303) << merged.body.substr(0, 300);
  EXPECT_NE(merged.Header("Location").find("kept=standfirst"), std::string::npos);
  auto page = Page(second, merged.Header("Location"));
  EXPECT_NE(page.body.find("their changes to standfirst are kept beside yours"), std::string::npos);
  EXPECT_NE(page.body.find(">Added by the first</textarea>"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"SEOUL\""), std::string::npos);
}

// Found in review: the first desk fixes a typo in a draft it opened before
// the second published it; the clean merge sent the draft status back and
// unpublished the story. A colleague's Publish (or Unpublish) now counts
// as their change, taken like any other.
TEST_F(AdminPagesTest, Issue24AColleaguesPublishIsNotUndoneByALateSave) {
  const std::string first = room_->SignIn("editor");
  const std::string second = room_->SignIn("administrator");
  const std::string csrf_first = room_->CsrfToken(first);
  const std::string csrf_second = room_->CsrfToken(second);
  auto saved = Post(first, "/admin/articles/new", ArticleForm(csrf_first, "Published meanwhile", "save"));
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 300);
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  const std::string id = path.substr(path.find("articles/") + 9, path.size() - path.find("articles/") - 10);
  // Both forms carry the byline, as the editor's page does.
  const auto opened = nlohmann::json::parse(room_->Call("editor", "GET", "/api/v1/admin/articles/" + id).body);
  const std::string byline = "&authors=" + FormEncode(opened["authors"][0].get<std::string>());
  ASSERT_EQ(Post(second, path, ArticleForm(csrf_second, "Published meanwhile", "publish") + byline + "&version=1")
                .status,
            303);
  // The first desk's page still says draft: its Save sends "draft".
  auto late = Post(first, path, ArticleForm(csrf_first, "Published meanwhile, typo fixed", "save") + byline +
                                    "&current_status=draft&version=1");
  ASSERT_EQ(late.status, 303) << late.body.substr(0, 300);
  EXPECT_NE(late.Header("Location").find("kept=status"), std::string::npos) << late.Header("Location");
  auto stored = nlohmann::json::parse(room_->Call("editor", "GET", "/api/v1/admin/articles/" + id).body);
  EXPECT_EQ(stored["status"], "published");
  EXPECT_EQ(stored["headline"], "Published meanwhile, typo fixed");

  // And the reverse: pulled by one desk, not put back by the other's save.
  const int version = stored["version"];
  ASSERT_EQ(Post(second, path, ArticleForm(csrf_second, "Published meanwhile, typo fixed", "unpublish") +
                                   byline + "&version=" + std::to_string(version))
                .status,
            303);
  auto again = Post(first, path, ArticleForm(csrf_first, "Published meanwhile, second typo", "save") + byline +
                                     "&current_status=published&version=" + std::to_string(version));
  ASSERT_EQ(again.status, 303) << again.body.substr(0, 300);
  stored = nlohmann::json::parse(room_->Call("editor", "GET", "/api/v1/admin/articles/" + id).body);
  EXPECT_EQ(stored["status"], "draft");
  EXPECT_EQ(stored["headline"], "Published meanwhile, second typo");
}

// Issue 24: a published article's edits were never autosaved: typing, then
// Back, lost them. They are kept for the editor, unpublished (readers keep
// the published version until Save), and offered back on return.
TEST_F(AdminPagesTest, Issue24APublishedArticlesEditsAreKeptUnpublishedAndOfferedBack) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session);
  auto published = Post(session, "/admin/articles/new", ArticleForm(csrf, "Kept while typed", "publish"));
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 300);
  const std::string path = published.Header("Location").substr(0, published.Header("Location").find('?'));
  const std::string form =
      ArticleForm(csrf, "Kept while typed, and changed", "save") + "&version=1&current_status=published";
  auto kept = Fetch(room_->port(), "POST", path + "autosave",
                    {kForm, {"Cookie", session}, {"X-CSRF-Token", csrf}}, form);
  ASSERT_EQ(kept.status, 204) << kept.body;
  auto reader = Fetch(room_->port(), "GET", "/world/kept-while-typed/");
  EXPECT_NE(reader.body.find("Kept while typed"), std::string::npos);
  EXPECT_EQ(reader.body.find("and changed"), std::string::npos) << "readers keep what was published";
  auto back = Page(session, path);
  EXPECT_NE(back.body.find("never saved"), std::string::npos);
  EXPECT_NE(back.body.find("value=\"Kept while typed\""), std::string::npos) << "not applied by itself";
  auto restored = Page(session, path + "?unsaved=restore");
  EXPECT_NE(restored.body.find("value=\"Kept while typed, and changed\""), std::string::npos);
  EXPECT_NE(restored.body.find("name=\"current_status\" value=\"published\""), std::string::npos)
      << "kept text is no decision to unpublish";
  // Saved: published, and the offer is gone.
  auto saved = Post(session, path, form);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 300);
  EXPECT_NE(Fetch(room_->port(), "GET", "/world/kept-while-typed/").body.find("and changed"), std::string::npos);
  EXPECT_EQ(Page(session, path).body.find("never saved"), std::string::npos);
  // Discarding drops it; another editor never sees it.
  ASSERT_EQ(Fetch(room_->port(), "POST", path + "autosave", {kForm, {"Cookie", session}, {"X-CSRF-Token", csrf}},
                  ArticleForm(csrf, "Second thoughts", "save")).status,
            204);
  const std::string colleague = room_->SignIn("administrator");
  EXPECT_EQ(Page(colleague, path).body.find("never saved"), std::string::npos);
  // Found in review: any other write by the editor (a trash and a
  // restore here) silently deleted the kept text.
  ASSERT_EQ(Post(session, path, "csrf=" + FormEncode(csrf) + "&action=trash").status, 303);
  ASSERT_EQ(Post(session, path, "csrf=" + FormEncode(csrf) + "&action=restore").status, 303);
  EXPECT_NE(Page(session, path).body.find("never saved"), std::string::npos);
  ASSERT_EQ(Post(session, path + "autosave/discard", "csrf=" + FormEncode(csrf)).status, 303);
  EXPECT_EQ(Page(session, path).body.find("never saved"), std::string::npos);
}

TEST_F(AdminPagesTest, AnEndedSessionKeepsTheHalfWrittenArticle) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session);
  ASSERT_EQ(Post(session, "/admin/sign-out", "csrf=" + csrf).status, 303);
  const std::string form = ArticleForm(csrf, "Written while signed out", "save");
  auto expired = Fetch(room_->port(), "POST", "/admin/articles/new",
                       {kForm, {"Cookie", session}, kOwnOrigin}, form);
  EXPECT_EQ(expired.status, 401);
  std::smatch pending;
  ASSERT_TRUE(std::regex_search(expired.body, pending, std::regex("name=\"pending\" value=\"([^\"]+)\"")));
  // Signing in again brings the form back, to send with the new session.
  std::string pending_value = pending[1];
  for (auto [from, to] : {std::pair{"&amp;", "&"}, std::pair{"&#39;", "'"}, std::pair{"&quot;", "\""}}) {
    for (auto at = pending_value.find(from); at != std::string::npos; at = pending_value.find(from)) {
      pending_value.replace(at, std::string(from).size(), to);
    }
  }
  auto again = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm, kOwnOrigin},
                     "email=editor%40example.org&password=" +
                         FormEncode(room_->person("editor").password) +
                         "&next=%2Fadmin%2Farticles%2Fnew&pending=" + FormEncode(pending_value));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.body.find("Your changes are not saved yet"), std::string::npos);
  EXPECT_NE(again.body.find("value=\"Written while signed out\""), std::string::npos);
  EXPECT_NE(again.Header("Set-Cookie").find("lede_session="), std::string::npos);
}

// Issue 24: a stranger's page posted role=administrator to a user's page;
// the signed-out administrator's sign-in page kept the form, and after she
// signed in, offered it back with a fresh token and a "Send my changes"
// button. A form is kept only when it comes from this site's own page and
// carries a token this site made, and comes back only to that token's user.
TEST_F(AdminPagesTest, Issue24ACrossSiteFormPostedAtASignedOutEditorCannotBeReplayed) {
  const std::string attack = "role=administrator&disabled=";
  const auto kept = [](const HttpResult& result) {
    return result.body.find("name=\"pending\"") != std::string::npos;
  };
  // From another site: no cookie (SameSite=Lax drops it), no token.
  auto cross = Fetch(room_->port(), "POST", "/admin/users/4/",
                     {kForm, {"Origin", "https://evil.example"}}, attack);
  EXPECT_EQ(cross.status, 401);
  EXPECT_FALSE(kept(cross)) << "a cross-site form is not kept";
  // A browser that names no origin at all proves nothing either.
  EXPECT_FALSE(kept(Fetch(room_->port(), "POST", "/admin/users/4/", {kForm}, attack)));
  // https is not this http site's origin (Issue 24: the scheme was ignored).
  EXPECT_FALSE(kept(Fetch(room_->port(), "POST", "/admin/users/4/",
                          {kForm, {"Origin", "https://127.0.0.1"}}, attack + "&csrf=x")));
  // Same origin, but a token this site never made.
  EXPECT_FALSE(kept(Fetch(room_->port(), "POST", "/admin/users/4/", {kForm, kOwnOrigin},
                          attack + "&csrf=" + FormEncode("made.up:1.0123456789abcdef"))));
  // Same origin with a real token, but another user's (the contributor's
  // own, say): kept on the page, yet never offered to the administrator.
  const std::string contributor = room_->SignIn("contributor");
  const std::string their_token = room_->CsrfToken(contributor);
  auto planted = Fetch(room_->port(), "POST", "/admin/users/4/", {kForm, kOwnOrigin},
                       attack + "&csrf=" + FormEncode(their_token));
  ASSERT_TRUE(kept(planted));
  auto admin = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm, kOwnOrigin},
                     "email=administrator%40example.org&password=" +
                         FormEncode(room_->person("administrator").password) +
                         "&next=%2Fadmin%2Fusers%2F4%2F&pending=" +
                         FormEncode(attack + "&csrf=" + their_token));
  EXPECT_EQ(admin.status, 303) << "signed in, and nothing offered to send";
  EXPECT_EQ(admin.body.find("Send my changes"), std::string::npos);
  // A kept form posted to the sign-in page from elsewhere is dropped too.
  auto elsewhere = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm},
                         "email=administrator%40example.org&password=" +
                             FormEncode(room_->person("administrator").password) +
                             "&next=%2Fadmin%2Fusers%2F4%2F&pending=" +
                             FormEncode(attack + "&csrf=" + their_token));
  EXPECT_EQ(elsewhere.body.find("Send my changes"), std::string::npos);
}

// Issue 24: a preview link still showed an article after it was trashed.
TEST_F(AdminPagesTest, Issue24APreviewLinkStopsWhenTheArticleIsTrashed) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session);
  auto saved = Post(session, "/admin/articles/new", ArticleForm(csrf, "A draft later binned", "save"));
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  auto shared = Post(session, path, "csrf=" + csrf + "&action=preview_link");
  std::smatch link;
  const std::string location = shared.Header("Location");
  ASSERT_TRUE(std::regex_search(location, link, std::regex("preview_link=([^&]+)")));
  std::string preview = link[1];
  for (auto at = preview.find("%2F"); at != std::string::npos; at = preview.find("%2F")) {
    preview.replace(at, 3, "/");
  }
  ASSERT_EQ(Fetch(room_->port(), "GET", preview).status, 200);
  auto trashed = Post(session, path, "csrf=" + csrf + "&action=trash");
  ASSERT_EQ(trashed.status, 303);
  EXPECT_NE(trashed.Header("Location").find("done=trashed"), std::string::npos);
  auto gone = Fetch(room_->port(), "GET", preview);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body.find("A draft later binned"), std::string::npos);
  auto page = Page(session, trashed.Header("Location"));
  EXPECT_NE(page.body.find("Moved to the trash"), std::string::npos) << "said as what it was";
}

// Issue 24: one page of three 7,000-word revisions cost 4.2 s and 118 MB.
TEST_F(AdminPagesTest, Issue24ALongStorysRevisionsComeInPages) {
  std::string body;
  for (int i = 0; i < 7000; ++i) body += "word" + std::to_string(i % 977) + (i % 15 == 14 ? ".\n\n" : " ");
  nlohmann::json article = {{"headline", "A long story saved often"}, {"section", "world"},
                            {"body", body}, {"status", "draft"}};
  auto created = room_->Call("editor", "POST", "/api/v1/admin/articles", article.dump());
  ASSERT_EQ(created.status, 201);
  const auto id = nlohmann::json::parse(created.body)["id"].get<std::int64_t>();
  for (int save = 0; save < 12; ++save) {
    // Each save rewrites the whole story: the worst case for a diff.
    std::string rewritten;
    for (int i = 0; i < 7000; ++i) rewritten += "other" + std::to_string((i * (save + 3)) % 991) + " ";
    article["body"] = save % 2 ? body : rewritten;
    ASSERT_EQ(room_->Call("editor", "PUT", "/api/v1/admin/articles/" + std::to_string(id), article.dump()).status,
              200);
  }
  const std::string session = room_->SignIn("editor");
  const std::string revisions = "/admin/articles/" + std::to_string(id) + "/revisions/";
  auto first = Page(session, revisions);
  ASSERT_EQ(first.status, 200);
  auto count = [](const std::string& html) {
    int n = 0;
    for (auto at = html.find("class=\"revision\""); at != std::string::npos;
         at = html.find("class=\"revision\"", at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count(first.body), 10);
  EXPECT_NE(first.body.find("Page 1 of 2"), std::string::npos);
  EXPECT_NE(first.body.find("13 versions"), std::string::npos);
  auto second = Page(session, revisions + "?page=2");
  EXPECT_EQ(count(second.body), 3);
  EXPECT_EQ(Page(session, revisions + "?page=3").status, 404);
}

TEST_F(AdminPagesTest, APreviewLinkWorksWithoutAnAccountAndCannotBeForged) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session);
  auto saved = Post(session, "/admin/articles/new", ArticleForm(csrf, "A draft to preview", "save"));
  const std::string path = saved.Header("Location").substr(0, saved.Header("Location").find('?'));
  auto shared = Post(session, path, "csrf=" + csrf + "&action=preview_link");
  ASSERT_EQ(shared.status, 303);
  std::smatch link;
  const std::string location = shared.Header("Location");
  ASSERT_TRUE(std::regex_search(location, link, std::regex("preview_link=([^&]+)")));
  std::string preview = link[1];
  for (auto at = preview.find("%2F"); at != std::string::npos; at = preview.find("%2F")) {
    preview.replace(at, 3, "/");
  }
  auto colleague = Fetch(room_->port(), "GET", preview);
  EXPECT_EQ(colleague.status, 200);
  EXPECT_NE(colleague.body.find("A draft to preview"), std::string::npos);
  EXPECT_NE(colleague.body.find("noindex"), std::string::npos);
  std::string forged = preview;
  forged[forged.size() - 2] = forged[forged.size() - 2] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Fetch(room_->port(), "GET", forged).status, 404);
}

TEST_F(AdminPagesTest, FeedbackIsShownAsTextAndTheAuditLogRecordsChanges) {
  const std::string session = room_->SignIn("administrator");
  auto ratings = Page(session, "/admin/ratings/");
  EXPECT_EQ(ratings.status, 200);
  auto audit = Page(session, "/admin/audit/?action=user.");
  EXPECT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("user.create"), std::string::npos);
  EXPECT_NE(audit.body.find("user.sign_in"), std::string::npos);
}

// Issue 24: sections could not be hidden from the menu or deleted, and a
// new one was in the public menu before it had an article.
TEST_F(AdminPagesTest, Issue24SectionsWaitForAnArticleCanBeHiddenAndDeleted) {
  const std::string session = room_->SignIn("editor");
  const std::string csrf = room_->CsrfToken(session, "/admin/sections/");
  auto menu = [&]() {
    const std::string home = Fetch(room_->port(), "GET", "/").body;
    const auto start = home.find("<nav class=\"menu\"");
    return home.substr(start, home.find("</nav>", start) - start);
  };
  auto added = Post(session, "/admin/sections/", "csrf=" + FormEncode(csrf) + "&name=Astronomy&order=50");
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 300);
  EXPECT_EQ(menu().find("href=\"/astronomy/\""), std::string::npos) << "an empty section waits";
  nlohmann::json article = {{"headline", "A comet passes"}, {"section", "astronomy"}, {"status", "published"},
                            {"body", "It was bright."},
                            {"quick_looks", {"A comet passed", "It was bright", "It returns in 2090"}}};
  auto published = room_->Call("editor", "POST", "/api/v1/admin/articles", article.dump());
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_NE(menu().find("href=\"/astronomy/\""), std::string::npos) << "its first article shows it";
  // Hidden: out of the menu, its page and articles where they were.
  auto sections = Page(session, "/admin/sections/");
  std::smatch id;
  ASSERT_TRUE(std::regex_search(sections.body, id, std::regex("id=\"section-(\\d+)\"><input[^>]*><input type=\"hidden\" name=\"id\" value=\"\\d+\"></form>\\s*<label class=\"visually-hidden\" for=\"name-\\d+\">Name of Astronomy")));
  ASSERT_EQ(Post(session, "/admin/sections/", "csrf=" + FormEncode(csrf) + "&id=" + id[1].str() +
                                                  "&name=Astronomy&slug=astronomy&order=50&menu=hidden")
                .status,
            303);
  EXPECT_EQ(menu().find("href=\"/astronomy/\""), std::string::npos) << "hidden";
  EXPECT_EQ(Fetch(room_->port(), "GET", "/astronomy/a-comet-passes/").status, 200);
  // Deleted: its article moves, and every old address answers 301.
  auto refused = Post(session, "/admin/sections/" + id[1].str() + "/delete", "csrf=" + FormEncode(csrf));
  EXPECT_EQ(refused.status, 400) << "where its articles go must be said";
  const auto world_id = [&]() -> std::string {
    std::smatch found;
    std::regex_search(sections.body, found, std::regex("<option value=\"(\\d+)\">World</option>"));
    return found[1];
  }();
  ASSERT_FALSE(world_id.empty());
  auto deleted = Post(session, "/admin/sections/" + id[1].str() + "/delete",
                      "csrf=" + FormEncode(csrf) + "&into=" + world_id);
  ASSERT_EQ(deleted.status, 303) << deleted.body.substr(0, 300);
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"/astronomy/a-comet-passes/", "/world/a-comet-passes/"},
                                 {"/astronomy/", "/world/"},
                                 {"/astronomy/feed/", "/world/feed/"}}) {
    auto moved = Fetch(room_->port(), "GET", from);
    EXPECT_EQ(moved.status, 301) << from;
    EXPECT_NE(moved.Header("Location").find(to), std::string::npos) << from << " -> " << moved.Header("Location");
  }
  EXPECT_EQ(Fetch(room_->port(), "GET", "/world/a-comet-passes/").status, 200);
}

// Issue 24: the newsroom searched headlines only, and only as typed.
TEST_F(AdminPagesTest, Issue24TheNewsroomSearchesEveryFieldInAnyForm) {
  nlohmann::json draft = {{"headline", "Untitled draft"}, {"section", "world"}, {"status", "draft"},
                          {"body", "The ferries were inspected by the harbour board."}};
  auto created = room_->Call("editor", "POST", "/api/v1/admin/articles", draft.dump());
  ASSERT_EQ(created.status, 201);
  const std::string session = room_->SignIn("editor");
  auto found = Page(session, "/admin/articles/?q=inspecting+ferry");
  EXPECT_NE(found.body.find("Untitled draft"), std::string::npos) << "in the body, in other forms";
  auto none = Page(session, "/admin/articles/?q=zqxwvk");
  EXPECT_NE(none.body.find("No articles match."), std::string::npos);
  // The API's list searches the same way.
  auto listed = room_->Call("editor", "GET", "/api/v1/admin/articles?q=inspections");
  EXPECT_NE(listed.body.find("Untitled draft"), std::string::npos);
}

TEST_F(AdminPagesTest, AnInvitationMakesAnAccount) {
  const std::string session = room_->SignIn("administrator");
  const std::string csrf = room_->CsrfToken(session, "/admin/users/");
  auto invited = Post(session, "/admin/users/invite",
                      "csrf=" + csrf + "&email=new%40example.org&name=New+Reporter&role=author");
  ASSERT_EQ(invited.status, 200);
  std::smatch link;
  ASSERT_TRUE(std::regex_search(invited.body, link, std::regex("(/admin/invite/[^/]+/)")));
  EXPECT_EQ(Fetch(room_->port(), "GET", link[1]).status, 200);
  auto weak = Fetch(room_->port(), "POST", link[1], {kForm}, "name=New+Reporter&password=short");
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.body.find("password-error"), std::string::npos);
  auto joined = Fetch(room_->port(), "POST", link[1], {kForm},
                      "name=New+Reporter&password=a+long+enough+passphrase");
  EXPECT_EQ(joined.status, 303);
  EXPECT_EQ(Fetch(room_->port(), "GET", link[1]).status, 404) << "used once";
  auto signed_in = Fetch(room_->port(), "POST", "/admin/sign-in", {kForm},
                         "email=new%40example.org&password=a+long+enough+passphrase");
  EXPECT_EQ(signed_in.status, 303);
  // Issue 24: accepting signs the new user in, straight into the newsroom.
  EXPECT_EQ(joined.Header("Location"), "/admin/articles/?welcome=1");
  const std::string cookie = joined.Header("Set-Cookie");
  ASSERT_NE(cookie.find("lede_session="), std::string::npos);
  auto welcome = Page(cookie.substr(0, cookie.find(';')), joined.Header("Location"));
  EXPECT_EQ(welcome.status, 200);
  EXPECT_NE(welcome.body.find("Welcome to the newsroom, New Reporter."), std::string::npos);
}

// Issue 24: no list of pending invitations, no revoking one, and the link
// shown as a bare path though the public address is set.
TEST_F(AdminPagesTest, Issue24PendingInvitationsAreListedRevocableAndLinkedInFull) {
  const std::string session = room_->SignIn("administrator");
  const std::string csrf = room_->CsrfToken(session, "/admin/users/");
  auto invited = Post(session, "/admin/users/invite",
                      "csrf=" + csrf + "&email=pending%40example.org&name=Pending+Person&role=editor");
  ASSERT_EQ(invited.status, 200);
  std::smatch link;
  // The site's address is the listen address here (no --public-url).
  ASSERT_TRUE(std::regex_search(invited.body, link, std::regex("(http://127\\.0\\.0\\.1:\\d+)(/admin/invite/[^/]+/)")))
      << "an absolute link";
  auto users = Page(session, "/admin/users/");
  EXPECT_NE(users.body.find("Invitations not yet used"), std::string::npos);
  EXPECT_NE(users.body.find("pending@example.org"), std::string::npos);
  std::smatch revoke;
  ASSERT_TRUE(std::regex_search(users.body, revoke, std::regex("action=\"(/admin/users/invites/[0-9a-f]+/revoke)\"")));
  auto revoked = Post(session, revoke[1], "csrf=" + FormEncode(csrf));
  ASSERT_EQ(revoked.status, 303);
  EXPECT_EQ(Fetch(room_->port(), "GET", link[2]).status, 404) << "the link stops working";
  EXPECT_EQ(Page(session, "/admin/users/").body.find("pending@example.org"), std::string::npos);
}

// Its own server: the slowing down is per address too, and every test
// here comes from 127.0.0.1.
TEST(AdminSignInThrottleTest, RepeatedWrongPasswordsAreSlowedDown) {
  auto room = Newsroom::Start();
  HttpResult last;
  for (int i = 0; i < 6; ++i) {
    last = Fetch(room->port(), "POST", "/admin/sign-in", {kForm},
                 "email=author%40example.org&password=guess" + std::to_string(i));
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.Header("Retry-After").empty());
}

}  // namespace
}  // namespace lede
