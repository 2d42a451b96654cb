// The training loop's queries (docs/training-loop.md): what a trainee's
// accounts did (the raw rows behind training::TraineeFacts), the
// gamification state with its ledger of points and badges, supervisors'
// goals and coaching notes, and the small flags around them (training day,
// leader accounts, agencies' opt-in to individual rankings).
//
// Free functions over a Store's connection (store_access.h); like Store,
// not thread-safe: one connection per thread. Every parameter is bound and
// every list is bounded by `limit`. Nothing here knows the training rules:
// jobs/training_progress.h turns these rows into facts and evaluates them.
#ifndef TANGGAP_STORE_PROGRESS_QUERIES_H_
#define TANGGAP_STORE_PROGRESS_QUERIES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace tanggap {

// A trainee (role "trainee", not disabled) with what the views need.
struct TraineeInfo {
  int64_t user_id = 0;
  std::string username, display_name;
  std::optional<int64_t> training_day;   // WIB day; nullopt when not set
  std::vector<std::string> agencies;     // of the accounts they run, by name
  std::vector<int64_t> account_row_ids;  // the accounts they run
  double sla_hours = 24;                 // the longest SLA among those agencies
  bool leader = false;                   // runs a leader's account (accounts.is_leader)
};
// By username.
Result<std::vector<TraineeInfo>> ProgressTrainees(Store& store, int limit);
// nullopt when there is no such enabled trainee.
Result<std::optional<TraineeInfo>> ProgressTrainee(Store& store, const std::string& username);

// One post of an account the trainee runs, with its newest clarity score.
struct ProgressPost {
  int64_t row_id = 0;
  int64_t created_unix = 0;
  std::string text;
  std::optional<int64_t> score;  // nullopt: not scored
  std::string kind;
  std::vector<std::pair<std::string, std::string>> findings;  // (rule, level) of that score
  int media = 0;
  int64_t interactions = 0;          // likes + shares + quotes (thread_state) + citizen replies
  std::optional<int64_t> followers;  // thread_state: at post time
};
// One citizen question on those accounts (question_outcomes).
struct ProgressQuestion {
  int64_t asked_unix = 0;
  bool answered = false;
  std::optional<int64_t> response_s, business_response_s;
  double sla_hours = 24;  // the account's agency's
};
// One agency reply on those accounts with its tone (reply_tone).
struct ProgressReply {
  int64_t created_unix = 0;
  std::optional<int64_t> score;
  std::vector<std::string> tone_rules;  // one per finding
};
struct ProgressRows {
  std::vector<ProgressPost> posts;                              // by time, then row id
  std::vector<ProgressQuestion> questions;                      // by time
  std::vector<ProgressReply> replies;                           // by time
  std::vector<std::pair<std::string, int64_t>> lessons_passed;  // (lesson id, passed unix)
  std::vector<std::pair<std::string, int64_t>> simulations;     // (scenario id, finished unix)
};
// Everything of the accounts `user_id` runs with a time in [from_unix,
// to_unix); at most `limit` rows of each kind (posts: `limit` posts and
// `limit * 20` findings).
Result<ProgressRows> ProgressFacts(Store& store, int64_t user_id, int64_t from_unix,
                                   int64_t to_unix, int limit);

// Gamification: one state per trainee (training::EncodeState) and the
// ledger of what it awarded.
struct GameState {
  std::string state_json;
  int64_t points = 0;
  std::optional<int64_t> evaluated_day;
};
Result<std::optional<GameState>> LoadGameState(Store& store, int64_t user_id);

struct LedgerRow {
  int64_t day = 0;
  std::string kind;  // training::PointReasonName
  int64_t points = 0;
  std::string why_id, why_en;
  int64_t created_unix = 0;
};
struct AwardRow {
  std::string badge_id;
  int64_t day = 0;
  std::string why_id, why_en;
  int64_t awarded_unix = 0;
};
// In one transaction: stores `state` and appends the ledger rows and
// awards, provided the stored state's evaluated day is still
// `expected_day` (nullopt: no state yet). When another run got there first
// nothing is written and the result is false, so no award is stored twice.
Result<bool> SaveGameProgress(Store& store, int64_t user_id, std::optional<int64_t> expected_day,
                              const GameState& state, const std::vector<LedgerRow>& ledger,
                              const std::vector<AwardRow>& awards);
// Newest first.
Result<std::vector<LedgerRow>> LedgerOf(Store& store, int64_t user_id, int limit);
Result<std::vector<AwardRow>> AwardsOf(Store& store, int64_t user_id, int limit);

// Every trainee's total points with the agency of the accounts they run
// (the first by name); trainees without accounts are left out.
struct PointsStanding {
  std::string username, agency;
  int64_t points = 0;
};
Result<std::vector<PointsStanding>> PointsStandings(Store& store, int limit);

// Agencies' opt-in to individual rankings, by name.
Result<std::map<std::string, bool>> IndividualRankingFlags(Store& store, int limit);
// false when there is no such agency.
Result<bool> SetIndividualRanking(Store& store, const std::string& agency, bool on);

// Training day of a trainee (nullopt clears it); false when no such user.
Result<bool> SetTrainingDay(Store& store, const std::string& username, std::optional<int64_t> day);
// Marks an account (platform name, handle) as a leader's own; false when
// there is no such account.
Result<bool> SetLeaderAccount(Store& store, const std::string& platform, const std::string& handle,
                              bool on);
// "platform:handle" of every leader account.
Result<std::set<std::string>> LeaderAccounts(Store& store, int limit);

// Goals. Exactly one of `username` / `agency` is set.
struct GoalRow {
  int64_t id = 0;
  std::string set_by;
  std::optional<std::string> username, agency;
  std::string month;  // "YYYY-MM"
  std::string metric, op;
  double target = 0;
  int64_t created_unix = 0;
};
// Fails with kInvalidArgument on a bad month or op, kNotFound for an
// unknown trainee or agency.
Result<int64_t> AddGoal(Store& store, int64_t set_by_user_id, const GoalRow& goal, int64_t now);
// Goals of `month` ("" = every month), newest first.
Result<std::vector<GoalRow>> GoalsOf(Store& store, const std::string& month, int limit);

// Coaching notes.
struct NoteRow {
  int64_t id = 0;
  std::optional<int64_t> post_id;
  std::string post_account;  // "platform:handle" of the post, "" when none
  std::string author, trainee;
  std::string text;
  int64_t created_unix = 0;
  std::optional<int64_t> acknowledged_unix;
};
Result<int64_t> AddNote(Store& store, int64_t author_id, int64_t trainee_id,
                        std::optional<int64_t> post_id, const std::string& text, int64_t now);
// Newest first; `trainee_id` nullopt = every trainee.
Result<std::vector<NoteRow>> NotesOf(Store& store, std::optional<int64_t> trainee_id, int limit);
// Marks the note acknowledged when it belongs to `trainee_id` and is not
// yet; false otherwise.
Result<bool> AcknowledgeNote(Store& store, int64_t note_id, int64_t trainee_id, int64_t now);
// The account row of a post; nullopt when there is no such post.
Result<std::optional<int64_t>> PostAccountRow(Store& store, int64_t post_id);

}  // namespace tanggap

#endif  // TANGGAP_STORE_PROGRESS_QUERIES_H_
