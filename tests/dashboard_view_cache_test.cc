// The view cache: its bounds and drops in isolation, then over loopback
// HTTP that a cached page never outlives a commit from another connection.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>
#include <vector>

#include "dashboard/auth.h"
#include "dashboard/view_cache.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

std::shared_ptr<const CachedView> View(std::string body) {
  return std::make_shared<const CachedView>(CachedView{std::move(body), "", {{"X-A", "1"}}});
}

TEST(ViewCacheTest, ServesUntilTheVersionMovesOrTheEntryAges) {
  ViewCache cache(10, 1 << 20, 30);
  int64_t epoch = cache.Observe(7);
  EXPECT_EQ(cache.clears(), 1);
  cache.Put("k", View("body"), 100, epoch);
  auto hit = cache.Get("k", 110);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "body");
  EXPECT_EQ(hit->headers.at(0).first, "X-A");
  EXPECT_FALSE(cache.Get("k", 130));  // 30 s old: gone
  EXPECT_EQ(cache.size(), 0u);

  cache.Put("k", View("body"), 200, epoch);
  EXPECT_EQ(cache.Observe(7), epoch);  // same version: kept
  EXPECT_TRUE(cache.Get("k", 201));
  const int64_t next = cache.Observe(8);  // moved: dropped
  EXPECT_NE(next, epoch);
  EXPECT_FALSE(cache.Get("k", 201));
  cache.Put("k", View("new"), 202, next);
  EXPECT_TRUE(cache.Get("k", 203));
  EXPECT_NE(cache.Observe(7), next);  // any other version, even an older one
  EXPECT_FALSE(cache.Get("k", 203));
}

TEST(ViewCacheTest, ARenderThatStartedBeforeADropIsNotStored) {
  ViewCache cache(10, 1 << 20, 30);
  const int64_t epoch = cache.Observe(1);
  cache.Observe(2);  // someone committed while the render ran
  cache.Put("k", View("old data"), 0, epoch);
  EXPECT_FALSE(cache.Get("k", 1));
}

