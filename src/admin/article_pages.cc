// The articles list, the editor, its actions, previews and revisions.
#include <fmt/format.h>

#include "admin/admin.h"
#include "admin/article_form.h"
#include "admin/word_diff.h"
#include "media/library.h"

#include <algorithm>
#include "util/strings.h"

namespace lede::admin {
namespace {

constexpr int kPerPage = 25;
// Revisions per page: each is diffed against the current text, field by
// field, so a long story's page stays quick however often it was saved.
constexpr int kRevisionsPerPage = 10;

std::optional<std::int64_t> PathId(const http::PathParams& params) {
  auto id = util::ParseInt(params.Get("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// What the newsroom calls an article's state now: a scheduled article
// that has gone live is published.
std::string StatusLabel(const content::Article& article, util::UnixSeconds now) {
  if (article.trashed_at) return "trash";
  return std::string(content::ArticleStatusName(content::StatusAt(article, now)));
}

}  // namespace

void Admin::RegisterArticles(http::Router& router) const {
  const AdminServices& s = services_;

  Add(router, http::Method::kGet, "/admin/articles/", [&s](Visit& visit, const http::PathParams&) {
    const auto& request = visit.request;
    publishing::ArticleFilter filter;
    filter.status = request.QueryParam("status").value_or("");
    filter.section = request.QueryParam("section").value_or("");
    filter.author = request.QueryParam("author").value_or("");
    filter.query = request.QueryParam("q").value_or("");
    filter.page = pages::PageNumber(request);
    filter.per_page = kPerPage;
    auto list = s.editorial.List(visit.who.user, filter);
    std::optional<Error> refused;
    if (!list && list.error().code == ErrorCode::kInvalidArgument) {
      // A filter that names nothing (an old link): said, and the rest shown.
      refused = list.error();
      if (refused->field == "status") filter.status.clear();
      if (refused->field == "section") filter.section.clear();
      if (refused->field == "author") filter.author.clear();
      list = s.editorial.List(visit.who.user, filter);
    }
    if (!list) return pages::Problem(s, visit, list.error());
    const std::string& status = filter.status;
    const std::string& section = filter.section;
    const std::string& author = filter.author;
    const int page = filter.page;
    theme::Data data = pages::Base(s, visit, "Articles", "articles");
    data.set("q", filter.query);
    if (refused) data.set("error", refused->message);
    if (request.QueryParam("welcome")) {
      data.set("notice", "Welcome to the newsroom, " + visit.who.user.name + ".");
    }
    theme::Data statuses{theme::Data::type::list};
    for (std::string_view name : {"", "draft", "scheduled", "published", "trash"}) {
      theme::Data option;
      option.set("value", std::string(name));
      option.set("label", name.empty() ? std::string("Any status") : std::string(name));
      option.set("selected", name == status);
      statuses.push_back(option);
    }
    data.set("statuses", statuses);
    theme::Data sections{theme::Data::type::list};
    for (const auto& item : s.store.ListSections().value_or(std::vector<content::Section>{})) {
      theme::Data option;
      option.set("value", item.slug);
      option.set("label", item.name);
      option.set("selected", item.slug == section);
      sections.push_back(option);
    }
    data.set("sections", sections);
    theme::Data authors{theme::Data::type::list};
    for (const auto& item : s.store.ListAuthors().value_or(std::vector<content::Author>{})) {
      theme::Data option;
      option.set("value", item.slug);
      option.set("label", item.name);
      option.set("selected", item.slug == author);
      authors.push_back(option);
    }
    data.set("authors", authors);
    theme::Data rows{theme::Data::type::list};
    const util::TimeZone zone = pages::Zone(s);  // once, not per row
    for (const auto& article : list->articles) {
      theme::Data row;
      row.set("id", std::to_string(article.id));
      row.set("headline", article.headline);
      row.set("edit_url", fmt::format("/admin/articles/{}/", article.id));
      row.set("status", StatusLabel(article, s.clock.Now()));
      row.set("section", article.section.name);
      std::string bylines;
      for (const auto& by : article.authors) bylines += (bylines.empty() ? "" : ", ") + by.name;
      row.set("authors", bylines);
      row.set("when", pages::When(zone, article.published_at.value_or(article.created_at)));
      row.set("votes", pages::Count(article.rating.count, "vote", "votes"));
      row.set("average", article.rating.count ? fmt::format("{:.1f}", article.rating.Average())
                                              : std::string("–"));
      rows.push_back(row);
    }
    data.set("rows", rows);
    data.set("has_rows", !list->articles.empty());
    data.set("total", pages::Count(list->total, "article", "articles"));
    const int pages_count = static_cast<int>((list->total + kPerPage - 1) / kPerPage);
    auto page_url = [&](int number) {
      return fmt::format("/admin/articles/?status={}&section={}&author={}&q={}&page={}",
                         util::EncodePathSegment(status), util::EncodePathSegment(section),
                         util::EncodePathSegment(author),
                         util::EncodePathSegment(filter.query), number);
    };
    if (page > 1) data.set("prev_url", page_url(page - 1));
    if (page < pages_count) data.set("next_url", page_url(page + 1));
    data.set("page", std::to_string(page));
    data.set("page_count", std::to_string(std::max(1, pages_count)));
    return pages::Render(s, 200, "admin/articles", data);
  });

  // The editor, for a new article (id 0) or a stored one.
  auto editor = [&s](Visit& visit, std::int64_t id, const publishing::ArticleInput& input,
                     const Error* error, int status,
                     const publishing::Reconciled* reconciled = nullptr) {
    theme::Data data = pages::Base(s, visit, id ? "Edit article" : "New article", "articles");
    theme::Data form = ArticleFormData(input, s.store, pages::Zone(s), error);
    data.set("action_url", id ? fmt::format("/admin/articles/{}/", id) : "/admin/articles/new");
    data.set("preview_url", id ? fmt::format("/admin/articles/{}/preview", id)
                               : "/admin/articles/new/preview");
    const bool can_publish = content::Can(visit.who.user.role, content::Action::kPublish);
    data.set("can_publish", can_publish);
    data.set("can_upload", media::Library::MayUpload(visit.who.user).has_value());
    data.set("show_publish", can_publish && input.status != "published");
    std::optional<content::Article> stored;
    if (id) {
      data.set("id", std::to_string(id));
      data.set("revisions_url", fmt::format("/admin/articles/{}/revisions/", id));
      if (auto found = s.store.FindArticle(id)) stored = std::move(*found);
      if (stored) {
        data.set("status_label", StatusLabel(*stored, s.clock.Now()));
        data.set("is_trashed", stored->trashed_at.has_value());
        data.set("is_live", stored->status != content::ArticleStatus::kDraft);
        data.set("public_url", content::ArticlePath(*stored));
        if (stored->rating.count > 0) {
          data.set("rating_count", pages::Count(stored->rating.count, "vote", "votes"));
          data.set("rating_average", fmt::format("{:.1f}", stored->rating.Average()));
        }
      }
    }
    const auto& query = visit.request;
    // What the editor's last action did, said as such (not "Saved." for all).
    if (!error) {
      const std::string done = query.QueryParam("done").value_or(query.QueryParam("saved") ? "saved" : "");
      const util::TimeZone zone = pages::Zone(s);
      if (done == "saved") data.set("notice", "Saved.");
      if (done == "published") data.set("notice", "Published: readers can see it now.");
      if (done == "scheduled" && stored && stored->published_at) {
        data.set("notice", "Scheduled: it goes live on " + pages::When(zone, *stored->published_at) +
                               " (" + std::string(zone.name()) + ").");
      }
      if (done == "unpublished") data.set("notice", "Unpublished: readers no longer see it.");
      if (done == "trashed") data.set("notice", "Moved to the trash. Readers no longer see it.");
      if (done == "restored") data.set("notice", "Restored from the trash, as a draft.");
      if (done == "reverted") data.set("notice", "The revision is back, saved as a new version.");
    }
    if (auto link = query.QueryParam("preview_link"); link && link->starts_with("/preview/")) {
      data.set("preview_link", pages::Absolute(s, *link));
    }
    if (id && !reconciled && !error) {
      // An autosave of changes never saved (the tab closed, Back, a crash):
      // offered back, never applied by itself.
      if (query.QueryParam("unsaved") == "restore") {
        data.set("notice", "Your unsaved changes are back in the form. Readers still see the "
                           "published version until you save.");
      } else if (auto unsaved = s.editorial.Unsaved(visit.who.user, id); unsaved && *unsaved) {
        theme::Data offer;
        offer.set("when", pages::When(pages::Zone(s), (*unsaved)->saved_at));
        offer.set("restore_url", fmt::format("/admin/articles/{}/?unsaved=restore", id));
        offer.set("discard_url", fmt::format("/admin/articles/{}/autosave/discard", id));
        offer.set("saved_since", stored && (*unsaved)->version < stored->version);
        data.set("unsaved", offer);
      }
    }
    if (reconciled) {
      // Every field both changed, theirs against what was typed, each with
      // a choice; what only they changed is already in the form, and said.
      data.set("conflict", ConflictData(*reconciled));
    }
    if (const auto kept = query.QueryParam("kept"); kept && !error) {
      data.set("notice", kept->empty()
                             ? std::string("Saved. A colleague had saved this article meanwhile; "
                                           "nothing they changed was lost.")
                             : "Saved. A colleague had saved this article meanwhile: their changes to " +
                                   *kept + " are kept beside yours.");
    }
    data.set("form", form);
    return pages::Render(s, status, "admin/editor", data);
  };

  Add(router, http::Method::kGet, "/admin/articles/new",
      [&s, editor](Visit& visit, const http::PathParams&) {
        publishing::ArticleInput input;
        if (auto sections = s.store.ListSections(); sections && !sections->empty()) {
          input.section = sections->front().slug;
        }
        return editor(visit, 0, input, nullptr, 200);
      });

  // Saving: "action" says what the editor asked for.
  auto save = [&s, editor](Visit& visit, std::int64_t id) {
    const auto& request = visit.request;
    const std::string action = request.FormField("action").value_or("save");
    publishing::ArticleInput input = ArticleFromForm(request, pages::Zone(s));
    // After a clash the editor chose, field by field, whose text to keep.
    if (const auto theirs = TheirsChosen(request); !theirs.empty() && id) {
      auto stored = s.editorial.Open(visit.who.user, id);
      if (!stored) return pages::Problem(s, visit, stored.error());
      publishing::TakeTheirs(input, publishing::Editorial::ToInput(*stored), theirs);
    }
    Result<content::Article> result;
    // What the notice on the next page will say happened.
    std::string done = "saved";
    if (action == "trash") {
      done = "trashed";
      result = s.editorial.Trash(visit.who.user, id);
    } else if (action == "restore") {
      done = "restored";
      result = s.editorial.Restore(visit.who.user, id);
    } else if (action == "preview_link") {
      if (auto opened = s.editorial.Open(visit.who.user, id); !opened) {
        return pages::Problem(s, visit, opened.error());
      }
      const std::string path =
          s.previews.Path(id, s.clock.Now() + publishing::kPreviewLifetime);
      return pages::SeeOther(fmt::format("/admin/articles/{}/?preview_link={}", id,
                                         util::EncodePathSegment(path)));
    } else {
      std::optional<content::Article> before;
      if (id) before = s.store.FindArticle(id).value_or(content::Article{});
      result = s.editorial.Save(visit.who.user, id, input);
      if (result) {
        const auto now = s.clock.Now();
        const bool was_live = before && content::IsVisible(*before, now);
        if (result->status == content::ArticleStatus::kScheduled) done = "scheduled";
        else if (content::IsVisible(*result, now) && !was_live) done = "published";
        else if (was_live && !content::IsVisible(*result, now)) done = "unpublished";
      }
    }
    if (!result && result.error().code == ErrorCode::kConflict && result.error().field == "version") {
      // A colleague saved meanwhile. What they changed that the editor did
      // not is taken in; if nothing both changed, that is the save.
      const Error conflict = result.error();
      auto reconciled = s.editorial.Reconcile(visit.who.user, id, input);
      if (!reconciled) return pages::Problem(s, visit, reconciled.error());
      const bool clean = std::none_of(reconciled->fields.begin(), reconciled->fields.end(), [](const auto& f) {
        return f.outcome == publishing::FieldMerge::Outcome::kConflict;
      });
      if (!clean) return editor(visit, id, input, &conflict, 409, &*reconciled);
      result = s.editorial.Save(visit.who.user, id, input);
      if (result) {
        (void)s.editorial.DiscardUnsaved(visit.who.user, result->id);
        std::string kept;
        for (const auto& field : reconciled->fields) {
          kept += (kept.empty() ? "" : ", ") + util::ToLowerAscii(field.label);
        }
        return pages::SeeOther(fmt::format("/admin/articles/{}/?done={}&kept={}", result->id, done,
                                           util::EncodeQueryValue(kept)));
      }
    }
    if (!result) {
      const auto& error = result.error();
      if (error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kConflict) {
        return editor(visit, id, input, &error, http::StatusFor(error.code));
      }
      return pages::Problem(s, visit, error);
    }
    if (action != "trash" && action != "restore") {
      // The form held what was kept unsaved: it is in the article now. A
      // failure only leaves an offer of text the editor already has.
      (void)s.editorial.DiscardUnsaved(visit.who.user, result->id);
    }
    return pages::SeeOther(fmt::format("/admin/articles/{}/?done={}", result->id, done));
  };
  Add(router, http::Method::kPost, "/admin/articles/new",
      [save](Visit& visit, const http::PathParams&) { return save(visit, 0); });
  Add(router, http::Method::kGet, "/admin/articles/{id}/",
      [&s, editor](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such article", {}});
        auto article = s.editorial.Open(visit.who.user, *id);
        if (!article) return pages::Problem(s, visit, article.error());
        if (visit.request.QueryParam("unsaved") == "restore") {
          auto unsaved = s.editorial.Unsaved(visit.who.user, *id);
          if (!unsaved) return pages::Problem(s, visit, unsaved.error());
          if (*unsaved) {
            http::Request kept;
            kept.body = (*unsaved)->form;
            publishing::ArticleInput input = ArticleFromForm(kept, pages::Zone(s));
            input.version = (*unsaved)->version;  // a save since is a clash, merged as any
            // Kept text, not a decision: the article stays as it is
            // (published, scheduled) until the editor says otherwise.
            const auto current = publishing::Editorial::ToInput(*article);
            input.status = current.status;
            input.publish_at = current.publish_at;
            return editor(visit, *id, input, nullptr, 200);
          }
        }
        return editor(visit, *id, publishing::Editorial::ToInput(*article), nullptr, 200);
      });
  // The editor's autosave of an article readers can see: kept for this
  // editor, unpublished, until Save (admin.js posts the form here).
  Add(router, http::Method::kPost, "/admin/articles/{id}/autosave",
      [&s](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return http::Response::Text(404, "No such article\n");
        const auto version = util::ParseInt(visit.request.FormField("version").value_or(""));
        auto kept = s.editorial.KeepUnsaved(visit.who.user, *id,
                                            FormWithout(visit.request.body, {"csrf", "action"}),
                                            version.value_or(0));
        if (!kept) return http::Response::Text(http::StatusFor(kept.error().code), kept.error().message + "\n");
        http::Response response;
        response.status = 204;
        response.SetHeader("Cache-Control", "private, no-store");
        return response;
      });
  Add(router, http::Method::kPost, "/admin/articles/{id}/autosave/discard",
      [&s](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such article", {}});
        if (auto discarded = s.editorial.DiscardUnsaved(visit.who.user, *id); !discarded) {
          return pages::Problem(s, visit, discarded.error());
        }
        return pages::SeeOther(fmt::format("/admin/articles/{}/", *id));
      });
  // Who may not open an article may not post to it: refused before the
  // form is read, whatever is wrong with it.
  Add(router, http::Method::kPost, "/admin/articles/{id}/",
      [&s, save](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such article", {}});
        if (auto opened = s.editorial.Open(visit.who.user, *id); !opened) {
          return pages::Problem(s, visit, opened.error());
        }
        return save(visit, *id);
      });

  // The public page the form would make, unsaved (the editor's Preview
  // button and its live preview post here).
  auto preview = [&s](Visit& visit, std::int64_t id) {
    auto article = s.editorial.Preview(visit.who.user, id, ArticleFromForm(visit.request, pages::Zone(s)));
    if (!article) {
      if (article.error().code != ErrorCode::kInvalidArgument) {
        return http::Response::Text(http::StatusFor(article.error().code),
                                    "Cannot preview: " + article.error().message + "\n");
      }
      // Not an error of the request: an article still being written (a
      // new one has no headline yet). The preview says what it needs.
      auto waiting = http::Response::Html(
          200, "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Preview</title>"
               "<p>"
               "Nothing to preview yet: " + util::HtmlEscape(article.error().message) + ".</p></html>");
      waiting.SetHeader("Cache-Control", "private, no-store");
      return waiting;
    }
    auto response = s.render_preview(std::move(*article));
    response.SetHeader("Cache-Control", "private, no-store");
    return response;
  };
  Add(router, http::Method::kPost, "/admin/articles/new/preview",
      [preview](Visit& visit, const http::PathParams&) { return preview(visit, 0); });
  Add(router, http::Method::kPost, "/admin/articles/{id}/preview",
      [&s, preview](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such article", {}});
        if (auto opened = s.editorial.Open(visit.who.user, *id); !opened) {
          return pages::Problem(s, visit, opened.error());
        }
        return preview(visit, *id);
      });

  // Revisions: each against the current text, word by word.
  Add(router, http::Method::kGet, "/admin/articles/{id}/revisions/",
      [&s](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such article", {}});
        auto article = s.editorial.Open(visit.who.user, *id);
        if (!article) return pages::Problem(s, visit, article.error());
        auto revisions = s.store.ListRevisions(*id);
        if (!revisions) return pages::Problem(s, visit, revisions.error());
        theme::Data data = pages::Base(s, visit, "Revisions", "articles");
        data.set("headline", article->headline);
        data.set("edit_url", fmt::format("/admin/articles/{}/", *id));
        theme::Data list{theme::Data::type::list};
        std::string current_looks;
        for (const auto& look : article->quick_looks) current_looks += look + "\n";
        const util::TimeZone zone = pages::Zone(s);  // once, not per row
        const int page = pages::PageNumber(visit.request);
        const int page_count = std::max<int>(
            1, static_cast<int>((revisions->size() + kRevisionsPerPage - 1) / kRevisionsPerPage));
        if (page > page_count) {
          return pages::Problem(s, visit, {ErrorCode::kNotFound, "There is no such page of revisions", {}});
        }
        const auto first = static_cast<std::size_t>((page - 1) * kRevisionsPerPage);
        const auto last = std::min(revisions->size(), first + kRevisionsPerPage);
        for (std::size_t index = first; index < last; ++index) {
          const auto& revision = (*revisions)[index];
          theme::Data item;
          item.set("id", std::to_string(revision.id));
          item.set("version", std::to_string(revision.version));
          item.set("by", revision.user_name.empty() ? std::string("lede") : revision.user_name);
          item.set("when", pages::When(zone, revision.created_at));
          item.set("is_current", revision.version == article->version);
          item.set("restore_url",
                   fmt::format("/admin/articles/{}/revisions/{}/restore", *id, revision.id));
          theme::Data fields{theme::Data::type::list};
          std::string looks;
          for (const auto& look : revision.text.quick_looks) looks += look + "\n";
          const std::pair<std::string_view, std::pair<std::string, std::string>> kFields[] = {
              {"Headline", {revision.text.headline, article->headline}},
              {"Slug", {revision.text.slug, article->slug}},
              {"Standfirst", {revision.text.standfirst, article->standfirst}},
              {"Quick Looks", {looks, current_looks}},
              {"Body", {revision.text.body, article->body_markdown}},
              {"Dateline", {revision.text.dateline, article->dateline}},
              {"Edition", {revision.text.edition, article->edition}},
              {"Correction", {revision.text.correction, article->correction}},
          };
          bool changed = false;
          for (const auto& [label, texts] : kFields) {
            if (texts.first == texts.second) continue;
            changed = true;
            theme::Data field;
            field.set("label", std::string(label));
            field.set("diff", DiffHtml(DiffWords(texts.first, texts.second)));
            fields.push_back(field);
          }
          item.set("fields", fields);
          item.set("same", !changed);
          list.push_back(item);
        }
        data.set("revisions", list);
        data.set("page", std::to_string(page));
        data.set("page_count", std::to_string(page_count));
        data.set("paged", page_count > 1);
        data.set("total", pages::Count(static_cast<std::int64_t>(revisions->size()), "version", "versions"));
        if (page > 1) data.set("prev_url", fmt::format("/admin/articles/{}/revisions/?page={}", *id, page - 1));
        if (page < page_count) {
          data.set("next_url", fmt::format("/admin/articles/{}/revisions/?page={}", *id, page + 1));
        }
        return pages::Render(s, 200, "admin/revisions", data);
      });
  Add(router, http::Method::kPost, "/admin/articles/{id}/revisions/{revision}/restore",
      [&s](Visit& visit, const http::PathParams& params) {
        const auto id = PathId(params);
        const auto revision = util::ParseInt(params.Get("revision"));
        if (!id || !revision) {
          return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such revision", {}});
        }
        auto restored = s.editorial.RestoreRevision(visit.who.user, *id, *revision);
        if (!restored) return pages::Problem(s, visit, restored.error());
        return pages::SeeOther(fmt::format("/admin/articles/{}/?done=reverted", *id));
      });
}

}  // namespace lede::admin
