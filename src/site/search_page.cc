#include "site/search_page.h"

#include <fmt/format.h>

#include "site/view_model.h"
#include "util/strings.h"

namespace lede::site {
namespace {

using theme::Data;

std::string Param(const http::Request& request, std::string_view name) {
  return request.QueryParam(name).value_or("");
}

// `text` when it is UTF-8, else "": what a page may echo of a request.
std::string Echoable(std::string text) { return util::IsUtf8(text) ? std::move(text) : std::string(); }

// The search's own address with its filters, for pagination and the
// suggestion; empty values are left out.
std::string SearchUrl(const publishing::SearchRequest& request, int page) {
  std::string url = "/search?q=" + util::EncodeQueryValue(request.text);
  const std::pair<const char*, const std::string*> filters[] = {
      {"section", &request.section}, {"from", &request.from}, {"to", &request.to}};
  for (const auto& [name, value] : filters) {
    if (!value->empty()) url += fmt::format("&{}={}", name, util::EncodeQueryValue(*value));
  }
  if (page > 1) url += fmt::format("&page={}", page);
  return url;
}

std::string FormatCount(std::int64_t count) {
  std::string digits = std::to_string(count), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// `bad_field`: a date at fault is not echoed (a date input may only hold
// a real date); the error beside the form names it.
Data SearchForm(const publishing::Masthead& masthead, const publishing::SearchRequest& request,
                std::string_view bad_field = "") {
  Data form;
  form.set("search_query", request.text);
  form.set("from", bad_field == "from" ? std::string() : request.from);
  form.set("to", bad_field == "to" ? std::string() : request.to);
  Data sections{Data::type::list};
  for (const auto& section : masthead.sections) {
    Data option;
    option.set("slug", section.slug);
    option.set("name", section.name);
    option.set("selected", section.slug == request.section);
    sections.push_back(option);
  }
  form.set("sections", sections);
  return form;
}

}  // namespace

http::Response SearchPage::Handle(const http::Request& request, const http::PathParams&) const {
  publishing::SearchRequest search{Param(request, "q"), Param(request, "section"),
                                   Param(request, "from"), Param(request, "to")};
  auto page = PageNumber(request);
  search.page = page.value_or(0);
  auto found = catalog_.Search(search);

  PageMeta meta;
  meta.path = "/search";
  meta.description = "Search every article";
  if (!found && found.error().code != ErrorCode::kInvalidArgument) {
    return not_found_.ForError(found.error(), request);
  }
  if (!found) {
    // The form again, with the reason beside the field at fault.
    auto masthead = catalog_.LoadMasthead();
    if (!masthead) return not_found_.ForError(masthead.error(), request);
    meta.title = "Search";
    Data data = PageData(*masthead, meta, renderer_.theme());
    search.text = Echoable(std::move(search.text));
    search.section = Echoable(std::move(search.section));
    data.set("search_form", SearchForm(*masthead, search, found.error().field));
    data.set("search_query", search.text);
    Data error;
    error.set("field", found.error().field);
    const std::string message = Echoable(found.error().message);
    error.set("message", message.empty() ? std::string("that search cannot be made") : message);
    data.set("error", error);
    data.set("heading", "Search");
    return renderer_.Render(400, "search", data);
  }

  const auto& bundle = *found;
  const auto& result = bundle.result;
  search.text = bundle.text;
  if (result.empty) {
    meta.title = "Search";
  } else {
    meta.title = bundle.page == 1 ? fmt::format("Search: {}", bundle.text)
                                  : fmt::format("Search: {} (page {})", bundle.text, bundle.page);
    meta.path = SearchUrl(search, bundle.page);
    meta.description = fmt::format("Articles matching \u201c{}\u201d", bundle.text);
    if (bundle.page > 1) meta.prev_url = SearchUrl(search, bundle.page - 1);
    if (bundle.page < bundle.page_count) meta.next_url = SearchUrl(search, bundle.page + 1);
  }
  const auto& zone = bundle.masthead.zone;
  Data data = PageData(bundle.masthead, meta, renderer_.theme());
  data.set("search_form", SearchForm(bundle.masthead, search));
  data.set("search_query", bundle.text);
  data.set("heading", result.empty ? std::string("Search")
                                   : fmt::format("Results for \u201c{}\u201d", bundle.text));
  data.set("searched", !result.empty);
  Data hits{Data::type::list};
  for (const auto& hit : result.hits) {
    Data item = ArticleCard(hit.article, zone);
    item.set("headline_html", publishing::MarkedHtml(hit.headline));
    item.set("snippet_html", publishing::MarkedHtml(hit.snippet));
    hits.push_back(item);
  }
  data.set("results", hits);
  data.set("has_results", !result.hits.empty());
  if (!result.empty) {
    std::string summary;
    if (result.total == 0) {
      summary = "No articles match your search.";
    } else if (result.capped) {
      summary = fmt::format("More than {} articles match: the newest {} are ranked here.",
                            FormatCount(store::kSearchCandidates),
                            FormatCount(store::kSearchCandidates));
    } else {
      summary = result.total == 1 ? std::string("1 article matches.")
                                  : fmt::format("{} articles match.", FormatCount(result.total));
    }
    data.set("summary", summary);
  }
  if (result.suggestion) {
    Data suggestion;
    suggestion.set("text", *result.suggestion);
    publishing::SearchRequest corrected = search;
    corrected.text = *result.suggestion;
    suggestion.set("url", SearchUrl(corrected, 1));
    data.set("suggestion", suggestion);
  }
  if (!bundle.latest.empty()) data.set("latest", CardList(bundle.latest, zone));
  if (bundle.page_count > 1) {
    Data pagination;
    pagination.set("page", std::to_string(bundle.page));
    pagination.set("page_count", std::to_string(bundle.page_count));
    if (!meta.prev_url.empty()) pagination.set("prev_url", meta.prev_url);
    if (!meta.next_url.empty()) pagination.set("next_url", meta.next_url);
    data.set("pagination", pagination);
  }
  return renderer_.Render(200, "search", data);
}

}  // namespace lede::site
