// Platform adapters: what to ask a platform's API for, and how to read what
// it answers, as pure functions of (request, response). An adapter never does
// I/O itself; the fetch loop (collector.h) sends the requests it plans, with
// the account's token attached the way AuthStyle() says, and feeds each
// response back to Parse. That keeps every platform's quirks testable from a
// recorded JSON file alone.
//
// One Adapter instance serves one account for one run. It may keep state
// between calls (the account's resolved platform id, the run's cutoffs), so
// it is not thread-safe; a run calls it from one thread.
#ifndef TANGGAP_COLLECTOR_ADAPTER_H_
#define TANGGAP_COLLECTOR_ADAPTER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/records.h"
#include "util/status.h"

namespace tanggap::collector {

// What the admin registered (tanggap account add).
struct AccountConfig {
  Platform platform = Platform::kMastodon;
  // As the agency writes it: "@diskominfo@mastodon.example" or "diskominfo"
  // (Mastodon), "diskominfo.example.id" (Bluesky handle or DID), channel id
  // "UC..." or "@handle" (YouTube), page id (Facebook), IG user id
  // (Instagram), username without "@" (X).
  std::string handle;
  std::string agency;
  // Scheme + host (+ optional path prefix), no trailing slash, e.g.
  // "https://mastodon.social", "https://public.api.bsky.app",
  // "https://www.googleapis.com/youtube/v3", "https://graph.facebook.com/v19.0",
  // "https://api.x.com". Tests point it at a loopback server.
  std::string base_url;
  // The platform id when already known from an earlier run; empty otherwise,
  // and the adapter resolves it first.
  std::string platform_id;
};

// The slice of time one run covers. All values are unix seconds.
struct RunWindow {
  int64_t now = 0;  // the run's clock; stamped on every Metrics snapshot
  // Newest post seen by an earlier run; nullopt on the first run.
  std::optional<int64_t> newest_seen;
  // Posts younger than now - refresh_s are re-polled for replies and counts.
  int64_t refresh_s = 14 * 86400;
  // A first run goes back this far.
  int64_t backfill_s = 90 * 86400;
  // Hard bound on post pages per run, whatever the cutoffs say.
  int max_post_pages = 50;
  // Hard bound on reply pages per post.
  int max_reply_pages = 20;

  // Paging posts (newest first) stops at the first post older than this:
  // the refresh window, reaching further back only on a first run.
  int64_t PostCutoff() const {
    int64_t refresh = now - refresh_s;
    if (!newest_seen) return now - backfill_s;
    return *newest_seen < refresh ? *newest_seen : refresh;
  }
  // Replies are fetched for posts at or after this time: on a first run every
  // post collected, later only the refresh window (older threads are closed
  // for responsiveness purposes, see docs/collector.md).
  int64_t ReplyCutoff() const { return newest_seen ? now - refresh_s : now - backfill_s; }
};

struct Request {
  // Absolute URL without credentials: base_url + path + query.
  std::string url;
  // Adapter-private tag saying how to parse the answer, e.g. "posts",
  // "context", "comments". Opaque to the fetch loop.
  std::string tag;
  // The post this request concerns (replies, counts); empty otherwise.
  std::string post_id;
  // Pages of this chain so far (1 for the first page); the adapter uses it
  // to honour RunWindow's page bounds.
  int page = 1;
};

struct Response {
  long status = 0;
  std::string body;
  // Names lower-cased, values trimmed, in arrival order.
  std::vector<std::pair<std::string, std::string>> headers;

  // The first header with this (lower-case) name, or nullopt.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
};

struct Parsed {
  // Account (with followers when known), posts, replies under them (agency
  // replies too: author_id equals the account's id), and one Metrics
  // snapshot per post seen, stamped RunWindow::now.
  std::vector<Record> records;
  // Requests to send next: the next page, the replies of each post in the
  // reply window, deeper reply pages, ...
  std::vector<Request> follow_ups;
  // Things a supervisor should know but that don't stop the run, e.g. X's
  // errors[] beside data, a Bluesky #notFoundPost, a reply without parent.
  std::vector<std::string> warnings;
  // Newest post time seen on this response (for the checkpoint); nullopt
  // when the response held no posts.
  std::optional<int64_t> newest_post_unix;
  std::optional<std::string> newest_post_id;
};

// How the fetch loop attaches the token. Tokens never appear in Request::url.
enum class AuthStyle {
  kNone,                  // public API (Bluesky AppView)
  kBearerHeader,          // Authorization: Bearer <token> (Mastodon, X, Bluesky PDS)
  kAccessTokenParameter,  // ?access_token=<token> (Graph API: Facebook, Instagram)
  kKeyParameter,          // ?key=<token> (YouTube API key)
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual AuthStyle Auth() const = 0;

  // The first requests of a run: resolving the account (profile, followers)
  // which in turn plans the first page of posts.
  virtual std::vector<Request> Start() = 0;

  // Reads one response. The fetch loop retries 5xx and 429 itself, so Parse
  // sees 2xx and the final 4xx. A 4xx the adapter understands (404 of a
  // deleted post) may come back as a warning with no records. When the body
  // says a quota or rate limit is spent (YouTube 403 quotaExceeded, Graph API
  // error codes 4/17/32/613, X 429), the result is Status::Busy, which ends
  // the account's run cleanly as rate-limited. Anything it cannot read is an
  // InvalidArgument/Corruption Status naming the platform, the request tag
  // and what was wrong. Must not crash or loop on any input: bodies are
  // untrusted; every loop over a body is bounded by the body.
  virtual Result<Parsed> Parse(const Request& request, const Response& response) = 0;
};

// A fresh adapter for one account's run.
std::unique_ptr<Adapter> MakeAdapter(const AccountConfig& account, const RunWindow& window);

// The default API base URL of a platform ("https://mastodon.social" for
// Mastodon, whose instances vary: the admin normally gives --base-url).
std::string_view DefaultBaseUrl(Platform platform);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_ADAPTER_H_
