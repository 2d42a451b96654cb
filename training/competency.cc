#include "training/competency.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <numbers>
#include <set>
#include <utility>

#include "util/file.h"
#include "util/time.h"

namespace tanggap::training {
namespace {

// ---------------------------------------------------------------------------
// Arithmetic shared by every axis. Percentages are rounded half up once, at
// the end, so a supervisor recomputing by hand gets the same integer.

int RoundPct(double x) {
  if (!std::isfinite(x)) return 0;
  // The epsilon keeps an exact half from rounding down when binary floating
  // point lands a hair below it (57.5 computed as 57.4999...).
  return static_cast<int>(std::clamp(std::floor(x + 0.5 + 1e-9), 0.0, 100.0));
}

// Nearest-rank median (the value at rank ceil(n/2)), as the responsiveness
// report uses, so the figure in a "why" matches the report's.
int64_t NearestRankMedian(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v[(v.size() + 1) / 2 - 1];
}

std::string Num(int64_t v) { return std::to_string(v); }

// One decimal, with the language's decimal mark ("2,4" / "2.4").
std::string Decimal1(double v, std::string_view lang) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (lang == "id") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

Localized Duration(int64_t s) {
  if (s < 60) return {Num(s) + " detik", Num(s) + " s"};
  if (s < 3600) return {Num(s / 60) + " menit", Num(s / 60) + " min"};
  const int64_t h = s / 3600, m = (s % 3600) / 60;
  return {Num(h) + " jam " + Num(m) + " menit", Num(h) + " h " + Num(m) + " min"};
}

// The most frequent key, ties to the smallest (so the text is stable).
std::pair<std::string, int> MostFrequent(const std::map<std::string, int>& counts) {
  std::pair<std::string, int> best{"", 0};
  for (const auto& [k, n] : counts) {
    if (n > best.second) best = {k, n};
  }
  return best;
}

bool In(int64_t day, const Period& p) { return day >= p.from_day && day <= p.to_day; }

const std::array<Localized, kAxisCount>& Labels() {
  static const std::array<Localized, kAxisCount> labels = {{
      {"Kejelasan", "Clarity"},
      {"Ketanggapan", "Responsiveness"},
      {"Nada", "Tone"},
      {"Aksesibilitas", "Accessibility"},
      {"Kelengkapan", "Completeness"},
      {"Konsistensi", "Consistency"},
      {"Keterlibatan", "Engagement"},
  }};
  return labels;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// ---------------------------------------------------------------------------
// The axes. Each returns the value, the evidence count and the "why".

AxisScore Clarity(const TraineeFacts& f, const Period& p) {
  AxisScore a{Axis::kClarity, std::nullopt, 0, {}};
  int64_t sum = 0;
  std::map<std::string, int> rules;
  for (const PostFacts& post : f.posts) {
    if (!In(post.day, p) || !post.clarity) continue;
    sum += std::clamp(*post.clarity, 0, 100);
    ++a.evidence;
    for (const FindingFact& fi : post.findings) ++rules[fi.rule];
  }
  if (a.evidence == 0) {
    a.why = {"Belum ada unggahan yang dinilai pada periode ini.",
             "No scored posts in this period."};
    return a;
  }
  a.value = RoundPct(static_cast<double>(sum) / a.evidence);
  a.why = {"Rata-rata skor kejelasan " + Num(a.evidence) + " unggahan: " + Num(*a.value) + ".",
           "Mean clarity score of " + Num(a.evidence) + " posts: " + Num(*a.value) + "."};
  if (auto [rule, n] = MostFrequent(rules); n > 0) {
    a.why.id.pop_back();
    a.why.en.pop_back();
    a.why.id += "; temuan tersering: " + rule + " (" + Num(n) + "×).";
    a.why.en += "; most frequent finding: " + rule + " (" + Num(n) + "×).";
  }
  return a;
}

AxisScore Responsiveness(const CompetencyConfig& c, const TraineeFacts& f, const Period& p) {
  AxisScore a{Axis::kResponsiveness, std::nullopt, 0, {}};
  int within = 0, answered = 0;
  std::vector<int64_t> times;
  for (const QuestionFacts& q : f.questions) {
    if (!In(q.day, p)) continue;
    ++a.evidence;
    if (q.answered) {
      ++answered;
      if (q.response_s) times.push_back(std::max<int64_t>(0, *q.response_s));
    }
    // "Within SLA" implies answered; a caller's inconsistent flag is not
    // allowed to push the value above what answering earns.
    if (q.answered && q.within_sla) ++within;
  }
  if (a.evidence == 0) {
    a.why = {"Belum ada pertanyaan warga yang bisa dinilai pada periode ini.",
             "No citizen questions to judge in this period."};
    return a;
  }
  const double n = a.evidence;
  const double total = c.sla_weight + c.answered_weight;
  a.value =
      RoundPct(100.0 * (c.sla_weight * within / n + c.answered_weight * answered / n) / total);
  a.why = {Num(within) + " dari " + Num(a.evidence) + " pertanyaan dijawab dalam SLA, " +
               Num(answered) + " dijawab",
           Num(within) + " of " + Num(a.evidence) + " questions answered within the SLA, " +
               Num(answered) + " answered"};
  if (!times.empty()) {
    const Localized d = Duration(NearestRankMedian(times));
    a.why.id += "; median respons " + d.id;
    a.why.en += "; median response " + d.en;
  }
  a.why.id += ".";
  a.why.en += ".";
  return a;
}

AxisScore Tone(const TraineeFacts& f, const Period& p) {
  AxisScore a{Axis::kTone, std::nullopt, 0, {}};
  int64_t sum = 0;
  std::map<std::string, int> rules;
  for (const ReplyFacts& r : f.replies) {
    if (!In(r.day, p) || !r.tone) continue;
    sum += std::clamp(*r.tone, 0, 100);
    ++a.evidence;
    for (const std::string& rule : r.tone_rules) ++rules[rule];
  }
  if (a.evidence == 0) {
    a.why = {"Belum ada balasan yang dinilai nadanya pada periode ini.",
             "No replies scored for tone in this period."};
    return a;
  }
  a.value = RoundPct(static_cast<double>(sum) / a.evidence);
  a.why = {"Rata-rata skor nada " + Num(a.evidence) + " balasan: " + Num(*a.value),
           "Mean tone score of " + Num(a.evidence) + " replies: " + Num(*a.value)};
  if (auto [rule, n] = MostFrequent(rules); n > 0) {
    a.why.id += "; aturan tersering: " + rule + " (" + Num(n) + "×)";
    a.why.en += "; most frequent rule: " + rule + " (" + Num(n) + "×)";
  }
  a.why.id += ".";
  a.why.en += ".";
  return a;
}

// Accessibility and completeness: the share of in-scope posts on which none
// of the axis's rules fired.
AxisScore FindingFree(Axis axis, const AxisConfig& c, const TraineeFacts& f, const Period& p) {
  AxisScore a{axis, std::nullopt, 0, {}};
  const std::set<std::string> rules(c.rules.begin(), c.rules.end());
  std::map<std::string, int> hits;
  int clean = 0;
  for (const PostFacts& post : f.posts) {
    if (!In(post.day, p)) continue;
    int found = 0;
    for (const FindingFact& fi : post.findings) {
      if (rules.count(fi.rule)) {
        ++hits[fi.rule];
        ++found;
      }
    }
    const bool in_scope =
        found > 0 || c.scope.all || (c.scope.media && post.media > 0) ||
        (c.scope.hashtags && post.hashtags > 0) ||
        std::find(c.scope.kinds.begin(), c.scope.kinds.end(), post.kind) != c.scope.kinds.end();
    if (!in_scope) continue;
    ++a.evidence;
    if (found == 0) ++clean;
  }
  const Localized& label = AxisLabel(axis);
  if (a.evidence == 0) {
    a.why = {"Belum ada unggahan yang dinilai untuk " + Lower(label.id) + " pada periode ini.",
             "No posts judged for " + Lower(label.en) + " in this period."};
    return a;
  }
  a.value = RoundPct(100.0 * clean / a.evidence);
  a.why = {
      Num(clean) + " dari " + Num(a.evidence) + " unggahan tanpa temuan " + Lower(label.id),
      Num(clean) + " of " + Num(a.evidence) + " posts with no " + Lower(label.en) + " finding"};
  if (auto [rule, n] = MostFrequent(hits); n > 0) {
    a.why.id += "; tersering: " + rule + " (" + Num(n) + "×)";
    a.why.en += "; most frequent: " + rule + " (" + Num(n) + "×)";
  }
  a.why.id += ".";
  a.why.en += ".";
  return a;
}

// Posting cadence: the period is cut into 7-day blocks from its first day
// (the last may be shorter); each block scores min(1, posts / target), the
// target scaled to the block's length; blocks are weighted by their days.
AxisScore Consistency(const CompetencyConfig& c, const TraineeFacts& f, const Period& p) {
  AxisScore a{Axis::kConsistency, std::nullopt, 0, {}};
  const int64_t days = p.days();
  std::vector<int> per_block(static_cast<size_t>((days + 6) / 7), 0);
  for (const PostFacts& post : f.posts) {
    if (!In(post.day, p)) continue;
    ++a.evidence;
    ++per_block[static_cast<size_t>((post.day - p.from_day) / 7)];
  }
  if (a.evidence == 0) {
    a.why = {"Belum ada unggahan pada periode ini.", "No posts in this period."};
    return a;
  }
  double weighted = 0;
  int met = 0;
  for (size_t i = 0; i < per_block.size(); ++i) {
    const int64_t len = std::min<int64_t>(7, days - static_cast<int64_t>(i) * 7);
    const double target = c.posts_per_week * static_cast<double>(len) / 7.0;
    const double s = std::min(1.0, per_block[i] / target);
    if (s >= 1.0) ++met;
    weighted += s * static_cast<double>(len);
  }
  a.value = RoundPct(100.0 * weighted / static_cast<double>(days));
  const std::string blocks = Num(static_cast<int64_t>(per_block.size()));
  a.why = {Num(a.evidence) + " unggahan dalam " + Num(days) + " hari; " + Num(met) + " dari " +
               blocks + " pekan mencapai target " + Decimal1(c.posts_per_week, "id") +
               " unggahan per pekan.",
           Num(a.evidence) + " posts in " + Num(days) + " days; " + Num(met) + " of " + blocks +
               " weeks met the target of " + Decimal1(c.posts_per_week, "en") + " posts per week."};
  return a;
}

// Mean engagement rate by followers over posts with a known, non-zero
// follower count, against the target rate.
AxisScore Engagement(const CompetencyConfig& c, const TraineeFacts& f, const Period& p) {
  AxisScore a{Axis::kEngagement, std::nullopt, 0, {}};
  double sum = 0;
  for (const PostFacts& post : f.posts) {
    if (!In(post.day, p) || !post.followers || *post.followers <= 0) continue;
    sum += static_cast<double>(std::max<int64_t>(0, post.interactions)) /
           static_cast<double>(*post.followers);
    ++a.evidence;
  }
  if (a.evidence == 0) {
    a.why = {"Belum ada unggahan dengan jumlah pengikut yang diketahui pada periode ini.",
             "No posts with a known follower count in this period."};
    return a;
  }
  const double rate = sum / a.evidence;
  a.value = RoundPct(100.0 * rate / c.engagement_target);
  a.why = {"Rata-rata tingkat interaksi " + Num(a.evidence) +
               " unggahan: " + Decimal1(rate * 100, "id") + "% dari pengikut; target " +
               Decimal1(c.engagement_target * 100, "id") + "%.",
           "Mean engagement rate of " + Num(a.evidence) + " posts: " + Decimal1(rate * 100, "en") +
               "% of followers; target " + Decimal1(c.engagement_target * 100, "en") + "%."};
  return a;
}

std::vector<WeakAxis> Weakest(const CompetencyConfig& c,
                              const std::array<AxisScore, kAxisCount>& axes) {
  std::vector<WeakAxis> v;
  for (const AxisScore& s : axes) {
    if (s.value) v.push_back({s.axis, *s.value, c[s.axis].lessons});
  }
  // stable_sort keeps kAllAxes order among equal values.
  std::stable_sort(v.begin(), v.end(),
                   [](const WeakAxis& x, const WeakAxis& y) { return x.value < y.value; });
  if (v.size() > 2) v.resize(2);
  return v;
}

// ---------------------------------------------------------------------------
// Loading competency.yml.

std::string Where(std::string_view source, const YAML::Node& n) {
  return std::string(source) + ":" + std::to_string(n.Mark().line + 1) + ": ";
}

Result<std::vector<std::string>> Strings(const YAML::Node& n, std::string_view source,
                                         const std::string& what) {
  std::vector<std::string> out;
  if (!n.IsSequence()) {
    return Status::InvalidArgument(Where(source, n) + what + " must be a list, e.g. [a, b]");
  }
  for (const YAML::Node& item : n) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      return Status::InvalidArgument(Where(source, item) + what + ": each entry is one word");
    }
    out.push_back(item.Scalar());
  }
  return out;
}

Result<double> Positive(const YAML::Node& n, std::string_view source, const std::string& what,
                        bool zero_ok) {
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v < 0 ||
      (!zero_ok && v == 0)) {
    return Status::InvalidArgument(Where(source, n) + what + " must be a number " +
                                   (zero_ok ? ">= 0" : "> 0"));
  }
  return v;
}

