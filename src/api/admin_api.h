#pragma once
// The Admin API: the newsroom as JSON, for scripts, wire feeds and apps.
//
// GET    /api/v1/admin/articles          ?status=&section=&author=&q=&page=&per_page=
// POST   /api/v1/admin/articles          -> 201 with Location
// GET    /api/v1/admin/articles/{id}
// PUT    /api/v1/admin/articles/{id}     fields present replace; "version" checks
// DELETE /api/v1/admin/articles/{id}     into the trash
// POST   /api/v1/admin/articles/{id}/restore
// GET    /api/v1/admin/articles/{id}/revisions
// POST   /api/v1/admin/articles/{id}/quick-looks/suggest   {"body"?, "headline"?}
// POST   /api/v1/admin/quick-looks/suggest                 {"body", "headline"}
// POST   /api/v1/admin/media             multipart: file, caption, credit, alt
// GET    /api/v1/admin/media             ?q=&page=
// GET    /api/v1/admin/tags              every tag's name (autocomplete)
//
// Authorization: Bearer TOKEN (lede token add), or a signed-in admin
// session with X-CSRF-Token on anything but GET. Errors are
// {"error": message, "field": name?}: 400 bad field, 401 no valid
// credentials, 403 the role may not, 404, 409 version conflict (with
// "current": the stored article), 413 too large.

#include "auth/accounts.h"
#include "http/router.h"
#include "media/library.h"
#include "publishing/editorial.h"
#include "store/store.h"

namespace lede::api {

class AdminApi {
 public:
  AdminApi(publishing::Editorial& editorial, auth::Accounts& accounts, store::Store& store,
           media::Library& media)
      : editorial_(editorial), accounts_(accounts), store_(store), media_(media) {}

  void Register(http::Router& router) const;
  // Paths that may carry an upload's larger body.
  static std::vector<std::string> UploadPaths() { return {"/api/v1/admin/media"}; }
  // Asked before an upload's body is read (http::ServerOptions::upload_gate):
  // the 401 or 403 it would get anyway, or nullopt.
  std::optional<http::Response> AdmitUpload(const http::Request& header) const;

 private:
  // The caller, or the error response to send.
  Result<auth::Principal> Authenticate(const http::Request& request) const;
  http::Response ListArticles(const http::Request& request, const auth::Principal& who) const;
  http::Response CreateArticle(const http::Request& request, const auth::Principal& who) const;
  http::Response GetArticle(std::int64_t id, const auth::Principal& who) const;
  http::Response PutArticle(const http::Request& request, std::int64_t id,
                            const auth::Principal& who) const;
  http::Response Suggest(const http::Request& request, std::int64_t id,
                         const auth::Principal& who) const;
  http::Response Upload(const http::Request& request, const auth::Principal& who) const;
  http::Response ListMedia(const http::Request& request) const;

  publishing::Editorial& editorial_;
  auth::Accounts& accounts_;
  store::Store& store_;
  media::Library& media_;
};

}  // namespace lede::api
