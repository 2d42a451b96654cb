// Points, levels, badges, streaks and leaderboards on hand-built days:
// every award pinned with its day and its "why", re-evaluation awarding
// nothing twice, a holiday inside a streak, the state surviving a round
// trip through its JSON, and the badge/points files rejected with clear
// errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scorer/scorer.h"
#include "training/gamification.h"
#include "util/time.h"

namespace tanggap::training {
namespace {

const int64_t kNov1 = DaysFromCivil(2026, 11, 1);  // a Sunday
const int64_t kNov2 = kNov1 + 1;                   // Monday

BadgeBook Book(const std::string& yaml) {
  auto b = ParseBadges(yaml, "badges.yml", {});
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : BadgeBook{};
}

// Only badge points unless a test turns others on.
PointsTable NoPoints() {
  PointsTable t;
  t.fixed_finding = t.answered_within_sla = t.lesson_passed = t.simulation_finished = 0;
  t.levels = {{1, 0, {"Pemula", "Beginner"}}, {2, 30, {"Terampil", "Skilled"}}};
  return t;
}

PostFacts Post(std::optional<int> clarity, std::string kind = "edukasi",
               std::vector<std::string> rules = {}) {
  PostFacts p;
  p.clarity = clarity;
  p.kind = std::move(kind);
  for (auto& r : rules) p.findings.push_back({r, scorer::Level::kWarning});
  return p;
}

QuestionFacts Q(int64_t response_s, bool within) {
  QuestionFacts q;
  q.answered = true;
  q.response_s = response_s;
  q.business_response_s = response_s;
  q.within_sla = within;
  return q;
}

QuestionFacts Missed() { return QuestionFacts{}; }

constexpr char kAcronymBadge[] = R"(
finding_metrics:
  undefined_acronym_findings: [ID.AkronimTanpaKepanjangan]
badges:
  - id: akronim-jelas-30
    name: {id: "30 hari tanpa singkatan tak dijelaskan", en: "30 days without unexplained acronyms"}
    description: {id: "Tanpa temuan akronim.", en: "No acronym finding."}
    rule: {metric: undefined_acronym_findings, window_days: 30, op: "==", value: 0, min_posts: 5}
    points: 20
    repeat: true
)";

// Evaluates days [from, to] with a clean post every 5th day from `from`,
// plus an acronym finding on `dirty_day` (if any); returns the awards.
std::vector<Award> RunAcronymDays(const BadgeBook& book, TraineeState* s, int64_t from, int64_t to,
                                  int64_t post_origin, int64_t dirty_day = -1) {
  std::vector<Award> awards;
  for (int64_t d = from; d <= to; ++d) {
    DayFacts f;
    f.day = d;
    if ((d - post_origin) % 5 == 0) f.posts.push_back(Post(90));
    if (d == dirty_day) f.posts.push_back(Post(70, "edukasi", {"ID.AkronimTanpaKepanjangan"}));
    const DayOutcome o = EvaluateDay(book, NoPoints(), WorkWeek{}, f, s);
    EXPECT_TRUE(o.evaluated);
    awards.insert(awards.end(), o.awards.begin(), o.awards.end());
  }
  return awards;
}

TEST(BadgeTest, ThirtyDaysWithoutUnexplainedAcronyms) {
  const BadgeBook book = Book(kAcronymBadge);
  TraineeState s;
  // 1-30 November: posts on days 1, 6, 11, 16, 21, 26 - six, none with the
  // finding. The window is whole only on day 30.
  std::vector<Award> a = RunAcronymDays(book, &s, kNov1, kNov1 + 29, kNov1);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].badge, "akronim-jelas-30");
  EXPECT_EQ(a[0].day, kNov1 + 29);
  EXPECT_EQ(a[0].points, 20);
  EXPECT_EQ(a[0].name.id, "30 hari tanpa singkatan tak dijelaskan");
  EXPECT_EQ(a[0].why.id,
            "temuan ID.AkronimTanpaKepanjangan = 0 (syarat == 0) selama 30 hari (2026-11-01 "
            "s.d. 2026-11-30); 6 unggahan (min. 5).");
  EXPECT_EQ(a[0].why.en,
            "findings of ID.AkronimTanpaKepanjangan = 0 (needs == 0) over 30 days (2026-11-01 "
            "to 2026-11-30); 6 posts (min. 5).");
  EXPECT_EQ(s.points, 20);

  // Re-evaluating the award day, or any earlier day, changes nothing.
  DayFacts again;
  again.day = kNov1 + 29;
  again.posts = {Post(90)};
  again.lessons_passed = {"akronim"};
  const DayOutcome o = EvaluateDay(book, NoPoints(), WorkWeek{}, again, &s);
  EXPECT_FALSE(o.evaluated);
  EXPECT_TRUE(o.awards.empty());
  EXPECT_TRUE(o.points.empty());
  EXPECT_EQ(o.total_points, 20);
  again.day = kNov1 + 3;
  EXPECT_FALSE(EvaluateDay(book, NoPoints(), WorkWeek{}, again, &s).evaluated);
  EXPECT_TRUE(s.lessons_done.empty());

  // Repeatable, but only for a window that does not overlap: next on 30
  // December, for 1-30 December.
  a = RunAcronymDays(book, &s, kNov1 + 30, kNov1 + 59, kNov1);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov1 + 59);
  EXPECT_EQ(s.points, 40);
  EXPECT_EQ(s.badges["akronim-jelas-30"].times, 2);
}