Status ParseAxis(Axis axis, const YAML::Node& node, std::string_view source,
                 const std::set<std::string>& known, CompetencyConfig* cfg) {
  const std::string ax = "axis '" + std::string(AxisName(axis)) + "': ";
  AxisConfig& c = cfg->axes[static_cast<size_t>(axis)];
  if (node.IsNull()) return Status::Ok();
  if (!node.IsMap()) return Status::InvalidArgument(Where(source, node) + ax + "must be a map");
  const bool finding_based = axis == Axis::kAccessibility || axis == Axis::kCompleteness;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "lessons") {
      auto s = Strings(v, source, ax + "lessons");
      if (!s.ok()) return s.status();
      c.lessons = *s;
    } else if (key == "rules" && finding_based) {
      auto s = Strings(v, source, ax + "rules");
      if (!s.ok()) return s.status();
      for (const std::string& r : *s) {
        if (!known.empty() && !known.count(r)) {
          return Status::InvalidArgument(Where(source, v) + ax + "unknown rule '" + r +
                                         "' (not in the clarity pack)");
        }
      }
      c.rules = *s;
    } else if (key == "scope" && finding_based) {
      auto s = Strings(v, source, ax + "scope");
      if (!s.ok()) return s.status();
      for (const std::string& sel : *s) {
        if (sel == "all") {
          c.scope.all = true;
        } else if (sel == "media") {
          c.scope.media = true;
        } else if (sel == "hashtags") {
          c.scope.hashtags = true;
        } else if (sel.rfind("kind:", 0) == 0 && sel.size() > 5) {
          c.scope.kinds.push_back(sel.substr(5));
        } else {
          return Status::InvalidArgument(Where(source, v) + ax + "unknown scope '" + sel +
                                         "'; use all, media, hashtags or kind:<kind>");
        }
      }
    } else if (key == "sla_weight" && axis == Axis::kResponsiveness) {
      auto d = Positive(v, source, ax + "sla_weight", true);
      if (!d.ok()) return d.status();
      cfg->sla_weight = *d;
    } else if (key == "answered_weight" && axis == Axis::kResponsiveness) {
      auto d = Positive(v, source, ax + "answered_weight", true);
      if (!d.ok()) return d.status();
      cfg->answered_weight = *d;
    } else if (key == "posts_per_week" && axis == Axis::kConsistency) {
      auto d = Positive(v, source, ax + "posts_per_week", false);
      if (!d.ok()) return d.status();
      cfg->posts_per_week = *d;
    } else if (key == "target_rate" && axis == Axis::kEngagement) {
      auto d = Positive(v, source, ax + "target_rate", false);
      if (!d.ok()) return d.status();
      cfg->engagement_target = *d;
    } else {
      return Status::InvalidArgument(Where(source, kv.first) + ax + "unknown key '" + key + "'");
    }
  }
  if (finding_based && c.rules.empty()) {
    return Status::InvalidArgument(Where(source, node) + ax + "needs 'rules: [...]'");
  }
  if (axis == Axis::kResponsiveness && cfg->sla_weight + cfg->answered_weight <= 0) {
    return Status::InvalidArgument(Where(source, node) + ax +
                                   "sla_weight and answered_weight cannot both be 0");
  }
  return Status::Ok();
}

}  // namespace

