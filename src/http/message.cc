#include "http/message.h"

#include <strings.h>

#include "util/strings.h"

namespace lede::http {

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

namespace {

std::optional<std::string> FindEncodedField(std::string_view encoded, std::string_view name) {
  for (auto pair : util::Split(encoded, '&')) {
    const auto equals = pair.find('=');
    const auto key = util::UrlDecode(pair.substr(0, equals), true);
    if (!key || *key != name) continue;
    if (equals == std::string_view::npos) return std::string();
    auto value = util::UrlDecode(pair.substr(equals + 1), true);
    if (value) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  return FindEncodedField(query, name);
}

std::optional<std::string> Request::FormField(std::string_view name) const {
  return FindEncodedField(body, name);
}

std::vector<std::string> Request::FormFields(std::string_view name) const {
  std::vector<std::string> values;
  for (auto pair : util::Split(body, '&')) {
    const auto equals = pair.find('=');
    const auto key = util::UrlDecode(pair.substr(0, equals), true);
    if (!key || *key != name) continue;
    if (equals == std::string_view::npos) {
      values.emplace_back();
    } else if (auto value = util::UrlDecode(pair.substr(equals + 1), true)) {
      values.push_back(std::move(*value));
    }
  }
  return values;
}

std::string_view Request::BearerToken() const {
  const std::string_view header = Header("Authorization");
  if (header.size() <= 7 || strncasecmp(header.data(), "Bearer ", 7) != 0) return {};
  return util::Trim(header.substr(7));
}

std::string_view Request::Cookie(std::string_view name) const {
  for (auto pair : util::Split(Header("Cookie"), ';')) {
    pair = util::Trim(pair);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return pair.substr(equals + 1);
    }
  }
  return {};
}

namespace {

// "scheme://host:port", lower case, with the scheme's default port spelt
// out, so that "http://News.example" and "http://news.example:80" are one
// origin. "" when `url` does not start with an origin.
std::string NormalOrigin(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const std::string scheme = util::ToLowerAscii(url.substr(0, scheme_end));
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return {};
  std::string host = util::ToLowerAscii(authority);
  // A port follows the last ':' unless it is inside an IPv6 literal.
  const auto colon = host.rfind(':');
  const bool has_port = colon != std::string::npos && host.find(']', colon) == std::string::npos;
  if (!has_port) {
    if (scheme == "http") host += ":80";
    else if (scheme == "https") host += ":443";
  }
  return scheme + "://" + host;
}

}  // namespace

bool Request::IsSameOrigin() const {
  const std::string_view origin = Header("Origin");
  if (origin.empty()) return true;  // not a cross-site browser request
  const std::string own = NormalOrigin(scheme + "://" + std::string(Header("Host")));
  return !own.empty() && NormalOrigin(origin) == own;
}

bool Request::ProvesSameOrigin() const {
  std::string_view from = Header("Origin");
  if (from.empty()) from = Header("Referer");
  if (from.empty()) return false;
  const std::string own = NormalOrigin(scheme + "://" + std::string(Header("Host")));
  return !own.empty() && NormalOrigin(from) == own;
}

Response Response::Html(int status, std::string body) {
  return Response{status, "text/html; charset=utf-8", {}, std::move(body)};
}

Response Response::Text(int status, std::string body) {
  return Response{status, "text/plain; charset=utf-8", {}, std::move(body)};
}

Response Response::PlainError(const Error& error) {
  return error.code == ErrorCode::kNotFound ? Text(404, "Not found\n") : Text(503, "Unavailable\n");
}

Response Response::Json(int status, std::string body) {
  return Response{status, "application/json", {}, std::move(body)};
}

Response Response::Redirect(int status, std::string location) {
  Response response = Text(status, "Moved to " + location + "\n");
  response.SetHeader("Location", std::move(location));
  return response;
}

bool Response::HasHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return true;
    }
  }
  return false;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kCorruption:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace lede::http