// One renderer per key: the others wait for its value and none of them
// renders too.
TEST(ViewCacheTest, OneRendersTheOthersWaitForItsValue) {
  ViewCache cache(10, 1 << 20, 30);
  const int64_t e = cache.Observe(1);
  ASSERT_TRUE(cache.Find("k", 0, std::chrono::seconds(5)).leader);
  EXPECT_TRUE(cache.Find("other", 0, std::chrono::seconds(5)).leader);  // keys fly apart
  std::vector<ViewCache::Found> found(4);
  std::vector<std::thread> waiters;
  for (auto& f : found) {
    waiters.emplace_back([&cache, &f] { f = cache.Find("k", 0, std::chrono::seconds(5)); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  cache.Put("k", View("rendered once"), 0, e);
  cache.Done("k");
  for (auto& t : waiters) t.join();
  for (const auto& f : found) {
    EXPECT_FALSE(f.leader);
    ASSERT_TRUE(f.hit);
    EXPECT_EQ(f.hit->body, "rendered once");
  }
  // Once done, the key has no flight: a miss makes a new leader.
  cache.Observe(2);
  EXPECT_TRUE(cache.Find("k", 0, std::chrono::seconds(5)).leader);
}

// A leader that stores nothing (an error page, a drop) or never finishes
// does not hold the others up: they render themselves, and lead nothing.
TEST(ViewCacheTest, WaitersRenderThemselvesWhenTheLeaderStoresNothingOrStalls) {
  ViewCache cache(10, 1 << 20, 30);
  cache.Observe(1);
  ASSERT_TRUE(cache.Find("k", 0, std::chrono::seconds(5)).leader);
  ViewCache::Found waited;
  std::thread waiter([&] { waited = cache.Find("k", 0, std::chrono::seconds(5)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  cache.Done("k");
  waiter.join();
  EXPECT_FALSE(waited.leader);
  EXPECT_FALSE(waited.hit);

  ASSERT_TRUE(cache.Find("stuck", 0, std::chrono::seconds(5)).leader);
  const auto start = std::chrono::steady_clock::now();
  const ViewCache::Found late = cache.Find("stuck", 0, std::chrono::milliseconds(30));
  EXPECT_FALSE(late.leader);
  EXPECT_FALSE(late.hit);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(30));
}

TEST(ViewCacheTest, BoundedByEntriesAndBytesLeastRecentFirst) {
  ViewCache cache(2, 1000, 30);
  const int64_t e = cache.Observe(1);
  cache.Put("a", View("1"), 0, e);
  cache.Put("b", View("2"), 0, e);
  ASSERT_TRUE(cache.Get("a", 1));  // a is now the most recent
  cache.Put("c", View("3"), 0, e);
  EXPECT_TRUE(cache.Get("a", 1));
  EXPECT_FALSE(cache.Get("b", 1));
  EXPECT_TRUE(cache.Get("c", 1));
  cache.Put("big", View(std::string(200, 'x')), 0, e);  // over a tenth of the bytes
  EXPECT_FALSE(cache.Get("big", 1));
  ViewCache small(100, 200, 30);
  const int64_t f = small.Observe(1);
  // Each entry costs 3 (key) + 13 (body) + 4 (header) = 20 bytes.
  for (int i = 10; i < 30; ++i) {
    small.Put("k" + std::to_string(i), View(std::string(13, 'y')), 0, f);
  }
  EXPECT_EQ(small.size(), 10u);  // 200 bytes hold ten
  EXPECT_TRUE(small.Get("k29", 1));
  EXPECT_TRUE(small.Get("k20", 1));
  EXPECT_FALSE(small.Get("k19", 1));
}

class ViewCacheServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok());
    writer_ = std::move(*store);
    ASSERT_TRUE(
        writer_->Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10})
            .ok());
    AddPost("p1", "Jadwal layanan pertama", 1793583600);
    User u;
    u.username = "sari";
    u.role = "trainee";
    u.password_hash = *HashPassword("kata-sandi-sari");
    ASSERT_TRUE(writer_->AddUser(u).ok());
    ASSERT_TRUE(writer_->AssignTrainee("mastodon:kominfo", "sari").ok());
    ASSERT_NO_FATAL_FAILURE(harness_.Start(DashboardHarness::Options(db_)));
    cookie_ = harness_.Login("sari", "kata-sandi-sari");
    ASSERT_FALSE(cookie_.empty());
  }
  void TearDown() override { harness_.Stop(); }

  void AddPost(const std::string& id, const std::string& text, int64_t unix) {
    ASSERT_TRUE(writer_
                    ->Upsert(Post{Platform::kMastodon,
                                  id,
                                  "1",
                                  Timestamp{FormatRfc3339(unix, 420), unix},
                                  text,
                                  std::nullopt,
                                  {},
                                  "id"})
                    .ok());
  }

  std::string Body(const std::string& path) {
    auto res = harness_.Get(path, cookie_);
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? res->body : "";
  }

  TempDir dir_;
  std::string db_, cookie_;
  std::unique_ptr<Store> writer_;
  DashboardHarness harness_;
};

// The collector (here: another connection) commits a post while the home
// page and the posts API are cached: the next answers show it.
TEST_F(ViewCacheServerTest, ACommitFromAnotherConnectionShowsAtOnce) {
  for (const char* path : {"/beranda", "/api/v1/posts"}) {
    const std::string first = Body(path);
    EXPECT_NE(first.find("Jadwal layanan pertama"), std::string::npos) << path;
    EXPECT_EQ(first.find("Pengumuman kedua"), std::string::npos) << path;
  }
  // Several times over, so that the answers come from the cache.
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(Body("/api/v1/posts").find("Pengumuman kedua"), std::string::npos);
  AddPost("p2", "Pengumuman kedua", 1793670000);
  for (int i = 0; i < 8; ++i) {
    EXPECT_NE(Body("/api/v1/posts").find("Pengumuman kedua"), std::string::npos) << i;
    EXPECT_NE(Body("/beranda").find("Pengumuman kedua"), std::string::npos) << i;
  }
}

// A cached answer is the session's own: another user's session does not
// get it, and the language is part of the key.
TEST_F(ViewCacheServerTest, AnswersAreKeptPerSessionAndLanguage) {
  const std::string id = Body("/beranda");
  const std::string en = Body("/beranda?lang=en");
  EXPECT_NE(id, en);
  EXPECT_EQ(Body("/beranda"), id);
  const std::string other = harness_.Login("sari", "kata-sandi-sari");
  ASSERT_FALSE(other.empty());
  auto res = harness_.Get("/beranda", other);
  ASSERT_TRUE(res && res->status == 200);
  // The same data, but the page carries the other session's CSRF token.
  EXPECT_NE(res->body, id);
  EXPECT_NE(res->body.find(DashboardHarness::Csrf(other)), std::string::npos);
}

}  // namespace
}  // namespace tanggap::dashboard
