#include "publishing/editorial.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/quick_looks.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

using content::Action;
using content::ArticleStatus;

// The newest matches the newsroom's search lists: enough for any editor
// looking for a story, and a bound on the list's cost.
constexpr int kNewsroomMatches = 1000;

Status Denied(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, std::move(message));
}

std::string Trimmed(std::string_view text) { return std::string(util::Trim(text)); }

}  // namespace

Status CheckInput(const ArticleInput& input) {
  if (util::Trim(input.headline).empty()) {
    return InvalidArgument("a headline is required", "headline");
  }
  if (input.headline.size() > content::kMaxHeadlineLength) {
    return InvalidArgument("the headline is longer than 300 characters", "headline");
  }
  if (!input.slug.empty() && util::Slugify(input.slug) != input.slug) {
    return InvalidArgument("the slug must be lowercase letters, digits and single hyphens "
                           "(try \"" + util::Slugify(input.slug) + "\")",
                           "slug");
  }
  if (util::Trim(input.section).empty()) return InvalidArgument("choose a section", "section");
  if (!content::ParseArticleStatus(input.status)) {
    return InvalidArgument("status must be draft, scheduled or published", "status");
  }
  if (input.status == "scheduled" && !input.publish_at) {
    return InvalidArgument("a scheduled article needs a time to publish", "publish_at");
  }
  if (input.quick_looks.size() > content::kMaxQuickLooks) {
    return InvalidArgument("at most 8 Quick Looks", "quick_looks");
  }
  for (const auto& look : input.quick_looks) {
    if (util::Trim(look).empty()) return InvalidArgument("a Quick Look is empty", "quick_looks");
    if (content::CountCharacters(look) > content::kMaxQuickLookCharacters) {
      return InvalidArgument(fmt::format("each Quick Look has at most {} characters",
                                         content::kMaxQuickLookCharacters),
                             "quick_looks");
    }
  }
  if (input.body_format != "markdown" && input.body_format != "html") {
    return InvalidArgument("body_format must be markdown or html", "body_format");
  }
  if (input.lead_image && input.lead_image->media_id <= 0) {
    return InvalidArgument("choose an image from the library", "lead_image");
  }
  return {};
}

bool Editorial::Owns(const content::User& user, const content::Article& article) {
  if (article.created_by != 0 && article.created_by == user.id) return true;
  return user.author_id &&
         std::find(article.author_ids.begin(), article.author_ids.end(), *user.author_id) !=
             article.author_ids.end();
}

ArticleInput Editorial::ToInput(const content::Article& article) {
  ArticleInput input;
  input.headline = article.headline;
  input.slug = article.slug;
  input.standfirst = article.standfirst;
  input.body = article.body_markdown;
  input.body_format = article.body_format == content::BodyFormat::kHtml ? "html" : "markdown";
  input.quick_looks = article.quick_looks;
  input.section = article.section.slug;
  for (const auto& tag : article.tags) input.tags.push_back(tag.name);
  for (const auto& author : article.authors) input.authors.push_back(author.slug);
  input.dateline = article.dateline;
  input.edition = article.edition;
  input.top_story = article.top_story;
  input.correction = article.correction;
  if (article.lead_image) {
    const auto& lead = *article.lead_image;
    input.lead_image = LeadImageInput{lead.media_id, lead.caption, lead.credit, lead.alt};
  }
  input.status = std::string(content::ArticleStatusName(article.status));
  input.publish_at = article.published_at;
  input.version = article.version;
  return input;
}

Result<std::vector<std::int64_t>> Editorial::AuthorsFor(const content::User& user,
                                                        const std::vector<std::string>& slugs) {
  std::vector<std::int64_t> ids;
  for (const auto& slug : slugs) {
    if (util::Trim(slug).empty()) continue;
    auto author = store_.FindAuthor(util::Trim(slug));
    if (!author) {
      if (author.error().code == ErrorCode::kNotFound) {
        return InvalidArgument(fmt::format("no author \"{}\"", slug), "authors");
      }
      return tl::unexpected(author.error());
    }
    if (std::find(ids.begin(), ids.end(), author->id) == ids.end()) ids.push_back(author->id);
  }
  if (!ids.empty()) return ids;
  // No byline given: the user's own, made from their name the first time.
  LEDE_TRY(auto current, people_.FindUser(user.id));
  if (!current.author_id) {
    LEDE_TRY(auto profile, desk_.AddAuthor(current.name, ""));
    current.author_id = profile.id;
    LEDE_TRY(people_.UpdateUser(current));
  }
  return std::vector<std::int64_t>{*current.author_id};
}

