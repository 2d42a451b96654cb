// Gamification that rewards the right behaviour: points for fixing findings,
// answering citizens within the SLA, passing a lesson's quiz and finishing
// a simulation; levels by point thresholds; badges whose rules are data
// (rules/id-pemerintah/pelatihan/badges.yml); a streak of working days with every
// question answered within the SLA; and leaderboards, by agency (team) by
// default, per trainee only where the agency opted in.
//
// Evaluation is incremental and pure: a trainee's state plus one day's
// facts gives that day's points and awards, each with a "why" naming the
// figures, and the new state. A day at or before the state's last
// evaluated day changes nothing and awards nothing, so re-running a day is
// harmless. Rules and formulas: docs/gamification.md.
//
// Only the Load* functions read files; nothing here logs or reads a clock.
// Loaded tables are immutable and can be shared across threads; a
// TraineeState belongs to one caller at a time.
#ifndef TANGGAP_TRAINING_GAMIFICATION_H_
#define TANGGAP_TRAINING_GAMIFICATION_H_

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/scorer.h"
#include "training/competency.h"
#include "util/status.h"

namespace tanggap::training {

// ---------------------------------------------------------------------------
// Calendar for streaks: working weekdays and holidays (WIB days, e.g. from
// ParseHolidays in responsiveness/business_hours.h).

struct WorkWeek {
  std::array<bool, 7> working = {true, true, true, true, true, false, false};  // Monday = 0
  std::vector<int64_t> holidays;                                               // any order
  bool IsWorkingDay(int64_t day) const;
};

// ---------------------------------------------------------------------------
// Points and levels (rules/id-pemerintah/pelatihan/points.yml).

struct LevelDef {
  int level = 1;
  int64_t min_points = 0;
  Localized name;
};

struct PointsTable {
  int fixed_finding = 5;         // per rule group fixed
  int answered_within_sla = 2;   // per question
  int lesson_passed = 10;        // per lesson, the first pass only
  int simulation_finished = 15;  // per scenario, the first finish only
  std::vector<LevelDef> levels;  // ascending; the first starts at 0
  // Rule id -> the post kinds it applies to (empty: all), from the clarity
  // pack, so that a fix is only counted on a post where the rule applies.
  std::map<std::string, std::vector<std::string>> rule_kinds;
};

// Parses points.yml: `points: {fixed_finding, answered_within_sla,
// lesson_passed, simulation_finished}` (each >= 0) and `levels: [{level,
// min_points, name: {id, en}}]` (levels 1, 2, 3... with rising thresholds,
// the first at 0). Errors name the file, the line and the field.
Result<PointsTable> ParsePointsTable(std::string_view yaml_text, std::string_view source);
// Reads `path` and fills rule_kinds from `pack`.
Result<PointsTable> LoadPointsTable(const std::string& path, const scorer::RulePack& pack);

struct LevelInfo {
  int level = 1;
  Localized name;
  int64_t min_points = 0;
  std::optional<int64_t> next_min_points;  // nullopt at the top level
};
LevelInfo LevelFor(const PointsTable& table, int64_t points);

// The group of a rule for "fixing a finding": its id up to the second dot
// ("ID.TandaSeru.Banyak" -> "ID.TandaSeru"; "ID.Anda" -> "ID.Anda").
std::string RuleGroup(std::string_view rule);

// ---------------------------------------------------------------------------
// Badges (rules/id-pemerintah/pelatihan/badges.yml).

enum class Metric {
  // Summed or computed over a window of days.
  kPosts,
  kFindings,  // findings of the badge's rule list (a named finding metric)
  kMeanClarity,
  kQuestions,
  kAnswered,
  kResponseRate,   // answered / questions, 0..1
  kWithinSlaRate,  // within SLA / questions, 0..1
  kMedianResponseS,
  kMedianResponseBusinessS,
  kReplies,
  kMeanTone,
  kLessonsPassed,
  kSimulationsFinished,
  // No window: the trainee's running totals.
  kLessonsPassedTotal,
  kSimulationsFinishedTotal,
  kFindingsFixedTotal,
  kPointsTotal,
  kSlaStreakDays,  // the current streak (working days)
};
enum class WindowKind { kNone, kDays, kMonth };
enum class Op { kLt, kLe, kEq, kGe, kGt };
std::string_view OpName(Op op);  // "<", "<=", "==", ">=", ">"

struct BadgeRule {
  std::string metric_name;  // as written in the file
  Metric metric = Metric::kPosts;
  std::vector<std::string> rules;  // kFindings: the rule ids counted
  WindowKind window = WindowKind::kNone;
  int window_days = 0;  // kDays: 1..366
  Op op = Op::kGe;
  double value = 0;
  // Evidence needed in the window before the badge can be earned.
  int min_posts = 0, min_questions = 0, min_replies = 0;
};

struct Badge {
  std::string id;  // [a-z0-9-], unique
  Localized name, description;
  BadgeRule rule;
  int points = 0;  // bonus points when earned
  // false: earned once. true: again for a later, non-overlapping window
  // (kDays: window_days after the last award; kMonth: each month); for
  // streaks, once per unbroken streak. Not allowed on running totals.
  bool repeat = false;
  int line = 0;  // in the file, for messages
};

struct BadgeBook {
  std::vector<Badge> badges;  // file order
  const Badge* Find(std::string_view id) const;
};

// Parses badges.yml:
//   finding_metrics:            # named counts of findings, e.g.
//     undefined_acronym_findings: [ID.AkronimTanpaKepanjangan]
//   badges:
//     - id: akronim-jelas-30
//       name: {id: "...", en: "..."}
//       description: {id: "...", en: "..."}
//       rule: {metric: undefined_acronym_findings, window_days: 30, op: "==",
//              value: 0, min_posts: 5}
//       points: 20
// Every field is checked: unknown keys, metrics, operators, windows (a
// windowed metric needs window_days or window: month; a running total or
// streak takes none), duplicate ids, and rule ids against `known_rules`
// (empty = no check). Errors name the file, line and badge: "badges.yml:14:
// badge 'respons-kilat': unknown metric 'median_respons_s'".
Result<BadgeBook> ParseBadges(std::string_view yaml_text, std::string_view source,
                              const std::vector<std::string>& known_rules);
Result<BadgeBook> LoadBadges(const std::string& path, const scorer::RulePack& pack);

// ---------------------------------------------------------------------------
// Incremental evaluation.

// Everything that happened on one WIB day for one trainee. The `day` fields
// inside the posts, questions and replies are ignored: they belong to `day`.
// Questions are those asked that day, and must all be judged (the day is
// evaluated only once its last question is one SLA old).
struct DayFacts {
  int64_t day = 0;
  std::vector<PostFacts> posts;  // in posting order (fixes are found in order)
  std::vector<QuestionFacts> questions;
  std::vector<ReplyFacts> replies;
  std::vector<std::string> lessons_passed;        // lesson ids whose quiz was passed
  std::vector<std::string> simulations_finished;  // scenario ids finished
};

// The running counters of one day, kept for windowed metrics.
struct DaySummary {
  int64_t day = 0;
  int posts = 0;
  int clarity_n = 0;
  int64_t clarity_sum = 0;
  std::map<std::string, int> findings;  // rule id -> count
  int questions = 0, answered = 0, within_sla = 0;
  std::vector<int64_t> response_s, response_business_s;  // answered questions
  int replies = 0, tone_n = 0;
  int64_t tone_sum = 0;
  int lessons = 0, simulations = 0;
};

struct BadgeProgress {
  int times = 0;                   // how often earned
  int64_t last_day = 0;            // day of the last award
  int64_t last_window_end = 0;     // end day of the window last awarded
  int64_t last_streak_start = -1;  // streak badges: which streak earned it
};

// What the caller stores per trainee between evaluations.
struct TraineeState {
  std::optional<int64_t> first_day;  // first evaluated day
  std::optional<int64_t> last_day;   // last evaluated day
  int64_t points = 0;
  int64_t findings_fixed = 0;
  std::set<std::string> lessons_done, simulations_done;
  // Rule groups with a finding not yet fixed -> the post kinds where a fix
  // counts (empty: any kind).
  std::map<std::string, std::set<std::string>> open_groups;
  int sla_streak = 0;
  int64_t sla_streak_start = -1;  // first day of the current streak; -1 when none
  int best_sla_streak = 0;
  std::deque<DaySummary> recent;  // evaluated days within the last kHistoryDays
  std::map<std::string, BadgeProgress> badges;
};
// Days of history kept: the longest window (366) plus a month, so a month
// badge can still be judged after a gap.
inline constexpr int64_t kHistoryDays = 366 + 31;

enum class PointReason {
  kFixedFinding,
  kAnsweredWithinSla,
  kLessonPassed,
  kSimulationFinished,
  kBadge
};
std::string_view PointReasonName(PointReason r);  // "fixed_finding", ...

struct PointEvent {
  int64_t day = 0;
  PointReason reason = PointReason::kFixedFinding;
  std::string ref;  // rule group, lesson id, scenario id or badge id; "" for questions
  int points = 0;
  Localized why;
};

struct Award {
  std::string badge;
  int64_t day = 0;
  int points = 0;
  Localized name;
  Localized why;  // names the figures: value, threshold, window, evidence
};

struct DayOutcome {
  bool evaluated = false;  // false: the day was at or before last_day; nothing changed
  std::vector<PointEvent> points;
  std::vector<Award> awards;
  int64_t total_points = 0;  // after the day
  int level = 1;             // after the day
  bool level_up = false;
};

// Applies one day to `state` and returns what it earned. Days must come in
// increasing order; skipped days count as days with no facts (a skipped
// working day neither extends nor breaks the streak). Streak: a working day
// with at least one question, every one answered within the SLA, adds one;
// a question not answered within the SLA on any day ends it; other days
// leave it as it is.
DayOutcome EvaluateDay(const BadgeBook& book, const PointsTable& table, const WorkWeek& week,
                       const DayFacts& facts, TraineeState* state);

// The state as one JSON object and back, for storing between runs. Decode
// rejects anything Encode would not write with kCorruption.
std::string EncodeState(const TraineeState& state);
Result<TraineeState> DecodeState(std::string_view json);

// ---------------------------------------------------------------------------
// Leaderboards.

struct TraineeStanding {
  std::string trainee;
  std::string agency;
  int64_t points = 0;  // over whatever period the caller chose
};

struct TeamRow {
  int rank = 0;  // 1-based; equal averages share a rank (1, 1, 3)
  std::string agency;
  int trainees = 0;
  int64_t total_points = 0;
  double average_points = 0;  // total / trainees
};
// One row per agency, best average first; ties by agency name.
std::vector<TeamRow> TeamLeaderboard(const std::vector<TraineeStanding>& standings);

struct IndividualRow {
  int rank = 0;  // equal points share a rank
  std::string trainee;
  int64_t points = 0;
};
// The trainees of `agency`, most points first (ties by name); empty unless
// `agency_opted_in` (a supervisor's choice, stored by the caller).
std::vector<IndividualRow> IndividualRanking(const std::vector<TraineeStanding>& standings,
                                             std::string_view agency, bool agency_opted_in);

}  // namespace tanggap::training

#endif  // TANGGAP_TRAINING_GAMIFICATION_H_
