#include "collector/collector.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "collector/url.h"
#include "util/file.h"
#include "util/json_writer.h"

namespace tanggap::collector {
namespace {

// Created once, thread-safely: worker threads log concurrently, and
// spdlog refuses a second logger of the same name.
std::shared_ptr<spdlog::logger> Log() {
  static const std::shared_ptr<spdlog::logger> log = [] {
    if (auto l = spdlog::get("collector")) return l;
    auto l = spdlog::stderr_color_mt("collector");
    l->set_level(spdlog::get_level());
    return l;
  }();
  return log;
}

std::string Key(Platform platform, const std::string& handle) {
  return std::string(PlatformName(platform)) + ":" + handle;
}

// Mastodon and Bluesky serve public accounts without a token; the others
// refuse every unauthenticated call.
bool TokenRequired(Platform p) { return p != Platform::kMastodon && p != Platform::kBluesky; }

std::string HostOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Records in the order the store needs them: an account before its posts,
// a post before its replies and snapshots.
int Rank(const Record& r) { return static_cast<int>(r.index()); }

// At most `limit` workers per host at once.
class HostGate {
 public:
  explicit HostGate(int limit) : limit_(std::max(1, limit)) {}
  void Enter(const std::string& host) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return busy_[host] < limit_; });
    ++busy_[host];
  }
  void Leave(const std::string& host) {
    {
      std::lock_guard lock(mu_);
      --busy_[host];
    }
    cv_.notify_all();
  }

 private:
  int limit_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, int> busy_;
};

struct Fetched {
  std::vector<Record> records;
  std::vector<std::string> warnings;
  std::optional<int64_t> newest_unix;
  std::optional<std::string> newest_id;
  bool complete = true;  // every planned request answered and read
};

constexpr size_t kMaxWarnings = 100;

void Warn(Fetched* f, std::string w) {
  if (f->warnings.size() < kMaxWarnings) f->warnings.push_back(RedactSecrets(w));
}

// Fetches one account's run. Never throws; the report says what happened.
Fetched FetchAccount(const RegisteredAccount& reg, const std::optional<std::string>& token,
                     const CollectOptions& options, int64_t now, AccountRunReport* report) {
  Fetched out;
  AccountConfig config{reg.platform, reg.handle, reg.agency, reg.base_url,
                       reg.platform_id.value_or("")};
  RunWindow window;
  window.now = now;
  window.newest_seen = reg.newest_post_unix;
  window.refresh_s = options.refresh_s;
  window.backfill_s = options.backfill_s;
  window.max_post_pages = options.max_post_pages;
  window.max_reply_pages = options.max_reply_pages;
  std::unique_ptr<Adapter> adapter = MakeAdapter(config, window);
  if (!adapter) {
    report->status = "failed";
    report->error = "no adapter for platform " + std::string(PlatformName(reg.platform));
    out.complete = false;
    return out;
  }
  if (!token && TokenRequired(reg.platform)) {
    report->status = "failed";
    report->error = "no token for " + report->account + ": set " +
                    Secrets::EnvName(reg.platform, reg.handle) +
                    " or add it to the secrets file (tanggap account --help)";
    out.complete = false;
    return out;
  }
  HttpClient http(options.http);
  std::deque<Request> queue;
  for (Request& r : adapter->Start()) queue.push_back(std::move(r));
  int64_t sent = 0;
  // A cursor that leads back to a page already read would loop forever:
  // each URL is fetched once per run.
  std::set<std::string> fetched_urls;
  while (!queue.empty()) {
    if (sent >= options.max_requests) {
      Warn(&out, "stopped after " + std::to_string(sent) +
                     " requests (the per-run cap); the rest follows next run");
      out.complete = false;
      break;
    }
    Request request = std::move(queue.front());
    queue.pop_front();
    if (!fetched_urls.insert(request.url).second) {
      Warn(&out, "skipped " + RedactUrl(request.url) +
                     ": already fetched in this run (a cursor that loops back)");
      continue;
    }
    ++sent;
    std::string url = request.url;
    std::vector<std::string> headers = {"Accept: application/json"};
    if (token) {
      switch (adapter->Auth()) {
        case AuthStyle::kNone:
          break;
        case AuthStyle::kBearerHeader:
          headers.push_back("Authorization: Bearer " + *token);
          break;
        case AuthStyle::kAccessTokenParameter:
          AppendQuery(&url, "access_token", *token);
          break;
        case AuthStyle::kKeyParameter:
          AppendQuery(&url, "key", *token);
          break;
      }
    }
    Log()->debug("{} GET {}", report->account, RedactUrl(url));
    auto response = http.Get(url, headers);
    if (!response.ok()) {
      const bool busy = response.status().code() == Status::Code::kBusy;
      report->status = busy ? "rate_limited" : "failed";
      report->error = RedactSecrets(response.status().message());
      out.complete = false;
      break;
    }
    if (response->status == 401) {
      // A rejected token will not work for the next request either: the
      // account needs an admin, the other accounts go on.
      report->status = "failed";
      report->error = "token rejected (HTTP 401) by " + RedactUrl(request.url) + ": renew it (" +
                      Secrets::EnvName(reg.platform, reg.handle) +
                      " or the secrets file), then `tanggap account test`";
      out.complete = false;
      break;
    }
    auto parsed = adapter->Parse(request, *response);
    if (!parsed.ok()) {
      if (parsed.status().code() == Status::Code::kBusy) {
        report->status = "rate_limited";
        report->error = RedactSecrets(parsed.status().message());
        out.complete = false;
        break;
      }
      // One unreadable answer (a post's comments) spoils only that part.
      Warn(&out, parsed.status().message());
      out.complete = false;
      continue;
    }
    for (Record& r : parsed->records) out.records.push_back(std::move(r));
    for (std::string& w : parsed->warnings) Warn(&out, std::move(w));
    for (Request& f : parsed->follow_ups) queue.push_back(std::move(f));
    if (parsed->newest_post_unix &&
        (!out.newest_unix || *parsed->newest_post_unix > *out.newest_unix)) {
      out.newest_unix = parsed->newest_post_unix;
      out.newest_id = parsed->newest_post_id;
    }
  }
  report->requests = http.stats().requests;
  report->retries = http.stats().retries;
  report->rate_limit_waits = http.stats().rate_limit_waits;
  if (report->status.empty()) report->status = out.complete ? "ok" : "partial";
  if (report->status == "failed" && !out.records.empty()) report->status = "partial";
  return out;
}

