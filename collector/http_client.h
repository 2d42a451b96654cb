// The collector's HTTP layer on libcurl: one GET at a time per HttpClient,
// with connection reuse, timeouts, gzip, TLS verification, proxies from the
// environment, retries with backoff, and polite pacing from the platforms'
// rate-limit headers. One HttpClient per worker thread (not thread-safe);
// the fetch loop runs several, at most `max_per_host` per host.
#ifndef TANGGAP_COLLECTOR_HTTP_CLIENT_H_
#define TANGGAP_COLLECTOR_HTTP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collector/adapter.h"
#include "util/status.h"

namespace tanggap::collector {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  // Retries after the first attempt on 5xx, 429, timeouts and connection
  // errors. Backoff is base * 2^attempt with full jitter, capped at max.
  int max_retries = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_max{60'000};
  // A Retry-After or reset header asking for a longer wait than this ends
  // the request with Status::Busy instead of sleeping (the quota is spent
  // for this run).
  std::chrono::milliseconds max_wait{5 * 60'000};
  // When the platform's usage headers say less than this share of the quota
  // remains, wait until the reset before the next request.
  double slow_down_below = 0.10;
  // Bodies larger than this are refused (the response is untrusted).
  size_t max_body_bytes = 32u << 20;
  std::string user_agent = "Tanggap/0.1 (+https://github.com/pemkot-pangkalpinang/tanggap)";
  // TLS verification is on unless a test points at its own plain-http
  // server; there is deliberately no switch to turn it off.
};

// What the rate-limit headers of one response say. Pure data, computed by
// ReadRateLimit; all fields optional because platforms differ.
struct RateLimit {
  std::optional<int64_t> limit;
  std::optional<int64_t> remaining;
  // Seconds until the window resets (converted from epoch seconds where a
  // platform sends an absolute time; needs `now`).
  std::optional<int64_t> reset_after_s;
  // Graph API usage headers: the highest percentage among call_count,
  // total_time, total_cputime (and per-business-use-case entries).
  std::optional<double> usage_percent;
  // Retry-After in seconds (delta form or HTTP date).
  std::optional<int64_t> retry_after_s;
};

// Reads Mastodon X-RateLimit-*, X x-rate-limit-*, IETF RateLimit-* (Bluesky),
// Graph API X-App-Usage / X-Business-Use-Case-Usage / X-Page-Usage, and
// Retry-After. `now` is unix seconds. Never fails: unreadable values are
// ignored.
RateLimit ReadRateLimit(const Response& response, int64_t now);

// How long to wait before the next request to the same host, given the last
// response's limits: zero while plenty remains; until the reset when
// remaining/limit or 100 - usage_percent falls below `slow_down_below`.
std::chrono::milliseconds PacingDelay(const RateLimit& limit, const HttpOptions& options);

// Counters a run reports (collector_runs).
struct HttpStats {
  int64_t requests = 0;  // attempts, retries included
  int64_t retries = 0;
  int64_t rate_limit_waits = 0;
  std::chrono::milliseconds waited{0};
};

class HttpClient {
 public:
  // `sleep` is how the client waits (tests pass one that records instead of
  // sleeping); nullptr means std::this_thread::sleep_for.
  using SleepFn = std::function<void(std::chrono::milliseconds)>;
  explicit HttpClient(HttpOptions options, SleepFn sleep = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `url` with these extra headers ("Name: value"). Returns the final
  // response for 2xx and for 4xx other than 429 (the adapter reads those).
  // Retries 5xx/429/timeouts/connection errors up to max_retries, obeying
  // Retry-After and reset headers; Status::Busy when the platform asks for a
  // longer wait than max_wait or retries run out on 429; Status::IOError for
  // network failures after retries. Error messages never contain secrets:
  // the URL is redacted (url.h) and headers are never echoed.
  Result<Response> Get(const std::string& url, const std::vector<std::string>& headers = {});

  const HttpStats& stats() const { return stats_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  HttpStats stats_;
};

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_HTTP_CLIENT_H_