TEST(BadgeTest, AFindingRestartsTheThirtyDays) {
  const BadgeBook book = Book(kAcronymBadge);
  TraineeState s;
  // The finding on 11 November (offset 10): the first clean 30-day window
  // is offsets 11..40 (12 November - 11 December), with posts at offsets
  // 15, 20, ..., 40 (six).
  const std::vector<Award> a = RunAcronymDays(book, &s, kNov1, kNov1 + 45, kNov1, kNov1 + 10);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov1 + 40);
  EXPECT_EQ(a[0].why.en,
            "findings of ID.AkronimTanpaKepanjangan = 0 (needs == 0) over 30 days (2026-11-12 "
            "to 2026-12-11); 6 posts (min. 5).");
}

TEST(BadgeTest, TooFewPostsEarnNothing) {
  const BadgeBook book = Book(kAcronymBadge);
  TraineeState s;
  // A post every 7th day: 5 posts in 30 days (days 0, 7, 14, 21, 28)...
  std::vector<Award> a;
  for (int64_t d = kNov1; d <= kNov1 + 29; ++d) {
    DayFacts f;
    f.day = d;
    if ((d - kNov1) % 7 == 0 && d - kNov1 < 28) f.posts.push_back(Post(90));  // ...minus the last
    const DayOutcome o = EvaluateDay(book, NoPoints(), WorkWeek{}, f, &s);
    a.insert(a.end(), o.awards.begin(), o.awards.end());
  }
  EXPECT_TRUE(a.empty());  // 4 posts < min_posts 5
}

constexpr char kMedianBadge[] = R"(
badges:
  - id: respons-kilat-bulanan
    name: {id: "Median respons < 1 jam selama sebulan", en: "Median response under 1 hour for a month"}
    description: {id: "x", en: "x"}
    rule: {metric: median_response_s, window: month, op: "<", value: 3600, min_questions: 5}
    points: 30
    repeat: true
)";

// November with five answered questions on 2-6 November; days given by the
// caller (to test gaps and late starts).
std::vector<Award> RunNovember(const std::vector<int64_t>& days, int questions, TraineeState* s,
                               PointsTable table = NoPoints()) {
  const BadgeBook book = Book(kMedianBadge);
  const int64_t times[] = {600, 1200, 3000, 4000, 7200};
  std::vector<Award> awards;
  for (int64_t d : days) {
    DayFacts f;
    f.day = d;
    const int64_t i = d - kNov2;
    if (i >= 0 && i < questions) f.questions.push_back(Q(times[i], true));
    const DayOutcome o = EvaluateDay(book, table, WorkWeek{}, f, s);
    awards.insert(awards.end(), o.awards.begin(), o.awards.end());
  }
  return awards;
}

std::vector<int64_t> Days(int64_t from, int64_t to) {
  std::vector<int64_t> v;
  for (int64_t d = from; d <= to; ++d) v.push_back(d);
  return v;
}

