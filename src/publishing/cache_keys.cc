#include "publishing/cache_keys.h"

#include <algorithm>

#include "util/shown_keys.h"

namespace lede::publishing::keys {

std::string Key(std::string_view kind, long long id) {
  std::string key(kind);
  key.push_back('-');
  key += std::to_string(id);
  return key;
}

void NoteArticle(const content::Article& article) { util::NoteShown(kArticle, article.id); }

void NoteArticles(const std::vector<content::Article>& articles) {
  for (const auto& article : articles) NoteArticle(article);
}

void NoteRatings(const std::vector<content::Article>& articles) {
  for (const auto& article : articles) util::NoteShown(kRating, article.id);
}

// Notes a list's own key (what decides its members) and each member.
void NoteList(std::string_view key, const std::vector<content::Article>& articles) {
  util::NoteShown(key);
  NoteArticles(articles);
}

void NoteList(std::string_view kind, std::int64_t id,
              const std::vector<content::Article>& articles) {
  util::NoteShown(kind, id);
  NoteArticles(articles);
}

// The key deciding which articles a query lists.
void NoteQuery(const store::ArticleQuery& query, const std::vector<content::Article>& articles) {
  if (query.section_id) util::NoteShown(kSection, *query.section_id);
  if (query.tag_id) util::NoteShown(kTag, *query.tag_id);
  if (query.author_id) util::NoteShown(kAuthor, *query.author_id);
  if (query.corrected_only) util::NoteShown(kCorrections);
  if (query.top_stories_only) util::NoteShown(kTopStories);
  if (!query.section_id && !query.tag_id && !query.author_id && !query.corrected_only &&
      !query.top_stories_only) {
    util::NoteShown(kLatest);
  }
  if (query.changed_since) util::NoteShown(kIndex);
  NoteArticles(articles);
}

std::vector<std::string> ChangesFor(const content::Article* before, const content::Article& after,
                                    util::UnixSeconds now,
                                    const std::vector<std::int64_t>& neighbours_after) {
  const bool seen_before = before && content::IsVisible(*before, now);
  const bool seen_after = content::IsVisible(after, now);
  if (!seen_before && !seen_after) return {};
  std::vector<std::string> changed;
  auto add = [&changed](std::string key) {
    if (std::find(changed.begin(), changed.end(), key) == changed.end()) {
      changed.push_back(std::move(key));
    }
  };
  add(Key(kArticle, after.id));
  // What the article says changes which searches find it, which articles
  // it is related to, and when it was last updated.
  for (std::string_view key : {kSearch, kRelated, kIndex}) add(std::string(key));
  auto lists_of = [&](const content::Article& article) {
    add(Key(kSection, article.section_id));
    for (auto id : article.tag_ids) add(Key(kTag, id));
    for (auto id : article.author_ids) add(Key(kAuthor, id));
    if (article.top_story) add(std::string(kTopStories));
    if (!article.correction.empty()) add(std::string(kCorrections));
  };
  // The lists it leaves and the lists it joins: a list keeps showing an
  // article's old teaser until dropped, and gains or loses it by section,
  // tag, author, top-story flag or time.
  if (seen_before) lists_of(*before);
  if (seen_after) lists_of(after);
  const bool moved = seen_before != seen_after || !before ||
                     before->published_at != after.published_at || before->slug != after.slug ||
                     before->section_id != after.section_id;
  if (moved) {
    add(std::string(kLatest));
    // Its old path now redirects, its new one exists.
    add(std::string(kMissing));
    for (auto id : neighbours_after) add(Key(kNeighbours, id));
  }
  if (before && before->correction != after.correction) add(std::string(kCorrections));
  return changed;
}

}  // namespace lede::publishing::keys
