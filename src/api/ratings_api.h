#pragma once
// POST /api/v1/articles/{id}/ratings   {"stars": 1..5}  -> 201 {"average", "count", "your_vote"}
// GET  /api/v1/articles/{id}/rating                     -> 200 {"average", "count"}
// POST /api/v1/articles/{id}/feedback  {"feedback": ""} -> 201 {"status": "saved"}
// Errors: 400 bad JSON or values, 403 cross-site, 404 unknown/draft/
// scheduled article, 409 already voted, 413 body over 4 KiB, 429 limit
// (with Retry-After); each with {"error": "..."}.

#include "http/router.h"
#include "ratings/rating_service.h"

namespace lede::api {

inline constexpr std::size_t kMaxRatingBody = 4096;

class RatingsApi {
 public:
  // `secure_cookies`: mark the voter cookie Secure (site served over HTTPS).
  RatingsApi(ratings::RatingService& service, bool secure_cookies)
      : service_(service), secure_cookies_(secure_cookies) {}

  void Register(http::Router& router) const;

 private:
  void Rate(const http::Request& request, const http::PathParams& params, http::Reply reply) const;
  http::Response Rating(const http::PathParams& params) const;
  http::Response Feedback(const http::Request& request, const http::PathParams& params) const;

  ratings::RatingService& service_;
  bool secure_cookies_;
};

// {"error": message} with the status.
http::Response JsonError(int status, std::string_view message);

}  // namespace lede::api
