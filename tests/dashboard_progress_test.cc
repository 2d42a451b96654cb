// jobs/training_progress over a hand-built database: the exact
// TraineeFacts of a trainee, the gamification run stored once however often
// it runs, and the cohort figures before vs after a training day.
#include <gtest/gtest.h>

#include <cmath>

#include "dashboard/training_content.h"
#include "jobs/training_progress.h"
#include "store/progress_queries.h"
#include "tests/growth_fixture.h"

namespace tanggap {
namespace {

using growth_test::BuildDatabase;
using growth_test::Count;
using growth_test::Unix;

class ProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    BuildDatabase(db_);
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    auto sari = store_->FindUser("sari");
    ASSERT_TRUE(sari.ok() && sari->has_value());
    sari_ = (*sari)->id;
  }
  static int64_t Day(const std::string& date) { return WibDay(Unix(date + "T00:00:00+07:00")); }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
  int64_t sari_ = 0;
};

TEST_F(ProgressTest, FactsAreExact) {
  const training::Period period{Day("2026-11-01"), Day("2026-11-09")};
  auto facts = LoadTraineeFacts(*store_, sari_, period, Unix("2026-11-09T20:00:00+07:00"));
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->posts.size(), 3u);
  const training::PostFacts& p1 = facts->posts[0];
  EXPECT_EQ(p1.day, Day("2026-11-02"));
  EXPECT_EQ(p1.clarity, 70);  // the newest pack's score, not pack 1's 40
  EXPECT_EQ(p1.kind, "layanan");
  ASSERT_EQ(p1.findings.size(), 1u);
  EXPECT_EQ(p1.findings[0].rule, "ID.AkronimTanpaKepanjangan");
  EXPECT_EQ(p1.findings[0].level, scorer::Level::kWarning);
  EXPECT_EQ(p1.media, 1);
  EXPECT_EQ(p1.hashtags, 2);
  EXPECT_EQ(p1.interactions, 5 + 4);  // snapshot + four citizen replies
  EXPECT_EQ(p1.followers, 100);
  const training::PostFacts& p2 = facts->posts[1];
  EXPECT_EQ(p2.day, Day("2026-11-03"));
  EXPECT_FALSE(p2.clarity.has_value());
  EXPECT_EQ(p2.kind, "");
  EXPECT_TRUE(p2.findings.empty());
  EXPECT_EQ(p2.media, 0);
  EXPECT_EQ(p2.hashtags, 0);
  EXPECT_EQ(p2.interactions, 0);
  EXPECT_FALSE(p2.followers.has_value());
  EXPECT_EQ(facts->posts[2].clarity, 90);
  EXPECT_EQ(facts->posts[2].kind, "edukasi");

  // c4 is not one SLA old at 20:00 on the 9th: left out.
  ASSERT_EQ(facts->questions.size(), 3u);
  const auto& q = facts->questions;
  EXPECT_TRUE(q[0].answered);
  EXPECT_EQ(q[0].response_s, 3600);
  EXPECT_EQ(q[0].business_response_s, 3600);
  EXPECT_TRUE(q[0].within_sla);
  EXPECT_TRUE(q[1].answered);
  EXPECT_EQ(q[1].response_s, 90000);
  EXPECT_FALSE(q[1].within_sla);
  EXPECT_FALSE(q[2].answered);
  EXPECT_FALSE(q[2].response_s.has_value());
  EXPECT_FALSE(q[2].within_sla);
  for (const auto& x : q) EXPECT_EQ(x.day, Day("2026-11-02"));

  ASSERT_EQ(facts->replies.size(), 1u);
  EXPECT_EQ(facts->replies[0].tone, 80);
  EXPECT_EQ(facts->replies[0].tone_rules, std::vector<std::string>{"NADA.Kaku"});

  // A day later c4 is judged too (unanswered); rina's facts are empty.
  auto later = LoadTraineeFacts(*store_, sari_, period, Unix("2026-11-10T13:00:00+07:00"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->questions.size(), 4u);
  auto rina = store_->FindUser("rina");
  ASSERT_TRUE(rina.ok() && rina->has_value());
  auto none = LoadTraineeFacts(*store_, (*rina)->id, period, Unix("2026-11-10T13:00:00+07:00"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->posts.empty());
  EXPECT_TRUE(none->questions.empty());
}

TEST_F(ProgressTest, EvaluatingTwiceStoresEverythingOnce) {
  auto pack = scorer::RulePack::Load(TANGGAP_SOURCE_DIR "/rules/id-pemerintah");
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  auto content = dashboard::TrainingContent::Load(**pack);
  ASSERT_TRUE(content.ok()) << content.status().message();
  GamificationRules rules;
  rules.badges = &(*content)->badges;
  rules.points = &(*content)->points;
  const int64_t as_of = Unix("2026-11-09T20:00:00+07:00");
  auto first = EvaluateTraining(*store_, rules, as_of, as_of);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->trainees, 2);  // rina's account has nothing, but her days are judged too
  const int64_t ledger = Count(db_, "SELECT count(*) FROM points_ledger");
  const int64_t awards = Count(db_, "SELECT count(*) FROM badge_awards");
  // c1 was answered within the SLA: at least those points.
  EXPECT_GE(Count(db_, "SELECT count(*) FROM points_ledger WHERE kind = 'answered_within_sla'"), 1);
  EXPECT_EQ(
      Count(db_, "SELECT points FROM gamification_state WHERE user_id = " + std::to_string(sari_)),
      Count(db_, "SELECT sum(points) FROM points_ledger WHERE user_id = " + std::to_string(sari_)));
  EXPECT_EQ(Count(db_, "SELECT evaluated_day FROM gamification_state WHERE user_id = " +
                           std::to_string(sari_)),
            LastJudgedDay(as_of, 24));

  auto second = EvaluateTraining(*store_, rules, as_of, as_of + 60);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->days, 0);
  EXPECT_EQ(second->points, 0);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM points_ledger"), ledger);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM badge_awards"), awards);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM (SELECT user_id, badge_id, day FROM badge_awards "
                  "GROUP BY 1, 2, 3 HAVING count(*) > 1)"),
            0);

  // A stale run (its expected day is behind the stored one) writes nothing.
  auto stale = SaveGameProgress(*store_, sari_, std::nullopt, GameState{"{}", 0, 1},
                                {{1, "badge", 99, "x", "x", 0}}, {});
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(*stale);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM points_ledger"), ledger);
}