TEST(BadgeTest, MedianResponseUnderAnHourForAMonth) {
  TraineeState s;
  std::vector<Award> a = RunNovember(Days(kNov1, kNov1 + 29), 5, &s);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov1 + 29);  // judged on the month's last day
  // Nearest-rank median of 600, 1200, 3000, 4000, 7200 = 3000.
  EXPECT_EQ(a[0].why.id,
            "median waktu respons = 3000 detik (50 menit) (syarat < 3600 detik (1 jam 0 menit)) "
            "pada bulan 2026-11; 5 pertanyaan (min. 5).");
  EXPECT_EQ(a[0].why.en,
            "median response time = 3000 s (50 min) (needs < 3600 s (1 h 0 min)) in 2026-11; "
            "5 questions (min. 5).");
  // December goes on: November is not awarded again.
  a = RunNovember(Days(kNov1 + 30, kNov1 + 40), 5, &s);
  EXPECT_TRUE(a.empty());
}

TEST(BadgeTest, MonthIsJudgedAfterAGapToo) {
  TraineeState s;
  std::vector<int64_t> days = Days(kNov1, kNov1 + 28);  // up to 29 November
  days.push_back(kNov1 + 31);                           // then 2 December
  const std::vector<Award> a = RunNovember(days, 5, &s);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov1 + 31);
  EXPECT_NE(a[0].why.en.find("in 2026-11"), std::string::npos);
}

TEST(BadgeTest, MonthNeedsTheWholeMonthAndEnoughQuestions) {
  TraineeState late;  // started on 2 November: November is not whole
  EXPECT_TRUE(RunNovember(Days(kNov2, kNov1 + 29), 5, &late).empty());
  TraineeState few;  // four questions < min_questions 5
  EXPECT_TRUE(RunNovember(Days(kNov1, kNov1 + 29), 4, &few).empty());
}

TEST(PointsTest, AnsweringWithinSlaEarnsPointsPerQuestion) {
  PointsTable t = NoPoints();
  t.answered_within_sla = 2;
  const BadgeBook none = Book("badges: []\n");
  TraineeState s;
  DayFacts f;
  f.day = kNov2;
  f.questions = {Q(600, true), Q(90000, false), Q(1200, true), Missed()};
  const DayOutcome o = EvaluateDay(none, t, WorkWeek{}, f, &s);
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].reason, PointReason::kAnsweredWithinSla);
  EXPECT_EQ(o.points[0].points, 4);
  EXPECT_EQ(o.points[0].why.id, "2 pertanyaan dijawab dalam SLA: +4 poin.");
  EXPECT_EQ(o.total_points, 4);
}

TEST(PointsTest, FixingAFindingInALaterPost) {
  PointsTable t = NoPoints();
  t.fixed_finding = 5;
  t.rule_kinds = {{"SOC.Kelengkapan5W1H", {"layanan"}}, {"ID.AkronimTanpaKepanjangan", {}}};
  const BadgeBook none = Book("badges: []\n");
  TraineeState s;
  auto day = [&](int64_t d, std::vector<PostFacts> posts) {
    DayFacts f;
    f.day = d;
    f.posts = std::move(posts);
    return EvaluateDay(none, t, WorkWeek{}, f, &s);
  };
  DayOutcome o =
      day(kNov2, {Post(70, "layanan", {"ID.AkronimTanpaKepanjangan", "SOC.Kelengkapan5W1H"})});
  EXPECT_TRUE(o.points.empty());
  EXPECT_EQ(s.open_groups.size(), 2u);

  // An unscored post proves nothing; an edukasi post fixes the acronym but
  // not 5W1H, which only applies to layanan posts.
  o = day(kNov2 + 1, {Post(std::nullopt, "layanan"), Post(90, "edukasi")});
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].reason, PointReason::kFixedFinding);
  EXPECT_EQ(o.points[0].ref, "ID.AkronimTanpaKepanjangan");
  EXPECT_EQ(o.points[0].points, 5);
  EXPECT_EQ(o.points[0].why.id,
            "Unggahan ini tanpa temuan ID.AkronimTanpaKepanjangan yang muncul sebelumnya: +5 "
            "poin.");

  // A layanan post fixes 5W1H and opens the ID.TandaSeru group (the
  // .Banyak split belongs to it).
  o = day(kNov2 + 2, {Post(95, "layanan", {"ID.TandaSeru.Banyak"})});
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].ref, "SOC.Kelengkapan5W1H");

  // Another finding of the same group keeps it open; a clean post fixes it.
  o = day(kNov2 + 3, {Post(90, "edukasi", {"ID.TandaSeru"}), Post(100, "edukasi")});
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].ref, "ID.TandaSeru");
  EXPECT_EQ(s.findings_fixed, 3);
  EXPECT_EQ(s.points, 15);
  EXPECT_TRUE(s.open_groups.empty());
}