std::string_view AxisName(Axis axis) {
  static constexpr std::array<std::string_view, kAxisCount> names = {
      "clarity",      "responsiveness", "tone",      "accessibility",
      "completeness", "consistency",    "engagement"};
  return names[static_cast<size_t>(axis)];
}

std::optional<Axis> AxisFromName(std::string_view name) {
  for (Axis a : kAllAxes) {
    if (AxisName(a) == name) return a;
  }
  return std::nullopt;
}

const Localized& AxisLabel(Axis axis) { return Labels()[static_cast<size_t>(axis)]; }

Result<CompetencyConfig> ParseCompetencyConfig(std::string_view yaml_text, std::string_view source,
                                               const std::vector<std::string>& known_rules) {
  // yaml-cpp throws; nothing escapes this function.
  try {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::ParserException& e) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(e.mark.line + 1) +
                                     ": not valid YAML: " + e.msg);
    }
    if (!root.IsMap()) {
      return Status::InvalidArgument(std::string(source) + ": expected a map with 'axes:'");
    }
    const std::set<std::string> known(known_rules.begin(), known_rules.end());
    CompetencyConfig cfg;
    std::set<Axis> seen;
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key == "version") continue;
      if (key != "axes") {
        return Status::InvalidArgument(Where(source, kv.first) + "unknown key '" + key +
                                       "'; expected 'axes'");
      }
      if (!kv.second.IsMap()) {
        return Status::InvalidArgument(Where(source, kv.second) + "'axes' must be a map");
      }
      for (const auto& ax : kv.second) {
        const std::string name = ax.first.Scalar();
        const std::optional<Axis> axis = AxisFromName(name);
        if (!axis) {
          return Status::InvalidArgument(Where(source, ax.first) + "unknown axis '" + name + "'");
        }
        if (!seen.insert(*axis).second) {
          return Status::InvalidArgument(Where(source, ax.first) + "axis '" + name +
                                         "' appears twice");
        }
        if (Status s = ParseAxis(*axis, ax.second, source, known, &cfg); !s.ok()) return s;
      }
    }
    for (Axis a : kAllAxes) {
      if (!seen.count(a)) {
        return Status::InvalidArgument(std::string(source) + ": axis '" + std::string(AxisName(a)) +
                                       "' is missing");
      }
    }
    return cfg;
  } catch (const YAML::Exception& e) {
    const std::string line = e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1);
    return Status::InvalidArgument(std::string(source) + line + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(source) + ": cannot read: " + e.what());
  }
}

