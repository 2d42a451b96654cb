#include "training/gamification.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <utility>

#include "util/file.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::training {
namespace {

constexpr size_t kMaxBadges = 500;
constexpr int kMaxWindowDays = 366;

std::string Num(int64_t v) { return std::to_string(v); }

std::string DayText(int64_t day) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string MonthText(int64_t day) { return DayText(day).substr(0, 7); }

// Integral values print as integers; others with two decimals in the
// language's decimal mark.
std::string Figure(double v, std::string_view lang) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return Num(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  if (lang == "id") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

int64_t NearestRankMedian(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v[(v.size() + 1) / 2 - 1];
}

// ---------------------------------------------------------------------------
// The metric vocabulary of badges.yml.

enum class Unit { kCount, kRate, kSeconds, kScore };

struct MetricInfo {
  std::string_view name;
  Metric metric;
  bool windowed;
  Unit unit;
  Localized label;
};

const std::vector<MetricInfo>& Metrics() {
  static const std::vector<MetricInfo> metrics = {
      {"posts", Metric::kPosts, true, Unit::kCount, {"unggahan", "posts"}},
      {"findings", Metric::kFindings, true, Unit::kCount, {"temuan", "findings"}},
      {"mean_clarity",
       Metric::kMeanClarity,
       true,
       Unit::kScore,
       {"rata-rata skor kejelasan", "mean clarity score"}},
      {"questions", Metric::kQuestions, true, Unit::kCount, {"pertanyaan", "questions"}},
      {"answered",
       Metric::kAnswered,
       true,
       Unit::kCount,
       {"pertanyaan dijawab", "questions answered"}},
      {"response_rate",
       Metric::kResponseRate,
       true,
       Unit::kRate,
       {"tingkat respons", "response rate"}},
      {"within_sla_rate",
       Metric::kWithinSlaRate,
       true,
       Unit::kRate,
       {"pertanyaan dijawab dalam SLA", "questions answered within the SLA"}},
      {"median_response_s",
       Metric::kMedianResponseS,
       true,
       Unit::kSeconds,
       {"median waktu respons", "median response time"}},
      {"median_response_business_s",
       Metric::kMedianResponseBusinessS,
       true,
       Unit::kSeconds,
       {"median waktu respons jam kerja", "median response time in working hours"}},
      {"replies", Metric::kReplies, true, Unit::kCount, {"balasan", "replies"}},
      {"mean_tone",
       Metric::kMeanTone,
       true,
       Unit::kScore,
       {"rata-rata skor nada", "mean tone score"}},
      {"lessons_passed",
       Metric::kLessonsPassed,
       true,
       Unit::kCount,
       {"materi yang lulus kuis", "lessons passed"}},
      {"simulations_finished",
       Metric::kSimulationsFinished,
       true,
       Unit::kCount,
       {"simulasi selesai", "simulations finished"}},
      {"lessons_passed_total",
       Metric::kLessonsPassedTotal,
       false,
       Unit::kCount,
       {"total materi yang lulus kuis", "lessons passed in total"}},
      {"simulations_finished_total",
       Metric::kSimulationsFinishedTotal,
       false,
       Unit::kCount,
       {"total simulasi selesai", "simulations finished in total"}},
      {"findings_fixed_total",
       Metric::kFindingsFixedTotal,
       false,
       Unit::kCount,
       {"total temuan yang diperbaiki", "findings fixed in total"}},
      {"points_total", Metric::kPointsTotal, false, Unit::kCount, {"total poin", "total points"}},
      {"sla_streak_days",
       Metric::kSlaStreakDays,
       false,
       Unit::kCount,
       {"hari kerja beruntun semua pertanyaan dijawab dalam SLA",
        "working days in a row with every question answered within the SLA"}},
  };
  return metrics;
}

const MetricInfo& InfoOf(Metric m) {
  for (const MetricInfo& i : Metrics()) {
    if (i.metric == m) return i;
  }
  return Metrics().front();
}

std::string ValueText(double v, Unit unit, std::string_view lang) {
  switch (unit) {
    case Unit::kRate:
      return Figure(std::round(v * 1000) / 10, lang) + "%";
    case Unit::kSeconds: {
      const int64_t s = static_cast<int64_t>(v);
      std::string t = Num(s) + (lang == "en" ? " s" : " detik");
      const std::string min = Num((s % 3600) / 60) + (lang == "en" ? " min" : " menit");
      if (s >= 3600) {
        t += " (" + Num(s / 3600) + (lang == "en" ? " h " : " jam ") + min + ")";
      } else if (s >= 60) {
        t += " (" + min + ")";
      }
      return t;
    }
    case Unit::kCount:
    case Unit::kScore:
      break;
  }
  return Figure(v, lang);
}

bool Compare(double v, Op op, double t) {
  switch (op) {
    case Op::kLt:
      return v < t;
    case Op::kLe:
      return v <= t;
    case Op::kEq:
      return v == t;
    case Op::kGe:
      return v >= t;
    case Op::kGt:
      return v > t;
  }
  return false;
}

// Counters summed over the kept days of a window.
struct WindowStats {
  DaySummary sum;
  void Add(const DaySummary& d) {
    sum.posts += d.posts;
    sum.clarity_n += d.clarity_n;
    sum.clarity_sum += d.clarity_sum;
    for (const auto& [r, n] : d.findings) sum.findings[r] += n;
    sum.questions += d.questions;
    sum.answered += d.answered;
    sum.within_sla += d.within_sla;
    sum.response_s.insert(sum.response_s.end(), d.response_s.begin(), d.response_s.end());
    sum.response_business_s.insert(sum.response_business_s.end(), d.response_business_s.begin(),
                                   d.response_business_s.end());
    sum.replies += d.replies;
    sum.tone_n += d.tone_n;
    sum.tone_sum += d.tone_sum;
    sum.lessons += d.lessons;
    sum.simulations += d.simulations;
  }
};

WindowStats Window(const TraineeState& s, int64_t from, int64_t to) {
  WindowStats w;
  for (const DaySummary& d : s.recent) {
    if (d.day >= from && d.day <= to) w.Add(d);
  }
  return w;
}

std::optional<double> WindowValue(const BadgeRule& r, const DaySummary& w) {
  switch (r.metric) {
    case Metric::kPosts:
      return w.posts;
    case Metric::kFindings: {
      int64_t n = 0;
      for (const std::string& rule : r.rules) {
        auto it = w.findings.find(rule);
        if (it != w.findings.end()) n += it->second;
      }
      return static_cast<double>(n);
    }
    case Metric::kMeanClarity:
      if (w.clarity_n == 0) return std::nullopt;
      return static_cast<double>(w.clarity_sum) / w.clarity_n;
    case Metric::kQuestions:
      return w.questions;
    case Metric::kAnswered:
      return w.answered;
    case Metric::kResponseRate:
      if (w.questions == 0) return std::nullopt;
      return static_cast<double>(w.answered) / w.questions;
    case Metric::kWithinSlaRate:
      if (w.questions == 0) return std::nullopt;
      return static_cast<double>(w.within_sla) / w.questions;
    case Metric::kMedianResponseS:
      if (w.response_s.empty()) return std::nullopt;
      return static_cast<double>(NearestRankMedian(w.response_s));
    case Metric::kMedianResponseBusinessS:
      if (w.response_business_s.empty()) return std::nullopt;
      return static_cast<double>(NearestRankMedian(w.response_business_s));
    case Metric::kReplies:
      return w.replies;
    case Metric::kMeanTone:
      if (w.tone_n == 0) return std::nullopt;
      return static_cast<double>(w.tone_sum) / w.tone_n;
    case Metric::kLessonsPassed:
      return w.lessons;
    case Metric::kSimulationsFinished:
      return w.simulations;
    default:
      return std::nullopt;
  }
}

double TotalValue(Metric m, const TraineeState& s) {
  switch (m) {
    case Metric::kLessonsPassedTotal:
      return static_cast<double>(s.lessons_done.size());
    case Metric::kSimulationsFinishedTotal:
      return static_cast<double>(s.simulations_done.size());
    case Metric::kFindingsFixedTotal:
      return static_cast<double>(s.findings_fixed);
    case Metric::kPointsTotal:
      return static_cast<double>(s.points);
    case Metric::kSlaStreakDays:
      return s.sla_streak;
    default:
      return 0;
  }
}

std::string MetricLabel(const BadgeRule& r, std::string_view lang) {
  std::string label = InfoOf(r.metric).label.In(lang);
  if (r.metric == Metric::kFindings) {
    std::string rules;
    for (const std::string& x : r.rules) rules += (rules.empty() ? "" : ", ") + x;
    label += (lang == "en" ? " of " : " ") + rules;
  }
  return label;
}

// "temuan ID.AkronimTanpaKepanjangan = 0 (syarat == 0)".
std::string Condition(const BadgeRule& r, double value, std::string_view lang) {
  const Unit u = InfoOf(r.metric).unit;
  return MetricLabel(r, lang) + " = " + ValueText(value, u, lang) +
         (lang == "en" ? " (needs " : " (syarat ") + std::string(OpName(r.op)) + " " +
         ValueText(r.value, u, lang) + ")";
}

// ", 12 unggahan (min. 5)" for each minimum the rule sets.
std::string Evidence(const BadgeRule& r, const DaySummary& w, std::string_view lang) {
  std::string s;
  auto add = [&](int min, int have, const char* id, const char* en) {
    if (min <= 0) return;
    s += "; " + Num(have) + " " + (lang == "en" ? en : id) + " (min. " + Num(min) + ")";
  };
  add(r.min_posts, w.posts, "unggahan", "posts");
  add(r.min_questions, w.questions, "pertanyaan", "questions");
  add(r.min_replies, w.replies, "balasan", "replies");
  return s;
}

// ---------------------------------------------------------------------------
// YAML helpers.

std::string Where(std::string_view source, const YAML::Node& n) {
  return std::string(source) + ":" + std::to_string(n.Mark().line + 1) + ": ";
}

template <typename T>
bool Decode(const YAML::Node& n, T* out) {
  return n.IsScalar() && YAML::convert<T>::decode(n, *out);
}

Result<Localized> ParseLocalized(const YAML::Node& n, std::string_view source,
                                 const std::string& what) {
  if (!n.IsDefined() || !n.IsMap()) {
    return Status::InvalidArgument(Where(source, n) + what + " needs {id: \"...\", en: \"...\"}");
  }
  Localized l;
  for (const auto& kv : n) {
    const std::string k = kv.first.Scalar();
    if ((k != "id" && k != "en") || !kv.second.IsScalar()) {
      return Status::InvalidArgument(Where(source, kv.first) + what +
                                     ": only 'id' and 'en' texts are allowed");
    }
    (k == "id" ? l.id : l.en) = kv.second.Scalar();
  }
  if (l.id.empty() || l.en.empty()) {
    return Status::InvalidArgument(Where(source, n) + what + " needs both 'id' and 'en' texts");
  }
  return l;
}

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::optional<Op> ParseOp(const std::string& s) {
  if (s == "<") return Op::kLt;
  if (s == "<=") return Op::kLe;
  if (s == "==") return Op::kEq;
  if (s == ">=") return Op::kGe;
  if (s == ">") return Op::kGt;
  return std::nullopt;
}

Status ParseRule(const YAML::Node& n, std::string_view source, const std::string& who,
                 const std::map<std::string, std::vector<std::string>>& named,
                 const std::set<std::string>& known, BadgeRule* r) {
  if (!n.IsDefined() || !n.IsMap()) {
    return Status::InvalidArgument(Where(source, n) + who +
                                   "needs 'rule: {metric: ..., op: ..., "
                                   "value: ...}'");
  }
  bool has_op = false, has_value = false;
  for (const auto& kv : n) {
    const std::string k = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    auto bad = [&](const std::string& what) {
      return Status::InvalidArgument(Where(source, v) + who + "'" + k + "' " + what);
    };
    if (k == "metric") {
      if (!v.IsScalar()) return bad("must be one metric name");
      r->metric_name = v.Scalar();
    } else if (k == "rules") {
      if (!v.IsSequence()) return bad("must be a list of rule ids");
      for (const YAML::Node& x : v) {
        if (!x.IsScalar()) return bad("must be a list of rule ids");
        r->rules.push_back(x.Scalar());
      }
    } else if (k == "window_days") {
      if (!Decode(v, &r->window_days) || r->window_days < 1 || r->window_days > kMaxWindowDays) {
        return bad("must be a whole number of days from 1 to 366");
      }
      if (r->window != WindowKind::kNone) return bad("conflicts with 'window'");
      r->window = WindowKind::kDays;
    } else if (k == "window") {
      if (!v.IsScalar() || v.Scalar() != "month")
        return bad("must be 'month' (or use window_days)");
      if (r->window != WindowKind::kNone) return bad("conflicts with 'window_days'");
      r->window = WindowKind::kMonth;
    } else if (k == "op") {
      std::optional<Op> op = v.IsScalar() ? ParseOp(v.Scalar()) : std::nullopt;
      if (!op) return bad("must be one of <, <=, ==, >=, >");
      r->op = *op;
      has_op = true;
    } else if (k == "value") {
      if (!Decode(v, &r->value) || !std::isfinite(r->value)) return bad("must be a number");
      has_value = true;
    } else if (k == "min_posts" || k == "min_questions" || k == "min_replies") {
      int x = 0;
      if (!Decode(v, &x) || x < 0) return bad("must be a whole number >= 0");
      (k == "min_posts"       ? r->min_posts
       : k == "min_questions" ? r->min_questions
                              : r->min_replies) = x;
    } else {
      return Status::InvalidArgument(Where(source, kv.first) + who + "unknown rule key '" + k +
                                     "'");
    }
  }
  if (r->metric_name.empty()) {
    return Status::InvalidArgument(Where(source, n) + who + "rule needs 'metric'");
  }
  if (!has_op || !has_value) {
    return Status::InvalidArgument(Where(source, n) + who + "rule needs 'op' and 'value'");
  }
  const MetricInfo* info = nullptr;
  if (auto it = named.find(r->metric_name); it != named.end()) {
    if (!r->rules.empty()) {
      return Status::InvalidArgument(Where(source, n) + who + "metric '" + r->metric_name +
                                     "' already names its rules; drop 'rules'");
    }
    r->rules = it->second;
    info = &InfoOf(Metric::kFindings);
  } else {
    for (const MetricInfo& m : Metrics()) {
      if (m.name == r->metric_name) info = &m;
    }
  }
  if (!info) {
    return Status::InvalidArgument(Where(source, n) + who + "unknown metric '" + r->metric_name +
                                   "'");
  }
  r->metric = info->metric;
  if (r->metric == Metric::kFindings && r->rules.empty()) {
    return Status::InvalidArgument(Where(source, n) + who + "metric 'findings' needs 'rules'");
  }
  if (r->metric != Metric::kFindings && !r->rules.empty()) {
    return Status::InvalidArgument(Where(source, n) + who + "'rules' only goes with findings");
  }
  for (const std::string& rule : r->rules) {
    if (!known.empty() && !known.count(rule)) {
      return Status::InvalidArgument(Where(source, n) + who + "unknown rule '" + rule +
                                     "' (not in the clarity pack)");
    }
  }
  if (info->windowed && r->window == WindowKind::kNone) {
    return Status::InvalidArgument(Where(source, n) + who + "metric '" + r->metric_name +
                                   "' needs 'window_days: N' or 'window: month'");
  }
  if (!info->windowed && r->window != WindowKind::kNone) {
    return Status::InvalidArgument(Where(source, n) + who + "metric '" + r->metric_name +
                                   "' is a running total or streak and takes no window");
  }
  if (!info->windowed && (r->min_posts || r->min_questions || r->min_replies)) {
    return Status::InvalidArgument(Where(source, n) + who +
                                   "min_posts/min_questions/min_replies need a window");
  }
  return Status::Ok();
}

Result<Badge> ParseBadge(const YAML::Node& n, std::string_view source,
                         const std::map<std::string, std::vector<std::string>>& named,
                         const std::set<std::string>& known) {
  Badge b;
  b.line = n.Mark().line + 1;
  if (!n.IsMap()) return Status::InvalidArgument(Where(source, n) + "a badge is a map");
  const YAML::Node id = n["id"];
  if (!id.IsDefined() || !id.IsScalar() || !ValidId(id.Scalar())) {
    return Status::InvalidArgument(Where(source, n) +
                                   "badge needs 'id' of lower-case letters, digits and '-'");
  }
  b.id = id.Scalar();
  const std::string who = "badge '" + b.id + "': ";
  bool has_rule = false, has_name = false, has_desc = false;
  for (const auto& kv : n) {
    const std::string k = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (k == "id") continue;
    if (k == "name" || k == "description") {
      auto l = ParseLocalized(v, source, who + k);
      if (!l.ok()) return l.status();
      (k == "name" ? b.name : b.description) = *l;
      (k == "name" ? has_name : has_desc) = true;
    } else if (k == "rule") {
      if (Status s = ParseRule(v, source, who, named, known, &b.rule); !s.ok()) return s;
      has_rule = true;
    } else if (k == "points") {
      if (!Decode(v, &b.points) || b.points < 0 || b.points > 10000) {
        return Status::InvalidArgument(Where(source, v) + who + "'points' must be 0..10000");
      }
    } else if (k == "repeat") {
      if (!Decode(v, &b.repeat)) {
        return Status::InvalidArgument(Where(source, v) + who + "'repeat' must be true or false");
      }
    } else {
      return Status::InvalidArgument(Where(source, kv.first) + who + "unknown key '" + k + "'");
    }
  }
  if (!has_name || !has_desc || !has_rule) {
    return Status::InvalidArgument(Where(source, n) + who + "needs 'name', 'description' and " +
                                   "'rule'");
  }
  if (b.repeat && b.rule.window == WindowKind::kNone && b.rule.metric != Metric::kSlaStreakDays) {
    return Status::InvalidArgument(Where(source, n) + who +
                                   "a running total is earned once; drop 'repeat'");
  }
  return b;
}

template <typename T>
Result<T> Guard(std::string_view source, auto&& body) {
  // yaml-cpp reports errors by throwing; they become a Status here.
  try {
    return body();
  } catch (const YAML::Exception& e) {
    const std::string line = e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1);
    return Status::InvalidArgument(std::string(source) + line + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(source) + ": cannot read: " + e.what());
  }
}

Result<YAML::Node> LoadYaml(std::string_view text, std::string_view source) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument(std::string(source) + ":" + std::to_string(e.mark.line + 1) +
                                   ": not valid YAML: " + e.msg);
  }
}