// Stores one run's records, checkpoint and log row in one transaction. The
// checkpoint moves only when the run read everything it planned: a partial
// run's records are kept (upserts are idempotent) and the next run covers
// the same window again.
Status StoreRun(Store* store, const RegisteredAccount& reg, Fetched* fetched, int64_t started,
                AccountRunReport* report) {
  std::stable_sort(fetched->records.begin(), fetched->records.end(),
                   [](const Record& a, const Record& b) { return Rank(a) < Rank(b); });
  if (Status s = store->Begin(); !s.ok()) return s;
  auto fail = [&](Status s) {
    store->Rollback();
    return s;
  };
  std::optional<std::string> platform_id;
  int64_t posts_seen = 0, replies_seen = 0;
  for (const Record& r : fetched->records) {
    auto outcome = store->Upsert(r);
    if (!outcome.ok()) {
      // A record the store refuses (a reply to a post it does not know) is
      // reported, not fatal for the rest.
      Warn(fetched, "not stored: " + outcome.status().message());
      continue;
    }
    if (const auto* a = std::get_if<Account>(&r)) platform_id = a->id;
    if (std::holds_alternative<Post>(r)) {
      ++posts_seen;
      report->posts_new += *outcome == UpsertOutcome::kInserted;
      report->posts_updated += *outcome == UpsertOutcome::kUpdated;
    } else if (std::holds_alternative<Reply>(r)) {
      ++replies_seen;
      report->replies_new += *outcome == UpsertOutcome::kInserted;
    } else if (std::holds_alternative<Metrics>(r)) {
      ++report->metrics;
    }
  }
  CollectorRun run;
  run.registered_id = reg.id;
  if (!platform_id) platform_id = reg.platform_id;
  if (platform_id) {
    auto row = store->AccountRowId(reg.platform, *platform_id);
    if (!row.ok()) return fail(row.status());
    run.account_row_id = *row;
  }
  if (report->status == "ok" && run.account_row_id) {
    if (Status s = store->SaveCheckpoint(reg.id, *run.account_row_id, fetched->newest_id,
                                         fetched->newest_unix, started);
        !s.ok()) {
      return fail(s);
    }
  }
  run.started_unix = started;
  run.finished_unix = started + report->duration_ms / 1000;
  run.status = report->status;
  run.requests = report->requests;
  run.retries = report->retries;
  run.rate_limit_waits = report->rate_limit_waits;
  run.posts_seen = posts_seen;
  run.replies_seen = replies_seen;
  run.posts_new = report->posts_new;
  run.posts_updated = report->posts_updated;
  run.replies_new = report->replies_new;
  run.error = report->error;
  run.warnings_json = "[";
  for (size_t i = 0; i < fetched->warnings.size(); ++i) {
    if (i) run.warnings_json.push_back(',');
    AppendJsonString(&run.warnings_json, fetched->warnings[i]);
  }
  run.warnings_json += "]";
  report->warnings = fetched->warnings;
  if (Status s = store->SaveCollectorRun(run); !s.ok()) return fail(s);
  if (Status s = store->Commit(); !s.ok()) return fail(s);
  return Status::Ok();
}

}  // namespace

std::string Secrets::EnvName(Platform platform, const std::string& handle) {
  std::string name = "TANGGAP_TOKEN_" + std::string(PlatformName(platform)) + "_" + handle;
  for (char& c : name) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
  }
  return name;
}

