#include "http/conditional.h"

#include <gtest/gtest.h>

namespace lede::http {
namespace {

Request With(std::string name, std::string value) {
  Request request;
  request.headers.emplace_back(std::move(name), std::move(value));
  return request;
}

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(ConditionalTest, TheSameBodyIs304AndAnotherIs200) {
  const auto first = Conditional(Request{}, Response::Text(200, "feed one"), 1'800'000'000);
  ASSERT_EQ(first.status, 200);
  const std::string etag(HeaderOf(first, "ETag"));
  ASSERT_EQ(etag.front(), '"');
  EXPECT_EQ(HeaderOf(first, "Last-Modified"), "Fri, 15 Jan 2027 08:00:00 GMT");
  const auto again = Conditional(With("If-None-Match", etag), Response::Text(200, "feed one"), 1'800'000'000);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Conditional(With("If-None-Match", etag), Response::Text(200, "feed two")).status, 200);
}

TEST(ConditionalTest, IfModifiedSinceCountsOnlyWithoutIfNoneMatch) {
  const auto since = With("If-Modified-Since", "Fri, 15 Jan 2027 08:00:00 GMT");
  EXPECT_EQ(Conditional(since, Response::Text(200, "x"), 1'800'000'000).status, 304);
  EXPECT_EQ(Conditional(since, Response::Text(200, "x"), 1'800'000'001).status, 200) << "changed since";
  EXPECT_EQ(Conditional(since, Response::Text(200, "x")).status, 200) << "no date to compare";
  Request both = since;
  both.headers.emplace_back("If-None-Match", "\"stale\"");
  EXPECT_EQ(Conditional(both, Response::Text(200, "x"), 1'800'000'000).status, 200);
}

}  // namespace
}  // namespace lede::http
