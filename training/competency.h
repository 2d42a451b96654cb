// The competency map (peta kompetensi): seven axes, each 0-100, computed
// from a trainee's own posts, the citizen questions on their accounts and
// their agency replies over a period; the month-by-month trend; the two
// weakest axes with the lessons that address them; the agency's map as the
// mean of its trainees'; and a radar chart as SVG.
//
// Every formula is in docs/competency-map.md so a supervisor can recompute
// a figure by hand. Which rules feed which axis, and the axes' targets and
// lessons, are data (rules/id-pemerintah/pelatihan/competency.yml), checked against the
// rule packs when loaded.
//
// Everything but LoadCompetencyConfig is pure and deterministic: no clock,
// no I/O, no logging. A loaded config is immutable and can be shared across
// threads.
#ifndef TANGGAP_TRAINING_COMPETENCY_H_
#define TANGGAP_TRAINING_COMPETENCY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/scorer.h"
#include "util/status.h"

namespace tanggap::training {

using scorer::Localized;

// ---------------------------------------------------------------------------
// Facts: what the store knows per post, question and reply. Days are WIB
// calendar days counted from 1970-01-01 (DaysFromCivil in util/time.h).

struct FindingFact {
  std::string rule;  // rule id, e.g. "ID.AkronimTanpaKepanjangan"
  scorer::Level level = scorer::Level::kWarning;
};

// One post the trainee made.
struct PostFacts {
  int64_t day = 0;
  std::optional<int> clarity;         // the post's clarity score 0-100; nullopt if not scored
  std::string kind;                   // post kind from the clarity pack: "layanan", "edukasi", ...
  std::vector<FindingFact> findings;  // the clarity pack's findings on the post
  int media = 0;                      // attached images / videos
  int hashtags = 0;                   // hashtags in the text
  int64_t interactions = 0;           // likes + shares + quotes + citizen replies
  std::optional<int64_t> followers;   // at post time; nullopt when unknown
};

// One citizen question (pertanyaan, permintaan, keluhan) on the trainee's
// accounts, old enough to judge (asked at least one SLA before the end of
// the period, docs/responsiveness.md).
struct QuestionFacts {
  int64_t day = 0;  // the day it was asked
  bool answered = false;
  std::optional<int64_t> response_s;           // wall clock; set when answered
  std::optional<int64_t> business_response_s;  // working-hours clock; set when answered
  bool within_sla = false;                     // answered within the agency's SLA
};

// One reply the trainee wrote as the agency.
struct ReplyFacts {
  int64_t day = 0;
  std::optional<int> tone;              // tone score 0-100; nullopt if not scored
  std::vector<std::string> tone_rules;  // tone rule ids that fired (one entry per finding)
};

struct TraineeFacts {
  std::vector<PostFacts> posts;
  std::vector<QuestionFacts> questions;
  std::vector<ReplyFacts> replies;
};

// Inclusive range of WIB days. Facts outside it are ignored.
struct Period {
  int64_t from_day = 0;
  int64_t to_day = 0;
  int64_t days() const { return to_day >= from_day ? to_day - from_day + 1 : 0; }
};

// ---------------------------------------------------------------------------
// Axes and their configuration.

enum class Axis {
  kClarity,
  kResponsiveness,
  kTone,
  kAccessibility,
  kCompleteness,
  kConsistency,
  kEngagement
};
inline constexpr size_t kAxisCount = 7;
inline constexpr std::array<Axis, kAxisCount> kAllAxes = {
    Axis::kClarity,      Axis::kResponsiveness, Axis::kTone,      Axis::kAccessibility,
    Axis::kCompleteness, Axis::kConsistency,    Axis::kEngagement};

std::string_view AxisName(Axis axis);  // "clarity", "responsiveness", ...
std::optional<Axis> AxisFromName(std::string_view name);
const Localized& AxisLabel(Axis axis);  // "Kejelasan" / "Clarity", ...

// Which posts a finding-based axis (accessibility, completeness) judges. A
// post is in scope when it matches any selector, or when one of the axis's
// rules fired on it.
struct PostScope {
  bool all = false;
  bool media = false;              // posts with media
  bool hashtags = false;           // posts with hashtags
  std::vector<std::string> kinds;  // posts of these kinds
};

struct AxisConfig {
  std::vector<std::string> rules;    // finding-based axes: the rules that count
  PostScope scope;                   // finding-based axes
  std::vector<std::string> lessons;  // lesson ids shown when the axis is among the weakest
};

struct CompetencyConfig {
  std::array<AxisConfig, kAxisCount> axes;  // indexed by Axis
  double sla_weight = 0.7;                  // responsiveness: share within SLA
  double answered_weight = 0.3;             // responsiveness: share answered at all
  double posts_per_week = 3;                // consistency target
  double engagement_target = 0.03;          // engagement rate that scores 100