std::vector<std::string> PackRuleIds(const scorer::RulePack& pack) {
  std::vector<std::string> ids;
  for (const scorer::RuleInfo& r : pack.Rules()) ids.push_back(r.id);
  return ids;
}

// ---------------------------------------------------------------------------
// Evaluation steps.

DaySummary Summarise(const DayFacts& f) {
  DaySummary d;
  d.day = f.day;
  d.posts = static_cast<int>(f.posts.size());
  for (const PostFacts& p : f.posts) {
    if (p.clarity) {
      ++d.clarity_n;
      d.clarity_sum += std::clamp(*p.clarity, 0, 100);
    }
    for (const FindingFact& fi : p.findings) ++d.findings[fi.rule];
  }
  for (const QuestionFacts& q : f.questions) {
    ++d.questions;
    if (!q.answered) continue;
    ++d.answered;
    if (q.within_sla) ++d.within_sla;
    if (q.response_s) d.response_s.push_back(std::max<int64_t>(0, *q.response_s));
    if (q.business_response_s) {
      d.response_business_s.push_back(std::max<int64_t>(0, *q.business_response_s));
    }
  }
  for (const ReplyFacts& r : f.replies) {
    ++d.replies;
    if (r.tone) {
      ++d.tone_n;
      d.tone_sum += std::clamp(*r.tone, 0, 100);
    }
  }
  d.lessons = static_cast<int>(f.lessons_passed.size());
  d.simulations = static_cast<int>(f.simulations_finished.size());
  return d;
}