TEST_F(ProgressTest, CohortFiguresBeforeAndAfter) {
  auto set = SetTrainingDay(*store_, "sari", Day("2026-11-03"));
  ASSERT_TRUE(set.ok() && *set);
  auto trainees = ProgressTrainees(*store_, 100);
  ASSERT_TRUE(trainees.ok());
  ASSERT_EQ(trainees->size(), 2u);  // rina, sari
  auto cohort =
      ComputeCohort(*store_, *trainees, 7, Day("2026-11-09"), Unix("2026-11-10T13:00:00+07:00"));
  ASSERT_TRUE(cohort.ok());
  ASSERT_EQ(cohort->rows.size(), 1u);  // rina has no training day
  const CohortRow& r = cohort->rows[0];
  EXPECT_EQ(r.username, "sari");
  EXPECT_EQ(r.window_days, 7);
  // Before: 10/27..11/02: P1 (70), c1..c3 (2 of 3 answered, median of
  // 3600 and 90000 by nearest rank = 3600), engagement 9/100.
  EXPECT_DOUBLE_EQ(*r.before.clarity_avg, 70);
  EXPECT_DOUBLE_EQ(*r.before.response_rate, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*r.before.within_sla_rate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*r.before.median_response_s, 3600);
  EXPECT_DOUBLE_EQ(*r.before.engagement_rate, 0.09);
  // After: 11/03..11/09: P2 (unscored), P3 (90); c4 (11/09 12:00) is one
  // SLA old by "now" (11/10 13:00), so judged: unanswered.
  EXPECT_DOUBLE_EQ(*r.after.clarity_avg, 90);
  EXPECT_EQ(r.after.posts, 2);
  EXPECT_EQ(r.after.questions, 1);
  EXPECT_DOUBLE_EQ(*r.after.response_rate, 0);
  EXPECT_FALSE(r.after.median_response_s.has_value());
  EXPECT_FALSE(r.after.engagement_rate.has_value());
  ASSERT_EQ(cohort->stats.size(), 4u);
  EXPECT_EQ(cohort->stats[0].metric, "clarity_avg");
  EXPECT_EQ(cohort->stats[0].n, 1);
  EXPECT_DOUBLE_EQ(*cohort->stats[0].mean, 20);
  EXPECT_FALSE(cohort->stats[0].sd.has_value());
  EXPECT_EQ(cohort->stats[2].metric, "median_response_s");
  EXPECT_EQ(cohort->stats[2].n, 0);
  EXPECT_FALSE(cohort->stats[2].mean.has_value());

  // Windows are cut to the days that passed, the same on both sides.
  auto early =
      ComputeCohort(*store_, *trainees, 7, Day("2026-11-04"), Unix("2026-11-05T00:00:00+07:00"));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->rows[0].window_days, 2);
}

TEST(CohortStatTest, MeanSpreadAndQuartiles) {
  CohortStat s = SummarizeChanges("clarity_avg", {4, 1, 3, 2});
  EXPECT_EQ(s.n, 4);
  EXPECT_DOUBLE_EQ(*s.mean, 2.5);
  EXPECT_NEAR(*s.sd, std::sqrt(5.0 / 3), 1e-12);
  EXPECT_DOUBLE_EQ(*s.q1, 1);
  EXPECT_DOUBLE_EQ(*s.median, 2);
  EXPECT_DOUBLE_EQ(*s.q3, 3);
  EXPECT_FALSE(SummarizeChanges("x", {}).mean.has_value());
}

TEST(GoalTest, MetricsAndDirections) {
  EXPECT_TRUE(IsGoalMetric("response_rate"));
  EXPECT_FALSE(IsGoalMetric("likes"));
  EXPECT_TRUE(GoalMet(0.8, ">=", 0.8));
  EXPECT_FALSE(GoalMet(0.7, ">=", 0.8));
  EXPECT_TRUE(GoalMet(3000, "<=", 3600));
  EXPECT_FALSE(GoalMet(4000, "<=", 3600));
  EXPECT_EQ(LastJudgedDay(Unix("2026-11-10T00:00:00+07:00"), 24),
            WibDay(Unix("2026-11-08T12:00:00+07:00")));
}

}  // namespace
}  // namespace tanggap
