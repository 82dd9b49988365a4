#include "api/article_json.h"

#include <fmt/format.h>

#include <cmath>

#include "media/library.h"
#include "util/time.h"

namespace lede::api {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<util::UnixSeconds>& time) {
  return time ? json(util::FormatIso8601(*time)) : json(nullptr);
}

Status WrongType(std::string_view field, std::string_view wanted) {
  return InvalidArgument(fmt::format("\"{}\" must be {}", field, wanted), std::string(field));
}

Status ReadString(const json& value, std::string_view field, std::string& out) {
  if (!value.is_string()) return WrongType(field, "a string");
  out = value.get<std::string>();
  return {};
}

Status ReadStrings(const json& value, std::string_view field, std::vector<std::string>& out) {
  if (!value.is_array()) return WrongType(field, "an array of strings");
  out.clear();
  for (const auto& item : value) {
    if (!item.is_string()) return WrongType(field, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return {};
}

}  // namespace

json MediaJson(const content::MediaItem& item) {
  json variants = json::array();
  for (int width : item.widths) {
    json variant{{"width", width}, {"jpeg", "/media/" + media::VariantPath(item, width)}};
    if (item.webp) variant["webp"] = "/media/" + media::WebpVariantPath(item, width);
    variants.push_back(std::move(variant));
  }
  json crops = json::object();
  if (item.crops) {
    for (const auto& shape : media::kCropShapes) {
      crops[std::string(shape.name)] = "/media/" + media::CropPath(item, shape.name);
    }
  }
  json focal = nullptr;
  if (item.focal_x && item.focal_y) focal = json{{"x", *item.focal_x}, {"y", *item.focal_y}};
  const std::string url = item.widths.empty() ? item.source_url
                                              : "/media/" + media::VariantPath(item, item.widths.back());
  return json{{"id", item.id},           {"url", url},
              {"width", item.width},     {"height", item.height},
              {"original_width", item.original_width > 0 ? item.original_width : item.width},
              {"original_height", item.original_width > 0 ? item.original_height : item.height},
              {"variants", variants},    {"crops", crops},
              {"caption", item.caption}, {"credit", item.credit},
              {"alt", item.alt},         {"focal_point", focal},
              {"created_at", util::FormatIso8601(item.created_at)}};
}

json RatingJson(const content::RatingSummary& rating) {
  return {{"average", std::round(rating.Average() * 10) / 10}, {"count", rating.count}};
}

json ArticleJson(const content::Article& article) {
  json tags = json::array();
  for (const auto& tag : article.tags) tags.push_back(tag.name);
  json authors = json::array();
  for (const auto& author : article.authors) authors.push_back(author.slug);
  json lead = nullptr;
  if (article.lead_image) {
    const auto& image = *article.lead_image;
    lead = json{{"media_id", image.media_id}, {"caption", image.caption},
                {"credit", image.credit}, {"alt", image.alt}};
    if (image.media) lead["url"] = MediaJson(*image.media)["url"];
  }
  return json{
      {"id", article.id},
      {"url", content::ArticlePath(article)},
      {"version", article.version},
      {"headline", article.headline},
      {"slug", article.slug},
      {"standfirst", article.standfirst},
      {"body", article.body_markdown},
      {"body_format", article.body_format == content::BodyFormat::kHtml ? "html" : "markdown"},
      {"quick_looks", article.quick_looks},
      {"section", article.section.slug},
      {"tags", tags},
      {"authors", authors},
      {"dateline", article.dateline},
      {"edition", article.edition},
      {"top_story", article.top_story},
      {"correction", article.correction},
      {"lead_image", lead},
      {"status", content::ArticleStatusName(article.status)},
      {"trashed", article.trashed_at.has_value()},
      {"publish_at", OptionalTime(article.published_at)},
      {"published_at", OptionalTime(article.published_at)},
      {"updated_at", OptionalTime(article.updated_at)},
      {"created_at", util::FormatIso8601(article.created_at)},
      {"rating", RatingJson(article.rating)},
  };
}

Status ApplyArticleJson(const json& body, publishing::ArticleInput& input) {
  if (!body.is_object()) return InvalidArgument("the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (key == "headline") {
      LEDE_TRY(ReadString(value, key, input.headline));
    } else if (key == "slug") {
      LEDE_TRY(ReadString(value, key, input.slug));
    } else if (key == "standfirst") {
      LEDE_TRY(ReadString(value, key, input.standfirst));
    } else if (key == "body") {
      LEDE_TRY(ReadString(value, key, input.body));
    } else if (key == "body_format") {
      LEDE_TRY(ReadString(value, key, input.body_format));
    } else if (key == "quick_looks") {
      LEDE_TRY(ReadStrings(value, key, input.quick_looks));
    } else if (key == "section") {
      LEDE_TRY(ReadString(value, key, input.section));
    } else if (key == "tags") {
      LEDE_TRY(ReadStrings(value, key, input.tags));
    } else if (key == "authors") {
      LEDE_TRY(ReadStrings(value, key, input.authors));
    } else if (key == "dateline") {
      LEDE_TRY(ReadString(value, key, input.dateline));
    } else if (key == "edition") {
      LEDE_TRY(ReadString(value, key, input.edition));
    } else if (key == "correction") {
      LEDE_TRY(ReadString(value, key, input.correction));
    } else if (key == "status") {
      LEDE_TRY(ReadString(value, key, input.status));
    } else if (key == "top_story") {
      if (!value.is_boolean()) return WrongType(key, "true or false");
      input.top_story = value.get<bool>();
    } else if (key == "version") {
      if (value.is_null()) continue;
      if (!value.is_number_integer()) return WrongType(key, "a whole number");
      input.version = value.get<std::int64_t>();
    } else if (key == "publish_at") {
      if (value.is_null()) {
        input.publish_at.reset();
        continue;
      }
      if (!value.is_string()) return WrongType(key, "a date and time like 2026-12-01T18:00:00Z");
      const auto time = util::ParseIso8601(value.get<std::string>());
      if (!time) return WrongType(key, "a date and time like 2026-12-01T18:00:00Z");
      input.publish_at = *time;
    } else if (key == "lead_image") {
      if (value.is_null()) {
        input.lead_image.reset();
        continue;
      }
      if (!value.is_object()) return WrongType(key, "an object with media_id, caption, credit, alt");
      publishing::LeadImageInput lead;
      for (const auto& [part, part_value] : value.items()) {
        const std::string field = "lead_image." + part;
        if (part == "media_id") {
          if (!part_value.is_number_integer()) return WrongType(field, "a whole number");
          lead.media_id = part_value.get<std::int64_t>();
        } else if (part == "caption") {
          LEDE_TRY(ReadString(part_value, field, lead.caption));
        } else if (part == "credit") {
          LEDE_TRY(ReadString(part_value, field, lead.credit));
        } else if (part == "alt") {
          LEDE_TRY(ReadString(part_value, field, lead.alt));
        } else if (part != "url") {
          return InvalidArgument(fmt::format("unknown field \"{}\"", field), field);
        }
      }
      input.lead_image = lead;
    } else if (key == "id" || key == "url" || key == "trashed" || key == "published_at" ||
               key == "updated_at" || key == "created_at" || key == "rating") {
      continue;  // read-only: what GET gave may be sent back
    } else {
      return InvalidArgument(fmt::format("unknown field \"{}\"", key), key);
    }
  }
  return {};
}

}  // namespace lede::api
