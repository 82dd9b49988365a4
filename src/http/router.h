#pragma once
// The Router maps a method and a path pattern to a handler. Patterns are
// segments: literals, "{name}" (one segment, percent-decoded) and a final
// "{*name}" (the rest of the path, still encoded). A trailing '/' in a
// pattern is part of it: "/{section}/" does not match "/world", which is
// redirected to "/world/" instead.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "util/result.h"

namespace lede::http {

class PathParams {
 public:
  // The value captured for {name}, or "".
  std::string_view Get(std::string_view name) const;
  void Add(std::string name, std::string value) { values_.emplace_back(std::move(name), std::move(value)); }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

// Completes a request later. Call exactly once; safe from any thread.
using Reply = std::function<void(Response)>;
// A handler that answers through `reply`, possibly after returning (a vote
// answers once it is on disk). The request and params are valid only during
// the call: copy what is needed later.
using AsyncHandler = std::function<void(const Request&, const PathParams&, Reply)>;

class Router {
 public:
  // Routes are tried in the order added: add specific patterns first. A
  // route that matches exactly what an earlier one matches (same method,
  // same literal segments, parameters where the other has them) could never
  // be reached: Check() names the first such route.
  void Add(Method method, std::string pattern, Handler handler);
  void AddAsync(Method method, std::string pattern, AsyncHandler handler);
  // Called when no pattern matches the path (the theme's 404 page).
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

  // HEAD is served by the GET handler when there is no HEAD route (the
  // server drops the body). A path that matches with another method answers
  // 405 with Allow; a GET for a path that matches only with a trailing '/'
  // answers 301 there. Safe from any thread once routes are added.
  void Dispatch(const Request& request, Reply reply) const;
  // Every route as "METHOD /pattern", in the order added (for the access
  // matrix test and tools that list what the server answers).
  std::vector<std::string> Describe() const;
  // An error naming the first route registered twice, if any (the app
  // refuses to start with one). Routes a wider earlier one only partly
  // covers ("/static/{a}" after "/static/{*rest}") are not detected.
  Status Check() const;
  // The same, waiting for an asynchronous handler's answer (tests, tools).
  Response Dispatch(const Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    bool trailing_slash;
    AsyncHandler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    bool trailing_slash, PathParams* params);

  std::vector<Route> routes_;
  std::string duplicate_;  // the first route registered twice
  Handler not_found_;
};

}  // namespace lede::http
