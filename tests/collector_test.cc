// The collector end to end: real HTTP over loopback to fake platform servers
// that answer from the platforms' real JSON shapes (tests/data/platforms),
// into a real SQLite file; then faults, quotas and secrets.
#include "collector/collector.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include "tests/fake_platform_server.h"
#include "tests/platform_fixtures.h"
#include "tests/test_support.h"

namespace tanggap::collector {
namespace {

using testing::FakePlatformServer;
using testing::TempDir;

constexpr int64_t kNow = 1795996800;  // 2026-11-30T00:00:00Z, the fixtures' "now"
const std::string kFixtures = TANGGAP_SOURCE_DIR "/tests/data/platforms/";

struct Case {
  Platform platform;
  const char* handle;
  const char* path;  // API path prefix after the host (Graph API version)
};

// The handle each basic fixture answers for.
const Case kCases[] = {
    {Platform::kMastodon, "diskominfo", ""},
    {Platform::kBluesky, "diskominfo.pangkalpinangkota.go.id", ""},
    {Platform::kYouTube, "@diskominfopgk", ""},
    {Platform::kFacebook, "104233741234567", "/v19.0"},
    {Platform::kInstagram, "17841463512345678", "/v19.0"},
    {Platform::kX, "diskominfo_pgk", ""},
};

int64_t Count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

std::string Text(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      if (t) out += reinterpret_cast<const char*>(t);
      out += "\n";
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

CollectOptions Options() {
  CollectOptions o;
  o.now = kNow;
  o.backfill_s = 30 * 86400;
  o.http.backoff_base = std::chrono::milliseconds(1);
  o.http.backoff_max = std::chrono::milliseconds(5);
  o.http.total_timeout = std::chrono::milliseconds(5000);
  return o;
}

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    for (const Case& c : kCases) {
      setenv(Secrets::EnvName(c.platform, c.handle).c_str(), "SECRET-TOKEN-123", 1);
    }
  }
  void Register(Platform p, const std::string& handle, const std::string& base) {
    RegisteredAccount r;
    r.platform = p;
    r.handle = handle;
    r.agency = "Diskominfo";
    r.base_url = base;
    auto id = store_->AddRegisteredAccount(r);
    ASSERT_TRUE(id.ok()) << id.status().message();
  }
  std::vector<AccountRunReport> Run(const CollectOptions& o = Options()) {
    auto secrets = Secrets::Load("");
    EXPECT_TRUE(secrets.ok());
    auto reports = Collect(store_.get(), *secrets, o);
    EXPECT_TRUE(reports.ok()) << reports.status().message();
    return reports.ok() ? *reports : std::vector<AccountRunReport>{};
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
};

// Every platform: the run over HTTP stores exactly what the adapter reads
// from the same fixtures offline, a second run adds nothing, and the token
// reaches the server without reaching the database.
TEST_F(CollectorTest, EveryPlatformOverLoopbackStoresItsFixturesOnceAndKeepsTheCheckpoint) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(PlatformName(c.platform)));
    const std::string dir = kFixtures + std::string(PlatformName(c.platform)) + "/basic";
    FakePlatformServer server(dir);
    TempDir scratch;
    auto store = Store::Open(scratch.File("p.db"));
    ASSERT_TRUE(store.ok());
    RegisteredAccount r;
    r.platform = c.platform;
    r.handle = c.handle;
    r.agency = "Diskominfo";
    r.base_url = server.base() + c.path;
    ASSERT_TRUE((*store)->AddRegisteredAccount(r).ok());

    // What the adapter reads offline from the same fixtures.
    RunWindow window;
    window.now = kNow;
    window.backfill_s = 30 * 86400;
    auto adapter = MakeAdapter(
        AccountConfig{c.platform, c.handle, "Diskominfo", server.base() + c.path, ""}, window);
    ASSERT_NE(adapter, nullptr);
    auto offline = testing::RunOffline(*adapter, testing::LoadRoutes(dir), server.base());
    ASSERT_TRUE(offline.unmatched.empty()) << offline.unmatched[0];
    std::set<std::string> posts, replies;
    for (const Record& rec : offline.records) {
      if (auto* p = std::get_if<Post>(&rec)) posts.insert(p->id);
      if (auto* p = std::get_if<Reply>(&rec)) replies.insert(p->id);
    }
    ASSERT_FALSE(posts.empty());
    ASSERT_FALSE(replies.empty());

