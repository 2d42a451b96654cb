// The training loop over the store (docs/training-loop.md): a trainee's
// facts for the competency map (training::TraineeFacts) read from what the
// accounts they run posted and answered; the incremental gamification run
// behind `tanggap training evaluate`; and the figures of goals and of the
// cohort evaluation (metrics before vs after each trainee's training day).
//
// A trainee's scope is the accounts assigned to them (account_trainees):
// every post, citizen question and agency reply on those accounts is
// theirs. Figures follow docs/responsiveness.md: a question counts only
// once it is one SLA old, "within SLA" is wall-clock, medians are nearest
// rank. Everything but the Store-taking functions is pure.
#ifndef TANGGAP_JOBS_TRAINING_PROGRESS_H_
#define TANGGAP_JOBS_TRAINING_PROGRESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/progress_queries.h"
#include "store/store.h"
#include "training/competency.h"
#include "training/gamification.h"
#include "util/status.h"

namespace tanggap {

// Rows -> facts for `period` (WIB days). A question is kept only when it
// was asked at least its agency's SLA before `judge_unix` (LoadTraineeFacts
// passes now: a question late in a past period is judged by what is known
// today, so a before/after comparison does not lose its last day); facts
// outside the period are dropped. Hashtags are counted in the post text (#word).
training::TraineeFacts FactsFromRows(const ProgressRows& rows, const training::Period& period,
                                     int64_t judge_unix);
// Reads and converts the facts of `user_id` over `period`.
Result<training::TraineeFacts> LoadTraineeFacts(Store& store, int64_t user_id,
                                                const training::Period& period, int64_t now);

// The gamification inputs, loaded once per run.
struct GamificationRules {
  const training::BadgeBook* badges = nullptr;
  const training::PointsTable* points = nullptr;
  training::WorkWeek week;
};

struct EvaluateStats {
  int trainees = 0;    // evaluated (had at least one new day)
  int64_t days = 0;    // days evaluated in all
  int64_t points = 0;  // points awarded in this run
  int64_t awards = 0;  // badges awarded in this run
  int conflicts = 0;   // trainees another run updated meanwhile (left to it)
};
// For every trainee with accounts: evaluates each day after the stored
// state's last day up to the last day whose questions are all one SLA old
// at `as_of_unix` (the trainee's longest SLA), and stores the new state,
// ledger rows and awards in one transaction per trainee. Running it again
// with the same as_of changes nothing. `now` stamps the ledger rows.
Result<EvaluateStats> EvaluateTraining(Store& store, const GamificationRules& rules,
                                       int64_t as_of_unix, int64_t now);

// The last WIB day that may be evaluated at `as_of_unix` with an SLA of
// `sla_hours`: its end plus the SLA is not after as_of.
int64_t LastJudgedDay(int64_t as_of_unix, double sla_hours);

// ---------------------------------------------------------------------------
// Goal and cohort figures.

// The metrics a goal may name, in the order forms list them.
inline constexpr std::array<std::string_view, 5> kGoalMetrics = {
    "response_rate", "median_response_s", "clarity_avg", "within_sla_rate", "engagement_rate"};
bool IsGoalMetric(std::string_view metric);

struct ProgressMetrics {
  int posts = 0, scored_posts = 0, questions = 0, answered = 0;
  std::optional<double> clarity_avg;        // mean clarity of scored posts
  std::optional<double> response_rate;      // answered / questions, 0..1
  std::optional<double> within_sla_rate;    // within SLA / questions, 0..1
  std::optional<double> median_response_s;  // nearest rank over answered
  std::optional<double> engagement_rate;    // mean interactions / followers, 0..1
  // The value of a metric of kGoalMetrics; nullopt for no evidence or an
  // unknown name.
  std::optional<double> Get(std::string_view metric) const;
};
ProgressMetrics MetricsOf(const training::TraineeFacts& facts);

// A goal is met when value op target holds ("<=": lower is better).
bool GoalMet(double value, std::string_view op, double target);

// The cohort evaluation: per trainee with a training day, the same metrics
// over `window` days before the day and `window` days from it on (both cut
// to the days that have passed by `as_of_day`, inclusive, so the windows
// stay the same length).
struct CohortRow {
  std::string username, display_name;
  std::vector<std::string> agencies;
  int64_t training_day = 0;
  int window_days = 0;  // after cutting; 0 when the training day is not past yet
  ProgressMetrics before, after;
};
// Across the cohort, for one metric: the changes (after - before) of the
// trainees that have both values.
struct CohortStat {
  std::string metric;
  int n = 0;
  std::optional<double> mean, sd;        // sd: sample standard deviation (n >= 2)
  std::optional<double> q1, median, q3;  // nearest rank
};
CohortStat SummarizeChanges(std::string_view metric, std::vector<double> changes);

// The metrics the cohort view compares, in order.
inline constexpr std::array<std::string_view, 4> kCohortMetrics = {
    "clarity_avg", "response_rate", "median_response_s", "engagement_rate"};

struct Cohort {
  int window_days = 0;
  std::vector<CohortRow> rows;
  std::vector<CohortStat> stats;  // one per kCohortMetrics
};
// `trainees`: who may be shown (the caller's scope). Trainees without a
// training day are left out.
Result<Cohort> ComputeCohort(Store& store, const std::vector<TraineeInfo>& trainees,
                             int window_days, int64_t as_of_day, int64_t now);

}  // namespace tanggap

#endif  // TANGGAP_JOBS_TRAINING_PROGRESS_H_