bool Empty(const DaySummary& d) {
  return d.posts == 0 && d.questions == 0 && d.replies == 0 && d.lessons == 0 && d.simulations == 0;
}

void AddPoints(TraineeState* s, DayOutcome* out, PointEvent e) {
  s->points += e.points;
  out->points.push_back(std::move(e));
}

// A later scored post without a finding of an open group fixes it, if the
// group's rules apply to that post's kind.
void FindFixes(const PointsTable& table, const DayFacts& f, TraineeState* s, DayOutcome* out) {
  for (const PostFacts& post : f.posts) {
    if (!post.clarity) continue;                        // unscored posts say nothing about findings
    std::map<std::string, std::set<std::string>> here;  // group -> kinds (empty = any)
    for (const FindingFact& fi : post.findings) {
      const std::string g = RuleGroup(fi.rule);
      auto kinds_it = table.rule_kinds.find(fi.rule);
      const bool any = kinds_it == table.rule_kinds.end() || kinds_it->second.empty();
      auto [it, fresh] = here.try_emplace(g);
      if (any) {
        it->second.clear();
        it->second.insert("");  // marker: any kind
      } else if (!it->second.count("")) {
        it->second.insert(kinds_it->second.begin(), kinds_it->second.end());
      }
      (void)fresh;
    }
    for (auto it = s->open_groups.begin(); it != s->open_groups.end();) {
      const bool applies = it->second.count("") || it->second.count(post.kind);
      if (here.count(it->first) || !applies) {
        ++it;
        continue;
      }
      ++s->findings_fixed;
      if (table.fixed_finding > 0) {
        const std::string p = Num(table.fixed_finding);
        AddPoints(s, out,
                  {f.day,
                   PointReason::kFixedFinding,
                   it->first,
                   table.fixed_finding,
                   {"Unggahan ini tanpa temuan " + it->first + " yang muncul sebelumnya: +" + p +
                        " poin.",
                    "This post has no " + it->first + " finding after an earlier one: +" + p +
                        " points."}});
      }
      it = s->open_groups.erase(it);
    }
    for (auto& [g, kinds] : here) {
      auto [it, fresh] = s->open_groups.try_emplace(g, kinds);
      if (!fresh) {
        if (kinds.count("") || it->second.count("")) {
          it->second = {""};
        } else {
          it->second.insert(kinds.begin(), kinds.end());
        }
      }
    }
  }
}

