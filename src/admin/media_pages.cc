// The media library: search, upload, and each item with its users and
// focal point.
#include <fmt/format.h>

#include "admin/admin.h"
#include "http/multipart.h"
#include "http/multipart_stream.h"
#include "media/library.h"
#include "util/strings.h"

namespace lede::admin {
namespace {

constexpr int kPerPage = 24;

theme::Data ItemView(const content::MediaItem& item) {
  theme::Data view;
  view.set("id", std::to_string(item.id));
  view.set("url", fmt::format("/admin/media/{}/", item.id));
  view.set("caption", item.caption);
  view.set("credit", item.credit);
  view.set("alt", item.alt);
  view.set("size", media::DescribeSize(item));
  if (!item.widths.empty()) {
    view.set("thumb", "/media/" + media::VariantPath(item, item.widths.front()));
    view.set("large", "/media/" + media::VariantPath(item, item.widths.back()));
  } else if (!item.source_url.empty()) {
    view.set("thumb", item.source_url);
  }
  if (item.crops) {
    theme::Data crops{theme::Data::type::list};
    for (const auto& shape : media::kCropShapes) {
      theme::Data crop;
      crop.set("name", std::string(shape.name));
      crop.set("src", "/media/" + media::CropPath(item, shape.name));
      crops.push_back(crop);
    }
    view.set("crops", crops);
  }
  view.set("focal_x", item.focal_x ? std::to_string(*item.focal_x) : "");
  view.set("focal_y", item.focal_y ? std::to_string(*item.focal_y) : "");
  view.set("uploaded", !item.original.empty());
  return view;
}

}  // namespace

void Admin::RegisterMedia(http::Router& router) const {
  const AdminServices& s = services_;
  auto library = [&s](Visit& visit, const Error* error, int status) {
    const auto& request = visit.request;
    const std::string search = request.QueryParam("q").value_or("");
    const int page = pages::PageNumber(request);
    auto list = s.store.ListMedia({.search = search, .limit = kPerPage, .offset = (page - 1) * kPerPage});
    if (!list) return pages::Problem(s, visit, list.error());
    theme::Data data = pages::Base(s, visit, "Media library", "media");
    data.set("q", search);
    data.set("can_upload", content::Can(visit.who.user.role, content::Action::kUploadMedia));
    theme::Data items{theme::Data::type::list};
    for (const auto& item : list->items) items.push_back(ItemView(item));
    data.set("items", items);
    data.set("has_items", !list->items.empty());
    data.set("total", pages::Count(list->total, "image", "images"));
    if (page > 1) data.set("prev_url", fmt::format("/admin/media/?q={}&page={}", util::EncodePathSegment(search), page - 1));
    if (page * kPerPage < list->total) {
      data.set("next_url", fmt::format("/admin/media/?q={}&page={}", util::EncodePathSegment(search), page + 1));
    }
    if (request.QueryParam("uploaded") && !error) data.set("notice", "Uploaded.");
    if (error) data.set("error", error->message);
    return pages::Render(s, status, "admin/media", data);
  };
  Add(router, http::Method::kGet, "/admin/media/",
      [library](Visit& visit, const http::PathParams&) { return library(visit, nullptr, 200); });
  Add(router, http::Method::kPost, "/admin/media/", [&s, library](Visit& visit, const http::PathParams&) {
    // Who may not upload is refused before the form is read.
    if (auto may = media::Library::MayUpload(visit.who.user); !may) {
      return pages::Problem(s, visit, may.error());
    }
    auto parts = http::ReadMultipart(visit.request);
    if (!parts) return library(visit, &parts.error(), http::StatusFor(parts.error().code));
    const http::FormPart* file = http::FindPart(*parts, "file");
    auto text = [&](std::string_view name) {
      const http::FormPart* part = http::FindPart(*parts, name);
      return part ? std::string(util::Trim(part->body)) : std::string();
    };
    media::UploadedImage upload;
    if (file && file->file) upload.file = file->file->path();
    if (file) upload.bytes = file->body;
    if (file) upload.file_name = std::string(file->filename);
    upload.info = {text("alt"), text("caption"), text("credit")};
    auto item = s.media.Upload(visit.who.user, std::move(upload));
    if (!item) {
      if (item.error().code == ErrorCode::kPermissionDenied) return pages::Problem(s, visit, item.error());
      return library(visit, &item.error(), http::StatusFor(item.error().code));
    }
    // The editor's picker uploads with fetch and wants the item, not a page.
    if (visit.request.Header("Accept").starts_with("application/json")) {
      return http::Response::Json(201, fmt::format(R"({{"id":{},"url":"/admin/media/{}/"}})", item->id, item->id));
    }
    return pages::SeeOther(fmt::format("/admin/media/{}/?uploaded=1", item->id));
  });
  auto detail = [&s](Visit& visit, std::int64_t id, const Error* error, int status) {
    auto item = s.store.FindMedia(id);
    if (!item) return pages::Problem(s, visit, item.error());
    theme::Data data = pages::Base(s, visit, "Image", "media");
    data.set("item", ItemView(*item));
    theme::Data used{theme::Data::type::list};
    for (const auto& ref : s.store.ArticlesUsingMedia(id).value_or(std::vector<store::ArticleRef>{})) {
      theme::Data row;
      row.set("headline", ref.headline);
      row.set("url", fmt::format("/admin/articles/{}/", ref.id));
      row.set("status", ref.trashed ? std::string("trash") : ref.status);
      used.push_back(row);
    }
    data.set("used_by", used);
    data.set("unused", used.is_empty_list());
    if (visit.request.QueryParam("uploaded") && !error) data.set("notice", "Uploaded.");
    if (visit.request.QueryParam("saved") && !error) data.set("notice", "Saved.");
    if (error) data.set("error", error->message);
    return pages::Render(s, status, "admin/media_item", data);
  };
  Add(router, http::Method::kGet, "/admin/media/{id}/",
      [&s, detail](Visit& visit, const http::PathParams& params) {
        auto id = util::ParseInt(params.Get("id"));
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such image", {}});
        return detail(visit, *id, nullptr, 200);
      });
  Add(router, http::Method::kPost, "/admin/media/{id}/",
      [&s, detail](Visit& visit, const http::PathParams& params) {
        auto id = util::ParseInt(params.Get("id"));
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such image", {}});
        const auto& request = visit.request;
        auto described = s.media.Describe(visit.who.user, *id, request.FormField("caption").value_or(""),
                                          request.FormField("credit").value_or(""),
                                          request.FormField("alt").value_or(""));
        if (!described) {
          if (described.error().code == ErrorCode::kInvalidArgument) {
            return detail(visit, *id, &described.error(), 400);
          }
          return pages::Problem(s, visit, described.error());
        }
        const auto x = util::ParseInt(request.FormField("focal_x").value_or(""));
        const auto y = util::ParseInt(request.FormField("focal_y").value_or(""));
        const bool has_focal = x && y;
        if (described->crops && (has_focal || described->focal_x)) {
          auto focal = s.media.SetFocalPoint(
              visit.who.user, *id, has_focal ? std::optional<int>(static_cast<int>(*x)) : std::nullopt,
              has_focal ? std::optional<int>(static_cast<int>(*y)) : std::nullopt);
          if (!focal) return detail(visit, *id, &focal.error(), http::StatusFor(focal.error().code));
        }
        return pages::SeeOther(fmt::format("/admin/media/{}/?saved=1", *id));
      });
}

}  // namespace lede::admin