Result<CompetencyConfig> LoadCompetencyConfig(const std::string& path,
                                              const scorer::RulePack& pack) {
  Result<std::string> text = ReadSmallFile(path, size_t{1} << 20);
  if (!text.ok()) return text.status();
  std::vector<std::string> ids;
  for (const scorer::RuleInfo& r : pack.Rules()) ids.push_back(r.id);
  return ParseCompetencyConfig(*text, path, ids);
}

Status CheckLessons(const CompetencyConfig& config, const std::vector<std::string>& known_lessons) {
  const std::set<std::string> known(known_lessons.begin(), known_lessons.end());
  for (Axis a : kAllAxes) {
    for (const std::string& l : config[a].lessons) {
      if (!known.count(l)) {
        return Status::NotFound("competency: axis '" + std::string(AxisName(a)) +
                                "' names lesson '" + l + "', which does not exist");
      }
    }
  }
  return Status::Ok();
}

CompetencyMap ComputeCompetency(const CompetencyConfig& config, const TraineeFacts& facts,
                                const Period& period) {
  CompetencyMap m;
  m.period = period;
  m.axes = {Clarity(facts, period),
            Responsiveness(config, facts, period),
            Tone(facts, period),
            FindingFree(Axis::kAccessibility, config[Axis::kAccessibility], facts, period),
            FindingFree(Axis::kCompleteness, config[Axis::kCompleteness], facts, period),
            Consistency(config, facts, period),
            Engagement(config, facts, period)};
  m.weakest = Weakest(config, m.axes);
  return m;
}