void UpdateStreak(const WorkWeek& week, const DaySummary& d, TraineeState* s) {
  if (d.within_sla < d.questions) {
    s->sla_streak = 0;
    s->sla_streak_start = -1;
    return;
  }
  if (!week.IsWorkingDay(d.day) || d.questions == 0) return;
  if (s->sla_streak == 0) s->sla_streak_start = d.day;
  ++s->sla_streak;
  s->best_sla_streak = std::max(s->best_sla_streak, s->sla_streak);
}

void MaybeAward(const Badge& b, int64_t day, Localized why, TraineeState* s, DayOutcome* out) {
  Award a;
  a.badge = b.id;
  a.day = day;
  a.points = b.points;
  a.name = b.name;
  a.why = {why.id + ".", why.en + "."};
  BadgeProgress& p = s->badges[b.id];
  ++p.times;
  p.last_day = day;
  if (b.points > 0) {
    const std::string pts = Num(b.points);
    AddPoints(s, out,
              {day,
               PointReason::kBadge,
               b.id,
               b.points,
               {"Lencana \"" + b.name.id + "\": +" + pts + " poin.",
                "Badge \"" + b.name.en + "\": +" + pts + " points."}});
  }
  out->awards.push_back(std::move(a));
}

void EvaluateBadge(const Badge& b, int64_t day, TraineeState* s, DayOutcome* out) {
  BadgeProgress& p = s->badges[b.id];
  if (p.times > 0 && !b.repeat) return;
  const BadgeRule& r = b.rule;
  if (r.window == WindowKind::kNone) {
    if (r.metric == Metric::kSlaStreakDays && p.times > 0 &&
        p.last_streak_start == s->sla_streak_start) {
      return;  // this streak already earned it
    }
    const double v = TotalValue(r.metric, *s);
    if (!Compare(v, r.op, r.value)) return;
    Localized when;
    if (r.metric == Metric::kSlaStreakDays) {
      when = {" sejak " + DayText(s->sla_streak_start), " since " + DayText(s->sla_streak_start)};
    }
    const int64_t streak_start = s->sla_streak_start;
    MaybeAward(b, day, {Condition(r, v, "id") + when.id, Condition(r, v, "en") + when.en}, s, out);
    s->badges[b.id].last_streak_start = streak_start;
    return;
  }
  int64_t from = 0, to = 0;
  Localized when;
  if (r.window == WindowKind::kDays) {
    from = day - r.window_days + 1;
    to = day;
    if (p.times > 0 && from <= p.last_window_end) return;  // overlaps the last award
    when = {
        " selama " + Num(r.window_days) + " hari (" + DayText(from) + " s.d. " + DayText(to) + ")",
        " over " + Num(r.window_days) + " days (" + DayText(from) + " to " + DayText(to) + ")"};
  } else {
    // The latest calendar month that has ended by `day`.
    int y;
    unsigned m, d;
    CivilFromDays(day + 1, &y, &m, &d);  // the day after: a new month means `day` closed one
    if (d != 1) {
      CivilFromDays(day, &y, &m, &d);
      if (m == 1) {
        m = 12;
        --y;
      } else {
        --m;
      }
    } else {
      CivilFromDays(day, &y, &m, &d);
    }
    from = DaysFromCivil(y, m, 1);
    to = (m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1)) - 1;
    if (p.times > 0 && p.last_window_end >= to) return;  // this month already earned it
    when = {" pada bulan " + MonthText(from), " in " + MonthText(from)};
  }
  // The whole window must lie inside the evaluated history: 30 clean days
  // cannot be claimed after three days of use.
  if (!s->first_day || *s->first_day > from) return;
  const WindowStats w = Window(*s, from, to);
  if (w.sum.posts < r.min_posts || w.sum.questions < r.min_questions ||
      w.sum.replies < r.min_replies) {
    return;
  }
  const std::optional<double> v = WindowValue(r, w.sum);
  if (!v || !Compare(*v, r.op, r.value)) return;
  MaybeAward(b, day,
             {Condition(r, *v, "id") + when.id + Evidence(r, w.sum, "id"),
              Condition(r, *v, "en") + when.en + Evidence(r, w.sum, "en")},
             s, out);
  s->badges[b.id].last_window_end = to;
}

