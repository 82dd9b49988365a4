#include "api/admin_api.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "api/article_json.h"
#include "api/ratings_api.h"
#include "auth/secrets.h"
#include "http/multipart.h"
#include "http/multipart_stream.h"
#include "publishing/quick_look_suggester.h"
#include "util/strings.h"

namespace lede::api {
namespace {

using nlohmann::json;

http::Response ErrorResponse(const Error& error) {
  json body{{"error", error.message}};
  if (!error.field.empty()) body["field"] = error.field;
  auto response = http::Response::Json(http::StatusFor(error.code), body.dump());
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Ok(int status, const json& body) {
  auto response = http::Response::Json(status, body.dump());
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

Result<json> ParseBody(const http::Request& request) {
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body must be a JSON object");
  }
  return body;
}

std::optional<std::int64_t> PathId(const http::PathParams& params) {
  auto id = util::ParseInt(params.Get("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

int PageParam(const http::Request& request, std::string_view name, int fallback, int most) {
  auto value = request.QueryParam(name);
  auto number = value ? util::ParseInt(*value) : std::nullopt;
  if (!number || *number < 1) return fallback;
  return static_cast<int>(std::min<std::int64_t>(*number, most));
}

}  // namespace

Result<auth::Principal> AdminApi::Authenticate(const http::Request& request) const {
  if (const auto token = request.BearerToken(); !token.empty()) {
    auto who = accounts_.FromToken(token);
    if (!who) return MakeError(ErrorCode::kNotFound, "that token is not valid");
    return who;
  }
  auto who = accounts_.FromSession(request.Cookie(auth::kSessionCookie));
  if (!who) return MakeError(ErrorCode::kNotFound, "send Authorization: Bearer TOKEN");
  // A browser sends the cookie by itself; only our own pages know the token.
  const bool reads = request.method == http::Method::kGet || request.method == http::Method::kHead;
  if (!reads && !auth::SameSecret(request.Header("X-CSRF-Token"), who->csrf)) {
    return MakeError(ErrorCode::kPermissionDenied, "missing or wrong X-CSRF-Token");
  }
  return who;
}

namespace {

http::Response Unauthenticated(const Error& error) {
  if (error.code == ErrorCode::kPermissionDenied) return ErrorResponse(error);
  auto response = http::Response::Json(401, json{{"error", error.message}}.dump());
  response.SetHeader("WWW-Authenticate", "Bearer realm=\"lede\"");
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::optional<http::Response> AdminApi::AdmitUpload(const http::Request& header) const {
  auto who = Authenticate(header);
  if (!who) return Unauthenticated(who.error());
  if (auto may = media::Library::MayUpload(who->user); !may) return ErrorResponse(may.error());
  return std::nullopt;
}

void AdminApi::Register(http::Router& router) const {
  // Every admin route authenticates first; 401 carries the scheme.
  auto guarded = [this](auto handler) {
    return [this, handler](const http::Request& request, const http::PathParams& params) {
      auto who = Authenticate(request);
      if (!who) return Unauthenticated(who.error());
      return handler(request, params, *who);
    };
  };
  using http::Method;
  using http::PathParams;
  using http::Request;
  router.Add(Method::kGet, "/api/v1/admin/articles",
             guarded([this](const Request& r, const PathParams&, const auth::Principal& who) {
               return ListArticles(r, who);
             }));
  router.Add(Method::kPost, "/api/v1/admin/articles",
             guarded([this](const Request& r, const PathParams&, const auth::Principal& who) {
               return CreateArticle(r, who);
             }));
  router.Add(Method::kPost, "/api/v1/admin/quick-looks/suggest",
             guarded([this](const Request& r, const PathParams&, const auth::Principal& who) {
               return Suggest(r, 0, who);
             }));
  router.Add(Method::kGet, "/api/v1/admin/articles/{id}",
             guarded([this](const Request&, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               return GetArticle(*id, who);
             }));
  router.Add(Method::kPut, "/api/v1/admin/articles/{id}",
             guarded([this](const Request& r, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               return PutArticle(r, *id, who);
             }));
  router.Add(Method::kDelete, "/api/v1/admin/articles/{id}",
             guarded([this](const Request&, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               auto trashed = editorial_.Trash(who.user, *id);
               if (!trashed) return ErrorResponse(trashed.error());
               return Ok(200, ArticleJson(*trashed));
             }));
  router.Add(Method::kPost, "/api/v1/admin/articles/{id}/restore",
             guarded([this](const Request&, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               auto restored = editorial_.Restore(who.user, *id);
               if (!restored) return ErrorResponse(restored.error());
               return Ok(200, ArticleJson(*restored));
             }));
  router.Add(Method::kGet, "/api/v1/admin/articles/{id}/revisions",
             guarded([this](const Request&, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               if (auto opened = editorial_.Open(who.user, *id); !opened) {
                 return ErrorResponse(opened.error());
               }
               auto revisions = store_.ListRevisions(*id);
               if (!revisions) return ErrorResponse(revisions.error());
               json list = json::array();
               for (const auto& revision : *revisions) {
                 list.push_back({{"id", revision.id}, {"version", revision.version},
                                 {"by", revision.user_name},
                                 {"at", util::FormatIso8601(revision.created_at)},
                                 {"headline", revision.text.headline}});
               }
               return Ok(200, json{{"revisions", list}});
             }));
  router.Add(Method::kPost, "/api/v1/admin/articles/{id}/quick-looks/suggest",
             guarded([this](const Request& r, const PathParams& p, const auth::Principal& who) {
               const auto id = PathId(p);
               if (!id) return JsonError(404, "no such article");
               return Suggest(r, *id, who);
             }));
  router.Add(Method::kPost, "/api/v1/admin/media",
             guarded([this](const Request& r, const PathParams&, const auth::Principal& who) {
               return Upload(r, who);
             }));
  router.Add(Method::kGet, "/api/v1/admin/media",
             guarded([this](const Request& r, const PathParams&, const auth::Principal&) {
               return ListMedia(r);
             }));
  router.Add(Method::kGet, "/api/v1/admin/tags",
             guarded([this](const Request&, const PathParams&, const auth::Principal&) {
               auto tags = store_.ListTags();
               if (!tags) return ErrorResponse(tags.error());
               json names = json::array();
               for (const auto& tag : *tags) names.push_back(tag.name);
               return Ok(200, json{{"tags", names}});
             }));
}

http::Response AdminApi::ListArticles(const http::Request& request, const auth::Principal& who) const {
  publishing::ArticleFilter filter;
  filter.status = request.QueryParam("status").value_or("");
  filter.section = request.QueryParam("section").value_or("");
  filter.author = request.QueryParam("author").value_or("");
  filter.query = request.QueryParam("q").value_or("");
  filter.page = PageParam(request, "page", 1, 100000);
  filter.per_page = PageParam(request, "per_page", 25, 100);
  auto list = editorial_.List(who.user, filter);
  if (!list) return ErrorResponse(list.error());
  json articles = json::array();
  for (const auto& article : list->articles) articles.push_back(ArticleJson(article));
  return Ok(200, json{{"articles", articles}, {"total", list->total}, {"page", filter.page},
                      {"per_page", filter.per_page}});
}

http::Response AdminApi::CreateArticle(const http::Request& request,
                                       const auth::Principal& who) const {
  auto body = ParseBody(request);
  if (!body) return ErrorResponse(body.error());
  publishing::ArticleInput input;
  if (auto applied = ApplyArticleJson(*body, input); !applied) return ErrorResponse(applied.error());
  input.version.reset();
  auto saved = editorial_.Save(who.user, 0, input);
  if (!saved) return ErrorResponse(saved.error());
  auto response = Ok(201, ArticleJson(*saved));
  response.SetHeader("Location", fmt::format("/api/v1/admin/articles/{}", saved->id));
  return response;
}

http::Response AdminApi::GetArticle(std::int64_t id, const auth::Principal& who) const {
  auto article = editorial_.Open(who.user, id);
  if (!article) return ErrorResponse(article.error());
  return Ok(200, ArticleJson(*article));
}

http::Response AdminApi::PutArticle(const http::Request& request, std::int64_t id,
                                    const auth::Principal& who) const {
  auto body = ParseBody(request);
  if (!body) return ErrorResponse(body.error());
  auto current = editorial_.Open(who.user, id);
  if (!current) return ErrorResponse(current.error());
  publishing::ArticleInput input = publishing::Editorial::ToInput(*current);
  input.version.reset();  // checked only when the caller names one
  if (auto applied = ApplyArticleJson(*body, input); !applied) return ErrorResponse(applied.error());
  auto saved = editorial_.Save(who.user, id, input);
  if (!saved) {
    if (saved.error().code == ErrorCode::kConflict && saved.error().field == "version") {
      json answer{{"error", saved.error().message}, {"field", "version"}};
      // Which fields the colleague changed that this request changed too,
      // and which only they changed (the newsroom merges those by itself).
      if (auto reconciled = editorial_.Reconcile(who.user, id, input)) {
        json both = json::array(), theirs = json::array();
        for (const auto& field : reconciled->fields) {
          (field.outcome == publishing::FieldMerge::Outcome::kConflict ? both : theirs)
              .push_back(std::string(field.field));
        }
        answer["conflicting_fields"] = both;
        answer["changed_only_by_them"] = theirs;
        answer["current"] = ArticleJson(reconciled->stored);
      }
      return Ok(409, answer);
    }
    return ErrorResponse(saved.error());
  }
  return Ok(200, ArticleJson(*saved));
}

http::Response AdminApi::Suggest(const http::Request& request, std::int64_t id,
                                 const auth::Principal& who) const {
  json body = json::object();
  if (!util::Trim(request.body).empty()) {
    auto parsed = ParseBody(request);
    if (!parsed) return ErrorResponse(parsed.error());
    body = std::move(*parsed);
  }
  std::string markdown, headline;
  if (id != 0) {
    auto article = editorial_.Open(who.user, id);
    if (!article) return ErrorResponse(article.error());
    markdown = article->body_markdown;
    headline = article->headline;
  }
  if (body.contains("body")) {
    if (!body["body"].is_string()) return ErrorResponse({ErrorCode::kInvalidArgument, "\"body\" must be a string", "body"});
    markdown = body["body"].get<std::string>();
  }
  if (body.contains("headline") && body["headline"].is_string()) {
    headline = body["headline"].get<std::string>();
  }
  json bullets = json::array();
  for (const auto& suggestion :
       publishing::SuggestQuickLooks(publishing::PlainTextOfMarkdown(markdown), headline)) {
    bullets.push_back(suggestion.text);
  }
  return Ok(200, json{{"quick_looks", bullets}});
}

http::Response AdminApi::Upload(const http::Request& request, const auth::Principal& who) const {
  // Who may not upload is refused before the form is read.
  if (auto may = media::Library::MayUpload(who.user); !may) return ErrorResponse(may.error());
  auto parts = http::ReadMultipart(request);
  if (!parts) return ErrorResponse(parts.error());
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (!file) return ErrorResponse({ErrorCode::kInvalidArgument, "send the image as \"file\"", "file"});
  auto text = [&](std::string_view name) {
    const http::FormPart* part = http::FindPart(*parts, name);
    return part ? std::string(util::Trim(part->body)) : std::string();
  };
  media::UploadedImage upload;
  if (file->file) upload.file = file->file->path();
  upload.bytes = file->body;
  upload.file_name = std::string(file->filename);
  upload.info = {text("alt"), text("caption"), text("credit")};
  auto item = media_.Upload(who.user, std::move(upload));
  if (!item) return ErrorResponse(item.error());
  return Ok(201, MediaJson(*item));
}

http::Response AdminApi::ListMedia(const http::Request& request) const {
  const int page = PageParam(request, "page", 1, 100000);
  auto list = store_.ListMedia({.search = request.QueryParam("q").value_or(""), .limit = 24,
                                .offset = (page - 1) * 24});
  if (!list) return ErrorResponse(list.error());
  json items = json::array();
  for (const auto& item : list->items) items.push_back(MediaJson(item));
  return Ok(200, json{{"media", items}, {"total", list->total}, {"page", page}});
}

}  // namespace lede::api
