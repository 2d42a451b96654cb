#include "jobs/score_posts.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "demo/demo_data.h"
#include "tests/test_support.h"

namespace tanggap {
namespace {

using testing::TempDir;

std::string RulesDir() { return std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah"; }

std::unique_ptr<Store> DemoStore(const TempDir& dir) {
  auto store = Store::Open(dir.File("t.db"));
  EXPECT_TRUE(store.ok());
  DemoOptions options;
  options.scale = 0.05;
  EXPECT_TRUE((*store)->Begin().ok());
  GenerateDemoData(options, [&](const Record& r) { EXPECT_TRUE((*store)->Upsert(r).ok()); });
  EXPECT_TRUE((*store)->Commit().ok());
  return std::move(*store);
}

TEST(ScorePostsTest, ScoresEveryPostOnceAndStoresFindingsWithSpans) {
  TempDir dir;
  auto store = DemoStore(dir);
  auto pack = scorer::RulePack::Load(RulesDir());
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  int64_t posts = store->CountRows()->posts;
  std::vector<std::pair<int64_t, int64_t>> progress;
  auto stats = ScorePosts(store.get(), **pack, {false, 2, 40},
                          [&](int64_t done, int64_t total) { progress.emplace_back(done, total); });
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total, posts);
  EXPECT_EQ(stats->scored + stats->not_scored, posts);
  EXPECT_GT(stats->scored, posts * 9 / 10);
  EXPECT_GT(stats->mean_score, 20);
  EXPECT_LT(stats->mean_score, 98);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(posts, posts));

  // Nothing left to do on a second run.
  auto again = ScorePosts(store.get(), **pack, {false, 2, 40}, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->total, 0);

  // --all rescoring replaces rather than duplicates.
  auto all = ScorePosts(store.get(), **pack, {true, 1, 1000}, nullptr);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, posts);
  EXPECT_DOUBLE_EQ(all->mean_score, stats->mean_score);  // single- and multi-threaded agree

  auto summary = store->SummarizeAgencies();
  ASSERT_TRUE(summary.ok());
  for (const AgencySummary& a : *summary) {
    if (a.posts == 0) continue;
    EXPECT_GT(a.scored_posts, 0) << a.agency;
    EXPECT_GE(a.avg_clarity, 0) << a.agency;
    EXPECT_LE(a.avg_clarity, 100) << a.agency;
  }
}

TEST(ScorePostsTest, AChangedRulePackRescoresEverything) {
  TempDir dir;
  auto store = DemoStore(dir);
  auto pack = scorer::RulePack::Load(RulesDir());
  ASSERT_TRUE(pack.ok());
  ASSERT_TRUE(ScorePosts(store.get(), **pack, {}, nullptr).ok());
  // A trainer edits a file: copy the pack and change pack.yml's version line.
  std::string copy = dir.File("rules");
  std::filesystem::copy(RulesDir(), copy);
  std::string pack_yml = testing::ReadFile(copy + "/pack.yml");
  testing::WriteFile(copy + "/pack.yml", pack_yml + "\n# edited by a trainer\n");
  auto edited = scorer::RulePack::Load(copy);
  ASSERT_TRUE(edited.ok());
  EXPECT_NE((*edited)->version(), (*pack)->version());
  auto rescored = ScorePosts(store.get(), **edited, {}, nullptr);
  ASSERT_TRUE(rescored.ok());
  EXPECT_EQ(rescored->total, store->CountRows()->posts);
}

TEST(ScorePostsTest, JsonCarriesTheDocumentedFields) {
  auto pack = scorer::RulePack::Load(RulesDir());
  ASSERT_TRUE(pack.ok());
  scorer::ScoreResult r =
      (*pack)->Score({"Urus ijin usaha di kantor kecamatan.", std::nullopt, {}});
  std::string json = ScoreResultJson(r, "id");
  for (const char* field :
       {"\"score\":", "\"language\":\"id\"", "\"findings\":[", "\"rule\":", "\"level\":",
        "\"start\":", "\"end\":", "\"char_start\":", "\"char_end\":", "\"text\":\"ijin\"",
        "\"message\":", "\"suggestion\":", "\"stats\":{"}) {
    EXPECT_NE(json.find(field), std::string::npos) << field << " in " << json;
  }
  StoredScore stored = ToStoredScore(7, r);
  EXPECT_EQ(stored.post_row_id, 7);
  ASSERT_EQ(stored.findings.size(), r.findings.size());
  EXPECT_NE(stored.details_json.find("\"breakdown\":["), std::string::npos);
}

}  // namespace
}  // namespace tanggap
