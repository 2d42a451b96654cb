// Read-only queries behind the dashboard's post detail page (/pos/<id>) and
// the trend on the trainee home (/beranda). Every query is scoped by the
// caller's visible accounts (Store::VisibleAccounts), walks an index and is
// bounded (LIMIT), so its cost follows one post's thread or one month of a
// few accounts, never the whole database.
//
// Like Store, not thread-safe: call with a Store owned by this thread.
#ifndef TANGGAP_STORE_POST_QUERIES_H_
#define TANGGAP_STORE_POST_QUERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace tanggap {

// Points one rule cost a post (post_scores.details "breakdown").
struct RuleDeduction {
  std::string rule, level;
  int64_t findings = 0, points = 0;
};

// A finding of the tone pack on an agency reply (reply_tone.findings).
struct ToneFinding {
  std::string rule, level, text;
  int64_t start_byte = 0, end_byte = 0;  // into the reply's text
};

// One reply of the thread with what the analysis said about it.
struct ReplyDetail {
  int64_t row_id = 0;
  std::string platform_id;
  std::optional<std::string> parent;  // parent_platform_id as stored
  std::string author_id, author;      // author: display handle, "" when unknown
  bool is_agency = false;
  std::string created_at;  // RFC 3339 as received
  int64_t created_unix = 0;
  std::string text;
  int depth = 0;  // 0 = answers the post; set by the thread ordering
  // Citizen replies (reply_labels); label "" when not analysed yet.
  std::string label;
  bool needs_answer = false;
  // Questions (question_outcomes): who answered and how fast.
  bool is_question = false;
  std::optional<int64_t> answer_reply_row_id;
  std::string how;
  std::optional<int64_t> response_s, business_response_s;
  // Agency replies (reply_tone).
  bool has_tone = false;
  std::optional<int64_t> tone_score;
  std::string answers_label;
  std::vector<ToneFinding> tone_findings;
};

// One metric snapshot (metric_snapshots); nullopt where the platform gave nothing.
struct MetricPoint {
  int64_t at_unix = 0;
  std::optional<int64_t> likes, shares, replies, quotes, views, followers;
};

struct PostDetail {
  int64_t row_id = 0, account_row_id = 0;
  std::string platform, platform_id, account, agency;  // account = "platform:handle"
  std::string created_at, text, lang;
  int64_t created_unix = 0;
  std::optional<std::string> url;
  // The newest clarity score (highest pack id), if any.
  bool has_score = false, scored = false;
  std::optional<int64_t> score;
  std::string not_scored_reason, kind;
  std::optional<int64_t> words, sentences, platform_length;
  std::vector<RuleDeduction> breakdown;  // as the scorer wrote it (points > 0 first)
  std::vector<StoredFinding> findings;   // text order, media findings last
  int64_t finding_count = 0;             // all of them; findings holds the first `limits.findings`
  // The first `limits.replies` replies by time, arranged in thread order
  // (each reply followed by its answers, depth-first, by time); a reply
  // whose parent is not among them is shown at depth 0.
  std::vector<ReplyDetail> replies;
  int64_t reply_count = 0;  // all replies of the post
  // The newest `limits.metrics` snapshots, oldest first.
  std::vector<MetricPoint> metrics;
  int64_t metric_count = 0;
};

struct PostDetailLimits {
  int findings = 300;
  int replies = 500;
  int tone_findings = 3000;  // over all shown agency replies
  int metrics = 500;
};

// The post with row id `post_row_id` when its account is one of
// `visible_accounts`; nullopt when the post does not exist *or* is not
// visible, so that callers answer both alike and existence does not leak.
// Malformed JSON in stored details or tone findings is skipped, not an error.
Result<std::optional<PostDetail>> LoadPostDetail(Store& store, int64_t post_row_id,
                                                 const std::vector<int64_t>& visible_accounts,
                                                 const PostDetailLimits& limits = {});

// Arranges replies (by time) in thread order and sets their depth. Pure;
// exposed for tests. Cycles and unknown parents put a reply at depth 0.
void ThreadOrder(std::vector<ReplyDetail>* replies);

// Figures of a set of accounts over WIB days [first_day, last_day].
struct PeriodFigures {
  int64_t scored_posts = 0;
  std::optional<double> clarity_avg;  // mean newest rated score of the period's posts
  int64_t questions = 0, answered = 0;
  std::optional<double> response_rate;           // answered / questions
  std::optional<int64_t> median_first_response;  // seconds, exact (nearest rank, lower)
};

// Reads daily_rollups alone (questions, answers, response times, clarity
// count and sum), so the figures are those of the last `tanggap analyze`,
// like the reports'. At most `max_accounts` accounts (the first ones) are
// read; the cost is one row per account and day of the period.
Result<PeriodFigures> AccountPeriodFigures(Store& store,
                                           const std::vector<int64_t>& account_row_ids,
                                           int64_t first_day, int64_t last_day,
                                           size_t max_accounts = 200);

}  // namespace tanggap

#endif  // TANGGAP_STORE_POST_QUERIES_H_
