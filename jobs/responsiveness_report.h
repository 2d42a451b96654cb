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
#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct AnalyzeOptions {
  bool all = false;  // reanalyse every thread, not only changed ones
  int batch = 1000;  // threads per transaction
  AttributionOptions attribution;
};

struct AnalyzeStats {
  int64_t threads = 0, replies = 0, questions = 0, answered = 0, anomalies = 0;
};

// `version` names the classifier, calendar and options in force (the rule
// pack version does): threads analysed under another version are redone.
Result<AnalyzeStats> AnalyzeThreads(Store* store, const scorer::ReplyClassifier& classifier,
                                    const WorkingCalendar& calendar, const std::string& version,
                                    const AnalyzeOptions& options,
                                    const std::function<void(int64_t)>& progress);

struct ReportRow {
  std::string group;  // agency name or "platform:handle"
  ResponseStats responses;
  int64_t posts = 0;
  // Mean over posts of interactions / followers at post time (0..1);
  // nullopt when no post has a follower count.
  std::optional<double> engagement_rate;
  std::map<std::string, double> content_mix;  // kind -> share of posts (0..1)
};

enum class GroupBy { kAgency, kAccount };

// Questions asked and posts made in [from, to); response rates judged as
// of `as_of` with each agency's SLA. Rows sorted by group name.
Result<std::vector<ReportRow>> BuildReport(Store* store, int64_t from, int64_t to, int64_t as_of,
                                           GroupBy by);

// Renderings of a report. JSON: an array of objects with the fields listed
// in docs/responsiveness.md; CSV: the same columns with a header row.
std::string ReportJson(const std::vector<ReportRow>& rows);
std::string ReportCsv(const std::vector<ReportRow>& rows);
std::string ReportText(const std::vector<ReportRow>& rows);

}  // namespace tanggap

#endif  // TANGGAP_JOBS_RESPONSIVENESS_REPORT_H_
