// Catalog::Search: a reader's search request checked field by field, then
// one call to the store. Dates are calendar days in the site's time zone,
// as the site prints them; "to" includes its day.
#include <fmt/format.h>

#include <chrono>

#include "publishing/catalog.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

// "YYYY-MM-DD" for a real calendar day, else nullopt.
std::optional<std::chrono::year_month_day> ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = util::ParseInt(text.substr(0, 4));
  const auto month = util::ParseInt(text.substr(5, 2));
  const auto day = util::ParseInt(text.substr(8, 2));
  if (!year || !month || !day || *year < 1) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(*year)),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

Result<util::UnixSeconds> LocalMidnight(const util::TimeZone& zone,
                                        std::chrono::year_month_day date, std::string_view field) {
  const auto midnight = zone.ParseLocal(fmt::format("{:04}-{:02}-{:02}T00:00",
                                                    static_cast<int>(date.year()),
                                                    static_cast<unsigned>(date.month()),
                                                    static_cast<unsigned>(date.day())));
  if (!midnight) return InvalidArgument("that day is out of range", std::string(field));
  return *midnight;
}

// Valid UTF-8 with control characters made spaces; nullopt when not UTF-8.
std::optional<std::string> CleanText(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = util::DecodeUtf8(text, i);
    if (!sequence) return std::nullopt;
    const char32_t code = sequence->code;
    if (code < 0x20 || (code >= 0x7F && code < 0xA0)) {
      clean += ' ';
    } else {
      clean.append(text.substr(i, sequence->length));
    }
    i += sequence->length;
  }
  return clean;
}

}  // namespace

std::string MarkedHtml(const store::MarkedText& text) {
  std::string html;
  if (text.elided_before) html += "\u2026";
  for (const auto& part : text.parts) {
    if (part.match) html += "<mark>";
    util::AppendHtmlEscaped(html, part.text);
    if (part.match) html += "</mark>";
  }
  if (text.elided_after) html += "\u2026";
  return html;
}

Result<SearchBundle> Catalog::Search(SearchRequest request) {
  SearchBundle bundle;
  if (request.text.size() > store::kMaxSearchQueryLength) {
    return InvalidArgument(fmt::format("a search may be at most {} characters long",
                                       store::kMaxSearchQueryLength),
                           "q");
  }
  auto text = CleanText(request.text);
  if (!text) return InvalidArgument("the search is not UTF-8 text", "q");
  bundle.text = std::move(*text);
  if (request.per_page < 1 || request.per_page > 50) {
    return InvalidArgument("per_page must be from 1 to 50", "per_page");
  }
  const int last_page = (store::kSearchCandidates + request.per_page - 1) / request.per_page;
  if (request.page < 1 || request.page > last_page) {
    return InvalidArgument(fmt::format("page must be from 1 to {}", last_page), "page");
  }
  LEDE_TRY(bundle.masthead, LoadMasthead());
  store::SearchQuery query;
  query.text = bundle.text;
  if (!request.section.empty()) {
    auto section = store_.FindSection(request.section);
    if (!section && section.error().code == ErrorCode::kNotFound) {
      return InvalidArgument(fmt::format("there is no section \"{}\"", request.section), "section");
    }
    if (!section) return tl::unexpected(section.error());
    query.section_id = section->id;
    bundle.section = std::move(*section);
  }
  const util::TimeZone& zone = bundle.masthead.zone;
  if (!request.from.empty()) {
    const auto day = ParseDay(request.from);
    if (!day) return InvalidArgument("from must be a date, YYYY-MM-DD", "from");
    LEDE_TRY(query.from, LocalMidnight(zone, *day, "from"));
  }
  if (!request.to.empty()) {
    const auto day = ParseDay(request.to);
    if (!day) return InvalidArgument("to must be a date, YYYY-MM-DD", "to");
    const std::chrono::year_month_day next{std::chrono::sys_days(*day) + std::chrono::days(1)};
    LEDE_TRY(query.to, LocalMidnight(zone, next, "to"));
  }
  if (query.from && query.to && *query.to <= *query.from) {
    return InvalidArgument("to must not be before from", "to");
  }
  query.limit = request.per_page;
  query.offset = (request.page - 1) * request.per_page;
  LEDE_TRY(bundle.result, store_.Search(query, clock_.Now()));
  util::NoteShown(keys::kSearch);
  for (const auto& hit : bundle.result.hits) keys::NoteArticle(hit.article);
  bundle.page = request.page;
  bundle.page_count = std::max(
      1, static_cast<int>((bundle.result.total + request.per_page - 1) / request.per_page));
  if (bundle.result.total > 0 && bundle.page > bundle.page_count) {
    return InvalidArgument(bundle.page_count == 1
                               ? std::string("there is only one page of results")
                               : fmt::format("there are only {} pages of results", bundle.page_count),
                           "page");
  }
  if (bundle.result.total == 0) {
    store::ArticleQuery latest;
    latest.limit = kRelatedCount;
    latest.count_total = false;
    LEDE_TRY(auto list, store_.ListVisible(latest, clock_.Now()));
    bundle.latest = std::move(list.articles);
    keys::NoteList(keys::kLatest, bundle.latest);
  }
  return bundle;
}

}  // namespace lede::publishing
