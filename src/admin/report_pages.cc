// What readers said (ratings and feedback) and what the newsroom did (the
// audit log).
#include <fmt/format.h>

#include "admin/admin.h"
#include "util/strings.h"

namespace lede::admin {

void Admin::RegisterReports(http::Router& router) const {
  const AdminServices& s = services_;

  Add(router, http::Method::kGet, "/admin/ratings/", [&s](Visit& visit, const http::PathParams&) {
    if (!content::Can(visit.who.user.role, content::Action::kViewRatings)) {
      return pages::Problem(s, visit, {ErrorCode::kPermissionDenied,
                                       "Only editors and administrators see readers' ratings.", {}});
    }
    constexpr int kPerPage = 50;
    const int page = pages::PageNumber(visit.request);
    auto rated = s.store.ListRated(kPerPage, (page - 1) * kPerPage);
    if (!rated) return pages::Problem(s, visit, rated.error());
    const auto article_id = util::ParseInt(visit.request.QueryParam("article").value_or(""));
    auto feedback = s.store.ListFeedback(article_id, 100, 0);
    if (!feedback) return pages::Problem(s, visit, feedback.error());
    theme::Data data = pages::Base(s, visit, "Ratings", "ratings");
    theme::Data rows{theme::Data::type::list};
    for (const auto& item : *rated) {
      theme::Data row;
      row.set("headline", item.headline);
      row.set("edit_url", fmt::format("/admin/articles/{}/", item.article_id));
      row.set("feedback_url", fmt::format("/admin/ratings/?article={}", item.article_id));
      row.set("average", fmt::format("{:.1f}", item.rating.Average()));
      row.set("count", std::to_string(item.rating.count));
      row.set("feedback_count", std::to_string(item.feedback_count));
      rows.push_back(row);
    }
    data.set("rated", rows);
    data.set("has_rated", !rated->empty());
    if (page > 1) data.set("prev_url", fmt::format("/admin/ratings/?page={}", page - 1));
    if (static_cast<int>(rated->size()) == kPerPage) {
      data.set("next_url", fmt::format("/admin/ratings/?page={}", page + 1));
    }
    theme::Data entries{theme::Data::type::list};
    const util::TimeZone zone = pages::Zone(s);  // once, not per row
    for (const auto& entry : *feedback) {
      theme::Data row;
      row.set("headline", entry.headline);
      row.set("edit_url", fmt::format("/admin/articles/{}/", entry.article_id));
      row.set("stars", std::to_string(entry.stars));
      // Reader text: the template escapes it ({{feedback}}), never {{{ }}}.
      row.set("feedback", entry.feedback);
      row.set("when", pages::When(zone, entry.created_at));
      entries.push_back(row);
    }
    data.set("feedback", entries);
    data.set("has_feedback", !feedback->empty());
    data.set("filtered", article_id.has_value());
    return pages::Render(s, 200, "admin/ratings", data);
  });

  Add(router, http::Method::kGet, "/admin/audit/", [&s](Visit& visit, const http::PathParams&) {
    if (!content::Can(visit.who.user.role, content::Action::kReadAudit)) {
      return pages::Problem(s, visit, {ErrorCode::kPermissionDenied,
                                       "Only administrators read the audit log.", {}});
    }
    const auto& request = visit.request;
    store::AuditQuery query;
    query.action_prefix = request.QueryParam("action").value_or("");
    if (auto user = util::ParseInt(request.QueryParam("user").value_or(""))) query.user_id = *user;
    if (auto before = util::ParseInt(request.QueryParam("before").value_or(""))) {
      query.before_id = *before;
    }
    query.limit = 50;
    auto entries = s.audit.ListAudit(query);
    if (!entries) return pages::Problem(s, visit, entries.error());
    theme::Data data = pages::Base(s, visit, "Audit log", "audit");
    data.set("action", query.action_prefix);
    theme::Data users{theme::Data::type::list};
    for (const auto& user : s.people.ListUsers().value_or(std::vector<content::User>{})) {
      theme::Data option;
      option.set("value", std::to_string(user.id));
      option.set("label", user.name);
      option.set("selected", query.user_id == user.id);
      users.push_back(option);
    }
    data.set("users", users);
    theme::Data rows{theme::Data::type::list};
    const util::TimeZone zone = pages::Zone(s);  // once, not per row
    for (const auto& entry : *entries) {
      theme::Data row;
      row.set("when", pages::When(zone, entry.at));
      row.set("who", entry.user_name.empty() ? std::string("command line") : entry.user_name);
      row.set("action", entry.action);
      row.set("object", entry.object_id ? fmt::format("{} {}", entry.object_kind, entry.object_id)
                                        : entry.object_kind);
      if (entry.object_kind == "article" && entry.object_id) {
        row.set("object_url", fmt::format("/admin/articles/{}/", entry.object_id));
      }
      row.set("detail", entry.detail);
      rows.push_back(row);
    }
    data.set("entries", rows);
    data.set("has_entries", !entries->empty());
    if (static_cast<int>(entries->size()) == query.limit) {
      data.set("older_url",
               fmt::format("/admin/audit/?action={}&user={}&before={}",
                           util::EncodePathSegment(query.action_prefix),
                           query.user_id ? std::to_string(*query.user_id) : std::string(),
                           entries->back().id));
    }
    return pages::Render(s, 200, "admin/audit", data);
  });
}

}  // namespace lede::admin
