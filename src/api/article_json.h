#pragma once
// Articles and media items as JSON, named as the Admin API (and later the
// Content API) names them, and editors' JSON back into an ArticleInput.

#include <nlohmann/json.hpp>

#include "content/article.h"
#include "content/media_item.h"
#include "publishing/editorial.h"
#include "util/result.h"

namespace lede::api {

// {"average" (to one decimal), "count"}: readers' votes, in every API.
nlohmann::json RatingJson(const content::RatingSummary& rating);
// Every field an editor can send, plus id, url, version, status times,
// "trashed" and the rating.
nlohmann::json ArticleJson(const content::Article& article);
// id, url (the largest JPEG), width, height, variants, webp, crops,
// caption, credit, alt, focal point.
nlohmann::json MediaJson(const content::MediaItem& item);

// Applies the fields present in `body` onto `input` (so a PUT may send only
// what changes; a POST starts from an empty input). Read-only fields (id,
// url, created_at, ...) are accepted and ignored, so what GET returns can
// be sent back. kInvalidArgument naming the field for a wrong type, an
// unknown field or a bad time.
Status ApplyArticleJson(const nlohmann::json& body, publishing::ArticleInput& input);

}  // namespace lede::api
