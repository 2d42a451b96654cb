// Responsiveness work over the store: `tanggap analyze` (label citizen
// replies, attribute answers, thread by thread and only where something
// changed) and `tanggap report` (figures per agency or account for a
// period). Definitions: docs/responsiveness.md.
#ifndef TANGGAP_JOBS_RESPONSIVENESS_REPORT_H_
#define TANGGAP_JOBS_RESPONSIVENESS_REPORT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "responsiveness/threads.h"
#include "scorer/reply_classifier.h"
#include "scorer/scorer.h"
#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct AnalyzeOptions {
  bool all = false;  // reanalyse every thread, not only changed ones
  int batch = 1000;  // threads per transaction
  int threads = 0;   // classification workers; 0 = one per core
  AttributionOptions attribution;
};

struct AnalyzeStats {
  int64_t threads = 0, replies = 0, questions = 0, answered = 0, anomalies = 0;
  int64_t days = 0;  // (account, day) rollups rebuilt
  // Wall seconds each stage spent, summed over batches (the three batch
  // stages overlap, so they add up to more than the run), for tuning.
  double load_s = 0, compute_s = 0, save_s = 0, indexes_s = 0, rollups_s = 0;
};

// `version` names the classifier, calendar and options in force (the rule
// pack version does): threads analysed under another version are redone.
// `tone_pack` (may be null) scores every agency reply with the label of
// the citizen reply it answers as the kind (docs/responsiveness.md).
Result<AnalyzeStats> AnalyzeThreads(Store* store, const scorer::ReplyClassifier& classifier,
                                    const scorer::RulePack* tone_pack,
                                    const WorkingCalendar& calendar, const std::string& version,
                                    const AnalyzeOptions& options,
                                    const std::function<void(int64_t)>& progress);

struct ReportRow {
  std::string group;   // agency name, "platform:handle" or trainee username
  std::string period;  // "" for the whole range; "2026-01", "2026-W03" or "2026-01-05"
  ResponseStats responses;
  int64_t posts = 0;
  int64_t scored_posts = 0;           // posts the clarity scorer rated
  std::optional<double> clarity_avg;  // their mean clarity score (0..100)
  // Mean over posts of interactions / followers at post time (0..1);
  // nullopt when no post has a follower count.
  std::optional<double> engagement_rate;
  // Mean over posts with a view count of interactions / views.
  std::optional<double> engagement_rate_by_views;
  // Mean over posts of interactions / the account's median per post over
  // the 30 days before the post's day; 1.0 = a typical post.
  std::optional<double> relative_engagement;
  std::map<std::string, double> content_mix;  // kind -> share of posts (0..1)
  // Half the sum of |share - target| over kinds: 0 = on target, 1 = opposite.
  std::optional<double> content_mix_gap;
  std::optional<double> tone_score_avg;  // mean tone score of agency replies (0..100)
  int64_t agency_replies = 0;            // agency replies scored for tone
  // Agency replies repeating one text used at least template_min_uses times
  // by the same account (whole range; 0 on per-period rows).
  int64_t template_replies = 0;
};

enum class GroupBy { kAgency, kAccount, kTrainee };
enum class Period { kAll, kDay, kWeek, kMonth };

// The key BuildReport writes in ReportRow::period for a WIB day: "" (all),
// "2026-11-02" (day), "2026-W45" (ISO 8601 week, the year of its
// Thursday), "2026-11" (month).
std::string PeriodKey(int64_t day, Period period);
// Every key of the periods touching [first_day, last_day], in order.
std::vector<std::string> PeriodKeys(int64_t first_day, int64_t last_day, Period period);

struct ReportOptions {
  int64_t first_day = 0, last_day = 0;  // WIB days (WibDay), inclusive
  int64_t as_of = 0;  // unix seconds; questions younger than the SLA are not judged
  GroupBy by = GroupBy::kAgency;
  Period period = Period::kAll;
  std::map<std::string, double> content_mix_target = {
      {"layanan", 0.6}, {"edukasi", 0.3}, {"seremonial", 0.1}};
  int template_min_uses = 5;
  // Account row ids to report on; nullopt = every account. Groups are made
  // only of these accounts' data (a supervisor's view reads just theirs).
  std::optional<std::vector<int64_t>> accounts;
};

// Reads the daily rollups `tanggap analyze` keeps, plus the raw outcomes of
// days still inside their SLA at `as_of`. Rows sorted by group, then period.
Result<std::vector<ReportRow>> BuildReport(Store* store, const ReportOptions& options);

// Renderings of a report. JSON: an array of objects with the fields listed
// in docs/responsiveness.md; CSV: the same columns with a header row.
std::string ReportJson(const std::vector<ReportRow>& rows);
std::string ReportCsv(const std::vector<ReportRow>& rows);
std::string ReportText(const std::vector<ReportRow>& rows);

}  // namespace tanggap

#endif  // TANGGAP_JOBS_RESPONSIVENESS_REPORT_H_