// ---------------------------------------------------------------------------
// State <-> JSON.

void Key(std::string* out, std::string_view k, bool* first) {
  if (!*first) out->push_back(',');
  *first = false;
  AppendJsonString(out, k);
  out->push_back(':');
}

void IntArray(std::string* out, const std::vector<int64_t>& v) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonInt(out, v[i]);
  }
  out->push_back(']');
}

void StringArray(std::string* out, const std::set<std::string>& v) {
  out->push_back('[');
  bool first = true;
  for (const std::string& s : v) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, s);
  }
  out->push_back(']');
}

int64_t GetInt(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  if (!v.IsDefined() || !v.IsScalar()) throw std::runtime_error(std::string("missing ") + key);
  return v.as<int64_t>();
}

std::optional<int64_t> GetOptInt(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  if (!v.IsDefined()) throw std::runtime_error(std::string("missing ") + key);
  if (v.IsNull()) return std::nullopt;
  return v.as<int64_t>();
}

// What a decoded state may hold, from the size of its text. In the JSON
// EncodeState writes, every list or map entry and every byte of a string
// takes at least a byte of the text (YAML escapes such as \L grow by half
// at most); a YAML alias (*a) repeats a whole list for a few bytes, so
// without this bound a 50 KB text decodes into gigabytes.
class DecodeBudget {
 public:
  explicit DecodeBudget(size_t text_bytes) : left_(2 * text_bytes + 64) {}
  void Spend(size_t n) {
    if (n > left_) throw std::runtime_error("more data than the text holds (YAML aliases?)");
    left_ -= n;
  }

 private:
  size_t left_;
};

std::set<std::string> GetStrings(const YAML::Node& n, DecodeBudget* budget) {
  if (!n.IsSequence()) throw std::runtime_error("expected a list");
  std::set<std::string> out;
  for (const YAML::Node& x : n) {
    std::string v = x.as<std::string>();
    budget->Spend(1 + v.size());
    out.insert(std::move(v));
  }
  return out;
}

std::vector<int64_t> GetInts(const YAML::Node& n, DecodeBudget* budget) {
  if (!n.IsSequence()) throw std::runtime_error("expected a list");
  std::vector<int64_t> out;
  for (const YAML::Node& x : n) {
    budget->Spend(1);
    out.push_back(x.as<int64_t>());
  }
  return out;
}

// A map key, paid for from the budget.
std::string GetKey(const YAML::Node& key, DecodeBudget* budget) {
  std::string k = key.as<std::string>();
  budget->Spend(1 + k.size());
  return k;
}

int GetInt32(const YAML::Node& n, const char* key) {
  const int64_t v = GetInt(n, key);
  if (v < 0 || v > INT32_MAX) throw std::runtime_error(std::string("out of range: ") + key);
  return static_cast<int>(v);
}

}  // namespace

bool WorkWeek::IsWorkingDay(int64_t day) const {
  // 1970-01-01 was a Thursday: index 3 with Monday = 0.
  const int64_t weekday = ((day + 3) % 7 + 7) % 7;
  if (!working[static_cast<size_t>(weekday)]) return false;
  return std::find(holidays.begin(), holidays.end(), day) == holidays.end();
}

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kEq:
      return "==";
    case Op::kGe:
      return ">=";
    case Op::kGt:
      return ">";
  }
  return "?";
}

std::string_view PointReasonName(PointReason r) {
  switch (r) {
    case PointReason::kFixedFinding:
      return "fixed_finding";
    case PointReason::kAnsweredWithinSla:
      return "answered_within_sla";
    case PointReason::kLessonPassed:
      return "lesson_passed";
    case PointReason::kSimulationFinished:
      return "simulation_finished";
    case PointReason::kBadge:
      return "badge";
  }
  return "?";
}

std::string RuleGroup(std::string_view rule) {
  const size_t first = rule.find('.');
  if (first == std::string_view::npos) return std::string(rule);
  const size_t second = rule.find('.', first + 1);
  return std::string(rule.substr(0, second));
}