Result<content::Article> Editorial::Open(const content::User& user, std::int64_t id) {
  LEDE_TRY(auto article, store_.FindArticle(id));
  if (!content::Can(user.role, Action::kWriteDraft, Owns(user, article))) {
    return tl::unexpected(Denied("you may only open your own articles").error());
  }
  article.status = content::StatusAt(article, clock_.Now());
  return article;
}

Result<store::ArticleList> Editorial::List(const content::User& user, const ArticleFilter& filter) {
  store::NewsroomQuery query;
  query.now = clock_.Now();
  if (filter.status == "draft") query.status = store::NewsroomStatus::kDraft;
  else if (filter.status == "scheduled") query.status = store::NewsroomStatus::kScheduled;
  else if (filter.status == "published") query.status = store::NewsroomStatus::kPublished;
  else if (filter.status == "trash") query.status = store::NewsroomStatus::kTrash;
  else if (!filter.status.empty()) {
    return InvalidArgument("status must be draft, scheduled, published or trash", "status");
  }
  if (!filter.section.empty()) {
    auto section = store_.FindSection(filter.section);
    if (!section) {
      if (section.error().code != ErrorCode::kNotFound) return tl::unexpected(section.error());
      return InvalidArgument(fmt::format("no section \"{}\"", filter.section), "section");
    }
    query.section_id = section->id;
  }
  if (!filter.author.empty()) {
    auto author = store_.FindAuthor(filter.author);
    if (!author) {
      if (author.error().code != ErrorCode::kNotFound) return tl::unexpected(author.error());
      return InvalidArgument(fmt::format("no author \"{}\"", filter.author), "author");
    }
    query.author_id = author->id;
  }
  // The rule Open applies to one article: who may not open others'
  // articles does not see them listed either.
  if (!content::Can(user.role, Action::kWriteDraft, /*own=*/false)) {
    query.owned_by_user = user.id;
    if (user.author_id) {
      query.owned_by_author = *user.author_id;
    } else if (auto current = people_.FindUser(user.id); current && current->author_id) {
      query.owned_by_author = *current->author_id;
    }
  }
  // Words are searched for in every field, in any of their forms, among
  // the newest matches (SearchStore::MatchNewsroom).
  if (!util::Trim(filter.query).empty()) {
    LEDE_TRY(auto ids, store_.MatchNewsroom(filter.query, kNewsroomMatches));
    if (ids.empty()) return store::ArticleList{};
    query.ids = std::move(ids);
  }
  query.limit = std::clamp(filter.per_page, 1, 100);
  query.offset = (std::max(filter.page, 1) - 1) * query.limit;
  LEDE_TRY(auto list, store_.ListForNewsroom(query));
  for (auto& article : list.articles) article.status = content::StatusAt(article, query.now);
  return list;
}

Result<content::Article> Editorial::Save(const content::User& user, std::int64_t id,
                                         const ArticleInput& input) {
  return Compose(user, id, input, Purpose::kSave);
}

Result<content::Article> Editorial::Preview(const content::User& user, std::int64_t id,
                                            const ArticleInput& input) {
  return Compose(user, id, input, Purpose::kPreview);
}

