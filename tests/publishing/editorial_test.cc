#include "publishing/editorial.h"

#include <gtest/gtest.h>

#include "publishing/fixture.h"

namespace lede::publishing {
namespace {

using content::ArticleStatus;
using content::Role;

class EditorialTest : public PublishingFixture {
 protected:
  void SetUp() override {
    PublishingFixture::SetUp();
    editorial_ = std::make_unique<Editorial>(*desk_, *store_, *people_, *audit_, clock_);
    for (Role role : {Role::kContributor, Role::kAuthor, Role::kEditor}) {
      auto user = people_->CreateUser({.email = std::string(content::RoleName(role)) + "@example.org",
                                       .name = "A " + std::string(content::RoleName(role)),
                                       .role = role, .created_at = kNow},
                                      "");
      ASSERT_OK(user);
      users_[static_cast<int>(role)] = *user;
    }
  }
  const content::User& As(Role role) { return users_[static_cast<int>(role)]; }
  static ArticleInput Ready(std::string headline = "Ferries return to the harbour") {
    ArticleInput input;
    input.headline = std::move(headline);
    input.body = "The first ferry in ten years *docked* at dawn.";
    input.quick_looks = {"Ferries return", "Fares are capped", "A safety board inspects"};
    input.section = "world";
    input.tags = {"Transport", "East Asia", "transport"};
    return input;
  }

  std::unique_ptr<Editorial> editorial_;
  content::User users_[4];
};

TEST_F(EditorialTest, ADraftGetsASlugAByline) {
  auto saved = editorial_->Save(As(Role::kAuthor), 0, Ready());
  ASSERT_OK(saved);
  EXPECT_EQ(saved->slug, "ferries-return-to-the-harbour");
  EXPECT_EQ(saved->status, ArticleStatus::kDraft);
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->tags.size(), 2u) << "tags are deduplicated by slug";
  ASSERT_EQ(saved->authors.size(), 1u);
  EXPECT_EQ(saved->authors[0].name, "A author") << "the user's own byline, made on first use";
  EXPECT_EQ(people_->FindUser(As(Role::kAuthor).id)->author_id, saved->authors[0].id);
  EXPECT_NE(saved->body_html.str().find("<em>docked</em>"), std::string::npos);
  EXPECT_EQ(store_->ListRevisions(saved->id)->size(), 1u);
  EXPECT_EQ(audit_->ListAudit({})->front().action, "article.create");
}

TEST_F(EditorialTest, PublishingChecksTheHouseStyle) {
  ArticleInput input = Ready();
  input.status = "published";
  input.quick_looks.pop_back();
  auto refused = editorial_->Save(As(Role::kAuthor), 0, input);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "quick_looks");
  EXPECT_EQ(store_->CountArticles().value(), 0) << "nothing stored";
  input = Ready();
  input.status = "published";
  auto published = editorial_->Save(As(Role::kAuthor), 0, input);
  ASSERT_OK(published);
  EXPECT_EQ(published->published_at, kNow);
  EXPECT_EQ(audit_->ListAudit({})->front().action, "article.publish");
  // Later edits keep the first publication time and note the update.
  clock_.Advance(600);
  input = Editorial::ToInput(*published);
  input.standfirst = "Now with a standfirst";
  auto edited = editorial_->Save(As(Role::kAuthor), published->id, input);
  ASSERT_OK(edited);
  EXPECT_EQ(edited->published_at, kNow);
  EXPECT_EQ(edited->updated_at, kNow + 600);
}