Result<PointsTable> ParsePointsTable(std::string_view yaml_text, std::string_view source) {
  return Guard<PointsTable>(source, [&]() -> Result<PointsTable> {
    Result<YAML::Node> root = LoadYaml(yaml_text, source);
    if (!root.ok()) return root.status();
    if (!root->IsMap()) {
      return Status::InvalidArgument(std::string(source) + ": expected 'points:' and 'levels:'");
    }
    PointsTable t;
    bool has_levels = false;
    for (const auto& kv : *root) {
      const std::string k = kv.first.Scalar();
      const YAML::Node& v = kv.second;
      if (k == "version") continue;
      if (k == "points") {
        if (!v.IsMap()) return Status::InvalidArgument(Where(source, v) + "'points' is a map");
        for (const auto& p : v) {
          const std::string name = p.first.Scalar();
          int* slot = name == "fixed_finding"         ? &t.fixed_finding
                      : name == "answered_within_sla" ? &t.answered_within_sla
                      : name == "lesson_passed"       ? &t.lesson_passed
                      : name == "simulation_finished" ? &t.simulation_finished
                                                      : nullptr;
          if (!slot) {
            return Status::InvalidArgument(Where(source, p.first) + "points: unknown key '" + name +
                                           "'");
          }
          if (!Decode(p.second, slot) || *slot < 0 || *slot > 10000) {
            return Status::InvalidArgument(Where(source, p.second) + "points: '" + name +
                                           "' must be a whole number 0..10000");
          }
        }
      } else if (k == "levels") {
        if (!v.IsSequence() || v.size() == 0) {
          return Status::InvalidArgument(Where(source, v) + "'levels' is a non-empty list");
        }
        for (const YAML::Node& l : v) {
          LevelDef d;
          if (!l.IsMap() || !Decode(l["level"], &d.level) ||
              !Decode(l["min_points"], &d.min_points)) {
            return Status::InvalidArgument(Where(source, l) +
                                           "a level needs 'level', 'min_points' and 'name'");
          }
          const std::string who = "level " + Num(d.level) + ": ";
          for (const auto& lk : l) {
            const std::string key = lk.first.Scalar();
            if (key != "level" && key != "min_points" && key != "name") {
              return Status::InvalidArgument(Where(source, lk.first) + who + "unknown key '" + key +
                                             "'");
            }
          }
          auto name = ParseLocalized(l["name"], source, who + "name");
          if (!name.ok()) return name.status();
          d.name = *name;
          const int expected = static_cast<int>(t.levels.size()) + 1;
          if (d.level != expected) {
            return Status::InvalidArgument(Where(source, l) + who + "levels must be numbered 1, " +
                                           "2, 3... in order; expected " + Num(expected));
          }
          if (t.levels.empty() ? d.min_points != 0 : d.min_points <= t.levels.back().min_points) {
            return Status::InvalidArgument(
                Where(source, l) + who +
                (t.levels.empty() ? "the first level starts at min_points: 0"
                                  : "min_points must be higher than the level before"));
          }
          t.levels.push_back(d);
        }
        has_levels = true;
      } else {
        return Status::InvalidArgument(Where(source, kv.first) + "unknown key '" + k + "'");
      }
    }
    if (!has_levels) return Status::InvalidArgument(std::string(source) + ": 'levels' missing");
    return t;
  });
}

Result<PointsTable> LoadPointsTable(const std::string& path, const scorer::RulePack& pack) {
  Result<std::string> text = ReadSmallFile(path, size_t{1} << 20);
  if (!text.ok()) return text.status();
  Result<PointsTable> t = ParsePointsTable(*text, path);
  if (!t.ok()) return t;
  for (const scorer::RuleInfo& r : pack.Rules()) t->rule_kinds[r.id] = r.kinds;
  return t;
}

LevelInfo LevelFor(const PointsTable& table, int64_t points) {
  LevelInfo info;
  for (size_t i = 0; i < table.levels.size(); ++i) {
    if (points < table.levels[i].min_points) break;
    info.level = table.levels[i].level;
    info.name = table.levels[i].name;
    info.min_points = table.levels[i].min_points;
    info.next_min_points = i + 1 < table.levels.size()
                               ? std::optional<int64_t>(table.levels[i + 1].min_points)
                               : std::nullopt;
  }
  return info;
}

