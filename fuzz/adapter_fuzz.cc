// Fuzz target for the platform adapters: the first byte picks the platform,
// the second the HTTP status, the rest is the body. The body answers the
// adapter's first request and then every follow-up it plans (bounded), so
// one input reaches the profile, post-page and reply parsers alike. Parse
// must never crash, loop, or plan unbounded work, whatever the body.
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>

#include "collector/adapter.h"
#include "fuzz/fuzz_checks.h"

namespace {

using tanggap::fuzz::Check;

constexpr long kStatuses[] = {200, 200, 200, 404, 403, 429, 400, 500};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  using namespace tanggap::collector;
  const tanggap::Platform platform =
      tanggap::kAllPlatforms[data[0] % tanggap::kAllPlatforms.size()];
  Response response;
  response.status = kStatuses[data[1] % 8];
  response.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
  response.headers = {{"content-type", "application/json"},
                      {"link", "<http://fuzz.test/next?max_id=1>; rel=\"next\""}};
  AccountConfig account{platform, "diskominfo", "Diskominfo", "http://fuzz.test", ""};
  RunWindow window;
  window.now = 1795996800;
  window.max_post_pages = 3;
  window.max_reply_pages = 3;
  auto adapter = MakeAdapter(account, window);
  Check(adapter != nullptr);
  std::deque<Request> queue;
  for (Request& r : adapter->Start()) queue.push_back(std::move(r));
  Check(!queue.empty());
  for (int steps = 0; steps < 64 && !queue.empty(); ++steps) {
    Request request = std::move(queue.front());
    queue.pop_front();
    Check(request.url.find("://") != std::string::npos);
    auto parsed = adapter->Parse(request, response);
    if (!parsed.ok()) continue;
    // Follow-ups are bounded by the body: no more than a few per byte.
    Check(parsed->follow_ups.size() <= response.body.size() + 8);
    for (Request& f : parsed->follow_ups) queue.push_back(std::move(f));
  }
  return 0;
}