Result<content::Article> Editorial::Compose(const content::User& user, std::int64_t id,
                                            const ArticleInput& input, Purpose purpose) {
  const bool preview = purpose == Purpose::kPreview;
  LEDE_TRY(CheckInput(input));
  ArticleStatus status = *content::ParseArticleStatus(input.status);
  const util::UnixSeconds now = clock_.Now();
  content::Article article;
  std::optional<content::Article> previous;
  if (id != 0) {
    LEDE_TRY(article, store_.FindArticle(id));
    previous = article;
  }
  const bool own = !previous || Owns(user, *previous);
  if (!content::Can(user.role, Action::kWriteDraft, own)) {
    return tl::unexpected(Denied("you may only edit your own articles").error());
  }
  if (previous && previous->status != ArticleStatus::kDraft &&
      !content::Can(user.role, Action::kEditPublished, own)) {
    return tl::unexpected(
        Denied("only its author or an editor can change an article once it is published or "
               "scheduled")
            .error());
  }
  if (!preview && status != ArticleStatus::kDraft &&
      !content::Can(user.role, Action::kPublish, own)) {
    return tl::unexpected(
        Denied("contributors cannot publish or schedule: save a draft for an editor").error());
  }
  if (!preview && previous && previous->trashed_at) {
    return InvalidArgument("this article is in the trash: restore it first", "status");
  }

  article.headline = Trimmed(input.headline);
  if (!input.slug.empty()) {
    if (previous && input.slug != previous->slug) {
      LEDE_TRY(bool taken, store_.ArticleSlugTaken(input.slug, id));
      if (taken) {
        return MakeError(ErrorCode::kConflict, "another article already uses that slug", "slug");
      }
    }
    article.slug = input.slug;
  } else if (!previous) {
    article.slug.clear();  // Desk makes a unique one from the headline
  }
  article.standfirst = Trimmed(input.standfirst);
  article.body_markdown = input.body;
  // Imported articles keep their (sanitised) HTML; everything else is
  // Markdown.
  article.body_format = input.body_format == "html" ? content::BodyFormat::kHtml
                                                    : content::BodyFormat::kMarkdown;
  article.quick_looks.clear();
  for (const auto& look : input.quick_looks) article.quick_looks.push_back(Trimmed(look));
  auto section = store_.FindSection(util::Trim(input.section));
  if (!section) {
    if (section.error().code == ErrorCode::kNotFound) {
      return InvalidArgument(fmt::format("no section \"{}\"", input.section), "section");
    }
    return tl::unexpected(section.error());
  }
  article.section_id = section->id;
  article.section = *section;
  article.tag_ids.clear();
  article.tags.clear();
  for (const auto& name : input.tags) {
    if (util::Trim(name).empty()) continue;
    if (preview) {
      // Shown, not created.
      article.tags.push_back({0, std::string(util::Trim(name)), util::Slugify(name)});
      continue;
    }
    auto tag = desk_.TagNamed(name);
    if (!tag) return InvalidArgument(tag.error().message, "tags");
    if (std::find(article.tag_ids.begin(), article.tag_ids.end(), tag->id) == article.tag_ids.end()) {
      article.tag_ids.push_back(tag->id);
    }
  }
  if (preview) {
    article.authors.clear();
    for (const auto& slug : input.authors) {
      if (auto author = store_.FindAuthor(util::Trim(slug))) article.authors.push_back(*author);
    }
    // No byline given: the one Save would make, from the user's name.
    if (article.authors.empty()) {
      article.authors.push_back({0, user.name, util::Slugify(user.name), ""});
    }
  } else {
    LEDE_TRY(article.author_ids, AuthorsFor(user, input.authors));
  }
  article.dateline = Trimmed(input.dateline);
  article.edition = Trimmed(input.edition);
  article.top_story = input.top_story;
  article.correction = Trimmed(input.correction);
  article.lead_image.reset();
  if (input.lead_image) {
    auto media = store_.FindMedia(input.lead_image->media_id);
    if (!media) return InvalidArgument("that image is not in the media library", "lead_image");
    article.lead_image = content::LeadImage{media->id, Trimmed(input.lead_image->caption),
                                            Trimmed(input.lead_image->credit),
                                            Trimmed(input.lead_image->alt), *media};
  }

  // Live means readers can see it: published, or scheduled and come due.
  const bool was_live = previous && content::IsVisible(*previous, now);
  switch (status) {
    case ArticleStatus::kDraft:
      article.published_at.reset();
      break;
    case ArticleStatus::kPublished:
      if (was_live) break;  // keeps its first publication time
      article.published_at = input.publish_at && *input.publish_at <= now ? *input.publish_at : now;
      break;
    case ArticleStatus::kScheduled:
      if (was_live && previous->published_at == input.publish_at) {
        // Scheduled, and gone live since: saving keeps it live as it is.
        status = ArticleStatus::kPublished;
        article.published_at = previous->published_at;
        break;
      }
      if (*input.publish_at <= now) {
        return InvalidArgument("the time to publish must be in the future", "publish_at");
      }
      article.published_at = input.publish_at;
      break;
  }
  article.status = status;
  if (preview) {
    if (article.slug.empty()) article.slug = util::Slugify(article.headline);
    if (article.slug.empty()) article.slug = "article";
    article.body_html = Desk::RenderBody(article);
    return article;
  }
  if (status != ArticleStatus::kDraft) LEDE_TRY(content::ValidateForPublishing(article));

  std::string_view action = "article.update";
  if (status == ArticleStatus::kPublished && !was_live) {
    action = "article.publish";
  } else if (status == ArticleStatus::kScheduled &&
             (!previous || previous->status != ArticleStatus::kScheduled)) {
    action = "article.schedule";
  } else if (!previous) {
    action = "article.create";
  } else if (status == ArticleStatus::kDraft && previous->status != ArticleStatus::kDraft) {
    action = "article.unpublish";
  }
  return Write(user, std::move(article), input.version, action);
}