const Badge* BadgeBook::Find(std::string_view id) const {
  for (const Badge& b : badges) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

Result<BadgeBook> ParseBadges(std::string_view yaml_text, std::string_view source,
                              const std::vector<std::string>& known_rules) {
  return Guard<BadgeBook>(source, [&]() -> Result<BadgeBook> {
    Result<YAML::Node> root = LoadYaml(yaml_text, source);
    if (!root.ok()) return root.status();
    if (!root->IsMap()) {
      return Status::InvalidArgument(std::string(source) + ": expected a map with 'badges:'");
    }
    const std::set<std::string> known(known_rules.begin(), known_rules.end());
    std::map<std::string, std::vector<std::string>> named;
    // finding_metrics first, wherever it is written, so badges can use them.
    if (const YAML::Node fm = (*root)["finding_metrics"]; fm.IsDefined()) {
      if (!fm.IsMap()) {
        return Status::InvalidArgument(Where(source, fm) + "'finding_metrics' is a map");
      }
      for (const auto& kv : fm) {
        const std::string name = kv.first.Scalar();
        for (const MetricInfo& m : Metrics()) {
          if (m.name == name) {
            return Status::InvalidArgument(Where(source, kv.first) + "finding metric '" + name +
                                           "' hides a built-in metric");
          }
        }
        if (!kv.second.IsSequence() || kv.second.size() == 0) {
          return Status::InvalidArgument(Where(source, kv.second) + "finding metric '" + name +
                                         "' needs a list of rule ids");
        }
        for (const YAML::Node& r : kv.second) {
          if (!r.IsScalar() || (!known.empty() && !known.count(r.Scalar()))) {
            return Status::InvalidArgument(Where(source, r) + "finding metric '" + name +
                                           "': unknown rule '" + (r.IsScalar() ? r.Scalar() : "") +
                                           "' (not in the clarity pack)");
          }
          named[name].push_back(r.Scalar());
        }
      }
    }
    BadgeBook book;
    bool has_badges = false;
    for (const auto& kv : *root) {
      const std::string k = kv.first.Scalar();
      if (k == "version" || k == "finding_metrics") continue;
      if (k != "badges") {
        return Status::InvalidArgument(Where(source, kv.first) + "unknown key '" + k + "'");
      }
      has_badges = true;
      if (!kv.second.IsSequence()) {
        return Status::InvalidArgument(Where(source, kv.second) + "'badges' is a list");
      }
      for (const YAML::Node& n : kv.second) {
        if (book.badges.size() >= kMaxBadges) {
          return Status::InvalidArgument(Where(source, n) + "more than 500 badges");
        }
        Result<Badge> b = ParseBadge(n, source, named, known);
        if (!b.ok()) return b.status();
        if (book.Find(b->id)) {
          return Status::InvalidArgument(Where(source, n) + "badge '" + b->id +
                                         "' is defined twice");
        }
        book.badges.push_back(std::move(*b));
      }
    }
    if (!has_badges) return Status::InvalidArgument(std::string(source) + ": 'badges' missing");
    return book;
  });
}

Result<BadgeBook> LoadBadges(const std::string& path, const scorer::RulePack& pack) {
  Result<std::string> text = ReadSmallFile(path, size_t{1} << 20);
  if (!text.ok()) return text.status();
  return ParseBadges(*text, path, PackRuleIds(pack));
}

DayOutcome EvaluateDay(const BadgeBook& book, const PointsTable& table, const WorkWeek& week,
                       const DayFacts& facts, TraineeState* state) {
  DayOutcome out;
  TraineeState& s = *state;
  if (s.last_day && facts.day <= *s.last_day) {
    out.total_points = s.points;
    out.level = LevelFor(table, s.points).level;
    return out;
  }
  out.evaluated = true;
  const int level_before = LevelFor(table, s.points).level;
  if (!s.first_day) s.first_day = facts.day;
  s.last_day = facts.day;

  FindFixes(table, facts, &s, &out);

  const DaySummary today = Summarise(facts);
  if (today.within_sla > 0 && table.answered_within_sla > 0) {
    const int pts = today.within_sla * table.answered_within_sla;
    AddPoints(&s, &out,
              {facts.day,
               PointReason::kAnsweredWithinSla,
               "",
               pts,
               {Num(today.within_sla) + " pertanyaan dijawab dalam SLA: +" + Num(pts) + " poin.",
                Num(today.within_sla) + " questions answered within the SLA: +" + Num(pts) +
                    " points."}});
  }
  for (const std::string& id : facts.lessons_passed) {
    if (!s.lessons_done.insert(id).second || table.lesson_passed == 0) continue;
    const std::string p = Num(table.lesson_passed);
    AddPoints(&s, &out,
              {facts.day,
               PointReason::kLessonPassed,
               id,
               table.lesson_passed,
               {"Lulus kuis materi " + id + ": +" + p + " poin.",
                "Passed the quiz of lesson " + id + ": +" + p + " points."}});
  }
  for (const std::string& id : facts.simulations_finished) {
    if (!s.simulations_done.insert(id).second || table.simulation_finished == 0) continue;
    const std::string p = Num(table.simulation_finished);
    AddPoints(&s, &out,
              {facts.day,
               PointReason::kSimulationFinished,
               id,
               table.simulation_finished,
               {"Menyelesaikan simulasi " + id + ": +" + p + " poin.",
                "Finished simulation " + id + ": +" + p + " points."}});
  }

  UpdateStreak(week, today, &s);
  if (!Empty(today)) s.recent.push_back(today);
  while (!s.recent.empty() && s.recent.front().day <= facts.day - kHistoryDays) {
    s.recent.pop_front();
  }

  for (const Badge& b : book.badges) EvaluateBadge(b, facts.day, &s, &out);

  out.total_points = s.points;
  out.level = LevelFor(table, s.points).level;
  out.level_up = out.level > level_before;
  return out;
}

std::string EncodeState(const TraineeState& s) {
  std::string o = "{";
  bool first = true;
  Key(&o, "v", &first);
  AppendJsonInt(&o, 1);
  Key(&o, "first_day", &first);
  AppendJsonIntOrNull(&o, s.first_day);
  Key(&o, "last_day", &first);
  AppendJsonIntOrNull(&o, s.last_day);
  Key(&o, "points", &first);
  AppendJsonInt(&o, s.points);
  Key(&o, "findings_fixed", &first);
  AppendJsonInt(&o, s.findings_fixed);
  Key(&o, "lessons_done", &first);
  StringArray(&o, s.lessons_done);
  Key(&o, "simulations_done", &first);
  StringArray(&o, s.simulations_done);
  Key(&o, "open_groups", &first);
  o += '{';
  bool f2 = true;
  for (const auto& [g, kinds] : s.open_groups) {
    Key(&o, g, &f2);
    StringArray(&o, kinds);
  }
  o += '}';
  Key(&o, "sla_streak", &first);
  AppendJsonInt(&o, s.sla_streak);
  Key(&o, "sla_streak_start", &first);
  AppendJsonInt(&o, s.sla_streak_start);
  Key(&o, "best_sla_streak", &first);
  AppendJsonInt(&o, s.best_sla_streak);
  Key(&o, "recent", &first);
  o += '[';
  for (size_t i = 0; i < s.recent.size(); ++i) {
    const DaySummary& d = s.recent[i];
    if (i) o += ',';
    o += '{';
    bool f = true;
    const std::pair<const char*, int64_t> ints[] = {{"day", d.day},
                                                    {"posts", d.posts},
                                                    {"clarity_n", d.clarity_n},
                                                    {"clarity_sum", d.clarity_sum},
                                                    {"questions", d.questions},
                                                    {"answered", d.answered},
                                                    {"within_sla", d.within_sla},
                                                    {"replies", d.replies},
                                                    {"tone_n", d.tone_n},
                                                    {"tone_sum", d.tone_sum},
                                                    {"lessons", d.lessons},
                                                    {"simulations", d.simulations}};
    for (const auto& [k, v] : ints) {
      Key(&o, k, &f);
      AppendJsonInt(&o, v);
    }
    Key(&o, "findings", &f);
    o += '{';
    bool f3 = true;
    for (const auto& [r, n] : d.findings) {
      Key(&o, r, &f3);
      AppendJsonInt(&o, n);
    }
    o += '}';
    Key(&o, "response_s", &f);
    IntArray(&o, d.response_s);
    Key(&o, "response_business_s", &f);
    IntArray(&o, d.response_business_s);
    o += '}';
  }
  o += ']';
  Key(&o, "badges", &first);
  o += '{';
  bool f4 = true;
  for (const auto& [id, p] : s.badges) {
    Key(&o, id, &f4);
    o += '{';
    bool f = true;
    Key(&o, "times", &f);
    AppendJsonInt(&o, p.times);
    Key(&o, "last_day", &f);
    AppendJsonInt(&o, p.last_day);
    Key(&o, "last_window_end", &f);
    AppendJsonInt(&o, p.last_window_end);
    Key(&o, "last_streak_start", &f);
    AppendJsonInt(&o, p.last_streak_start);
    o += '}';
  }
  o += "}}";
  return o;
}

Result<TraineeState> DecodeState(std::string_view json) {
  // yaml-cpp reads JSON (a subset of YAML 1.2 in practice); every missing or
  // mistyped field throws and becomes kCorruption.
  try {
    const YAML::Node n = YAML::Load(std::string(json));
    if (!n.IsMap() || GetInt(n, "v") != 1) throw std::runtime_error("not a version 1 state");
    DecodeBudget budget(json.size());
    TraineeState s;
    s.first_day = GetOptInt(n, "first_day");
    s.last_day = GetOptInt(n, "last_day");
    s.points = GetInt(n, "points");
    s.findings_fixed = GetInt(n, "findings_fixed");
    s.lessons_done = GetStrings(n["lessons_done"], &budget);
    s.simulations_done = GetStrings(n["simulations_done"], &budget);
    const YAML::Node og = n["open_groups"];
    if (!og.IsMap()) throw std::runtime_error("open_groups is not an object");
    for (const auto& kv : og) {
      const std::string group = GetKey(kv.first, &budget);
      s.open_groups[group] = GetStrings(kv.second, &budget);
    }
    s.sla_streak = GetInt32(n, "sla_streak");
    s.sla_streak_start = GetInt(n, "sla_streak_start");
    s.best_sla_streak = GetInt32(n, "best_sla_streak");
    const YAML::Node recent = n["recent"];
    if (!recent.IsSequence()) throw std::runtime_error("recent is not a list");
    for (const YAML::Node& r : recent) {
      budget.Spend(16);  // a day's 16 fields
      DaySummary d;
      d.day = GetInt(r, "day");
      d.posts = GetInt32(r, "posts");
      d.clarity_n = GetInt32(r, "clarity_n");
      d.clarity_sum = GetInt(r, "clarity_sum");
      d.questions = GetInt32(r, "questions");
      d.answered = GetInt32(r, "answered");
      d.within_sla = GetInt32(r, "within_sla");
      d.replies = GetInt32(r, "replies");
      d.tone_n = GetInt32(r, "tone_n");
      d.tone_sum = GetInt(r, "tone_sum");
      d.lessons = GetInt32(r, "lessons");
      d.simulations = GetInt32(r, "simulations");
      const YAML::Node fi = r["findings"];
      if (!fi.IsMap()) throw std::runtime_error("findings is not an object");
      for (const auto& kv : fi) d.findings[GetKey(kv.first, &budget)] = kv.second.as<int>();
      d.response_s = GetInts(r["response_s"], &budget);
      d.response_business_s = GetInts(r["response_business_s"], &budget);
      s.recent.push_back(std::move(d));
    }
    const YAML::Node badges = n["badges"];
    if (!badges.IsMap()) throw std::runtime_error("badges is not an object");
    for (const auto& kv : badges) {
      BadgeProgress p;
      p.times = GetInt32(kv.second, "times");
      p.last_day = GetInt(kv.second, "last_day");
      p.last_window_end = GetInt(kv.second, "last_window_end");
      p.last_streak_start = GetInt(kv.second, "last_streak_start");
      s.badges[GetKey(kv.first, &budget)] = p;
    }
    return s;
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("gamification state: ") + e.what());
  }
}