    auto secrets = Secrets::Load("");
    auto first = Collect(store->get(), *secrets, Options());
    ASSERT_TRUE(first.ok()) << first.status().message();
    ASSERT_EQ(first->size(), 1u);
    EXPECT_EQ((*first)[0].status, "ok") << (*first)[0].error;
    EXPECT_EQ((*first)[0].posts_new, static_cast<int64_t>(posts.size()));
    EXPECT_EQ((*first)[0].replies_new, static_cast<int64_t>(replies.size()));
    const std::string db = scratch.File("p.db");
    EXPECT_EQ(Count(db, "SELECT count(*) FROM posts"), static_cast<int64_t>(posts.size()));
    EXPECT_EQ(Count(db, "SELECT count(*) FROM replies"), static_cast<int64_t>(replies.size()));
    EXPECT_GT(Count(db, "SELECT count(*) FROM replies WHERE is_agency = 1"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM collector_checkpoints"), 1);

    auto second = Collect(store->get(), *secrets, Options());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ((*second)[0].status, "ok") << (*second)[0].error;
    EXPECT_EQ((*second)[0].posts_new, 0);
    EXPECT_EQ((*second)[0].replies_new, 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM posts"), static_cast<int64_t>(posts.size()));
    EXPECT_EQ(Count(db, "SELECT count(*) FROM collector_runs"), 2);

    // Platforms that need a token got it; none of it is in the database.
    bool token_sent = false;
    for (const auto& seen : server.seen()) {
      token_sent |= seen.authorization.find("SECRET-TOKEN-123") != std::string::npos ||
                    seen.query.find("SECRET-TOKEN-123") != std::string::npos;
    }
    if (c.platform != Platform::kBluesky) {
      EXPECT_TRUE(token_sent);
    }
    EXPECT_EQ(Text(db, "SELECT coalesce(error, '') || warnings FROM collector_runs")
                  .find("SECRET-TOKEN-123"),
              std::string::npos);
  }
}

TEST_F(CollectorTest, ServerErrorsAreRetriedAndTheRunCompletes) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  server.Inject({"/api/v1/accounts/112034991644362557/statuses", 503, {}, "{}", 2});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "ok") << reports[0].error;
  EXPECT_GE(reports[0].retries, 2);
  EXPECT_GT(reports[0].posts_new, 0);
}

TEST_F(CollectorTest, ASpentQuotaStopsOnlyThatAccount) {
  FakePlatformServer mastodon(kFixtures + "mastodon/basic");
  FakePlatformServer bluesky(kFixtures + "bluesky/basic");
  // Retry-After far beyond max_wait: the quota is spent for this run.
  mastodon.Inject({"/api/v1/accounts", 429, {{"Retry-After", "86400"}}, "{}", 100});
  Register(Platform::kMastodon, "diskominfo", mastodon.base());
  Register(Platform::kBluesky, "diskominfo.pangkalpinangkota.go.id", bluesky.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 2u);
  std::map<std::string, AccountRunReport> by;
  for (const auto& r : reports) by[r.account] = r;
  EXPECT_EQ(by["mastodon:diskominfo"].status, "rate_limited");
  EXPECT_EQ(by["bluesky:diskominfo.pangkalpinangkota.go.id"].status, "ok");
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_runs WHERE status = 'rate_limited'"), 1);
  // The stopped account's checkpoint did not move: next run covers it all.
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_checkpoints"), 1);
}

TEST_F(CollectorTest, AnUnreadablePageKeepsWhatWasReadButNotTheCheckpoint) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  server.Inject({"/api/v1/statuses/", 200, {}, "[{\"id\": \"1\", \"content\": ", 1});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "partial");
  EXPECT_FALSE(reports[0].warnings.empty());
  EXPECT_GT(Count(db_, "SELECT count(*) FROM posts"), 0);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_checkpoints"), 0);
  // The next run, with the page healthy again, completes and checkpoints.
  reports = Run();
  EXPECT_EQ(reports[0].status, "ok") << reports[0].error;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_checkpoints"), 1);
}

TEST_F(CollectorTest, MissingTokenFailsClearlyAndNamesTheVariable) {
  FakePlatformServer server(kFixtures + "x/basic");
  Register(Platform::kX, "someone_else", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "failed");
  EXPECT_NE(reports[0].error.find("TANGGAP_TOKEN_X_SOMEONE_ELSE"), std::string::npos);
  EXPECT_TRUE(server.seen().empty());
}

TEST_F(CollectorTest, ErrorMessagesNeverCarryTheToken) {
  FakePlatformServer server(kFixtures + "facebook/basic");
  server.Inject({"/", 500, {}, "{}", 1000});
  Register(Platform::kFacebook, "104233741234567", server.base() + "/v19.0");
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "failed");
  ASSERT_FALSE(reports[0].error.empty());
  EXPECT_EQ(reports[0].error.find("SECRET-TOKEN-123"), std::string::npos) << reports[0].error;
  ASSERT_FALSE(server.seen().empty());
  EXPECT_NE(server.seen()[0].query.find("access_token=SECRET-TOKEN-123"), std::string::npos);
  EXPECT_EQ(Text(db_, "SELECT error FROM collector_runs").find("SECRET"), std::string::npos);
}

