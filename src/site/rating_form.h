#pragma once
// The rating block without JavaScript: the stars are submit buttons of a
// plain form. POST /{section}/{slug}/rating and .../feedback answer 303 back
// to the article (Post/Redirect/Get) with the outcome in ?rating=..., so a
// reload never votes twice.

#include "http/router.h"
#include "publishing/catalog.h"
#include "ratings/rating_service.h"
#include "site/not_found_page.h"

namespace lede::site {

class RatingForm {
 public:
  RatingForm(publishing::Catalog& catalog, ratings::RatingService& service,
             const NotFoundPage& not_found, bool secure_cookies)
      : catalog_(catalog), service_(service), not_found_(not_found), secure_cookies_(secure_cookies) {}

  void Rate(const http::Request& request, const http::PathParams& params, http::Reply reply) const;
  http::Response Feedback(const http::Request& request, const http::PathParams& params) const;

 private:
  publishing::Catalog& catalog_;
  ratings::RatingService& service_;
  const NotFoundPage& not_found_;
  bool secure_cookies_;
};

}  // namespace lede::site
