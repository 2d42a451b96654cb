// Serving: gzip of pages, API and assets (and never brotli), the access
// log's fields, session touches at most once a minute with idle expiry
// intact, the store reads behind the home page, and `tanggap serve`
// stopping cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>

#include "dashboard/app.h"
#include "dashboard/auth.h"
#include "dashboard/server.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

// Keeps what the dashboard logs; workers write while a test reads.
class CaptureSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    text_.append(line.data(), line.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

// Tees the dashboard's logger into a CaptureSink before any server starts,
// so the access log can be read back.
CaptureSink* Captured() {
  static CaptureSink* sink = [] {
    auto s = std::make_shared<CaptureSink>();
    Log()->sinks().push_back(s);
    Log()->set_level(spdlog::level::info);
    return s.get();
  }();
  return sink;
}
class LogCapture : public ::testing::Environment {
 public:
  void SetUp() override { Captured(); }
};
const auto* const kLogCapture = ::testing::AddGlobalTestEnvironment(new LogCapture);

std::string Gunzip(const std::string& data) {
  std::string out;
  httplib::detail::gzip_decompressor gz;
  if (!gz.is_valid() || !gz.decompress(data.data(), data.size(), [&](const char* p, size_t n) {
        out.append(p, n);
        return true;
      })) {
    return "<not gzip>";
  }
  return out;
}

int64_t UnixNow() { return static_cast<int64_t>(std::time(nullptr)); }

class ServingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    {
      auto store = Store::Open(db_);
      ASSERT_TRUE(store.ok());
      Store& s = **store;
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
      // Enough text that every page and answer is worth compressing.
      for (int i = 0; i < 30; ++i) {
        const int64_t t = 1793583600 + i * 3600;
        ASSERT_TRUE(s.Upsert(Post{Platform::kMastodon,
                                  "p" + std::to_string(i),
                                  "1",
                                  Timestamp{"2026-11-02T08:00:00+07:00", t},
                                  "Jadwal layanan KTP-el di kelurahan nomor " + std::to_string(i),
                                  std::nullopt,
                                  {},
                                  "id"})
                        .ok());
      }
      User u;
      u.username = "sari";
      u.role = "trainee";
      u.password_hash = *HashPassword("kata-sandi-sari");
      auto id = s.AddUser(u);
      ASSERT_TRUE(id.ok());
      user_id_ = *id;
      ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
    }
    ServerOptions o = DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
    cookie_ = Login();
    ASSERT_FALSE(cookie_.empty());
  }
  void TearDown() override { harness_.Stop(); }

  std::string Login() { return harness_.Login("sari", "kata-sandi-sari"); }
  // A GET as the browser sends it; the body comes back as sent (still
  // compressed), so the test sees the bytes on the wire.
  httplib::Result Get(const std::string& path, const std::string& accept_encoding,
                      httplib::Headers headers = {}) {
    httplib::Client c = harness_.Client();
    c.set_decompress(false);
    headers.emplace("Cookie", cookie_);
    if (!accept_encoding.empty()) headers.emplace("Accept-Encoding", accept_encoding);
    return c.Get(path, headers);
  }
  // Runs SQL on the database from outside the server.
  int64_t Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    int64_t value = -1;
    if (sqlite3_open(db_.c_str(), &db) == SQLITE_OK) {
      sqlite3_busy_timeout(db, 5000);
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
  }

  TempDir dir_;
  std::string db_;
  int64_t user_id_ = 0;
  DashboardHarness harness_;
  std::string cookie_;
};

