#include "site/listing_pages.h"

#include <fmt/format.h>

#include "site/structured_data.h"
#include "site/view_model.h"

namespace lede::site {
namespace {

// What differs between the three listings: their subject's words and URL.
struct Subject {
  std::string template_name;
  std::string title;
  std::string heading;
  std::string description;
  std::string path;
  std::string section_slug;
};

std::string PageUrl(const std::string& path, int page) {
  return page == 1 ? path : fmt::format("{}?page={}", path, page);
}

}  // namespace

http::Response ListingPage::Handle(const http::Request& request,
                                   const http::PathParams& params) const {
  const auto page = PageNumber(request);
  if (!page) return not_found_.ForError({ErrorCode::kNotFound, "bad page number", {}}, request);
  const std::string_view slug = kind_ == ListingKind::kSection ? params.Get("section")
                                                               : params.Get("slug");
  Subject subject;
  Result<publishing::ListBundle> list = tl::unexpected(Error{});
  switch (kind_) {
    case ListingKind::kSection: {
      auto listing = catalog_.SectionPage(slug, *page);
      if (!listing) return not_found_.ForError(listing.error(), request);
      const auto& section = listing->subject;
      subject = {"section", section.name, section.name,
                 section.description.empty() ? fmt::format("The latest {} news", section.name)
                                             : section.description,
                 SectionUrl(section), section.slug};
      list = std::move(listing->list);
      break;
    }
    case ListingKind::kTag: {
      auto listing = catalog_.TagPage(slug, *page);
      if (!listing) return not_found_.ForError(listing.error(), request);
      const auto& tag = listing->subject;
      subject = {"tag", fmt::format("Articles tagged {}", tag.name), tag.name,
                 fmt::format("Every article tagged {}", tag.name), TagUrl(tag), ""};
      list = std::move(listing->list);
      break;
    }
    case ListingKind::kCorrections: {
      subject = {"corrections", "Corrections", "Corrections",
                 "Every correction we have made to a published article, the latest first",
                 "/corrections/", ""};
      auto listing = catalog_.CorrectionsPage(*page);
      if (!listing) return not_found_.ForError(listing.error(), request);
      list = std::move(*listing);
      break;
    }
    case ListingKind::kAuthor: {
      auto listing = catalog_.AuthorPage(slug, *page);
      if (!listing) return not_found_.ForError(listing.error(), request);
      const auto& author = listing->subject;
      subject = {"author", fmt::format("Articles by {}", author.name), author.name,
                 author.bio.empty() ? fmt::format("Articles by {}", author.name) : author.bio,
                 AuthorUrl(author), ""};
      list = std::move(listing->list);
      break;
    }
  }

  PageMeta meta;
  meta.title = *page == 1 ? subject.title : fmt::format("{} (page {})", subject.title, *page);
  meta.description = subject.description;
  meta.path = PageUrl(subject.path, *page);
  meta.current_section_slug = subject.section_slug;
  meta.feed_path = subject.path + "feed/";
  meta.feed_title = subject.heading;
  if (list->page > 1) meta.prev_url = PageUrl(subject.path, list->page - 1);
  if (list->page < list->page_count) meta.next_url = PageUrl(subject.path, list->page + 1);
  theme::Data data = PageData(list->masthead, meta, renderer_.theme());
  data.set("heading", subject.heading);
  data.set("description", subject.description);
  data.set("articles", CardList(list->articles, list->masthead.zone));
  if (kind_ == ListingKind::kCorrections) {
    theme::Data corrections{theme::Data::type::list};
    for (const auto& article : list->articles) {
      theme::Data item;
      item.set("headline", article.headline);
      item.set("url", ArticleUrl(article));
      item.set("note", article.correction);
      const auto changed = article.updated_at.value_or(article.published_at.value_or(article.created_at));
      item.set("iso", list->masthead.zone.FormatIso8601(changed));
      item.set("short", list->masthead.zone.FormatShortDate(changed));
      corrections.push_back(item);
    }
    data.set("corrections", corrections);
    data.set("has_corrections", !list->articles.empty());
    if (!list->masthead.settings.corrections_policy.empty()) {
      data.set("policy_url", CorrectionsPolicyUrl(list->masthead.settings));
    }
  }
  theme::Data pagination;
  pagination.set("page", std::to_string(list->page));
  pagination.set("page_count", std::to_string(list->page_count));
  if (!meta.prev_url.empty()) pagination.set("prev_url", meta.prev_url);
  if (!meta.next_url.empty()) pagination.set("next_url", meta.next_url);
  data.set("pagination", pagination);
  data.set("paginated", list->page_count > 1);
  data.set("json_ld", ListingJsonLd({subject.heading, subject.description, meta.path,
                                     kind_ == ListingKind::kAuthor},
                                    list->masthead.settings));
  return renderer_.Render(200, subject.template_name, data);
}

}  // namespace lede::site