TEST(PointsTest, LessonsAndSimulationsCountOnceAndLevelsRise) {
  PointsTable t = NoPoints();
  t.lesson_passed = 10;
  t.simulation_finished = 15;
  const BadgeBook book = Book(R"(
badges:
  - id: pembelajar-2
    name: {id: "Lulus 2 materi", en: "2 lessons passed"}
    description: {id: "x", en: "x"}
    rule: {metric: lessons_passed_total, op: ">=", value: 2}
    points: 5
)");
  TraineeState s;
  DayFacts f;
  f.day = kNov2;
  f.lessons_passed = {"akronim"};
  f.simulations_finished = {"banjir-bpbd"};
  DayOutcome o = EvaluateDay(book, t, WorkWeek{}, f, &s);
  ASSERT_EQ(o.points.size(), 2u);
  EXPECT_EQ(o.points[0].why.en, "Passed the quiz of lesson akronim: +10 points.");
  EXPECT_EQ(o.points[1].why.id, "Menyelesaikan simulasi banjir-bpbd: +15 poin.");
  EXPECT_EQ(o.total_points, 25);
  EXPECT_EQ(o.level, 1);
  EXPECT_FALSE(o.level_up);

  f.day = kNov2 + 1;  // the same lesson and scenario again: nothing
  o = EvaluateDay(book, t, WorkWeek{}, f, &s);
  EXPECT_TRUE(o.points.empty());
  EXPECT_TRUE(o.awards.empty());

  f.day = kNov2 + 2;
  f.lessons_passed = {"zona-waktu"};
  f.simulations_finished = {};
  o = EvaluateDay(book, t, WorkWeek{}, f, &s);
  ASSERT_EQ(o.awards.size(), 1u);
  EXPECT_EQ(o.awards[0].why.id, "total materi yang lulus kuis = 2 (syarat >= 2).");
  EXPECT_EQ(o.total_points, 40);  // 25 + 10 + the badge's 5
  EXPECT_EQ(o.level, 2);
  EXPECT_TRUE(o.level_up);
  ASSERT_EQ(o.points.size(), 2u);
  EXPECT_EQ(o.points[1].reason, PointReason::kBadge);
  EXPECT_EQ(o.points[1].why.en, "Badge \"2 lessons passed\": +5 points.");

  f.day = kNov2 + 3;  // earned once
  f.lessons_passed = {"kalimat"};
  EXPECT_TRUE(EvaluateDay(book, t, WorkWeek{}, f, &s).awards.empty());
}

constexpr char kStreakBadge[] = R"(
badges:
  - id: sla-beruntun-5
    name: {id: "5 hari kerja beruntun tepat SLA", en: "5 working days in a row within the SLA"}
    description: {id: "x", en: "x"}
    rule: {metric: sla_streak_days, op: ">=", value: 5}
    points: 10
    repeat: true
)";

struct StreakDay {
  int64_t day;
  std::vector<QuestionFacts> questions;
};

std::vector<Award> RunStreak(const WorkWeek& week, const std::vector<StreakDay>& days,
                             TraineeState* s) {
  const BadgeBook book = Book(kStreakBadge);
  std::vector<Award> awards;
  for (const StreakDay& d : days) {
    DayFacts f;
    f.day = d.day;
    f.questions = d.questions;
    const DayOutcome o = EvaluateDay(book, NoPoints(), week, f, s);
    awards.insert(awards.end(), o.awards.begin(), o.awards.end());
  }
  return awards;
}

TEST(StreakTest, HolidayInsideAStreakNeitherCountsNorBreaks) {
  // Mon 2 - Thu 5 November answered within the SLA; Friday 6 is a holiday
  // with one question answered in time; the weekend is quiet; Monday 9.
  const std::vector<StreakDay> days = {
      {kNov2, {Q(600, true)}},     {kNov2 + 1, {Q(600, true)}}, {kNov2 + 2, {Q(600, true)}},
      {kNov2 + 3, {Q(600, true)}}, {kNov2 + 4, {Q(600, true)}}, {kNov2 + 5, {}},
      {kNov2 + 7, {Q(600, true)}},
  };
  WorkWeek with_holiday;
  with_holiday.holidays = {kNov2 + 4};
  TraineeState s;
  std::vector<Award> a = RunStreak(with_holiday, days, &s);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov2 + 7);  // Monday 9 November
  EXPECT_EQ(a[0].why.id,
            "hari kerja beruntun semua pertanyaan dijawab dalam SLA = 5 (syarat >= 5) sejak "
            "2026-11-02.");
  EXPECT_EQ(s.sla_streak, 5);

  // Without the holiday, Friday is the fifth working day.
  TraineeState plain;
  a = RunStreak(WorkWeek{}, days, &plain);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov2 + 4);
  EXPECT_EQ(plain.sla_streak, 6);
}

