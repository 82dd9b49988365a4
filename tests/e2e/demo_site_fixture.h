#pragma once
// A test against the demo site served by the real binary, at the public
// address https://news.example, with its store open beside the
// server so a test can change what readers see (as the newsroom would).

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_util.h"

namespace lede {

class DemoSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string output;
    // This suite writes to the store behind the server's back, as a second
    // process that does not announce its writes would: the page cache is off
    // (its own suite, page_cache_test.cc, covers what invalidates it).

    server_ = testing::LedeProcess::Serve(
        {"--demo", "--data", dir_.path().string(), "--public-url", "https://news.example",
         "--cache-mb", "0"},
        &output);
    ASSERT_NE(server_, nullptr) << output;
    auto store = testing::OpenSiteStore(dir_.path());
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
  }
  std::uint16_t port() const { return server_->port(); }
  // Tells the server that this other process wrote (as lede's own commands
  // do): what it remembers of the site (the masthead, lists) is dropped.
  void Announce() {
    ASSERT_OK(testing::AnnounceWrites(*store_, dir_.path()));
  }
  // A Content API answer's JSON, checking its status and CORS header
  // (discarded JSON when the body does not parse).
  nlohmann::json Api(const std::string& path, int expect_status = 200) {
    const auto response = testing::Get(port(), path);
    EXPECT_EQ(response.status, expect_status) << path << ": " << response.body;
    EXPECT_EQ(response.Header("Access-Control-Allow-Origin"), "*");
    return nlohmann::json::parse(response.body, nullptr, false);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::LedeProcess> server_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace lede
