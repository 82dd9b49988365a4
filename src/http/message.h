#pragma once
// Request and Response are plain values: handlers take one and return the
// other, and never see a socket.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace lede::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method method);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct SpooledPart;  // http/multipart_stream.h

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: path and query
  std::string path;    // before '?', still percent-encoded
  std::string query;   // after '?', without it
  Headers headers;
  std::string body;
  // A multipart body the server wrote to disk as it arrived (an upload
  // path's): its parts, or why it could not; `body` is then empty. Read
  // forms with ReadMultipart (multipart.h), which takes either.
  std::shared_ptr<const Result<std::vector<SpooledPart>>> spooled;
  std::string remote_address;
  // The scheme readers use ("http", or "https" behind a proxy that
  // terminates TLS): what IsSameOrigin expects an Origin to say.
  std::string scheme = "http";

  // The first header of that name (case-insensitive), or "".
  std::string_view Header(std::string_view name) const;
  // A decoded query parameter ('+' is a space), or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
  // A field of an application/x-www-form-urlencoded body, or nullopt.
  std::optional<std::string> FormField(std::string_view name) const;
  // Every value of a form field that may repeat ("quick_look"), in order.
  std::vector<std::string> FormFields(std::string_view name) const;
  // The token of an "Authorization: Bearer ..." header, or "".
  std::string_view BearerToken() const;
  // The value of cookie `name` from the Cookie header, or "".
  std::string_view Cookie(std::string_view name) const;
  // False when the request carries an Origin header naming another origin
  // than its own (scheme, Host and port): a form or script on another site
  // posting here. "null" (a sandboxed or privacy-sensitive context) is not
  // this site.
  bool IsSameOrigin() const;
  // Stricter, for acts a stranger must never trigger (replaying a form
  // kept over a sign-in): the browser must say where the request came
  // from (Origin, else Referer) and it must be this site.
  bool ProvesSameOrigin() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  Headers headers;
  std::string body;
  // When set, sent instead of `body` without a copy: a cached answer
  // shares its bytes with every reader it is sent to.
  std::shared_ptr<const std::string> shared_body;

  std::string_view Body() const { return shared_body ? *shared_body : body; }

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Json(int status, std::string body);
  // For answers that are not pages (files, feeds, sitemaps): 404 "Not
  // found" for kNotFound, else 503 "Unavailable" (the store could not say).
  static Response PlainError(const Error& error);
  // 301/302/303/307/308 with a Location and a short body.
  static Response Redirect(int status, std::string location);
  // Whether a header of that name (case-insensitive) is set.
  bool HasHeader(std::string_view name) const;
  // Replaces a header of that name, or adds it.
  void SetHeader(std::string name, std::string value);
  // Adds a header even when one of that name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// The one place error codes become statuses: kNotFound 404,
// kInvalidArgument 400, kConflict 409, kPermissionDenied 403,
// kUnavailable 503, everything else 500.
int StatusFor(ErrorCode code);
std::string_view ReasonPhrase(int status);

}  // namespace lede::http
