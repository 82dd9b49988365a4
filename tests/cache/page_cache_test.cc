#include "cache/page_cache.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace lede::cache {
namespace {

class FixedClock final : public util::Clock {
 public:
  util::UnixSeconds Now() const override { return now; }
  util::UnixSeconds now = 1'800'000'000;
};

http::Request Get(std::string target, http::Headers headers = {}) {
  http::Request request;
  request.target = target;
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  request.headers = std::move(headers);
  return request;
}

http::Response Page(std::string body, std::string policy = "public, max-age=60") {
  auto response = http::Response::Html(200, std::move(body));
  response.SetHeader("Cache-Control", std::move(policy));
  return response;
}

std::string Header(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

std::string Gunzip(std::string_view data) {
  z_stream stream{};
  inflateInit2(&stream, 16 + 15);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string Unbrotli(std::string_view data) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  BrotliDecoderDecompress(data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                          reinterpret_cast<std::uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

// A body worth compressing.
std::string Html(std::string_view marker) {
  std::string body = "<!doctype html><title>" + std::string(marker) + "</title>";
  for (int i = 0; i < 200; ++i) body += "<p>The ferry routes reopen after a decade.</p>";
  return body;
}

class PageCacheTest : public ::testing::Test {
 protected:
  // Routes `request` as the server does: Find, else Begin and Keep.
  http::Response Serve(const http::Request& request, const std::string& body,
                       std::vector<std::string> shown = {"article-1"}) {
    if (auto hit = cache_.Find(request)) return *hit;
    const auto ticket = cache_.Begin(request);
    return cache_.Keep(ticket, shown, Page(body));
  }

  FixedClock clock_;
  PageCache cache_{{.max_bytes = 1024 * 1024}, clock_};
};

TEST_F(PageCacheTest, KeepsPublicAnswersAndServesThemUntilDropped) {
  const auto first = Serve(Get("/world/a/"), Html("one"));
  EXPECT_EQ(Header(first, "X-Cache"), "MISS");
  EXPECT_EQ(first.Body(), Html("one"));
  const auto second = Serve(Get("/world/a/"), Html("two"));
  EXPECT_EQ(Header(second, "X-Cache"), "HIT");
  EXPECT_EQ(second.Body(), Html("one"));
  EXPECT_EQ(Header(second, "ETag"), Header(first, "ETag"));
  EXPECT_EQ(Header(second, "Surrogate-Key"), "article-1");
  EXPECT_EQ(Header(second, "Cache-Control"), "public, max-age=0, s-maxage=60, stale-while-revalidate=600");

  cache_.Invalidate({"article-2"});
  EXPECT_EQ(Serve(Get("/world/a/"), Html("three")).Body(), Html("one"));
  cache_.Invalidate({"article-1"});
  const auto fresh = Serve(Get("/world/a/"), Html("three"));
  EXPECT_EQ(Header(fresh, "X-Cache"), "MISS");
  EXPECT_EQ(fresh.Body(), Html("three"));
  EXPECT_NE(Header(fresh, "ETag"), Header(first, "ETag"));
}

TEST_F(PageCacheTest, InvalidationDropsExactlyTheAnswersFiledUnderTheKey) {
  Serve(Get("/a/"), Html("a"), {"site", "article-1", "latest"});
  Serve(Get("/b/"), Html("b"), {"site", "article-2"});
  Serve(Get("/c/"), Html("c"), {"site", "article-3", "latest"});
  cache_.Invalidate({"latest"});
  EXPECT_FALSE(cache_.Find(Get("/a/")));
  EXPECT_TRUE(cache_.Find(Get("/b/")));
  EXPECT_FALSE(cache_.Find(Get("/c/")));
  cache_.InvalidateAll();
  EXPECT_FALSE(cache_.Find(Get("/b/")));
  EXPECT_EQ(cache_.Stats().entries, 0u);
  EXPECT_EQ(cache_.Stats().bytes, 0u);
}

TEST_F(PageCacheTest, ARenderThatOverlappedAnInvalidationOfWhatItShowsIsNotKept) {
  const auto request = Get("/world/a/");
  ASSERT_FALSE(cache_.Find(request));
  const auto ticket = cache_.Begin(request);
  // The write commits and is announced while the page is being made from
  // what it replaced.
  cache_.Invalidate({"rating-1"});
  const auto sent = cache_.Keep(ticket, {"article-1", "rating-1"}, Page(Html("old")));
  EXPECT_EQ(sent.Body(), Html("old"));  // this reader asked before the write
  EXPECT_FALSE(cache_.Find(request));   // the next one does not get it

  // An unrelated invalidation meanwhile does not cost the render its place.
  const auto other = cache_.Begin(request);
  cache_.Invalidate({"rating-9"});
  cache_.Keep(other, {"article-1", "rating-1"}, Page(Html("new")));
  EXPECT_TRUE(cache_.Find(request));
}

TEST_F(PageCacheTest, PrivateAndFailedAnswersPassThroughUntouched) {
  auto request = Get("/world/a/?rating=thanks");
  auto ticket = cache_.Begin(request);
  auto mine = Page(Html("thanks"), "private, no-store");
  const auto sent = cache_.Keep(ticket, {"article-1"}, mine);
  EXPECT_EQ(Header(sent, "Cache-Control"), "private, no-store");
  EXPECT_EQ(Header(sent, "ETag"), "");
  EXPECT_EQ(Header(sent, "Surrogate-Key"), "");
  EXPECT_FALSE(cache_.Find(request));

  ticket = cache_.Begin(Get("/"));
  auto failed = Page("down", "public, max-age=60");
  failed.status = 503;
  cache_.Keep(ticket, {"site"}, failed);
  EXPECT_FALSE(cache_.Find(Get("/")));
}

TEST_F(PageCacheTest, ImmutableAssetsAndMediaKeepTheirOwnPolicy) {
  const auto ticket = cache_.Begin(Get("/static/style.abc.css"));
  auto css = Page(std::string(2000, 'a'), "public, max-age=31536000, immutable");
  css.content_type = "text/css";
  const auto sent = cache_.Keep(ticket, {}, css);
  EXPECT_EQ(Header(sent, "Cache-Control"), "public, max-age=31536000, immutable");

  const auto picture_ticket = cache_.Begin(Get("/media/2026/12/ferry-960.jpg"));
  auto picture = Page(std::string(5000, '\xff'), "public, max-age=604800");
  picture.content_type = "image/jpeg";
  const auto picture_sent = cache_.Keep(picture_ticket, {}, picture);
  EXPECT_EQ(Header(picture_sent, "Cache-Control"), "public, max-age=604800");
  EXPECT_EQ(picture_sent.Body().size(), 5000u);
  EXPECT_FALSE(cache_.Find(Get("/media/2026/12/ferry-960.jpg")));  // left to the OS's cache
}

TEST_F(PageCacheTest, ChoosesTheCodingTheClientAcceptsWithItsOwnTag) {
  Serve(Get("/"), Html("home"));
  const auto plain = *cache_.Find(Get("/"));
  const auto gzip = *cache_.Find(Get("/", {{"Accept-Encoding", "gzip, deflate"}}));
  const auto brotli = *cache_.Find(Get("/", {{"Accept-Encoding", "gzip, deflate, br"}}));
  const auto refused = *cache_.Find(Get("/", {{"Accept-Encoding", "br;q=0, gzip;q=0"}}));
  EXPECT_EQ(Header(plain, "Content-Encoding"), "");
  EXPECT_EQ(Header(gzip, "Content-Encoding"), "gzip");
  EXPECT_EQ(Header(brotli, "Content-Encoding"), "br");
  EXPECT_EQ(Header(refused, "Content-Encoding"), "");
  EXPECT_EQ(Gunzip(gzip.Body()), Html("home"));
  EXPECT_EQ(Unbrotli(brotli.Body()), Html("home"));
  EXPECT_LT(gzip.Body().size(), Html("home").size() / 4);
  for (const auto* response : {&plain, &gzip, &brotli}) {
    EXPECT_EQ(Header(*response, "Vary"), "Accept-Encoding");
  }
  EXPECT_NE(Header(plain, "ETag"), Header(gzip, "ETag"));
  EXPECT_NE(Header(gzip, "ETag"), Header(brotli, "ETag"));

  // A tag names one coding: the gzip tag does not earn a brotli 304.
  const auto other = *cache_.Find(Get("/", {{"Accept-Encoding", "br"},
                                            {"If-None-Match", Header(gzip, "ETag")}}));
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(Header(other, "Content-Encoding"), "br");
}

TEST(ChooseEncodingTest, FollowsWeightsAndWildcards) {
  EXPECT_EQ(ChooseEncoding(""), Encoding::kIdentity);
  EXPECT_EQ(ChooseEncoding("identity"), Encoding::kIdentity);
  EXPECT_EQ(ChooseEncoding("gzip"), Encoding::kGzip);
  EXPECT_EQ(ChooseEncoding("GZIP"), Encoding::kGzip);
  EXPECT_EQ(ChooseEncoding("gzip, br"), Encoding::kBrotli);
  EXPECT_EQ(ChooseEncoding("gzip;q=1.0, br;q=0.5"), Encoding::kGzip);
  EXPECT_EQ(ChooseEncoding("br;q=0, gzip"), Encoding::kGzip);
  EXPECT_EQ(ChooseEncoding("*"), Encoding::kBrotli);
  EXPECT_EQ(ChooseEncoding("*;q=0"), Encoding::kIdentity);
  EXPECT_EQ(ChooseEncoding("br;q=0, *"), Encoding::kGzip);
  // Malformed weights: nothing is trusted.
  EXPECT_EQ(ChooseEncoding("gzip;q=lots"), Encoding::kIdentity);
  EXPECT_EQ(ChooseEncoding("gzip;q=2"), Encoding::kIdentity);
}

TEST_F(PageCacheTest, ConditionalRequestsGet304OnlyForTheirOwnValidators) {
  const auto first = Serve(Get("/"), Html("home"));
  const std::string etag = Header(first, "ETag");
  const std::string modified = Header(first, "Last-Modified");
  auto conditional = [&](http::Headers headers) { return cache_.Find(Get("/", headers))->status; };
  EXPECT_EQ(conditional({{"If-None-Match", etag}}), 304);
  EXPECT_EQ(conditional({{"If-None-Match", "W/" + etag}}), 304);
  EXPECT_EQ(conditional({{"If-None-Match", "\"x\", " + etag}}), 304);
  EXPECT_EQ(conditional({{"If-None-Match", "*"}}), 304);
  EXPECT_EQ(conditional({{"If-None-Match", "\"other\""}}), 200);
  // Malformed lists are answered in full.
  EXPECT_EQ(conditional({{"If-None-Match", etag.substr(1)}}), 200);
  EXPECT_EQ(conditional({{"If-None-Match", etag + " junk"}}), 200);
  EXPECT_EQ(conditional({{"If-None-Match", "\"unclosed"}}), 200);
  // If-Modified-Since counts only without If-None-Match.
  EXPECT_EQ(conditional({{"If-Modified-Since", modified}}), 304);
  EXPECT_EQ(conditional({{"If-None-Match", "\"other\""}, {"If-Modified-Since", modified}}), 200);
  EXPECT_EQ(conditional({{"If-Modified-Since", "yesterday"}}), 200);
  EXPECT_EQ(conditional({{"If-Modified-Since", util::FormatHttpDate(clock_.now - 10)}}), 200);

  const auto not_modified = *cache_.Find(Get("/", {{"If-None-Match", etag}}));
  EXPECT_TRUE(not_modified.Body().empty());
  EXPECT_EQ(Header(not_modified, "ETag"), etag);
}

TEST_F(PageCacheTest, AVersionMadeInTheSecondOfAChangeIsNotValidatedByDate) {
  const auto old_version = Serve(Get("/"), Html("old"));
  cache_.Invalidate({"article-1"});  // same second as the old version
  const auto new_version = Serve(Get("/"), Html("new"));
  ASSERT_EQ(Header(old_version, "Last-Modified"), Header(new_version, "Last-Modified"));
  // The old copy's date matches the new one's: only the ETag can tell.
  EXPECT_EQ(cache_.Find(Get("/", {{"If-Modified-Since", Header(old_version, "Last-Modified")}}))
                ->status,
            200);
}

TEST(PageCacheBoundTest, EvictsLeastRecentlyUsedAndNeverGrowsPastItsBound) {
  FixedClock clock;
  PageCache cache({.max_bytes = 400 * 1024}, clock);
  auto keep = [&](const std::string& target) {
    const auto ticket = cache.Begin(Get(target));
    cache.Keep(ticket, {"site"}, Page(Html(target) + std::string(8000, 'x')));
  };
  for (int i = 0; i < 200; ++i) {
    keep("/page-" + std::to_string(i) + "/");
    if (i == 5) {
      ASSERT_TRUE(cache.Find(Get("/page-0/")));  // used: stays longer
    }
    ASSERT_LE(cache.Stats().bytes, cache.max_bytes());
  }
  EXPECT_GT(cache.Stats().evicted, 0u);
  EXPECT_FALSE(cache.Find(Get("/page-1/")));
  EXPECT_TRUE(cache.Find(Get("/page-199/")));
}

TEST(PageCacheBoundTest, JunkQueriesAndMissingPagesCannotPushRealPagesOut) {
  FixedClock clock;
  PageCache cache({.max_bytes = 1024 * 1024}, clock);
  for (int i = 0; i < 20; ++i) {
    const std::string target = "/world/article-" + std::to_string(i) + "/";
    cache.Keep(cache.Begin(Get(target)), {"site"}, Page(Html(target)));
  }
  for (int i = 0; i < 5000; ++i) {
    const std::string junk = "/world/article-1/?x=" + std::to_string(i);
    cache.Keep(cache.Begin(Get(junk)), {"site"}, Page(Html(junk)));
    auto missing = Page(Html("404"));
    missing.status = 404;
    cache.Keep(cache.Begin(Get("/no-such-" + std::to_string(i) + "/")), {"site"}, missing);
  }
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(cache.Find(Get("/world/article-" + std::to_string(i) + "/"))) << i;
  }
  EXPECT_LE(cache.Stats().bytes, cache.max_bytes());
}

TEST(PageCacheBoundTest, ZeroBytesKeepsNothingButStillValidates) {
  FixedClock clock;
  PageCache cache({.max_bytes = 0}, clock);
  const auto request = Get("/");
  const auto sent = cache.Keep(cache.Begin(request), {"site"}, Page(Html("home")));
  EXPECT_FALSE(cache.Find(request));
  EXPECT_EQ(cache.Stats().entries, 0u);
  EXPECT_NE(Header(sent, "ETag"), "");
  EXPECT_EQ(Header(sent, "Surrogate-Key"), "site");
  const auto again =
      cache.Keep(cache.Begin(Get("/", {{"If-None-Match", Header(sent, "ETag")}})), {"site"},
                 Page(Html("home")));
  EXPECT_EQ(again.status, 304);
}

}  // namespace
}  // namespace lede::cache