  const AxisConfig& operator[](Axis a) const { return axes[static_cast<size_t>(a)]; }
};

// Parses competency.yml. Every axis must be present, weights must be >= 0
// and not both 0, targets > 0, and every rule id must exist in `known_rules`
// (the ids of the clarity pack; empty = no check). Errors name the file
// (`source`), the line and the axis: "competency.yml:12: axis 'completeness':
// unknown rule 'SOC.Kelengkapan'".
Result<CompetencyConfig> ParseCompetencyConfig(std::string_view yaml_text, std::string_view source,
                                               const std::vector<std::string>& known_rules);
// Reads the file at `path` and checks its rules against `pack`.
Result<CompetencyConfig> LoadCompetencyConfig(const std::string& path,
                                              const scorer::RulePack& pack);
// Every lesson id the config names must be in `known_lessons`; the first
// unknown one is reported with its axis.
Status CheckLessons(const CompetencyConfig& config, const std::vector<std::string>& known_lessons);

// ---------------------------------------------------------------------------
// Results.

struct AxisScore {
  Axis axis = Axis::kClarity;
  std::optional<int> value;  // 0-100; nullopt when there is no evidence
  int evidence = 0;          // how many posts / questions / replies / trainees it rests on
  Localized why;             // one sentence with the figures, e.g. "6 dari 10 pertanyaan ..."
};

struct WeakAxis {
  Axis axis = Axis::kClarity;
  int value = 0;
  std::vector<std::string> lessons;
};

struct CompetencyMap {
  Period period;
  std::array<AxisScore, kAxisCount> axes;  // indexed by Axis
  // The (up to) two lowest axes that have a value, lowest first; ties go to
  // the axis listed first in kAllAxes.
  std::vector<WeakAxis> weakest;

  const AxisScore& operator[](Axis a) const { return axes[static_cast<size_t>(a)]; }
};

// One calendar month (WIB) of the trend: the same axes computed over the
// part of the month inside the period.
struct MonthPoint {
  int year = 0;
  unsigned month = 0;  // 1-12
  Period period;
  std::array<std::optional<int>, kAxisCount> values;
};

// A trainee's map over `period`.
CompetencyMap ComputeCompetency(const CompetencyConfig& config, const TraineeFacts& facts,
                                const Period& period);

// A trainee's map for each calendar month that overlaps `period`, oldest
// first. At most 120 months (ten years): a longer period is cut at its start.
std::vector<MonthPoint> MonthlyTrend(const CompetencyConfig& config, const TraineeFacts& facts,
                                     const Period& period);

// An agency's map: per axis, the mean of its trainees' values (each trainee
// counts once, whatever their volume), rounded; nullopt when no trainee has
// a value. `period` is copied into the result.
CompetencyMap AgencyCompetency(const CompetencyConfig& config,
                               const std::vector<CompetencyMap>& trainees, const Period& period);
// The same per month: trainees' trends averaged month by month (matched by
// year and month).
std::vector<MonthPoint> AgencyTrend(const std::vector<std::vector<MonthPoint>>& trainees);

// A radar chart of the map as a standalone <svg> element (no script, no
// style attribute: fits the dashboard's CSP). Axes without a value are
// drawn at the centre and labelled "—". Labels in `lang` ("id" or "en").
// Classes: tg-radar, tg-radar-grid, tg-radar-area, tg-radar-label.
std::string RadarSvg(const CompetencyMap& map, std::string_view lang);

}  // namespace tanggap::training

#endif  // TANGGAP_TRAINING_COMPETENCY_H_
