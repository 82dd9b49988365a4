// Any bytes as the JSON body of the Admin API's article create and update,
// sent with an editor's token through the real router: every answer is a
// success or a 4xx naming the problem, never a 5xx.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz/fuzz_site.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lede::fuzz::DemoSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lede;
  static app::App& site = fuzz::DemoSite();
  http::Request request;
  request.method = size % 2 ? http::Method::kPost : http::Method::kPatch;
  request.path = request.target = size % 2 ? "/api/v1/admin/articles" : "/api/v1/admin/articles/1";
  request.headers = {{"Host", "localhost"},
                     {"Content-Type", "application/json"},
                     {"Authorization", fuzz::EditorAuthorization()}};
  request.body.assign(reinterpret_cast<const char*>(data), size);
  request.remote_address = "192.0.2.1";
  const http::Response response = site.router().Dispatch(request);
  if (response.status >= 500) {
    std::fprintf(stderr, "%d: %s\n", response.status, std::string(response.Body()).c_str());
    __builtin_trap();
  }
  return 0;
}
