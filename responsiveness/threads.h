// Who asked, who answered, how fast: reconstructing one post's reply thread
// and attributing agency replies to citizen questions. Pure functions;
// definitions in docs/responsiveness.md.
#ifndef TANGGAP_RESPONSIVENESS_THREADS_H_
#define TANGGAP_RESPONSIVENESS_THREADS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "responsiveness/business_hours.h"

namespace tanggap {

struct ThreadReply {
  std::string id;
  std::optional<std::string> parent;  // platform id of the reply answered; nullopt = top level
  std::string author_id;
  std::optional<std::string> author;  // handle, for "@handle" mentions in flat threads
  bool is_agency = false;
  int64_t created_unix = 0;
  std::string text;
  bool needs_answer = false;  // from the reply classifier (citizen replies only)
};

struct AttributionOptions {
  int64_t window_s = 7 * 86400;  // an answer must come within this long after the question
  int64_t max_skew_s = 600;      // an answer stamped up to this long *before* its question is
                                 // clock skew: counted as answered at the question's time
};

// One citizen reply that needs an answer, and what became of it.
struct QuestionOutcome {
  size_t question = 0;               // index into the replies given
  std::optional<size_t> answer;      // index of the agency reply that answered it first
  std::string how;                   // "direct", "thread" (later in its sub-thread), "mention"
  int64_t asked_unix = 0;            // clamped to the post's time if dated before it
  int64_t response_s = -1;           // wall clock; -1 when unanswered
  int64_t business_response_s = -1;  // working-hours clock; -1 when unanswered
};

struct ThreadAnalysis {
  std::vector<QuestionOutcome> questions;  // in the order of the replies given
  // Oddities found and how they were handled, e.g. "reply 123: parent 99
  // not found; treated as top level". Deterministic for the same input.
  std::vector<std::string> anomalies;
};

// Attributes answers in one post's thread. Rules, in order, for each
// question (a non-agency reply with needs_answer):
//  1. direct: the earliest agency reply whose parent is the question;
//  2. thread: else the earliest agency reply below the question in the
//     reply tree (answering a follow-up);
//  3. mention: else the earliest later agency reply anywhere under the
//     post that mentions the asker as @handle (flattened threads).
// Only agency replies within [asked - max_skew, asked + window] count.
// A parent that is missing, or a parent chain that loops, makes the reply
// top level (noted in anomalies); replies dated before the post count from
// the post's time. Work is O(replies x depth) with depth bounded by the
// number of replies.
ThreadAnalysis AnalyzeThread(int64_t post_created_unix, const std::vector<ThreadReply>& replies,
                             const AttributionOptions& options, const WorkingCalendar& calendar);

// Figures over a set of question outcomes (docs/responsiveness.md).
struct ResponseStats {
  int64_t questions = 0;
  int64_t answered = 0;
  int64_t unanswered = 0;
  // Response rate counts only questions old enough to judge: asked at
  // least `sla_s` before `as_of` (a question from an hour ago is not yet
  // late). 0..1; nullopt when no question is old enough.
  std::optional<double> response_rate;
  std::optional<double> within_sla_rate;           // answered within sla_s / judged questions
  std::optional<int64_t> median_s, mean_s, p90_s;  // wall clock, answered questions
  std::optional<int64_t> business_median_s, business_p90_s;
  int64_t bucket_0_2h = 0, bucket_2_8h = 0, bucket_8_24h = 0, bucket_over_24h = 0;
};

// `response_s`/`business_response_s` < 0 mean unanswered. Percentiles use
// the nearest-rank method (p90 = the value at rank ceil(0.9 n)).
ResponseStats SummarizeResponses(const std::vector<QuestionOutcome>& outcomes, int64_t as_of,
                                 int64_t sla_s);

// The same figures as SummarizeResponses, gathered piece by piece: single
// outcomes, or a whole day of a rollup at once. A report over months of
// rollups then keeps only the answered response times, not one record per
// question. Finish() gives what SummarizeResponses would give on the
// equivalent outcomes (each with the sla_s it was added with).
class ResponseAccumulator {
 public:
  // One question asked at `asked_unix`; times < 0 mean unanswered.
  void Add(int64_t asked_unix, int64_t response_s, int64_t business_response_s, int64_t as_of,
           int64_t sla_s);
  // `questions` questions that are all old enough to judge, answered after
  // the wall-clock times in `sorted_response_s` (ascending, one per answered
  // question); `business_s` is read pairwise with it and its negative
  // entries skipped, as SummarizeResponses does with outcomes.
  void AddJudged(int64_t questions, const std::vector<int64_t>& sorted_response_s,
                 const std::vector<int64_t>& business_s, int64_t sla_s);
  // The figures; leaves the accumulator empty.
  ResponseStats Finish();

 private:
  ResponseStats s_;
  std::vector<int64_t> wall_, business_;
  int64_t judged_ = 0, judged_answered_ = 0, within_ = 0;
};

}  // namespace tanggap

#endif  // TANGGAP_RESPONSIVENESS_THREADS_H_
