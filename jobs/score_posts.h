// Scoring the posts in the database with a rule pack: `tanggap score`.
// Reads posts in batches, scores each batch on several threads (scoring is
// pure), and writes each batch's scores and findings in one transaction, so
// an interrupted run keeps what it finished and the next run goes on from
// there.
#ifndef TANGGAP_JOBS_SCORE_POSTS_H_
#define TANGGAP_JOBS_SCORE_POSTS_H_

#include <cstdint>
#include <functional>
#include <string>

#include "scorer/scorer.h"
#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct ScorePostsOptions {
  bool all = false;  // rescore posts that already have a score from this pack
  int threads = 0;   // 0: one per CPU core
  int batch = 2000;  // posts per read/score/write round
};

struct ScorePostsStats {
  int64_t total = 0;       // posts that needed scoring when the run began
  int64_t scored = 0;      // got a score
  int64_t not_scored = 0;  // unscorable (language, empty, ...): stored with the reason
  double mean_score = 0;   // over `scored`
};

// Calls progress(done, total) after every batch.
Result<ScorePostsStats> ScorePosts(Store* store, const scorer::RulePack& pack,
                                   const ScorePostsOptions& options,
                                   const std::function<void(int64_t, int64_t)>& progress);

// The stored form of one result: findings flattened, stats and the
// per-rule breakdown as JSON (details_json). Pure.
StoredScore ToStoredScore(int64_t post_row_id, const scorer::ScoreResult& result);

// JSON of a ScoreResult as `tanggap check --format json` prints it
// (docs/check-json.md): messages in `lang` ("id" or "en"). `extra`, when
// given, may append members to each finding's object: it gets the finding
// and the JSON so far, and must append `,"name":value` pairs or nothing.
using FindingJsonExtra = std::function<void(const scorer::Finding&, std::string*)>;
std::string ScoreResultJson(const scorer::ScoreResult& result, std::string_view lang,
                            const FindingJsonExtra& extra = nullptr);

}  // namespace tanggap

#endif  // TANGGAP_JOBS_SCORE_POSTS_H_