TEST(StreakTest, MissesBreakQuietDaysDoNotAndANewStreakEarnsAgain) {
  TraineeState s;
  std::vector<Award> a = RunStreak(WorkWeek{},
                                   {{kNov2, {Q(600, true)}},
                                    {kNov2 + 1, {Q(600, true), Q(900, true)}},
                                    {kNov2 + 2, {Q(600, true)}},
                                    {kNov2 + 3, {}},           // a quiet working day: neutral
                                    {kNov2 + 5, {Missed()}}},  // Saturday, missed: breaks
                                   &s);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(s.sla_streak, 0);
  EXPECT_EQ(s.best_sla_streak, 3);

  // 9-13 November: five in a row (one late answer resets on the 10th first).
  a = RunStreak(WorkWeek{},
                {{kNov2 + 7, {Q(600, true)}},
                 {kNov2 + 8, {Q(600, true), Q(90000, false)}},
                 {kNov2 + 9, {Q(600, true)}},
                 {kNov2 + 10, {Q(600, true)}},
                 {kNov2 + 11, {Q(600, true)}},
                 {kNov2 + 14, {Q(600, true)}},
                 {kNov2 + 15, {Q(600, true)}},   // Tue 17: the fifth -> award
                 {kNov2 + 16, {Q(600, true)}}},  // sixth: same streak, no award
                &s);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov2 + 15);
  EXPECT_NE(a[0].why.en.find("since 2026-11-11"), std::string::npos);

  // Broken, then five more: earned again (repeat: true).
  a = RunStreak(WorkWeek{},
                {{kNov2 + 17, {Missed()}},
                 {kNov2 + 18, {Q(60, true)}},
                 {kNov2 + 21, {Q(60, true)}},
                 {kNov2 + 22, {Q(60, true)}},
                 {kNov2 + 23, {Q(60, true)}},
                 {kNov2 + 24, {Q(60, true)}}},
                &s);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].day, kNov2 + 24);
  EXPECT_EQ(s.badges["sla-beruntun-5"].times, 2);
}