std::vector<TeamRow> TeamLeaderboard(const std::vector<TraineeStanding>& standings) {
  std::map<std::string, TeamRow> by_agency;
  for (const TraineeStanding& t : standings) {
    TeamRow& r = by_agency[t.agency];
    r.agency = t.agency;
    ++r.trainees;
    r.total_points += t.points;
  }
  std::vector<TeamRow> rows;
  for (auto& [name, r] : by_agency) {
    r.average_points = static_cast<double>(r.total_points) / r.trainees;
    rows.push_back(r);
  }
  // Compare averages by cross-multiplying (a/b vs c/d as a*d vs c*b), so
  // equal averages tie even where the divisions would round apart.
  auto cmp = [](const TeamRow& x, const TeamRow& y) {
    // Exact in a double while the products stay below 2^53.
    const double l = static_cast<double>(x.total_points) * y.trainees;
    const double r = static_cast<double>(y.total_points) * x.trainees;
    return l > r ? -1 : (l < r ? 1 : 0);
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const TeamRow& x, const TeamRow& y) { return cmp(x, y) < 0; });
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].rank =
        (i > 0 && cmp(rows[i - 1], rows[i]) == 0) ? rows[i - 1].rank : static_cast<int>(i) + 1;
  }
  return rows;
}

std::vector<IndividualRow> IndividualRanking(const std::vector<TraineeStanding>& standings,
                                             std::string_view agency, bool agency_opted_in) {
  std::vector<IndividualRow> rows;
  if (!agency_opted_in) return rows;
  for (const TraineeStanding& t : standings) {
    if (t.agency == agency) rows.push_back({0, t.trainee, t.points});
  }
  std::sort(rows.begin(), rows.end(), [](const IndividualRow& x, const IndividualRow& y) {
    return x.points != y.points ? x.points > y.points : x.trainee < y.trainee;
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].rank = (i > 0 && rows[i - 1].points == rows[i].points) ? rows[i - 1].rank
                                                                   : static_cast<int>(i) + 1;
  }
  return rows;
}

}  // namespace tanggap::training