TEST_F(EditorialTest, AContributorWritesDraftsButCannotPublish) {
  ArticleInput input = Ready();
  auto draft = editorial_->Save(As(Role::kContributor), 0, input);
  ASSERT_OK(draft);
  input = Editorial::ToInput(*draft);
  input.status = "published";
  auto refused = editorial_->Save(As(Role::kContributor), draft->id, input);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(store_->FindArticle(draft->id)->status, ArticleStatus::kDraft);
  // An editor publishes it; the contributor can no longer change it.
  auto published = editorial_->Save(As(Role::kEditor), draft->id, input);
  ASSERT_OK(published);
  input = Editorial::ToInput(*published);
  input.headline = "Changed";
  EXPECT_EQ(editorial_->Save(As(Role::kContributor), draft->id, input).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(editorial_->Unpublish(As(Role::kContributor), draft->id).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(EditorialTest, AnAuthorCannotTouchAnotherAuthorsArticle) {
  auto mine = editorial_->Save(As(Role::kContributor), 0, Ready());
  ASSERT_OK(mine);
  ArticleInput input = Editorial::ToInput(*mine);
  EXPECT_EQ(editorial_->Save(As(Role::kAuthor), mine->id, input).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(editorial_->Open(As(Role::kAuthor), mine->id).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_OK(editorial_->Open(As(Role::kEditor), mine->id));
}

TEST_F(EditorialTest, TheSecondOfTwoEditorsIsToldTheArticleChanged) {
  auto opened = editorial_->Save(As(Role::kEditor), 0, Ready());
  ASSERT_OK(opened);
  ArticleInput first = Editorial::ToInput(*opened);
  ArticleInput second = first;
  first.headline = "First editor's headline";
  second.headline = "Second editor's headline";
  ASSERT_OK(editorial_->Save(As(Role::kEditor), opened->id, first));
  auto conflict = editorial_->Save(As(Role::kEditor), opened->id, second);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(conflict.error().field, "version");
  EXPECT_EQ(store_->FindArticle(opened->id)->headline, "First editor's headline");
}

TEST_F(EditorialTest, SchedulingNeedsAFutureTime) {
  ArticleInput input = Ready();
  input.status = "scheduled";
  EXPECT_EQ(editorial_->Save(As(Role::kAuthor), 0, input).error().field, "publish_at");
  input.publish_at = kNow - 1;
  EXPECT_EQ(editorial_->Save(As(Role::kAuthor), 0, input).error().field, "publish_at");
  input.publish_at = kNow + 3600;
  auto scheduled = editorial_->Save(As(Role::kAuthor), 0, input);
  ASSERT_OK(scheduled);
  EXPECT_EQ(scheduled->status, ArticleStatus::kScheduled);
  EXPECT_FALSE(content::IsVisible(*scheduled, kNow));
  EXPECT_TRUE(content::IsVisible(*scheduled, kNow + 3600));
}

TEST_F(EditorialTest, TrashAndRestore) {
  ArticleInput input = Ready();
  input.status = "published";
  auto published = editorial_->Save(As(Role::kEditor), 0, input);
  ASSERT_OK(published);
  auto trashed = editorial_->Trash(As(Role::kEditor), published->id);
  ASSERT_OK(trashed);
  EXPECT_TRUE(trashed->trashed_at.has_value());
  EXPECT_FALSE(content::IsVisible(*trashed, kNow + 1));
  EXPECT_EQ(editorial_->Save(As(Role::kEditor), published->id, Editorial::ToInput(*trashed))
                .error().field,
            "status");
  auto restored = editorial_->Restore(As(Role::kEditor), published->id);
  ASSERT_OK(restored);
  EXPECT_FALSE(restored->trashed_at.has_value());
  EXPECT_EQ(restored->status, ArticleStatus::kDraft);
}

TEST_F(EditorialTest, RestoringARevisionIsANewRevision) {
  auto first = editorial_->Save(As(Role::kEditor), 0, Ready("The first headline"));
  ASSERT_OK(first);
  ArticleInput input = Editorial::ToInput(*first);
  input.headline = "The second headline";
  input.body = "Rewritten.";
  ASSERT_OK(editorial_->Save(As(Role::kEditor), first->id, input));
  const auto revisions = store_->ListRevisions(first->id);
  ASSERT_OK(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  auto restored = editorial_->RestoreRevision(As(Role::kEditor), first->id, revisions->back().id);
  ASSERT_OK(restored);
  EXPECT_EQ(restored->headline, "The first headline");
  EXPECT_EQ(restored->body_markdown, Ready().body);
  EXPECT_EQ(store_->ListRevisions(first->id)->size(), 3u);
}

TEST_F(EditorialTest, BadFieldsAreNamed) {
  const struct {
    void (*change)(ArticleInput&);
    std::string_view field;
  } kCases[] = {
      {[](ArticleInput& i) { i.headline = " "; }, "headline"},
      {[](ArticleInput& i) { i.slug = "Not A Slug"; }, "slug"},
      {[](ArticleInput& i) { i.section = "nowhere"; }, "section"},
      {[](ArticleInput& i) { i.section = ""; }, "section"},
      {[](ArticleInput& i) { i.status = "live"; }, "status"},
      {[](ArticleInput& i) { i.quick_looks.push_back(std::string(201, 'x')); }, "quick_looks"},
      {[](ArticleInput& i) { i.authors = {"nobody"}; }, "authors"},
      {[](ArticleInput& i) { i.lead_image = LeadImageInput{99, "c", "c", "a"}; }, "lead_image"},
  };
  for (const auto& test : kCases) {
    ArticleInput input = Ready();
    test.change(input);
    auto refused = editorial_->Save(As(Role::kEditor), 0, input);
    ASSERT_FALSE(refused) << test.field;
    EXPECT_EQ(refused.error().field, test.field);
  }
  EXPECT_EQ(store_->CountArticles().value(), 0);
}

}  // namespace
}  // namespace lede::publishing