TEST(StateTest, JsonRoundTripContinuesIdentically) {
  const BadgeBook book = Book(kAcronymBadge);
  TraineeState s;
  RunAcronymDays(book, &s, kNov1, kNov1 + 20, kNov1);
  s.open_groups["ID.TandaSeru"] = {"layanan"};
  s.lessons_done = {"akronim", "nada \"ramah\""};
  s.recent.back().response_s = {60, 7200};
  const std::string json = EncodeState(s);
  auto back = DecodeState(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(EncodeState(*back), json);
  EXPECT_EQ(back->recent.size(), s.recent.size());
  EXPECT_EQ(back->lessons_done, s.lessons_done);

  const std::vector<Award> a1 = RunAcronymDays(book, &s, kNov1 + 21, kNov1 + 29, kNov1);
  const std::vector<Award> a2 = RunAcronymDays(book, &*back, kNov1 + 21, kNov1 + 29, kNov1);
  ASSERT_EQ(a1.size(), 1u);
  ASSERT_EQ(a2.size(), 1u);
  EXPECT_EQ(a1[0].why.id, a2[0].why.id);
  EXPECT_EQ(EncodeState(s), EncodeState(*back));

  EXPECT_EQ(DecodeState("{}").status().code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodeState("[oops").status().code(), Status::Code::kCorruption);
  std::string broken = json;
  broken.replace(broken.find("\"points\""), 8, "\"pts\"");
  EXPECT_EQ(DecodeState(broken).status().code(), Status::Code::kCorruption);
}

// YAML aliases (which EncodeState never writes) used to let a small text
// decode into a huge state: one day with 1,000 response times, repeated
// 1,000 times by alias, is 6 KB of text and was 2,000,000 numbers (a 48 KB
// text took 2 GB and three minutes). A state written out in full still
// decodes, however big.
TEST(StateTest, AliasesCannotBlowUpTheState) {
  std::string times;
  for (int i = 0; i < 1000; ++i) times += i ? ",1" : "1";
  std::string text =
      "{v: 1, first_day: ~, last_day: ~, points: 0, findings_fixed: 0, lessons_done: [], "
      "simulations_done: [], open_groups: {}, sla_streak: 0, sla_streak_start: -1, "
      "best_sla_streak: 0, badges: {}, recent: [&d {day: 1, posts: 0, clarity_n: 0, "
      "clarity_sum: 0, questions: 0, answered: 0, within_sla: 0, replies: 0, tone_n: 0, "
      "tone_sum: 0, lessons: 0, simulations: 0, findings: {}, response_s: &r [" +
      times + "], response_business_s: *r}";
  for (int i = 0; i < 1000; ++i) text += ", *d";
  text += "]}";
  auto blown = DecodeState(text);
  ASSERT_FALSE(blown.ok());
  EXPECT_EQ(blown.status().code(), Status::Code::kCorruption);
  EXPECT_NE(blown.status().message().find("YAML aliases"), std::string::npos);

  TraineeState s;
  for (int64_t day = 0; day < kHistoryDays; ++day) {
    DaySummary d;
    d.day = day;
    d.findings["ID.AkronimTanpaKepanjangan"] = 1;
    d.response_s.assign(20, 60);
    d.response_business_s.assign(20, 30);
    s.recent.push_back(d);
  }
  s.open_groups["ID.TandaSeru"] = {"layanan", "edukasi"};
  s.lessons_done = {"akronim-istilah"};
  s.badges["akronim-jelas-30"].times = 2;
  const std::string json = EncodeState(s);
  auto back = DecodeState(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(EncodeState(*back), json);
}

TEST(StateTest, OldDaysLeaveTheHistory) {
  const BadgeBook book = Book(kAcronymBadge);
  TraineeState s;
  DayFacts f;
  f.day = kNov1;
  f.posts = {Post(90)};
  (void)EvaluateDay(book, NoPoints(), WorkWeek{}, f, &s);
  EXPECT_EQ(s.recent.size(), 1u);
  f.day = kNov1 + kHistoryDays;
  (void)EvaluateDay(book, NoPoints(), WorkWeek{}, f, &s);
  ASSERT_EQ(s.recent.size(), 1u);
  EXPECT_EQ(s.recent.front().day, kNov1 + kHistoryDays);
}

TEST(LevelTest, ThresholdsFromTheShippedTable) {
  auto pack = scorer::RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  ASSERT_TRUE(pack.ok());
  auto t = LoadPointsTable(
      std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/pelatihan/points.yml", **pack);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->fixed_finding, 5);
  EXPECT_EQ(t->answered_within_sla, 2);
  EXPECT_EQ(t->rule_kinds.at("SOC.Kelengkapan5W1H"), (std::vector<std::string>{"layanan"}));
  EXPECT_EQ(LevelFor(*t, 0).level, 1);
  EXPECT_EQ(LevelFor(*t, 0).name.id, "Pemula");
  EXPECT_EQ(LevelFor(*t, 99).level, 1);
  EXPECT_EQ(LevelFor(*t, 99).next_min_points, 100);
  EXPECT_EQ(LevelFor(*t, 100).level, 2);
  EXPECT_EQ(LevelFor(*t, 1500).level, 5);
  EXPECT_FALSE(LevelFor(*t, 1500).next_min_points.has_value());
}

TEST(RuleGroupTest, UpToTheSecondDot) {
  EXPECT_EQ(RuleGroup("ID.TandaSeru.Banyak"), "ID.TandaSeru");
  EXPECT_EQ(RuleGroup("SOC.Emoji.Poin"), "SOC.Emoji");
  EXPECT_EQ(RuleGroup("ID.Anda"), "ID.Anda");
  EXPECT_EQ(RuleGroup("plain"), "plain");
}

TEST(BadgeFileTest, ShippedBadgesLoadAgainstTheShippedPack) {
  auto pack = scorer::RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  ASSERT_TRUE(pack.ok());
  auto book = LoadBadges(
      std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/pelatihan/badges.yml", **pack);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const Badge* acr = book->Find("akronim-jelas-30");
  ASSERT_NE(acr, nullptr);
  EXPECT_EQ(acr->rule.rules, (std::vector<std::string>{"ID.AkronimTanpaKepanjangan"}));
  EXPECT_EQ(acr->rule.window, WindowKind::kDays);
  EXPECT_EQ(acr->rule.window_days, 30);
  EXPECT_EQ(acr->rule.min_posts, 5);
  const Badge* med = book->Find("respons-kilat-bulanan");
  ASSERT_NE(med, nullptr);
  EXPECT_EQ(med->rule.metric, Metric::kMedianResponseS);
  EXPECT_EQ(med->rule.window, WindowKind::kMonth);
  EXPECT_EQ(med->rule.op, Op::kLt);
  EXPECT_EQ(med->rule.value, 3600);
  EXPECT_EQ(book->Find("tidak-ada"), nullptr);
}

TEST(BadgeFileTest, BadFilesNameFileLineAndBadge) {
  auto err = [](const std::string& yaml) {
    auto r = ParseBadges(yaml, "badges.yml", {"ID.Anda"});
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  const std::string head =
      "badges:\n  - id: b\n    name: {id: a, en: a}\n"
      "    description: {id: a, en: a}\n";
  EXPECT_EQ(err(head + "    rule: {metric: median_respons_s, window: month, op: '<', value: 1}\n"),
            "badges.yml:5: badge 'b': unknown metric 'median_respons_s'");
  EXPECT_EQ(err(head + "    rule: {metric: posts, op: '>=', value: 1}\n"),
            "badges.yml:5: badge 'b': metric 'posts' needs 'window_days: N' or 'window: month'");
  EXPECT_EQ(err(head + "    rule: {metric: points_total, window_days: 3, op: '>=', value: 1}\n"),
            "badges.yml:5: badge 'b': metric 'points_total' is a running total or streak and "
            "takes no window");
  EXPECT_EQ(err(head + "    rule: {metric: posts, window_days: 400, op: '>=', value: 1}\n"),
            "badges.yml:5: badge 'b': 'window_days' must be a whole number of days from 1 to 366");
  EXPECT_EQ(err(head + "    rule: {metric: posts, window: week, op: '>=', value: 1}\n"),
            "badges.yml:5: badge 'b': 'window' must be 'month' (or use window_days)");
  EXPECT_EQ(err(head + "    rule: {metric: posts, window: month, op: '=>', value: 1}\n"),
            "badges.yml:5: badge 'b': 'op' must be one of <, <=, ==, >=, >");
  EXPECT_EQ(err(head + "    rule: {metric: posts, window: month, op: '>='}\n"),
            "badges.yml:5: badge 'b': rule needs 'op' and 'value'");
  EXPECT_EQ(err(head + "    rule: {metric: findings, rules: [ID.Andaa], window: month, op: '==', "
                       "value: 0}\n"),
            "badges.yml:5: badge 'b': unknown rule 'ID.Andaa' (not in the clarity pack)");
  EXPECT_EQ(err(head + "    rule: {metric: points_total, op: '>=', value: 1}\n    repeat: true\n"),
            "badges.yml:2: badge 'b': a running total is earned once; drop 'repeat'");
  EXPECT_EQ(err(head + "    rule: {metric: points_total, op: '>=', value: 1}\n    poin: 3\n"),
            "badges.yml:6: badge 'b': unknown key 'poin'");
  EXPECT_EQ(err("badges:\n  - id: b\n    description: {id: a, en: a}\n"
                "    rule: {metric: points_total, op: '>=', value: 1}\n"),
            "badges.yml:2: badge 'b': needs 'name', 'description' and 'rule'");
  EXPECT_EQ(err("badges:\n  - id: b\n    name: {id: a}\n"),
            "badges.yml:3: badge 'b': name needs both 'id' and 'en' texts");
  EXPECT_EQ(err("badges:\n  - id: Lencana Satu\n"),
            "badges.yml:2: badge needs 'id' of lower-case letters, digits and '-'");
  EXPECT_EQ(err(head + "    rule: {metric: points_total, op: '>=', value: 1}\n" +
                "  - id: b\n    name: {id: a, en: a}\n    description: {id: a, en: a}\n"
                "    rule: {metric: points_total, op: '>=', value: 1}\n"),
            "badges.yml:6: badge 'b' is defined twice");
  EXPECT_EQ(err("finding_metrics:\n  akronim: [ID.Akronim]\nbadges: []\n"),
            "badges.yml:2: finding metric 'akronim': unknown rule 'ID.Akronim' (not in the "
            "clarity pack)");
  EXPECT_EQ(err("finding_metrics:\n  posts: [ID.Anda]\nbadges: []\n"),
            "badges.yml:2: finding metric 'posts' hides a built-in metric");
  EXPECT_EQ(err("lencana: []\n"), "badges.yml:1: unknown key 'lencana'");
  EXPECT_NE(err("badges: [\n").find("badges.yml:"), std::string::npos);
}

TEST(PointsFileTest, BadFilesNameFileLineAndField) {
  auto err = [](const std::string& yaml) {
    auto r = ParsePointsTable(yaml, "points.yml");
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  const std::string levels = "levels:\n  - {level: 1, min_points: 0, name: {id: a, en: a}}\n";
  EXPECT_TRUE(ParsePointsTable(levels, "points.yml").ok());
  EXPECT_EQ(err("points: {fix: 3}\n" + levels), "points.yml:1: points: unknown key 'fix'");
  EXPECT_EQ(err("points: {lesson_passed: -1}\n" + levels),
            "points.yml:1: points: 'lesson_passed' must be a whole number 0..10000");
  EXPECT_EQ(err("levels:\n  - {level: 1, min_points: 5, name: {id: a, en: a}}\n"),
            "points.yml:2: level 1: the first level starts at min_points: 0");
  EXPECT_EQ(err(levels + "  - {level: 2, min_points: 0, name: {id: b, en: b}}\n"),
            "points.yml:3: level 2: min_points must be higher than the level before");
  EXPECT_EQ(err(levels + "  - {level: 3, min_points: 10, name: {id: b, en: b}}\n"),
            "points.yml:3: level 3: levels must be numbered 1, 2, 3... in order; expected 2");
  EXPECT_EQ(err("points: {}\n"), "points.yml: 'levels' missing");
}

TEST(LeaderboardTest, TeamsByAveragePointsPerTrainee) {
  const std::vector<TraineeStanding> st = {
      {"sari", "Diskominfo", 100}, {"rina", "Diskominfo", 50}, {"dewi", "Dinkes", 75},
      {"a", "BPBD", 10},           {"b", "BPBD", 20},          {"c", "BPBD", 30},
  };
  const std::vector<TeamRow> rows = TeamLeaderboard(st);
  ASSERT_EQ(rows.size(), 3u);
  // Dinkes (75 / 1) and Diskominfo (150 / 2) tie: rank 1 both, by name.
  EXPECT_EQ(rows[0].agency, "Dinkes");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].agency, "Diskominfo");
  EXPECT_EQ(rows[1].rank, 1);
  EXPECT_EQ(rows[1].trainees, 2);
  EXPECT_EQ(rows[1].total_points, 150);
  EXPECT_DOUBLE_EQ(rows[1].average_points, 75);
  EXPECT_EQ(rows[2].agency, "BPBD");
  EXPECT_EQ(rows[2].rank, 3);
  EXPECT_DOUBLE_EQ(rows[2].average_points, 20);
  EXPECT_TRUE(TeamLeaderboard({}).empty());
}

TEST(LeaderboardTest, IndividualRankingOnlyWhereTheAgencyOptedIn) {
  const std::vector<TraineeStanding> st = {{"sari", "Diskominfo", 50},
                                           {"rina", "Diskominfo", 80},
                                           {"tono", "Diskominfo", 50},
                                           {"dewi", "Dinkes", 90}};
  EXPECT_TRUE(IndividualRanking(st, "Diskominfo", false).empty());
  const std::vector<IndividualRow> rows = IndividualRanking(st, "Diskominfo", true);
  ASSERT_EQ(rows.size(), 3u);  // Dinkes' trainee is not in it
  EXPECT_EQ(rows[0].trainee, "rina");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].trainee, "sari");
  EXPECT_EQ(rows[1].rank, 2);
  EXPECT_EQ(rows[2].trainee, "tono");
  EXPECT_EQ(rows[2].rank, 2);
}

TEST(WorkWeekTest, WeekendsAndHolidays) {
  WorkWeek w;
  w.holidays = {kNov2 + 4};
  EXPECT_TRUE(w.IsWorkingDay(kNov2));
  EXPECT_FALSE(w.IsWorkingDay(kNov1));      // Sunday
  EXPECT_FALSE(w.IsWorkingDay(kNov2 + 5));  // Saturday
  EXPECT_FALSE(w.IsWorkingDay(kNov2 + 4));  // the holiday
  EXPECT_TRUE(w.IsWorkingDay(kNov2 + 3));
}

}  // namespace
}  // namespace tanggap::training
