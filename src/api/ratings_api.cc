#include "api/ratings_api.h"

#include "publishing/cache_keys.h"
#include "util/shown_keys.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace lede::api {
namespace {

using nlohmann::json;

double Rounded(double average) { return std::round(average * 10) / 10; }

std::optional<std::int64_t> ArticleId(const http::PathParams& params) {
  auto id = util::ParseInt(params.Get("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// Feedback may hold 2,000 characters of up to 4 bytes each, plus JSON.
constexpr std::size_t kMaxFeedbackBody = 16 * 1024;

// Parses the body as a JSON object; nullopt (and a 400 or 413 in `error`)
// if it is not one.
std::optional<json> ParseObject(const http::Request& request, std::size_t limit,
                                http::Response* error) {
  if (request.body.size() > limit) {
    *error = JsonError(413, limit == kMaxRatingBody ? "the body is over 4 KiB"
                                                    : "the body is over 16 KiB");
    return std::nullopt;
  }
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    *error = JsonError(400, "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

}  // namespace

http::Response JsonError(int status, std::string_view message) {
  return http::Response::Json(status, json{{"error", message}}.dump());
}

void RatingsApi::Register(http::Router& router) const {
  router.AddAsync(http::Method::kPost, "/api/v1/articles/{id}/ratings",
                  [this](const http::Request& request, const http::PathParams& params,
                         http::Reply reply) { Rate(request, params, std::move(reply)); });
  router.Add(http::Method::kGet, "/api/v1/articles/{id}/rating",
             [this](const http::Request&, const http::PathParams& params) { return Rating(params); });
  router.Add(http::Method::kPost, "/api/v1/articles/{id}/feedback",
             [this](const http::Request& request, const http::PathParams& params) {
               return Feedback(request, params);
             });
}

void RatingsApi::Rate(const http::Request& request, const http::PathParams& params,
                      http::Reply reply) const {
  if (!request.IsSameOrigin()) return reply(JsonError(403, "cross-site votes are refused"));
  const auto id = ArticleId(params);
  if (!id) return reply(JsonError(404, "no such article"));
  http::Response error;
  const auto body = ParseObject(request, kMaxRatingBody, &error);
  if (!body) return reply(std::move(error));
  const auto stars = body->find("stars");
  if (stars == body->end()) return reply(JsonError(400, "\"stars\" is missing"));
  if (!stars->is_number_integer()) {
    return reply(JsonError(400, "\"stars\" must be a whole number from 1 to 5"));
  }
  ratings::RateRequest rate{*id, stars->get<std::int64_t>(), std::string(request.Cookie(ratings::kVoterCookie)),
                            request.remote_address};
  service_.Rate(std::move(rate), [reply = std::move(reply), secure = secure_cookies_](
                                     Result<ratings::RateResult> result) {
    if (!result) {
      return reply(JsonError(http::StatusFor(result.error().code), result.error().message));
    }
    json answer{{"average", Rounded(result->summary.Average())}, {"count", result->summary.count}};
    http::Response response;
    switch (result->status) {
      case ratings::RateStatus::kAccepted:
        answer["your_vote"] = result->your_vote;
        response = http::Response::Json(201, answer.dump());
        break;
      case ratings::RateStatus::kDuplicate:
        answer["your_vote"] = result->your_vote;
        answer["error"] = "you already rated this article; this vote was not counted";
        response = http::Response::Json(409, answer.dump());
        break;
      case ratings::RateStatus::kRateLimited:
        response = JsonError(429, "too many votes from this address; try again later");
        response.SetHeader("Retry-After", std::to_string(result->retry_after));
        break;
      case ratings::RateStatus::kNotFound:
        response = JsonError(404, "no such article");
        break;
    }
    if (!result->new_voter_cookie.empty()) {
      response.AddHeader("Set-Cookie", ratings::VoterSetCookie(result->new_voter_cookie, secure));
    }
    response.SetHeader("Cache-Control", "private, no-store");
    reply(std::move(response));
  });
}

http::Response RatingsApi::Rating(const http::PathParams& params) const {
  const auto id = ArticleId(params);
  if (!id) return JsonError(404, "no such article");
  auto summary = service_.Summary(*id);
  if (!summary) return JsonError(http::StatusFor(summary.error().code), summary.error().message);
  util::NoteShown(publishing::keys::kRating, *id);
  auto response = http::Response::Json(
      200, json{{"average", Rounded(summary->Average())}, {"count", summary->count}}.dump());
  response.SetHeader("Cache-Control", "public, max-age=60");
  return response;
}

http::Response RatingsApi::Feedback(const http::Request& request,
                                    const http::PathParams& params) const {
  if (!request.IsSameOrigin()) return JsonError(403, "cross-site feedback is refused");
  const auto id = ArticleId(params);
  if (!id) return JsonError(404, "no such article");
  http::Response error;
  const auto body = ParseObject(request, kMaxFeedbackBody, &error);
  if (!body) return error;
  const auto feedback = body->find("feedback");
  if (feedback == body->end() || !feedback->is_string()) {
    return JsonError(400, "\"feedback\" must be a string");
  }
  auto saved = service_.Feedback(*id, std::string(request.Cookie(ratings::kVoterCookie)),
                                 feedback->get<std::string>());
  if (!saved) return JsonError(http::StatusFor(saved.error().code), saved.error().message);
  return http::Response::Json(201, json{{"status", "saved"}}.dump());
}

}  // namespace lede::api