Result<content::Article> Editorial::Write(const content::User& user, content::Article article,
                                          std::optional<std::int64_t> version,
                                          std::string_view action) {
  LEDE_TRY(auto saved, desk_.Save(std::move(article), BodyRendering::kRender,
                                  {.user_id = user.id, .expected_version = version,
                                   .keep_revision = true}));
  LEDE_TRY(audit_.Record({.at = clock_.Now(), .user_id = user.id, .action = std::string(action),
                          .object_kind = "article", .object_id = saved.id,
                          .detail = saved.headline}));
  // What was kept unsaved for this editor stays: only the editor's own
  // Save of the form holding it (the newsroom's door calls
  // DiscardUnsaved) puts it in the article. A trash, a restore or a
  // revision brought back does not.
  return saved;
}

Result<Reconciled> Editorial::Reconcile(const content::User& user, std::int64_t id,
                                        ArticleInput& mine) {
  LEDE_TRY(auto stored, Open(user, id));
  std::optional<store::RevisionText> base;
  if (mine.version) {
    LEDE_TRY(auto revisions, store_.ListRevisions(id));
    for (const auto& revision : revisions) {
      if (revision.version == *mine.version) base = revision.text;
    }
  }
  const ArticleInput theirs = ToInput(stored);
  Reconciled reconciled;
  reconciled.fields = MergeEdits(base, theirs, mine);
  mine.version = stored.version;
  reconciled.stored = std::move(stored);
  return reconciled;
}

Status Editorial::KeepUnsaved(const content::User& user, std::int64_t id, std::string form,
                              std::int64_t version) {
  LEDE_TRY(Open(user, id));
  return store_.PutAutosave({.article_id = id, .user_id = user.id, .saved_at = clock_.Now(),
                             .version = version, .form = std::move(form)});
}

Result<std::optional<store::Autosave>> Editorial::Unsaved(const content::User& user, std::int64_t id) {
  LEDE_TRY(Open(user, id));
  return store_.FindAutosave(id, user.id);
}

Status Editorial::DiscardUnsaved(const content::User& user, std::int64_t id) {
  LEDE_TRY(Open(user, id));
  return store_.DeleteAutosave(id, user.id);
}

Result<content::Article> Editorial::Unpublish(const content::User& user, std::int64_t id) {
  LEDE_TRY(auto article, store_.FindArticle(id));
  if (!content::Can(user.role, Action::kPublish, Owns(user, article))) {
    return tl::unexpected(Denied("you may not unpublish this article").error());
  }
  const std::int64_t version = article.version;
  article.status = ArticleStatus::kDraft;
  article.published_at.reset();
  return Write(user, std::move(article), version, "article.unpublish");
}

Result<content::Article> Editorial::Trash(const content::User& user, std::int64_t id) {
  LEDE_TRY(auto article, store_.FindArticle(id));
  const bool own = Owns(user, article);
  const bool allowed = article.status == ArticleStatus::kDraft
                           ? content::Can(user.role, Action::kWriteDraft, own)
                           : content::Can(user.role, Action::kTrash, own);
  if (!allowed) return tl::unexpected(Denied("you may not move this article to the trash").error());
  const std::int64_t version = article.version;
  article.status = ArticleStatus::kDraft;
  article.published_at.reset();
  article.trashed_at = clock_.Now();
  return Write(user, std::move(article), version, "article.trash");
}

Result<content::Article> Editorial::Restore(const content::User& user, std::int64_t id) {
  LEDE_TRY(auto article, store_.FindArticle(id));
  if (!content::Can(user.role, Action::kWriteDraft, Owns(user, article))) {
    return tl::unexpected(Denied("you may not restore this article").error());
  }
  const std::int64_t version = article.version;
  article.trashed_at.reset();
  return Write(user, std::move(article), version, "article.restore");
}

Result<content::Article> Editorial::RestoreRevision(const content::User& user, std::int64_t id,
                                                    std::int64_t revision_id) {
  LEDE_TRY(auto article, store_.FindArticle(id));
  LEDE_TRY(auto revision, store_.FindRevision(revision_id));
  if (revision.article_id != id) return NotFound("that revision belongs to another article");
  ArticleInput input = ToInput(article);
  input.headline = revision.text.headline;
  input.slug = revision.text.slug;
  input.standfirst = revision.text.standfirst;
  input.body = revision.text.body;
  input.quick_looks = revision.text.quick_looks;
  input.dateline = revision.text.dateline;
  input.edition = revision.text.edition;
  input.correction = revision.text.correction;
  LEDE_TRY(auto saved, Save(user, id, input));
  LEDE_TRY(audit_.Record({.at = clock_.Now(), .user_id = user.id,
                          .action = "article.restore_revision", .object_kind = "article",
                          .object_id = id,
                          .detail = fmt::format("version {}", revision.version)}));
  return saved;
}

}  // namespace lede::publishing
