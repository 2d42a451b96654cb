#include "jobs/training_progress.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace tanggap {
namespace {

constexpr int kRowLimit = 200000;

int64_t SlaSeconds(double hours) { return static_cast<int64_t>(std::llround(hours * 3600)); }

int CountHashtags(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '#') continue;
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    const bool starts_word = std::isalnum(next) || next == '_' || next >= 0x80;
    const bool after_word =
        i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '&');
    if (starts_word && !after_word) ++n;
  }
  return n;
}

scorer::Level LevelFrom(std::string_view name) {
  if (name == "error") return scorer::Level::kError;
  if (name == "suggestion") return scorer::Level::kSuggestion;
  return scorer::Level::kWarning;
}

// Nearest rank: the value at rank ceil(p * n).
double NearestRank(const std::vector<double>& sorted, double p) {
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

training::TraineeFacts FactsFromRows(const ProgressRows& rows, const training::Period& period,
                                     int64_t judge_unix) {
  training::TraineeFacts facts;
  auto inside = [&](int64_t day) { return day >= period.from_day && day <= period.to_day; };
  for (const ProgressPost& p : rows.posts) {
    const int64_t day = WibDay(p.created_unix);
    if (!inside(day)) continue;
    training::PostFacts f;
    f.day = day;
    if (p.score) f.clarity = static_cast<int>(*p.score);
    f.kind = p.kind;
    for (const auto& [rule, level] : p.findings) f.findings.push_back({rule, LevelFrom(level)});
    f.media = p.media;
    f.hashtags = CountHashtags(p.text);
    f.interactions = p.interactions;
    f.followers = p.followers;
    facts.posts.push_back(std::move(f));
  }
  for (const ProgressQuestion& q : rows.questions) {
    const int64_t day = WibDay(q.asked_unix);
    if (!inside(day)) continue;
    const int64_t sla = SlaSeconds(q.sla_hours);
    if (q.asked_unix + sla > judge_unix) continue;  // not late yet: not judged
    training::QuestionFacts f;
    f.day = day;
    // An answer after the judging moment did not exist then.
    f.answered = q.answered && q.response_s && q.asked_unix + *q.response_s <= judge_unix;
    if (f.answered) {
      f.response_s = q.response_s;
      f.business_response_s = q.business_response_s;
      f.within_sla = *q.response_s <= sla;
    }
    facts.questions.push_back(f);
  }
  for (const ProgressReply& r : rows.replies) {
    const int64_t day = WibDay(r.created_unix);
    if (!inside(day)) continue;
    training::ReplyFacts f;
    f.day = day;
    if (r.score) f.tone = static_cast<int>(*r.score);
    f.tone_rules = r.tone_rules;
    facts.replies.push_back(std::move(f));
  }
  return facts;
}

Result<training::TraineeFacts> LoadTraineeFacts(Store& store, int64_t user_id,
                                                const training::Period& period, int64_t now) {
  const int64_t from = WibDayStart(period.from_day);
  const int64_t to = WibDayStart(period.to_day + 1);
  auto rows = ProgressFacts(store, user_id, from, to, kRowLimit);
  if (!rows.ok()) return rows.status();
  return FactsFromRows(*rows, period, now);
}

int64_t LastJudgedDay(int64_t as_of_unix, double sla_hours) {
  return WibDay(as_of_unix - SlaSeconds(sla_hours)) - 1;
}

Result<EvaluateStats> EvaluateTraining(Store& store, const GamificationRules& rules,
                                       int64_t as_of_unix, int64_t now) {
  EvaluateStats stats;
  auto trainees = ProgressTrainees(store, kRowLimit);
  if (!trainees.ok()) return trainees.status();
  for (const TraineeInfo& t : *trainees) {
    if (t.account_row_ids.empty()) continue;
    const int64_t last = LastJudgedDay(as_of_unix, t.sla_hours);
    auto stored = LoadGameState(store, t.user_id);
    if (!stored.ok()) return stored.status();
    training::TraineeState state;
    std::optional<int64_t> expected;
    if (*stored) {
      auto decoded = training::DecodeState((*stored)->state_json);
      if (!decoded.ok()) {
        return Status::Corruption("gamification state of " + t.username + ": " +
                                  decoded.status().message());
      }
      state = std::move(*decoded);
      expected = (*stored)->evaluated_day;
    }
    // A new trainee starts with the history the store has, at most as far
    // back as the state can remember.
    const int64_t first = state.last_day ? *state.last_day + 1 : last - training::kHistoryDays + 1;
    if (first > last) continue;
    const int64_t from_unix = WibDayStart(first);
    const int64_t to_unix = WibDayStart(last + 1);
    auto rows = ProgressFacts(store, t.user_id, from_unix, to_unix, kRowLimit);
    if (!rows.ok()) return rows.status();
    const training::Period period{first, last};
    training::TraineeFacts facts = FactsFromRows(*rows, period, as_of_unix);
    std::map<int64_t, training::DayFacts> days;
    for (training::PostFacts& p : facts.posts) days[p.day].posts.push_back(std::move(p));
    for (training::QuestionFacts& q : facts.questions) days[q.day].questions.push_back(q);
    for (training::ReplyFacts& r : facts.replies) days[r.day].replies.push_back(std::move(r));
    for (const auto& [lesson, at] : rows->lessons_passed) {
      days[WibDay(at)].lessons_passed.push_back(lesson);
    }
    for (const auto& [scenario, at] : rows->simulations) {
      days[WibDay(at)].simulations_finished.push_back(scenario);
    }
    days[last];  // so the state records how far it has judged
    std::vector<LedgerRow> ledger;
    std::vector<AwardRow> awards;
    int64_t evaluated = 0;
    for (auto& [day, d] : days) {
      if (day < first || day > last) continue;
      d.day = day;
      training::DayOutcome out =
          training::EvaluateDay(*rules.badges, *rules.points, rules.week, d, &state);
      if (!out.evaluated) continue;
      ++evaluated;
      for (const training::PointEvent& e : out.points) {
        ledger.push_back({e.day, std::string(training::PointReasonName(e.reason)), e.points,
                          e.why.id, e.why.en, now});
        stats.points += e.points;
      }
      for (const training::Award& a : out.awards) {
        awards.push_back({a.badge, a.day, a.why.id, a.why.en, now});
      }
    }
    GameState save{training::EncodeState(state), state.points, state.last_day};
    auto saved = SaveGameProgress(store, t.user_id, expected, save, ledger, awards);
    if (!saved.ok()) return saved.status();
    if (!*saved) {
      ++stats.conflicts;
      continue;
    }
    ++stats.trainees;
    stats.days += evaluated;
    stats.awards += static_cast<int64_t>(awards.size());
  }
  return stats;
}

bool IsGoalMetric(std::string_view metric) {
  return std::find(kGoalMetrics.begin(), kGoalMetrics.end(), metric) != kGoalMetrics.end();
}

std::optional<double> ProgressMetrics::Get(std::string_view metric) const {
  if (metric == "response_rate") return response_rate;
  if (metric == "median_response_s") return median_response_s;
  if (metric == "clarity_avg") return clarity_avg;
  if (metric == "within_sla_rate") return within_sla_rate;
  if (metric == "engagement_rate") return engagement_rate;
  return std::nullopt;
}

ProgressMetrics MetricsOf(const training::TraineeFacts& facts) {
  ProgressMetrics m;
  int64_t clarity_sum = 0;
  double rate_sum = 0;
  int rated = 0;
  for (const training::PostFacts& p : facts.posts) {
    ++m.posts;
    if (p.clarity) {
      ++m.scored_posts;
      clarity_sum += *p.clarity;
    }
    if (p.followers && *p.followers > 0) {
      rate_sum += static_cast<double>(p.interactions) / static_cast<double>(*p.followers);
      ++rated;
    }
  }
  if (m.scored_posts > 0) m.clarity_avg = static_cast<double>(clarity_sum) / m.scored_posts;
  if (rated > 0) m.engagement_rate = rate_sum / rated;
  int within = 0;
  std::vector<double> times;
  for (const training::QuestionFacts& q : facts.questions) {
    ++m.questions;
    if (q.answered) {
      ++m.answered;
      if (q.response_s) times.push_back(static_cast<double>(*q.response_s));
    }
    if (q.within_sla) ++within;
  }
  if (m.questions > 0) {
    m.response_rate = static_cast<double>(m.answered) / m.questions;
    m.within_sla_rate = static_cast<double>(within) / m.questions;
  }
  if (!times.empty()) {
    std::sort(times.begin(), times.end());
    m.median_response_s = NearestRank(times, 0.5);
  }
  return m;
}

bool GoalMet(double value, std::string_view op, double target) {
  return op == "<=" ? value <= target : value >= target;
}

CohortStat SummarizeChanges(std::string_view metric, std::vector<double> changes) {
  CohortStat s;
  s.metric = std::string(metric);
  s.n = static_cast<int>(changes.size());
  if (changes.empty()) return s;
  double sum = 0;
  for (double c : changes) sum += c;
  const double mean = sum / s.n;
  s.mean = mean;
  if (s.n >= 2) {
    double ss = 0;
    for (double c : changes) ss += (c - mean) * (c - mean);
    s.sd = std::sqrt(ss / (s.n - 1));
  }
  std::sort(changes.begin(), changes.end());
  s.q1 = NearestRank(changes, 0.25);
  s.median = NearestRank(changes, 0.5);
  s.q3 = NearestRank(changes, 0.75);
  return s;
}

Result<Cohort> ComputeCohort(Store& store, const std::vector<TraineeInfo>& trainees,
                             int window_days, int64_t as_of_day, int64_t now) {
  Cohort cohort;
  cohort.window_days = std::clamp(window_days, 1, 366);
  for (const TraineeInfo& t : trainees) {
    if (!t.training_day) continue;
    CohortRow row;
    row.username = t.username;
    row.display_name = t.display_name;
    row.agencies = t.agencies;
    row.training_day = *t.training_day;
    const int64_t passed = as_of_day - *t.training_day + 1;
    row.window_days = static_cast<int>(std::clamp<int64_t>(passed, 0, cohort.window_days));
    if (row.window_days > 0) {
      const training::Period before{*t.training_day - row.window_days, *t.training_day - 1};
      const training::Period after{*t.training_day, *t.training_day + row.window_days - 1};
      auto b = LoadTraineeFacts(store, t.user_id, before, now);
      if (!b.ok()) return b.status();
      auto a = LoadTraineeFacts(store, t.user_id, after, now);
      if (!a.ok()) return a.status();
      row.before = MetricsOf(*b);
      row.after = MetricsOf(*a);
    }
    cohort.rows.push_back(std::move(row));
  }
  for (std::string_view metric : kCohortMetrics) {
    std::vector<double> changes;
    for (const CohortRow& r : cohort.rows) {
      auto b = r.before.Get(metric);
      auto a = r.after.Get(metric);
      if (a && b) changes.push_back(*a - *b);
    }
    cohort.stats.push_back(SummarizeChanges(metric, std::move(changes)));
  }
  return cohort;
}

}  // namespace tanggap