// The faults the collector must survive, each against the fake Mastodon.
constexpr char kStatuses[] = "/api/v1/accounts/112034991644362557/statuses";

TEST_F(CollectorTest, TooManyRequestsWithAShortRetryAfterIsWaitedOut) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  server.Inject({kStatuses, 429, {{"Retry-After", "1"}}, "{\"error\":\"Too many requests\"}", 1});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "ok") << reports[0].error;
  EXPECT_GE(reports[0].rate_limit_waits, 1);
  EXPECT_GT(reports[0].posts_new, 0);
}

TEST_F(CollectorTest, AConnectionResetMidBodyAndAHangingAnswerAreRetried) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  using Fault = FakePlatformServer::Fault;
  server.Inject({kStatuses, 200, {}, std::string(4000, ' '), 1, Fault::kReset});
  server.Inject({"/api/v1/statuses/", 200, {}, std::string(100, ' '), 1, Fault::kHang});
  Register(Platform::kMastodon, "diskominfo", server.base());
  CollectOptions o = Options();
  o.http.total_timeout = std::chrono::milliseconds(700);
  auto reports = Run(o);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "ok") << reports[0].error;
  EXPECT_GE(reports[0].retries, 2);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_checkpoints"), 1);
}

TEST_F(CollectorTest, ValidJsonOfTheWrongShapeIsReportedNotStored) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  server.Inject({kStatuses, 200, {}, "{\"statuses\": 3}", 1});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "partial");
  ASSERT_FALSE(reports[0].warnings.empty());
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM posts"), 0);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_checkpoints"), 0);
}

TEST_F(CollectorTest, AnEmptyPageWithANextLinkEndsPaging) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  server.Inject({kStatuses,
                 200,
                 {{"Link", "<" + server.base() + kStatuses + "?limit=40&max_id=1>; rel=\"next\""}},
                 "[]",
                 1});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, "ok") << reports[0].error;
  EXPECT_LE(reports[0].requests, 3);  // profile, the empty page, at most one more
}

TEST_F(CollectorTest, ACursorThatLoopsBackIsFetchedOnceAndDuplicatesAreStoredOnce) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  const std::string first_page = testing::ReadFile(kFixtures + "mastodon/basic/statuses_1.json");
  // Every statuses page is page 1 again, and points at itself.
  const std::string self =
      "<" + server.base() + kStatuses + "?limit=40&exclude_reblogs=true>; rel=\"next\"";
  server.Inject({kStatuses, 200, {{"Link", self}}, first_page, 100});
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(reports[0].status, "failed") << reports[0].error;
  bool loop_seen = false;
  for (const auto& w : reports[0].warnings) loop_seen |= w.find("loops back") != std::string::npos;
  EXPECT_TRUE(loop_seen);
  int statuses_requests = 0;
  for (const auto& seen : server.seen()) statuses_requests += seen.path == kStatuses;
  EXPECT_EQ(statuses_requests, 1);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM posts"),
            Count(db_, "SELECT count(DISTINCT platform_id) FROM posts"));
}

TEST_F(CollectorTest, APostDeletedBetweenRunsKeepsItsDataAndWarns) {
  FakePlatformServer server(kFixtures + "mastodon/basic");
  Register(Platform::kMastodon, "diskominfo", server.base());
  auto first = Run();
  ASSERT_EQ(first[0].status, "ok") << first[0].error;
  const int64_t replies = Count(db_, "SELECT count(*) FROM replies");
  server.Inject({"/api/v1/statuses/117691593858756161/context",
                 404,
                 {},
                 "{\"error\":\"Record not found\"}",
                 1});
  auto second = Run();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second[0].status, "failed") << second[0].error;
  EXPECT_FALSE(second[0].warnings.empty());
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM replies"), replies);  // nothing lost
}

TEST_F(CollectorTest, ARejectedTokenFailsThatAccountOnlyAndSaysWhatToDo) {
  FakePlatformServer mastodon(kFixtures + "mastodon/basic");
  FakePlatformServer bluesky(kFixtures + "bluesky/basic");
  mastodon.Inject({"/", 401, {}, "{\"error\":\"The access token is invalid\"}", 100});
  Register(Platform::kMastodon, "diskominfo", mastodon.base());
  Register(Platform::kBluesky, "diskominfo.pangkalpinangkota.go.id", bluesky.base());
  auto reports = Run();
  ASSERT_EQ(reports.size(), 2u);
  for (const auto& r : reports) {
    if (r.account == "mastodon:diskominfo") {
      EXPECT_EQ(r.status, "failed");
      EXPECT_NE(r.error.find("token rejected"), std::string::npos) << r.error;
      EXPECT_EQ(r.requests, 1);  // no hammering with a dead token
    } else {
      EXPECT_EQ(r.status, "ok") << r.error;
    }
  }
  EXPECT_NE(Text(db_, "SELECT error FROM collector_runs WHERE status = 'failed'").find("HTTP 401"),
            std::string::npos);
}

