#include "http/router.h"

#include <future>
#include <memory>

#include "util/strings.h"

namespace lede::http {
namespace {

// Splits "/a/b/" into {"a", "b"} and notes the trailing slash.
std::vector<std::string_view> SplitPath(std::string_view path, bool* trailing_slash) {
  *trailing_slash = path.size() > 1 && path.back() == '/';
  std::vector<std::string_view> segments;
  for (auto segment : util::Split(path, '/')) {
    if (!segment.empty()) segments.push_back(segment);
  }
  return segments;
}

// "/a/b/" from the segments. Built afresh rather than from the request's
// path so that it can only name this site: "//evil.example" would be a
// scheme-relative URL and "/\evil.example" one too for browsers, which
// read a backslash as a slash. Repeated slashes collapse; backslashes are
// sent percent-encoded.
std::string LocalPathWithSlash(const std::vector<std::string_view>& segments) {
  std::string location;
  for (auto segment : segments) {
    location += '/';
    for (char c : segment) {
      if (c == '\\') {
        location += "%5C";
      } else {
        location += c;
      }
    }
  }
  location += '/';
  return location;
}

// Whether two patterns match the same paths: "{id}" and "{slug}" are both
// one parameter, whatever they are called.
// "{name}": one segment, as Match reads it.
bool IsParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "{*name}" as the last segment: the rest of the path, as Match reads it.
bool EndsWithRest(const std::vector<std::string>& segments) {
  return !segments.empty() && segments.back().starts_with("{*");
}

bool SameShape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size() || EndsWithRest(a) != EndsWithRest(b)) return false;
  const std::size_t fixed = EndsWithRest(a) ? a.size() - 1 : a.size();
  for (std::size_t i = 0; i < fixed; ++i) {
    if (IsParameter(a[i]) != IsParameter(b[i])) return false;
    if (!IsParameter(a[i]) && a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return {};
}

void Router::Add(Method method, std::string pattern, Handler handler) {
  AddAsync(method, std::move(pattern),
           [handler = std::move(handler)](const Request& request, const PathParams& params,
                                          Reply reply) { reply(handler(request, params)); });
}

void Router::AddAsync(Method method, std::string pattern, AsyncHandler handler) {
  bool trailing_slash = false;
  std::vector<std::string> segments;
  for (auto segment : SplitPath(pattern, &trailing_slash)) segments.emplace_back(segment);
  for (const Route& route : routes_) {
    // A rest parameter matches with or without the slash.
    const bool same_slash = route.trailing_slash == trailing_slash || EndsWithRest(segments);
    if (route.method == method && same_slash && SameShape(route.segments, segments)) {
      // The first route would always win and the second never run: a
      // mistake in wiring that no request could reveal. Check() says so.
      if (duplicate_.empty()) duplicate_ = std::string(MethodName(method)) + " " + pattern;
    }
  }
  routes_.push_back({method, std::move(segments), trailing_slash, std::move(handler)});
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   bool trailing_slash, PathParams* params) {
  const bool rest = !route.segments.empty() && util::StartsWith(route.segments.back(), "{*");
  if (rest) {
    if (segments.size() < route.segments.size()) return false;
  } else if (segments.size() != route.segments.size() || trailing_slash != route.trailing_slash) {
    return false;
  }
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& pattern = route.segments[i];
    if (rest && i + 1 == route.segments.size()) {
      std::string remainder;
      for (std::size_t j = i; j < segments.size(); ++j) {
        if (j > i) remainder += '/';
        remainder += segments[j];
      }
      if (trailing_slash) remainder += '/';
      params->Add(pattern.substr(2, pattern.size() - 3), std::move(remainder));
      return true;
    }
    if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
      auto decoded = util::UrlDecode(segments[i]);
      if (!decoded || decoded->empty()) return false;
      params->Add(pattern.substr(1, pattern.size() - 2), std::move(*decoded));
    } else if (pattern != segments[i]) {
      return false;
    }
  }
  return true;
}

Status Router::Check() const {
  if (duplicate_.empty()) return {};
  return MakeError(ErrorCode::kInternal,
                   "route registered twice: " + duplicate_ + " (an earlier route answers every request it would)");
}

std::vector<std::string> Router::Describe() const {
  std::vector<std::string> routes;
  routes.reserve(routes_.size());
  for (const Route& route : routes_) {
    std::string pattern;
    for (const auto& segment : route.segments) pattern += "/" + segment;
    if (route.trailing_slash || pattern.empty()) pattern += "/";
    routes.push_back(std::string(MethodName(route.method)) + " " + pattern);
  }
  return routes;
}

Response Router::Dispatch(const Request& request) const {
  auto answer = std::make_shared<std::promise<Response>>();
  auto future = answer->get_future();
  Dispatch(request, [answer](Response response) { answer->set_value(std::move(response)); });
  return future.get();
}

void Router::Dispatch(const Request& request, Reply reply) const {
  bool trailing_slash = false;
  const auto segments = SplitPath(request.path, &trailing_slash);
  const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  std::vector<Method> allowed;
  for (const auto& route : routes_) {
    PathParams params;
    if (!Match(route, segments, trailing_slash, &params)) continue;
    if (route.method == request.method || route.method == wanted) {
      return route.handler(request, params, std::move(reply));
    }
    allowed.push_back(route.method);
  }
  if (!allowed.empty()) {
    std::string allow;
    for (Method method : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += MethodName(method);
      if (method == Method::kGet) allow += ", HEAD";
    }
    Response response = Response::Text(405, "Method not allowed; use " + allow + "\n");
    response.SetHeader("Allow", allow);
    return reply(std::move(response));
  }
  if (wanted == Method::kGet && !trailing_slash && !segments.empty()) {
    for (const auto& route : routes_) {
      PathParams params;
      if (route.method == Method::kGet && Match(route, segments, true, &params)) {
        std::string location = LocalPathWithSlash(segments);
        if (!request.query.empty()) location += "?" + request.query;
        return reply(Response::Redirect(301, std::move(location)));
      }
    }
  }
  static const PathParams kNoParams;
  if (not_found_) return reply(not_found_(request, kNoParams));
  reply(Response::Text(404, "Not found\n"));
}

}  // namespace lede::http