std::vector<MonthPoint> MonthlyTrend(const CompetencyConfig& config, const TraineeFacts& facts,
                                     const Period& period) {
  std::vector<MonthPoint> out;
  if (period.days() == 0) return out;
  int y;
  unsigned mo, d;
  CivilFromDays(period.to_day, &y, &mo, &d);
  // Walk back from the last month so an over-long period loses its oldest
  // months, then reverse into oldest-first order.
  for (int i = 0; i < 120; ++i) {
    const int64_t first = DaysFromCivil(y, mo, 1);
    const int64_t next = mo == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, mo + 1, 1);
    MonthPoint p;
    p.year = y;
    p.month = mo;
    p.period = {std::max(first, period.from_day), std::min(next - 1, period.to_day)};
    const CompetencyMap m = ComputeCompetency(config, facts, p.period);
    for (size_t k = 0; k < kAxisCount; ++k) p.values[k] = m.axes[k].value;
    out.push_back(p);
    if (first <= period.from_day) break;
    if (mo == 1) {
      mo = 12;
      --y;
    } else {
      --mo;
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

CompetencyMap AgencyCompetency(const CompetencyConfig& config,
                               const std::vector<CompetencyMap>& trainees, const Period& period) {
  CompetencyMap m;
  m.period = period;
  for (Axis a : kAllAxes) {
    AxisScore& s = m.axes[static_cast<size_t>(a)];
    s.axis = a;
    int64_t sum = 0;
    for (const CompetencyMap& t : trainees) {
      if (const auto& v = t[a].value) {
        sum += *v;
        ++s.evidence;
      }
    }
    const std::string n = Num(static_cast<int64_t>(trainees.size()));
    if (s.evidence == 0) {
      s.why = {"Belum ada peserta dengan nilai pada sumbu ini (dari " + n + " peserta).",
               "No trainee has a value on this axis (of " + n + " trainees)."};
      continue;
    }
    s.value = RoundPct(static_cast<double>(sum) / s.evidence);
    s.why = {"Rata-rata " + Num(s.evidence) + " dari " + n + " peserta: " + Num(*s.value) + ".",
             "Mean of " + Num(s.evidence) + " of " + n + " trainees: " + Num(*s.value) + "."};
  }
  m.weakest = Weakest(config, m.axes);
  return m;
}

std::vector<MonthPoint> AgencyTrend(const std::vector<std::vector<MonthPoint>>& trainees) {
  // (year, month) -> per axis (sum, count), plus the widest period seen.
  struct Acc {
    Period period{INT64_MAX, INT64_MIN};
    std::array<std::pair<int64_t, int>, kAxisCount> sums{};
  };
  std::map<std::pair<int, unsigned>, Acc> months;
  for (const auto& trend : trainees) {
    for (const MonthPoint& p : trend) {
      Acc& acc = months[{p.year, p.month}];
      acc.period.from_day = std::min(acc.period.from_day, p.period.from_day);
      acc.period.to_day = std::max(acc.period.to_day, p.period.to_day);
      for (size_t k = 0; k < kAxisCount; ++k) {
        if (p.values[k]) {
          acc.sums[k].first += *p.values[k];
          ++acc.sums[k].second;
        }
      }
    }
  }
  std::vector<MonthPoint> out;
  for (const auto& [ym, acc] : months) {
    MonthPoint p;
    p.year = ym.first;
    p.month = ym.second;
    p.period = acc.period;
    for (size_t k = 0; k < kAxisCount; ++k) {
      if (acc.sums[k].second > 0) {
        p.values[k] = RoundPct(static_cast<double>(acc.sums[k].first) / acc.sums[k].second);
      }
    }
    out.push_back(p);
  }
  return out;
}

std::string RadarSvg(const CompetencyMap& map, std::string_view lang) {
  // A 7-spoke radar drawn around (180, 165); the viewBox leaves room for the
  // labels outside the rings (about 110 px each side at 14 px). Coordinates are
  // rounded to one decimal so the output is stable byte for byte.
  constexpr double kCx = 180, kCy = 165, kR = 110;
  auto pt = [&](size_t i, double frac) {
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) /
                                                     static_cast<double>(kAxisCount);
    return std::pair<double, double>{kCx + kR * frac * std::cos(angle),
                                     kCy + kR * frac * std::sin(angle)};
  };
  auto fmt = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return std::string(buf);
  };
  auto points = [&](const std::array<double, kAxisCount>& fracs) {
    std::string s;
    for (size_t i = 0; i < kAxisCount; ++i) {
      auto [x, y] = pt(i, fracs[i]);
      if (i) s += ' ';
      s += fmt(x) + "," + fmt(y);
    }
    return s;
  };
  std::string title = lang == "en" ? "Competency map" : "Peta kompetensi";
  std::string desc;
  for (const AxisScore& a : map.axes) {
    if (!desc.empty()) desc += "; ";
    desc += AxisLabel(a.axis).In(lang) + " " + (a.value ? Num(*a.value) : "—");
  }
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tg-radar\" viewBox=\"-60 5 480 310\" "
      "role=\"img\" aria-label=\"" +
      title + ": " + desc + "\">";
  // No ids, so a page can hold several charts (trainee and agency).
  svg += "<title>" + title + "</title>";
  svg += "<desc>" + desc + "</desc>";
  for (int ring = 1; ring <= 4; ++ring) {
    std::array<double, kAxisCount> f;
    f.fill(ring / 4.0);
    svg +=
        "<polygon class=\"tg-radar-grid\" fill=\"none\" stroke=\"#767676\" "
        "stroke-width=\"0.5\" points=\"" +
        points(f) + "\"/>";
  }
  std::array<double, kAxisCount> vals{};
  for (size_t i = 0; i < kAxisCount; ++i) {
    auto [x, y] = pt(i, 1.0);
    svg += "<line class=\"tg-radar-grid\" stroke=\"#767676\" stroke-width=\"0.5\" x1=\"" +
           fmt(kCx) + "\" y1=\"" + fmt(kCy) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(y) + "\"/>";
    vals[i] = map.axes[i].value ? *map.axes[i].value / 100.0 : 0.0;
  }
  svg +=
      "<polygon class=\"tg-radar-area\" fill=\"#0b5cab\" fill-opacity=\"0.25\" "
      "stroke=\"#0b5cab\" stroke-width=\"2\" points=\"" +
      points(vals) + "\"/>";
  for (size_t i = 0; i < kAxisCount; ++i) {
    auto [x, y] = pt(i, 1.22);
    const std::string anchor = x < kCx - 5 ? "end" : (x > kCx + 5 ? "start" : "middle");
    const AxisScore& a = map.axes[i];
    svg += "<text class=\"tg-radar-label\" font-size=\"14\" fill=\"#1a1a1a\" text-anchor=\"" +
           anchor + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y + 4) + "\">" +
           AxisLabel(a.axis).In(lang) + " " + (a.value ? Num(*a.value) : "—") + "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace tanggap::training
