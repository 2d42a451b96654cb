// Simulation attempts (dashboard /simulasi): the v10 tables sim_attempts and
// sim_replies (docs/training-store.md). Free functions over a Store's
// connection (store_access.h); like Store itself, not thread-safe: one
// connection per thread. Writes need a writable Store.
//
// Times: started/submitted/finished are server times. A reply's sent_unix
// is on the attempt's clock: server time plus the attempt's skipped_s at
// the moment it was sent, so that a later "skip to the next comment" does
// not make an earlier answer look slower. The scenario clock of an attempt
// at server time `now` is now + skipped_s - post_submitted_unix.
//
// The functions only check what the database can see (owner, state); the
// caller checks the scenario (which comments are out, text limits).
#ifndef TANGGAP_STORE_SIMULATION_QUERIES_H_
#define TANGGAP_STORE_SIMULATION_QUERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct SimReplyRow {
  int64_t id = 0;
  int comment_index = 0;
  std::string text;
  int64_t sent_unix = 0;  // attempt clock (see above)
};

struct SimAttemptRow {
  int64_t id = 0, user_id = 0;
  std::string username;  // of user_id
  std::string scenario_id, scenario_version;
  int64_t started_unix = 0;
  std::optional<std::string> post_text;
  std::optional<int64_t> post_submitted_unix;
  int64_t skipped_s = 0;
  std::optional<int64_t> finished_unix;
  std::optional<int64_t> overall_score;
  std::optional<std::string> debrief;  // JSON, set when finished
  std::vector<SimReplyRow> replies;    // by sent time; only from GetSimAttempt
};

// A new attempt of user_id at scenario_id; returns its id.
Result<int64_t> StartSimAttempt(Store& store, int64_t user_id, const std::string& scenario_id,
                                const std::string& scenario_version, int64_t now);

// The attempt with its replies (at most max_replies), or nullopt.
Result<std::optional<SimAttemptRow>> GetSimAttempt(Store& store, int64_t attempt_id,
                                                   int max_replies);

// What a write did: kDone, or why it changed nothing.
enum class SimWrite { kDone, kNotFound, kWrongState };

// Stores the post once (kWrongState when a post is already there).
Result<SimWrite> SubmitSimPost(Store& store, int64_t attempt_id, int64_t user_id,
                               const std::string& text, int64_t now);
// Adds seconds (>= 0) to skipped_s of a submitted, unfinished attempt.
Result<SimWrite> AddSimSkip(Store& store, int64_t attempt_id, int64_t user_id, int64_t seconds);
// Stores a reply sent at `now` (server time) to an unfinished attempt with a
// post; the stored time adds the attempt's skipped_s. kWrongState also when
// the comment already has a reply or the attempt holds max_replies.
Result<SimWrite> AddSimReply(Store& store, int64_t attempt_id, int64_t user_id, int comment_index,
                             const std::string& text, int64_t now, int max_replies);
// Stores the score and debrief of an unfinished attempt with a post.
Result<SimWrite> FinishSimAttempt(Store& store, int64_t attempt_id, int64_t user_id, int score,
                                  const std::string& debrief_json, int64_t now);

// The user's attempts, newest first (no replies, no debrief).
Result<std::vector<SimAttemptRow>> UserSimAttempts(Store& store, int64_t user_id, int limit);

// Attempts of the trainees a supervisor oversees (trainees assigned to an
// account of one of the supervisor's agencies), or of every trainee for an
// admin; newest first, no replies, no debrief. Empty for a trainee.
Result<std::vector<SimAttemptRow>> TeamSimAttempts(Store& store, const User& viewer, int limit);

// Whether `viewer` oversees trainee_id in the sense of TeamSimAttempts.
Result<bool> OverseesTrainee(Store& store, const User& viewer, int64_t trainee_id);

}  // namespace tanggap

#endif  // TANGGAP_STORE_SIMULATION_QUERIES_H_