TEST_F(ServingTest, PagesAndTheApiAreGzippedWhenTheClientAcceptsIt) {
  for (const char* path : {"/beranda", "/api/v1/posts"}) {
    SCOPED_TRACE(path);
    auto plain = Get(path, "identity");
    ASSERT_TRUE(plain);
    ASSERT_EQ(plain->status, 200);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    EXPECT_NE(plain->body.find("kelurahan nomor 29"), std::string::npos);
    auto gz = Get(path, "gzip, deflate, br");
    ASSERT_TRUE(gz);
    ASSERT_EQ(gz->status, 200);
    EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(gz->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_EQ(gz->get_header_value("Content-Length"), std::to_string(gz->body.size()));
    EXPECT_LT(gz->body.size(), plain->body.size());
    EXPECT_EQ(Gunzip(gz->body), plain->body);
    // Again, from the view cache (which keeps the gzip): the same bytes,
    // and each header once, not once from the cache and once anew.
    for (const char* accept : {"gzip", "identity", "gzip"}) {
      SCOPED_TRACE(accept);
      auto again = Get(path, accept);
      ASSERT_TRUE(again);
      ASSERT_EQ(again->status, 200);
      const bool gzipped = std::string_view(accept) == "gzip";
      EXPECT_EQ(again->get_header_value("Content-Encoding"), gzipped ? "gzip" : "");
      EXPECT_EQ(gzipped ? Gunzip(again->body) : again->body, plain->body);
      for (const char* name : {"Content-Security-Policy", "Content-Type", "Cache-Control",
                               "Content-Encoding", "Vary", "X-Frame-Options"}) {
        EXPECT_LE(again->get_header_value_count(name), 1u) << name;
      }
      EXPECT_EQ(again->get_header_value_count("Content-Security-Policy"), 1u);
    }
  }
}

TEST_F(ServingTest, BrotliAndRefusedGzipGetTheBodyAsItIs) {
  // httplib on its own would answer "br" with brotli at its slowest setting.
  for (const char* accept : {"br", "gzip;q=0, br", "identity"}) {
    SCOPED_TRACE(accept);
    auto res = Get("/beranda", accept);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_FALSE(res->has_header("Content-Encoding"));
    EXPECT_NE(res->body.find("kelurahan nomor 29"), std::string::npos);
  }
  auto weighted = Get("/beranda", "br;q=1.0, gzip;q=0.5");
  ASSERT_TRUE(weighted);
  EXPECT_EQ(weighted->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(ServingTest, AssetsComeGzippedWithTheirOwnTagAndRevalidate) {
  auto plain = Get("/static/app.css", "identity");
  auto gz = Get("/static/app.css", "gzip");
  ASSERT_TRUE(plain && gz);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(Gunzip(gz->body), plain->body);
  EXPECT_EQ(gz->get_header_value("Cache-Control"), "public, max-age=3600");
  const std::string tag = plain->get_header_value("ETag"), gz_tag = gz->get_header_value("ETag");
  EXPECT_FALSE(tag.empty());
  EXPECT_NE(tag, gz_tag);
  auto again = Get("/static/app.css", "gzip", {{"If-None-Match", gz_tag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto stale = Get("/static/app.css", "gzip", {{"If-None-Match", tag}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
}

TEST_F(ServingTest, TheAccessLogHasTheFieldsAndNeverTheQuery) {
  ASSERT_TRUE(Get("/beranda?token=rahasia-sekali", "gzip"));
  ASSERT_TRUE(Get("/healthz", ""));
  // The logger runs after the answer is sent, on the worker that sent it:
  // give both a moment (under load the second can log before the first).
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text = Captured()->Text();
    if (text.find("path=/healthz") != std::string::npos &&
        text.find("path=/beranda") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string user = "user=" + std::to_string(user_id_);
  size_t home = text.find("access method=GET path=/beranda status=200 bytes=");
  ASSERT_NE(home, std::string::npos) << text;
  const std::string line = text.substr(home, text.find('\n', home) - home);
  EXPECT_NE(line.find(" ms="), std::string::npos) << line;
  EXPECT_NE(line.find(user), std::string::npos) << line;
  EXPECT_EQ(text.find("rahasia"), std::string::npos);
  size_t health = text.find("access method=GET path=/healthz status=200 bytes=3 ");
  ASSERT_NE(health, std::string::npos) << text;
  EXPECT_NE(text.find("user=0", health), std::string::npos);
}

TEST_F(ServingTest, SessionsAreTouchedAtMostOnceAMinuteAndStillExpireWhenIdle) {
  // Seen 30 s ago: the request reads only, last_seen stays.
  const int64_t recent = UnixNow() - 30;
  Sql("UPDATE sessions SET last_seen_unix = " + std::to_string(recent));
  auto res = Get("/beranda", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Sql("SELECT last_seen_unix FROM sessions"), recent);
  // Seen 10 minutes ago: still valid (idle limit 30 min), and touched.
  Sql("UPDATE sessions SET last_seen_unix = " + std::to_string(UnixNow() - 600));
  const int64_t before = UnixNow();
  res = Get("/beranda", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_GE(Sql("SELECT last_seen_unix FROM sessions"), before);
  // Idle for longer than 30 minutes: logged out, page and API alike.
  const int64_t idle = UnixNow() - 31 * 60;
  Sql("UPDATE sessions SET last_seen_unix = " + std::to_string(idle));
  res = Get("/beranda", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 302);
  EXPECT_EQ(res->get_header_value("Location"), "/login");
  res = Get("/api/v1/posts", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(Sql("SELECT last_seen_unix FROM sessions"), idle);  // an expired one is not revived
}

// The store reads behind the home page, on a store of its own.
TEST(ServingStoreTest, LatestPostsMergesAccountsNewestFirst) {
  TempDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(s.Upsert(Account{Platform::kMastodon, "1", "a", "A", "Diskominfo", 1}).ok());
  ASSERT_TRUE(s.Upsert(Account{Platform::kX, "2", "b", "B", "Diskominfo", 1}).ok());
  // Account 1 posts at even hours, account 2 at odd ones.
  for (int i = 0; i < 10; ++i) {
    const int64_t t = 1793583600 + i * 3600;
    ASSERT_TRUE(s.Upsert(Post{i % 2 ? Platform::kX : Platform::kMastodon,
                              "p" + std::to_string(i),
                              i % 2 ? "2" : "1",
                              Timestamp{"t" + std::to_string(i), t},
                              "teks " + std::to_string(i),
                              std::nullopt,
                              {},
                              "id"})
                    .ok());
  }
  auto posts = s.LatestPosts({1, 2}, 5);
  ASSERT_TRUE(posts.ok());
  ASSERT_EQ(posts->size(), 5u);
  const char* expected[] = {"teks 9", "teks 8", "teks 7", "teks 6", "teks 5"};
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*posts)[i].text, expected[i]);
  EXPECT_EQ((*posts)[0].account, "x:b");
  EXPECT_EQ((*posts)[1].account, "mastodon:a");
  auto one = s.LatestPosts({1}, 100);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 5u);
  EXPECT_EQ(one->back().text, "teks 0");
  auto none = s.LatestPosts({}, 5);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(ServingStoreTest, SessionUserChecksIdleTimeAndTouchesOnceAMinute) {
  TempDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  User u;
  u.username = "sari";
  u.role = "trainee";
  auto id = s.AddUser(u);
  ASSERT_TRUE(id.ok());
  const int64_t t0 = 1793583600;
  ASSERT_TRUE(s.CreateSession("hash", *id, t0, t0 + 3600).ok());
  // Within the idle window; 59 s later no touch, so 1 s past the window
  // (counted from t0) it is gone.
  auto seen = s.SessionUser("hash", t0 + 59, 100);
  ASSERT_TRUE(seen.ok() && *seen);
  EXPECT_EQ((*seen)->username, "sari");
  auto gone = s.SessionUser("hash", t0 + 101, 100);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(*gone);
  // A use 60 s or more after the last touch touches: the window restarts.
  ASSERT_TRUE(s.SessionUser("hash", t0 + 60, 100).ok());
  auto later = s.SessionUser("hash", t0 + 150, 100);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(*later);
  EXPECT_FALSE(*s.SessionUser("other", t0 + 1, 100));
  EXPECT_FALSE(*s.SessionUser("hash", t0 + 3600, 1000000));  // absolute expiry
}

TEST(ServeCommandTest, SigtermStopsTheServerCleanly) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  ASSERT_TRUE(Store::Open(db).ok());
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(TANGGAP_BINARY, TANGGAP_BINARY, "--db", db.c_str(), "serve", "--rules",
          TANGGAP_SOURCE_DIR "/rules/id-pemerintah", "--listen", "127.0.0.1:0", "--threads", "4",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // "Tanggap dashboard: http://127.0.0.1:PORT/"
  std::string line;
  char ch;
  while (read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
  close(out[0]);
  const size_t colon = line.rfind(':');
  ASSERT_NE(colon, std::string::npos) << line;
  const int port = std::atoi(line.c_str() + colon + 1);
  ASSERT_GT(port, 0) << line;
  httplib::Client c("127.0.0.1", port);
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->body, "ok\n");
  c.stop();
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  pid_t done = 0;
  while ((done = waitpid(pid, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (done == 0) kill(pid, SIGKILL);
  ASSERT_EQ(done, pid) << "still running 20 s after SIGTERM";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace tanggap::dashboard