Result<Secrets> Secrets::Load(const std::string& path) {
  Secrets secrets;
  if (path.empty()) return secrets;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return secrets;
    return Status::IOError("cannot read secrets file " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path + " is not a regular file");
  if ((st.st_mode & 077) != 0 || st.st_uid != ::geteuid()) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::InvalidArgument("secrets file " + path + " has mode " + mode +
                                   " or another owner; it must be yours and private: chmod 600 " +
                                   path);
  }
  auto content = ReadSmallFile(path, 1u << 20);
  if (!content.ok()) return content.status();
  try {
    YAML::Node root = YAML::Load(*content);
    if (root.IsNull()) return secrets;
    YAML::Node tokens = root["tokens"];
    if (!root.IsMap() || !tokens || !tokens.IsMap()) {
      return Status::InvalidArgument(path +
                                     ": expected `tokens: {\"platform:handle\": \"token\"}`");
    }
    for (const auto& kv : tokens) {
      if (!kv.second.IsScalar()) {
        return Status::InvalidArgument(path + ":" + std::to_string(kv.second.Mark().line + 1) +
                                       ": a token must be a string");
      }
      secrets.file_tokens_[kv.first.as<std::string>()] = kv.second.Scalar();
    }
  } catch (const YAML::Exception& e) {
    // The message may quote the file; it holds tokens, so say only where.
    return Status::InvalidArgument(path + ":" + std::to_string(e.mark.line + 1) +
                                   ": not valid YAML");
  }
  return secrets;
}

std::optional<std::string> Secrets::Token(Platform platform, const std::string& handle) const {
  if (const char* env = std::getenv(EnvName(platform, handle).c_str()); env && *env) return env;
  auto it = file_tokens_.find(Key(platform, handle));
  if (it != file_tokens_.end() && !it->second.empty()) return it->second;
  return std::nullopt;
}

std::string Secrets::Source(Platform platform, const std::string& handle) const {
  if (const char* env = std::getenv(EnvName(platform, handle).c_str()); env && *env) return "env";
  if (file_tokens_.count(Key(platform, handle))) return "file";
  return "missing";
}

Result<Account> TestAccount(const RegisteredAccount& reg, const Secrets& secrets,
                            const HttpOptions& http) {
  CollectOptions options;
  options.http = http;
  options.max_requests = 1;  // the profile only
  AccountRunReport report;
  report.account = Key(reg.platform, reg.handle);
  Fetched fetched = FetchAccount(reg, secrets.Token(reg.platform, reg.handle), options,
                                 static_cast<int64_t>(std::time(nullptr)), &report);
  for (const Record& r : fetched.records) {
    if (const auto* a = std::get_if<Account>(&r)) return *a;
  }
  if (!report.error.empty()) return Status::IOError(report.account + ": " + report.error);
  std::string why = fetched.warnings.empty() ? "no profile in the answer" : fetched.warnings[0];
  return Status::NotFound(report.account + ": " + why);
}

Result<std::vector<AccountRunReport>> Collect(
    Store* store, const Secrets& secrets, const CollectOptions& options,
    const std::function<void(const AccountRunReport&)>& progress) {
  auto registered = store->RegisteredAccounts();
  if (!registered.ok()) return registered.status();
  std::vector<RegisteredAccount> todo;
  for (RegisteredAccount& a : *registered) {
    if (options.only_account.empty() || options.only_account == a.handle ||
        options.only_account == Key(a.platform, a.handle)) {
      todo.push_back(std::move(a));
    }
  }
  if (todo.empty()) {
    return Status::NotFound(options.only_account.empty()
                                ? "no accounts registered; add one with `tanggap account add`"
                                : "no registered account '" + options.only_account +
                                      "'; see `tanggap account list`");
  }
  const int64_t now = options.now > 0 ? options.now : static_cast<int64_t>(std::time(nullptr));
  std::vector<AccountRunReport> reports(todo.size());
  std::mutex store_mu;
  std::atomic<size_t> next{0};
  HostGate gate(options.max_per_host);
  Status store_error;
  auto worker = [&] {
    for (size_t i = next++; i < todo.size(); i = next++) {
      const RegisteredAccount& reg = todo[i];
      AccountRunReport& report = reports[i];
      report.account = Key(reg.platform, reg.handle);
      const std::string host = HostOf(reg.base_url);
      const auto start = std::chrono::steady_clock::now();
      gate.Enter(host);
      Fetched fetched =
          FetchAccount(reg, secrets.Token(reg.platform, reg.handle), options, now, &report);
      gate.Leave(host);
      report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count();
      {
        std::lock_guard lock(store_mu);
        if (Status s = StoreRun(store, reg, &fetched, now, &report); !s.ok()) {
          report.status = "failed";
          report.error = "could not store the run: " + s.message();
          if (store_error.ok()) store_error = s;
        }
        if (report.status == "ok") {
          Log()->info("{}: {} requests, {} new posts, {} new replies in {} ms", report.account,
                      report.requests, report.posts_new, report.replies_new, report.duration_ms);
        } else {
          Log()->warn("{}: {} ({})", report.account, report.status,
                      !report.error.empty()     ? report.error
                      : report.warnings.empty() ? std::string("no detail")
                                                : report.warnings.front());
        }
        if (progress) progress(report);
      }
    }
  };
  const int workers = std::max(1, std::min<int>(options.workers, static_cast<int>(todo.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return reports;
}

}  // namespace tanggap::collector
