// The collector: for every registered account, plan requests with the
// platform's adapter, fetch them over HTTP, and store what comes back with
// the account's checkpoint, all in one transaction per account run. A crash
// therefore never skips data (the checkpoint only moves with the data) and
// never duplicates it (records are upserts keyed by platform ids).
//
// Accounts run concurrently (one worker thread and one HttpClient each, at
// most `max_per_host` at a time against one host); writes go through the
// single Store under a lock. A spent quota ends only that account's run.
#ifndef TANGGAP_COLLECTOR_COLLECTOR_H_
#define TANGGAP_COLLECTOR_COLLECTOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collector/adapter.h"
#include "collector/http_client.h"
#include "store/store.h"
#include "util/status.h"

namespace tanggap::collector {

// Where tokens come from: the environment first, then a secrets file.
//   env:  TANGGAP_TOKEN_<PLATFORM>_<HANDLE>, upper case, every character
//         that is not A-Z or 0-9 replaced by '_' (TANGGAP_TOKEN_BLUESKY_DISKOMINFO_EXAMPLE_ID)
//   file: YAML `tokens: {"platform:handle": "token", ...}`, mode 0600 or
//         stricter, owned by the current user (refused otherwise).
class Secrets {
 public:
  // An empty path means "environment only". A missing file is not an error
  // (no tokens); a file readable by others is.
  static Result<Secrets> Load(const std::string& path);
  // The token for an account; nullopt when none is configured.
  std::optional<std::string> Token(Platform platform, const std::string& handle) const;
  // "env", "file" or "missing", for `account list` (never the token).
  std::string Source(Platform platform, const std::string& handle) const;
  static std::string EnvName(Platform platform, const std::string& handle);

 private:
  std::map<std::string, std::string> file_tokens_;  // "platform:handle" -> token
};

struct CollectOptions {
  int64_t refresh_s = 14 * 86400;
  int64_t backfill_s = 90 * 86400;
  int max_post_pages = 50;
  int max_reply_pages = 20;
  // Hard cap on requests per account run, whatever the adapter plans.
  int max_requests = 5000;
  int workers = 4;       // accounts collected at once
  int max_per_host = 2;  // of those, at most this many against one host
  HttpOptions http;
  // Only this account ("platform:handle" or handle); empty = all.
  std::string only_account;
  // Clock for the run (unix seconds); 0 = now.
  int64_t now = 0;
};

struct AccountRunReport {
  std::string account;  // "platform:handle"
  std::string status;   // ok | partial | failed | rate_limited
  int64_t requests = 0, retries = 0, rate_limit_waits = 0;
  int64_t posts_new = 0, posts_updated = 0, replies_new = 0, metrics = 0;
  int64_t duration_ms = 0;
  std::vector<std::string> warnings;
  std::string error;  // what went wrong, secrets redacted
};

// Asks the platform for the account's profile only (the adapter's first
// requests) and returns what it says: proves the handle, base URL and token
// work without collecting anything.
Result<Account> TestAccount(const RegisteredAccount& account, const Secrets& secrets,
                            const HttpOptions& http);

// Collects every registered account (or options.only_account). Per-account
// failures are in the reports and in collector_runs, not in the Status; the
// Status fails only when nothing could run (no such account, store error).
// `progress` is called after each account finishes.
Result<std::vector<AccountRunReport>> Collect(
    Store* store, const Secrets& secrets, const CollectOptions& options,
    const std::function<void(const AccountRunReport&)>& progress = nullptr);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_COLLECTOR_H_
