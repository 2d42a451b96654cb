// Fuzz target for the training loop's trainer-edited YAML files. The first
// input byte picks the parser (its value mod 3, so the seeds start with a
// readable letter): 'c' ParseCompetencyConfig (competency.yml), 'p'
// ParsePointsTable (points.yml), 'b' ParseBadges (badges.yml); the rest is
// the file. Rule ids are checked against the real clarity pack
// (rules/id-pemerintah), loaded once.
//
// Refusals name the file ("fuzz.yml:LINE: ..." or "fuzz.yml: ..."), with a
// line of the input. What loads keeps its documented bounds and is usable:
// a competency config gives axis values 0-100 for a small fixed trainee; a
// points table gives each level at its own threshold; a badge book,
// evaluated over a few days, only awards its own badges, never takes
// points away, ignores a replayed day, and leaves a state that survives
// EncodeState/DecodeState unchanged.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "scorer/scorer.h"
#include "training/competency.h"
#include "training/gamification.h"
#include "training/lessons.h"

namespace {

namespace tr = tanggap::training;

constexpr std::string_view kSource = "fuzz.yml";

using tanggap::fuzz::Check;

const std::vector<std::string>& KnownRules() {
  static const std::vector<std::string> ids = [] {
    const std::string dir = std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah";
    auto pack = tanggap::scorer::RulePack::Load(dir);
    if (!pack.ok()) {
      std::fprintf(stderr, "training_config_fuzz: cannot load %s: %s\n", dir.c_str(),
                   pack.status().ToString().c_str());
      std::abort();
    }
    return tr::RuleIds(**pack);
  }();
  return ids;
}

bool Known(const std::string& rule) {
  const auto& k = KnownRules();
  return std::find(k.begin(), k.end(), rule) != k.end();
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// "fuzz.yml: what" or "fuzz.yml:LINE: what" with 1 <= LINE <= lines.
void CheckMessage(const tanggap::Status& status, size_t lines) {
  Check(status.code() == tanggap::Status::Code::kInvalidArgument);
  tanggap::fuzz::CheckMessage(status.message(), kSource, lines, /*line_optional=*/true);
}

// ---------------------------------------------------------------------------
// competency.yml

void CheckCompetency(const tr::CompetencyConfig& c) {
  Check(std::isfinite(c.sla_weight) && std::isfinite(c.answered_weight));
  Check(c.sla_weight >= 0 && c.answered_weight >= 0 && c.sla_weight + c.answered_weight > 0);
  Check(std::isfinite(c.posts_per_week) && c.posts_per_week > 0);
  Check(std::isfinite(c.engagement_target) && c.engagement_target > 0);
  for (tr::Axis a : tr::kAllAxes) {
    const tr::AxisConfig& ax = c[a];
    const bool finding_based = a == tr::Axis::kAccessibility || a == tr::Axis::kCompleteness;
    Check(finding_based ? !ax.rules.empty() : ax.rules.empty());
    for (const std::string& r : ax.rules) Check(Known(r));
    for (const std::string& k : ax.scope.kinds) Check(!k.empty());
    for (const std::string& l : ax.lessons) Check(!l.empty());
    if (!finding_based)
      Check(!ax.scope.all && !ax.scope.media && !ax.scope.hashtags && ax.scope.kinds.empty());
  }

  // A small trainee whose posts trip the configured rules: every axis value
  // is 0-100, the weakest are at most two and have values.
  const int64_t day0 = 20'400;
  tr::TraineeFacts facts;
  for (int i = 0; i < 6; ++i) {
    tr::PostFacts p;
    p.day = day0 + i * 3;
    p.clarity = 40 + i * 10;
    p.kind = i % 2 ? "layanan" : "edukasi";
    p.media = i % 2;
    p.hashtags = i % 3;
    p.interactions = 5 + i * 40;
    if (i != 2) p.followers = i == 4 ? 1 : 1000;
    for (tr::Axis a : {tr::Axis::kAccessibility, tr::Axis::kCompleteness})
      if (i % 2 == 0 && !c[a].rules.empty())
        p.findings.push_back({c[a].rules[0], tanggap::scorer::Level::kWarning});
    facts.posts.push_back(p);
    tr::QuestionFacts q;
    q.day = p.day;
    q.answered = i != 1;
    if (q.answered) {
      q.response_s = 60 * (i + 1);
      q.business_response_s = 30 * (i + 1);
      q.within_sla = i != 3;
    }
    facts.questions.push_back(q);
    facts.replies.push_back({p.day, 50 + i * 10, {"NADA.Salam"}});
  }
  const tr::Period period{day0, day0 + 40};
  const tr::CompetencyMap map = tr::ComputeCompetency(c, facts, period);
  for (const tr::AxisScore& s : map.axes) {
    if (s.value) Check(*s.value >= 0 && *s.value <= 100 && s.evidence > 0);
    if (s.value) Check(!s.why.id.empty() && !s.why.en.empty());
  }
  Check(map.weakest.size() <= 2);
  for (const tr::WeakAxis& w : map.weakest) Check(map[w.axis].value == w.value);
  for (const tr::MonthPoint& m : tr::MonthlyTrend(c, facts, period))
    for (const auto& v : m.values)
      if (v) Check(*v >= 0 && *v <= 100);
  const std::string svg = tr::RadarSvg(map, "en");
  Check(svg.starts_with("<svg") && svg.find("<script") == std::string::npos);
  // CheckLessons against no lessons fails exactly when an axis names one.
  bool any_lesson = false;
  for (tr::Axis a : tr::kAllAxes) any_lesson = any_lesson || !c[a].lessons.empty();
  Check(tr::CheckLessons(c, {}).ok() == !any_lesson);
}

// ---------------------------------------------------------------------------
// points.yml

void CheckPoints(const tr::PointsTable& t) {
  for (int v : {t.fixed_finding, t.answered_within_sla, t.lesson_passed, t.simulation_finished})
    Check(v >= 0 && v <= 10000);
  Check(!t.levels.empty() && t.levels[0].min_points == 0 && t.rule_kinds.empty());
  for (size_t i = 0; i < t.levels.size(); ++i) {
    const tr::LevelDef& l = t.levels[i];
    Check(l.level == static_cast<int>(i) + 1 && !l.name.id.empty() && !l.name.en.empty());
    if (i > 0) Check(l.min_points > t.levels[i - 1].min_points);
    const tr::LevelInfo info = tr::LevelFor(t, l.min_points);
    Check(info.level == l.level && info.min_points == l.min_points);
    Check(info.next_min_points.has_value() == (i + 1 < t.levels.size()));
    if (l.min_points > 0) Check(tr::LevelFor(t, l.min_points - 1).level == l.level - 1);
  }
  Check(tr::LevelFor(t, 0).level == 1);
  Check(tr::LevelFor(t, std::numeric_limits<int64_t>::max()).level ==
        static_cast<int>(t.levels.size()));
}

// ---------------------------------------------------------------------------
// badges.yml

bool Windowed(tr::Metric m) {
  switch (m) {
    case tr::Metric::kLessonsPassedTotal:
    case tr::Metric::kSimulationsFinishedTotal:
    case tr::Metric::kFindingsFixedTotal:
    case tr::Metric::kPointsTotal:
    case tr::Metric::kSlaStreakDays:
      return false;
    default:
      return true;
  }
}

void CheckBadges(const tr::BadgeBook& book) {
  Check(book.badges.size() <= 500);
  std::set<std::string> ids;
  for (const tr::Badge& b : book.badges) {
    Check(ValidId(b.id) && ids.insert(b.id).second && book.Find(b.id) == &b);
    Check(!b.name.id.empty() && !b.name.en.empty());
    Check(!b.description.id.empty() && !b.description.en.empty());
    Check(b.points >= 0 && b.points <= 10000 && b.line >= 1);
    const tr::BadgeRule& r = b.rule;
    Check(!r.metric_name.empty() && std::isfinite(r.value));
    Check(!tr::OpName(r.op).empty() && tr::OpName(r.op) != "?");
    Check((r.metric == tr::Metric::kFindings) == !r.rules.empty());
    for (const std::string& rule : r.rules) Check(Known(rule));
    Check(Windowed(r.metric) == (r.window != tr::WindowKind::kNone));
    Check((r.window == tr::WindowKind::kDays) == (r.window_days != 0));
    if (r.window == tr::WindowKind::kDays) Check(r.window_days >= 1 && r.window_days <= 366);
    Check(r.min_posts >= 0 && r.min_questions >= 0 && r.min_replies >= 0);
    if (!Windowed(r.metric)) Check(r.min_posts == 0 && r.min_questions == 0 && r.min_replies == 0);
    if (b.repeat)
      Check(r.window != tr::WindowKind::kNone || r.metric == tr::Metric::kSlaStreakDays);
  }

  // Evaluate a few days (with gaps, a month end and a jump past the
  // history) whose facts trip every rule the book names.
  std::vector<std::string> rules;
  for (const tr::Badge& b : book.badges)
    for (const std::string& r : b.rule.rules)
      if (rules.size() < 8 && std::find(rules.begin(), rules.end(), r) == rules.end())
        rules.push_back(r);
  tr::PointsTable table;
  table.levels = {{1, 0, {"Satu", "One"}}, {2, 50, {"Dua", "Two"}}};
  tr::TraineeState state;
  int64_t points = 0;
  const int64_t nov1 = 20'758;  // 2026-11-01
  for (int64_t day : {nov1, nov1 + 1, nov1 + 2, nov1 + 29, nov1 + 30, nov1 + 31, nov1 + 500}) {
    tr::DayFacts f;
    f.day = day;
    for (int i = 0; i < 3; ++i) {
      tr::PostFacts p;
      p.clarity = 70 + i * 10;
      p.kind = "layanan";
      if (i == 0 && day % 2 == 0)
        for (const std::string& r : rules)
          p.findings.push_back({r, tanggap::scorer::Level::kWarning});
      f.posts.push_back(p);
      tr::QuestionFacts q;
      q.answered = true;
      q.response_s = 120 * (i + 1);
      q.business_response_s = 60 * (i + 1);
      q.within_sla = true;
      f.questions.push_back(q);
      f.replies.push_back({0, 80 + i * 5, {}});
    }
    f.lessons_passed = {"lesson-" + std::to_string(day % 3)};
    f.simulations_finished = {"sim-1"};
    const tr::DayOutcome out = tr::EvaluateDay(book, table, tr::WorkWeek{}, f, &state);
    Check(out.evaluated && out.total_points >= points && out.total_points == state.points);
    Check(out.level >= 1 && out.level <= 2);
    int64_t earned = 0;
    for (const tr::PointEvent& e : out.points) {
      Check(e.day == day && e.points > 0);
      earned += e.points;
    }
    Check(points + earned == out.total_points);
    for (const tr::Award& a : out.awards) {
      const tr::Badge* b = book.Find(a.badge);
      Check(b != nullptr && a.points == b->points && a.day == day);
    }
    points = out.total_points;
    const tr::DayOutcome again = tr::EvaluateDay(book, table, tr::WorkWeek{}, f, &state);
    Check(!again.evaluated && again.points.empty() && again.awards.empty());
    Check(state.points == points);
  }
  for (const auto& [id, progress] : state.badges) Check(book.Find(id) != nullptr);
  const std::string json = tr::EncodeState(state);
  auto back = tr::DecodeState(json);
  Check(back.ok() && tr::EncodeState(*back) == json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int which = data[0] % 3;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  if (which == 0) {
    auto c = tr::ParseCompetencyConfig(text, kSource, KnownRules());
    if (c.ok()) {
      CheckCompetency(*c);
    } else {
      CheckMessage(c.status(), lines);
    }
  } else if (which == 1) {
    auto t = tr::ParsePointsTable(text, kSource);
    if (t.ok()) {
      CheckPoints(*t);
    } else {
      CheckMessage(t.status(), lines);
    }
  } else {
    auto b = tr::ParseBadges(text, kSource, KnownRules());
    if (b.ok()) {
      CheckBadges(*b);
    } else {
      CheckMessage(b.status(), lines);
    }
  }
  return 0;
}
