#pragma once
// The Desk is where articles are written: it turns an editor's input into
// a stored article, choosing a unique slug from the headline, rendering the
// Markdown body and keeping the published/updated times honest.

#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "util/time.h"

namespace lede::publishing {

// Whether Save makes body_html from the source or the caller already did.
enum class BodyRendering {
  kRender,
  // body_html was made from body_markdown by RenderMarkdown or SanitizeHtml
  // (imports do that on worker threads); Save trusts it.
  kAlreadyRendered,
};

// Told of every article save once it is stored: `before` is the article
// as it was (nullptr for a new one). Called on the saving thread, so it
// must only note the change (push notifications queue it) and never fail
// or slow the save.
class SaveObserver {
 public:
  virtual ~SaveObserver() = default;
  virtual void ArticleSaved(const content::Article* before, const content::Article& after) = 0;
};

class Desk {
 public:
  // Both must outlive the Desk.
  Desk(store::Store& store, const util::Clock& clock) : store_(store), clock_(clock) {}

  // kInvalidArgument (field "slug") for a reserved or malformed slug; an
  // empty slug is made from the name.
  Result<content::Section> AddSection(std::string name, std::string slug,
                                      int menu_order, std::string description = {});
  // Renames, reorders, shows or hides a section with the slug rules of
  // AddSection; its old URLs answer 301 (Store::UpdateSection).
  Result<content::Section> UpdateSection(content::Section section);
  // Moves a section's articles into another and deletes it; its old URLs
  // answer 301 (Store::DeleteSection). Returns how many articles moved.
  Result<std::int64_t> DeleteSection(std::int64_t id, std::int64_t into);
  Result<content::Author> AddAuthor(std::string name, std::string bio);
  // The tag with this name's slug, created when new.
  Result<content::Tag> TagNamed(std::string_view name);

  // Creates (id 0) or updates the article. An empty slug is made from the
  // headline and made unique ("-2", "-3"...). Publishing without a time
  // publishes now. Editing an article readers can already see sets
  // updated_at to now, unless the caller changed updated_at itself.
  // The save is one store transaction with what `edit` asks for (a
  // version check, a revision) and the redirect from the old path.
  Result<content::Article> Save(content::Article article,
                                BodyRendering rendering = BodyRendering::kRender,
                                store::ArticleEdit edit = {});
  // Creates or replaces a static page with `html` as its body, sanitised.
  // The path must start and end with '/', and not be one of lede's own.
  Result<content::Page> SavePage(content::Page page, std::string_view html);
  // The same with the page's own body (already SafeHtml).
  Result<content::Page> SavePage(content::Page page);

  // Tells `observer` of every save from now on, after those added before.
  // Add observers before saves run on other threads.
  void Observe(SaveObserver* observer) { observers_.push_back(observer); }

  // The body as readers see it: rendered Markdown, or sanitised HTML.
  static content::SafeHtml RenderBody(const content::Article& article);

  // A waiting section joins the menu when an article in it is first
  // visible (content::MenuPlace): on a save (Save) and when a scheduled
  // one goes live (ChangeTracker). Does nothing otherwise.
  static Status ShowSectionOnceLive(store::Store& store, const content::Article& article,
                                    util::UnixSeconds now);

 private:
  Result<std::string> UniqueArticleSlug(std::string_view wanted, std::int64_t id);

  store::Store& store_;
  const util::Clock& clock_;
  std::vector<SaveObserver*> observers_;
};

}  // namespace lede::publishing