// `tanggap collect` killed with SIGKILL after one account's run committed
// and while another's was in flight; a restart completes both with exactly
// the records an uninterrupted run stores.
TEST_F(CollectorTest, CollectKilledMidRunResumesWithoutGapsOrDuplicates) {
  FakePlatformServer mastodon(kFixtures + "mastodon/basic");
  FakePlatformServer bluesky(kFixtures + "bluesky/basic");
  bluesky.set_latency_ms(150);  // keeps the second account in flight
  // The reference: the same two accounts collected without interruption.
  Register(Platform::kMastodon, "diskominfo", mastodon.base());
  Register(Platform::kBluesky, "diskominfo.pangkalpinangkota.go.id", bluesky.base());
  CollectOptions serial = Options();
  serial.now = 0;  // the CLI uses the real clock and the default backfill
  serial.backfill_s = CollectOptions().backfill_s;
  serial.workers = 1;
  for (const auto& r : Run(serial)) ASSERT_EQ(r.status, "ok") << r.account << ": " << r.error;
  const int64_t posts = Count(db_, "SELECT count(*) FROM posts");
  const int64_t replies = Count(db_, "SELECT count(*) FROM replies");

  const std::string db = dir_.File("killed.db");
  {
    auto store = Store::Open(db);
    ASSERT_TRUE(store.ok());
    for (auto [p, h, base] :
         {std::tuple{Platform::kMastodon, "diskominfo", mastodon.base()},
          std::tuple{Platform::kBluesky, "diskominfo.pangkalpinangkota.go.id", bluesky.base()}}) {
      RegisteredAccount r;
      r.platform = p;
      r.handle = h;
      r.agency = "Diskominfo";
      r.base_url = base;
      ASSERT_TRUE((*store)->AddRegisteredAccount(r).ok());
    }
  }
  auto collect = [&]() {
    pid_t pid = fork();
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      setenv("TANGGAP_RULES", TANGGAP_SOURCE_DIR "/rules/id-pemerintah", 1);
      execl(TANGGAP_BINARY, "tanggap", "--db", db.c_str(), "collect", "--once",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  };
  pid_t pid = collect();
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         Count(db, "SELECT count(*) FROM collector_runs") < 1) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "collect finished before it could be killed";
  EXPECT_EQ(Count(db, "SELECT count(*) FROM collector_runs"), 1);  // one account committed
  EXPECT_LT(Count(db, "SELECT count(*) FROM posts"), posts);

  pid = collect();
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM posts"), posts);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM replies"), replies);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM (SELECT DISTINCT platform, platform_id FROM posts)"),
            posts);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM collector_checkpoints"), 2);
}

TEST(SecretsTest, FileMustBePrivateAndTokensComeFromEnvFirst) {
  TempDir dir;
  const std::string path = dir.File("secrets.yml");
  testing::WriteFile(path, "tokens:\n  \"mastodon:dinkes\": \"from-file\"\n");
  ::chmod(path.c_str(), 0644);
  auto open = Secrets::Load(path);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  ::chmod(path.c_str(), 0600);
  auto secrets = Secrets::Load(path);
  ASSERT_TRUE(secrets.ok()) << secrets.status().message();
  EXPECT_EQ(secrets->Token(Platform::kMastodon, "dinkes").value_or(""), "from-file");
  EXPECT_EQ(secrets->Source(Platform::kMastodon, "dinkes"), "file");
  setenv("TANGGAP_TOKEN_MASTODON_DINKES", "from-env", 1);
  EXPECT_EQ(secrets->Token(Platform::kMastodon, "dinkes").value_or(""), "from-env");
  unsetenv("TANGGAP_TOKEN_MASTODON_DINKES");
  EXPECT_FALSE(secrets->Token(Platform::kX, "nobody"));
  EXPECT_EQ(Secrets::EnvName(Platform::kBluesky, "dinkes.example.id"),
            "TANGGAP_TOKEN_BLUESKY_DINKES_EXAMPLE_ID");
  testing::WriteFile(path, "tokens: [oops");
  ::chmod(path.c_str(), 0600);
  auto bad = Secrets::Load(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().find("oops"), std::string::npos);  // never echo the file
}

}  // namespace
}  // namespace tanggap::collector
