#include "http/router.h"

#include <gtest/gtest.h>

namespace lede::http {
namespace {

Request Make(Method method, std::string target) {
  Request request;
  request.method = method;
  request.target = target;
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  return request;
}

Handler Echo(std::string name) {
  return [name](const Request&, const PathParams& params) {
    return Response::Text(200, name + ":" + std::string(params.Get("a")) + ":" +
                                   std::string(params.Get("b")) + ":" + std::string(params.Get("rest")));
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/", Echo("home"));
    router_.Add(Method::kGet, "/healthz", Echo("health"));
    router_.Add(Method::kGet, "/static/{*rest}", Echo("static"));
    router_.Add(Method::kGet, "/tag/{a}/", Echo("tag"));
    router_.Add(Method::kPost, "/api/{a}", Echo("post"));
    router_.Add(Method::kGet, "/{a}/", Echo("section"));
    router_.Add(Method::kGet, "/{a}/{b}/", Echo("article"));
    router_.SetNotFound([](const Request&, const PathParams&) { return Response::Text(404, "nf"); });
  }
  std::string Body(Method method, std::string target) {
    return router_.Dispatch(Make(method, target)).body;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesInOrderAndCapturesDecodedSegments) {
  EXPECT_EQ(Body(Method::kGet, "/"), "home:::");
  EXPECT_EQ(Body(Method::kGet, "/healthz"), "health:::");
  EXPECT_EQ(Body(Method::kGet, "/tag/east-asia/"), "tag:east-asia::");
  EXPECT_EQ(Body(Method::kGet, "/world/"), "section:world::");
  EXPECT_EQ(Body(Method::kGet, "/world/some%20story/?x=1"), "article:world:some story:");
  EXPECT_EQ(Body(Method::kGet, "/static/css/site.css"), "static:::css/site.css");
}

TEST_F(RouterTest, ARouteRegisteredTwiceIsRefused) {
  EXPECT_TRUE(router_.Check());
  // Another method, slash or literal is another route.
  router_.Add(Method::kPost, "/healthz", Echo("post"));
  router_.Add(Method::kGet, "/tag/{a}", Echo("no slash"));
  router_.Add(Method::kGet, "/tags/{a}/", Echo("tags"));
  router_.Add(Method::kGet, "/static/{a}", Echo("one"));
  EXPECT_TRUE(router_.Check());
  // The first would always answer: the second is a wiring mistake.
  router_.Add(Method::kGet, "/tag/{b}/", Echo("renamed"));
  router_.Add(Method::kGet, "/healthz", Echo("again"));
  const auto checked = router_.Check();
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("GET /tag/{b}/"), std::string::npos) << checked.error().message;
  EXPECT_EQ(Body(Method::kGet, "/healthz"), "health:::");
}

TEST(RouterCheckTest, ARestParameterIsTheSameRouteWithOrWithoutTheSlash) {
  Router router;
  router.Add(Method::kGet, "/files/{*rest}", Echo("one"));
  router.Add(Method::kGet, "/files/{*other}/", Echo("two"));
  EXPECT_FALSE(router.Check());
}

TEST_F(RouterTest, RestParametersStayEncoded) {
  EXPECT_EQ(Body(Method::kGet, "/static/%2e%2e/secret"), "static:::%2e%2e/secret");
}

TEST_F(RouterTest, HeadUsesTheGetHandler) {
  EXPECT_EQ(router_.Dispatch(Make(Method::kHead, "/world/")).status, 200);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  const Response response = router_.Dispatch(Make(Method::kPost, "/world/"));
  EXPECT_EQ(response.status, 405);
  bool has_allow = false;
  for (const auto& [name, value] : response.headers) {
    if (name == "Allow") {
      has_allow = true;
      EXPECT_NE(value.find("GET"), std::string::npos);
      EXPECT_NE(value.find("HEAD"), std::string::npos);
    }
  }
  EXPECT_TRUE(has_allow);
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/api/x")).status, 405);
}

TEST_F(RouterTest, MissingTrailingSlashRedirectsKeepingTheQuery) {
  const Response response = router_.Dispatch(Make(Method::kGet, "/world?page=2"));
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.headers.front().second, "/world/?page=2");
}

// Issue #8: "//evil.example" and "/\\evil.example" were answered with a
// Location that browsers follow to another host.
TEST_F(RouterTest, Issue8TrailingSlashRedirectStaysOnThisSite) {
  struct Case {
    std::string target;
    std::string location;
  };
  const Case cases[] = {
      {"//evil.example", "/evil.example/"},
      {"///evil.example", "/evil.example/"},
      {"/\\evil.example", "/%5Cevil.example/"},
      {"/\\/evil.example", "/%5C/evil.example/"},
      {"//world//x", "/world/x/"},
  };
  for (const auto& c : cases) {
    const Response response = router_.Dispatch(Make(Method::kGet, c.target));
    ASSERT_EQ(response.status, 301) << c.target;
    EXPECT_EQ(response.headers.front().second, c.location) << c.target;
  }
}

TEST_F(RouterTest, UnknownPathsGoToNotFound) {
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/a/b/c/")).status, 404);
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/bad%zz/")).status, 404);
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/nul%00/")).status, 404);
}

TEST(RequestTest, QueryParamsAndHeaders) {
  Request request = Make(Method::kGet, "/?page=2&q=a+b%21&flag");
  request.headers = {{"User-Agent", "x"}, {"If-None-Match", "\"e\""}};
  EXPECT_EQ(request.QueryParam("page"), "2");
  EXPECT_EQ(request.QueryParam("q"), "a b!");
  EXPECT_EQ(request.QueryParam("flag"), "");
  EXPECT_FALSE(request.QueryParam("missing"));
  EXPECT_EQ(request.Header("user-agent"), "x");
  EXPECT_EQ(request.Header("if-none-match"), "\"e\"");
  EXPECT_EQ(request.Header("absent"), "");
}

TEST(RequestTest, RepeatedFormFieldsAndBearerTokens) {
  Request request = Make(Method::kPost, "/");
  request.body = "quick_look=One&x=1&quick_look=Two+%26+three&quick_look=";
  EXPECT_EQ(request.FormFields("quick_look"), (std::vector<std::string>{"One", "Two & three", ""}));
  EXPECT_TRUE(request.FormFields("none").empty());
  request.headers = {{"Authorization", "Bearer lede_abc "}};
  EXPECT_EQ(request.BearerToken(), "lede_abc");
  request.headers = {{"Authorization", "Basic abc"}};
  EXPECT_EQ(request.BearerToken(), "");
}

TEST(ResponseTest, HeadersThatRepeatCanRepeat) {
  Response response = Response::Text(200, "");
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("cache-control", "private");
  ASSERT_EQ(response.headers.size(), 3u);
  EXPECT_EQ(response.headers[1].second, "b=2");
  EXPECT_EQ(response.headers[2].second, "private");
}

TEST(StatusTest, ErrorCodesMapOnce) {
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kCorruption), 500);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), 500);
}

}  // namespace
}  // namespace lede::http
