// The SQLite database behind Tanggap: schema, migrations and every query.
//
// One Store is one connection. It is not thread-safe; open one per thread.
// Several processes may share a file: WAL lets readers run beside the one
// writer, and a writer waits up to busy_timeout_ms for the lock.
//
// Records are written with Upsert*(): keyed by (platform, platform id), they
// insert new rows, update rows whose content changed and leave identical rows
// alone, so importing the same data twice changes nothing.
#ifndef TANGGAP_STORE_STORE_H_
#define TANGGAP_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/records.h"
#include "util/status.h"

namespace tanggap {
namespace sqlite {
class Db;
}

struct StoreOptions {
  bool read_only = false;      // never create, migrate or write the file
  int busy_timeout_ms = 5000;  // how long a writer waits for another's lock
  // SQLite's page cache for this connection. The OS caches the file too;
  // a server with one reader per worker thread wants small ones.
  int cache_kib = 32768;
};

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

struct TableCounts {
  int64_t agencies = 0, accounts = 0, posts = 0, replies = 0, metric_snapshots = 0;
};

// One row of `tanggap summary`: an agency's footprint in the database.
struct AgencySummary {
  std::string agency;
  int64_t accounts = 0;
  int64_t posts = 0;
  int64_t citizen_replies = 0;
  int64_t agency_replies = 0;
  // Top-level and nested citizen replies that some agency reply answers
  // directly (parent link); a rough figure until the responsiveness metrics.
  int64_t citizen_replies_answered = 0;
  int64_t posts_with_media_missing_alt = 0;
  std::string first_post;  // RFC 3339 text of the oldest post, "" if none
  std::string last_post;
  // Clarity under the most recently used rule pack; avg_clarity < 0 when no
  // post of the agency has a score from it.
  int64_t scored_posts = 0;
  double avg_clarity = -1;
};

// A post as the scorer needs it.
struct PostToScore {
  int64_t row_id = 0;
  Post post;
};

struct StoredFinding {
  std::string rule, level;  // level: "suggestion", "warning" or "error"
  int64_t start_byte = 0, end_byte = 0, start_char = 0, end_char = 0;
  std::string text, message_id, message_en, suggestion_id, suggestion_en, source;
  std::optional<int64_t> media_index;
};

struct StoredScore {
  int64_t post_row_id = 0;
  bool scored = false;
  std::optional<int64_t> score;  // 0-100 when scored
  std::string not_scored_reason, language, kind;
  std::string details_json = "{}";  // stats and per-rule breakdown
  std::vector<StoredFinding> findings;
};

// One post's thread as the responsiveness analysis needs it.
struct StoredThread {
  int64_t post_row_id = 0;
  int64_t account_row_id = 0;
  std::string account_platform_id;
  int64_t post_created_unix = 0;
  struct Reply {
    int64_t row_id = 0;
    std::string id;
    std::optional<std::string> parent;
    std::string author_id;
    std::optional<std::string> author;
    bool is_agency = false;
    int64_t created_unix = 0;
    std::string text;
  };
  std::vector<Reply> replies;  // by time, then id
  int64_t max_reply_row_id = 0;
  // Engagement inputs, read with the thread so the analysis can keep the
  // post's figures beside its outcomes (thread_state).
  std::string kind;                   // newest clarity score's kind; "" when unscored
  std::optional<int64_t> score;       // newest clarity score, when it rated the post
  std::optional<int64_t> metrics_at;  // newest snapshot time
  int64_t counted_interactions = 0;   // likes + shares + quotes of the newest snapshot
  std::optional<int64_t> followers;   // at post time: earliest snapshot, else the account's
  std::optional<int64_t> views;       // newest snapshot
};

// The tone of one agency reply (reply_tone).
struct StoredTone {
  int64_t reply_row_id = 0;
  int64_t created_unix = 0;
  std::string answers_label;  // label of the citizen reply it answers, "lainnya" when none
  std::optional<int> score;   // 0..100; nullopt when not scored
  std::string findings_json = "[]";
  int64_t text_hash = 0;  // of the normalised text: equal hashes = the same template
};

struct StoredReplyLabel {
  int64_t reply_row_id = 0;
  std::string label;
  bool needs_answer = false;
  std::string cues_json = "[]";
};

struct StoredOutcome {
  int64_t reply_row_id = 0;  // the question
  int64_t asked_unix = 0;
  std::optional<int64_t> answer_reply_row_id;
  std::string how;
  std::optional<int64_t> response_s, business_response_s;
};

// What the analysis of one thread produced.
struct ThreadResult {
  // Every citizen reply's label, except those that got `default_label`
  // without any cue firing (and need no answer): readers give those
  // default_label, which thread_state keeps.
  std::vector<StoredReplyLabel> labels;
  std::string default_label;
  std::vector<StoredOutcome> outcomes;
  std::vector<StoredTone> tones;
  std::string anomalies_json = "[]";
};

// One account's figures for one day (WIB), precomputed so that a report over
// any period reads one row per account and day. Response times and post
// interactions are kept as sorted lists so that medians stay exact.
struct DayRollup {
  int64_t account_row_id = 0;
  int64_t day = 0;              // days since 1970-01-01, WIB
  std::string agency, account;  // filled when read back; account = "platform:handle"
  double sla_hours = 24;
  int64_t questions = 0, answered = 0;
  std::vector<int64_t> response_s, business_s;  // answered questions, sorted
  int64_t posts = 0;
  std::vector<int64_t> interactions;  // one per post, sorted
  int64_t rated_posts = 0;            // posts with followers > 0
  double rate_sum = 0;                // sum of interactions / followers
  int64_t views_posts = 0;
  double views_rate_sum = 0;  // sum of interactions / views
  int64_t relative_n = 0;
  double relative_sum = 0;  // sum of interactions / account's 30-day median
  std::map<std::string, int64_t> kinds;
  int64_t tone_n = 0, tone_sum = 0;
  int64_t clarity_n = 0, clarity_sum = 0;  // posts with a clarity score, and their sum
};

// An account registered for collection (tanggap account add).
struct RegisteredAccount {
  int64_t id = 0;
  Platform platform = Platform::kMastodon;
  std::string handle, agency, base_url;
  int64_t created_unix = 0;
  // Known after a first successful run:
  std::optional<int64_t> account_row_id;
  std::optional<std::string> platform_id;
  std::optional<int64_t> newest_post_unix;  // the checkpoint
  std::optional<std::string> newest_post_id;
  // The latest run, for `account list` and the admin view.
  std::optional<int64_t> last_run_unix;
  std::optional<std::string> last_status, last_error;
};

// One row of the collector's run log.
struct CollectorRun {
  int64_t registered_id = 0;
  std::optional<int64_t> account_row_id;
  int64_t started_unix = 0, finished_unix = 0;
  std::string status;  // ok | partial | failed | rate_limited
  int64_t requests = 0, retries = 0, rate_limit_waits = 0;
  int64_t posts_seen = 0, replies_seen = 0, posts_new = 0, posts_updated = 0, replies_new = 0;
  std::string warnings_json = "[]";
  std::string error;
};

// A dashboard user. `agencies` are the agencies a supervisor oversees (by
// name); a trainee's scope is the accounts assigned to them.
struct User {
  int64_t id = 0;
  std::string username, display_name, role, lang = "id";
  std::string password_hash;
  bool disabled = false;
  std::vector<std::string> agencies;
};

// An account as the dashboard lists it.
struct AccountRow {
  int64_t row_id = 0;
  std::string platform, handle, name, agency;
  std::optional<int64_t> followers;
};

// A post with its newest clarity score and worst finding, for lists.
struct PostRow {
  int64_t row_id = 0;
  std::string account;  // "platform:handle"
  std::string created_at, text;
  std::optional<std::string> url;
  std::optional<int64_t> score;  // nullopt: not scored (yet)
  std::string kind;
  std::string top_rule, top_message_id, top_message_en;  // "" when no finding
  int64_t interactions = 0;
};

// WIB day of an instant, and the instant a WIB day starts.
int64_t WibDay(int64_t unix_seconds);
int64_t WibDayStart(int64_t day);

// One question for a report: which group it belongs to and its times.
struct OutcomeRow {
  std::string agency, account;  // account = "platform:handle"
  int64_t asked_unix = 0;
  std::optional<int64_t> response_s, business_response_s;
  double sla_hours = 24;
};

// An open question for the trainee's to-do list.
struct QueueItem {
  std::string asked_at, asker, text, post_url, post_id, reply_id;
  int64_t asked_unix = 0;
  std::string label;
};

class Store {
 public:
  // The newest schema version this build knows.
  static int LatestSchemaVersion();

  // Opens (and unless read_only, creates and migrates) the database at path.
  // Fails with kUnsupported, leaving the file untouched, when its schema is
  // newer than this build; kCorruption when the file is not a database.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});

  // Creates or migrates the database at path up to exactly `version` (<=
  // LatestSchemaVersion()) and closes it. For upgrade tests and tooling.
  static Status MigrateTo(const std::string& path, int version);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int SchemaVersion() const;
  // Another, read-only connection to the same file, for a second thread to
  // read while this one writes (WAL: it sees what was committed).
  Result<std::unique_ptr<Store>> OpenReader() const;
  // SQLite's data version of this connection: it changes whenever another
  // connection, in this process or another, committed since the previous
  // call (never for this connection's own writes). For caches of reads.
  Result<int64_t> DataVersion();

  // Explicit transactions around batches of upserts. Without one, every
  // upsert commits on its own (slow, but correct). Begin() while a
  // transaction is open is an error. Destroying the Store rolls back an
  // uncommitted transaction.
  Status Begin();
  Status Commit();
  void Rollback();

  // Upserts; references are resolved by platform id: an account's agency is
  // created on first sight, a post needs its account already stored, a reply
  // and a metric snapshot need their post (kNotFound otherwise, with a message
  // saying which record to import first). A reply's is_agency flag is set
  // when its author_id equals the post's account id.
  Result<UpsertOutcome> Upsert(const Account& account);
  Result<UpsertOutcome> Upsert(const Post& post);
  Result<UpsertOutcome> Upsert(const Reply& reply);
  Result<UpsertOutcome> Upsert(const Metrics& metrics);
  Result<UpsertOutcome> Upsert(const Record& record);

  // Calls fn for every record in a canonical order: accounts (by platform,
  // id), posts (by time, platform, id), replies (by time, platform, id),
  // metric snapshots (by time, platform, post id). Stops at and returns the
  // first non-OK status from fn. Memory use does not grow with table size.
  Status ForEachRecord(const std::function<Status(const Record&)>& fn);
  // Posts only, in the same order.
  Status ForEachPost(const std::function<Status(const Post&)>& fn);

  Result<TableCounts> CountRows();

  // Clarity scores. RegisterRulePack returns the id of (name, version),
  // adding it on first use. Posts "to score" are those without a score from
  // that pack (or every post when all=true), in row-id order after
  // `after_row_id`, at most `limit` per call: call again with the last row id
  // seen until it returns fewer. SaveScore replaces the post's score and
  // findings for that pack. Use inside Begin()/Commit() for speed.
  Result<int64_t> RegisterRulePack(const std::string& name, const std::string& version);
  Result<int64_t> CountPostsToScore(int64_t pack_id, bool all);
  Result<std::vector<PostToScore>> PostsToScore(int64_t pack_id, bool all, int64_t after_row_id,
                                                int limit);
  Status SaveScore(int64_t pack_id, const StoredScore& score);

  // Responsiveness. Threads "to analyze" are posts whose replies changed
  // (count or newest row id) since they were analysed with `version`, or
  // every post with all=true; paged by post row id like PostsToScore.
  // SaveThread replaces the thread's labels, outcomes and state.
  Result<std::vector<int64_t>> ThreadsToAnalyze(const std::string& version, bool all,
                                                int64_t after_post_row_id, int limit);
  Result<StoredThread> LoadThread(int64_t post_row_id);
  // The threads of these posts (ascending row ids), in that order; posts
  // that vanished meanwhile are left out. Dense id ranges are read with one
  // query for the whole batch, which is what makes a full recompute fast.
  Result<std::vector<StoredThread>> LoadThreads(const std::vector<int64_t>& post_row_ids);
  // fresh=true skips deleting the thread's old rows: only between
  // BeginRecompute and EndRecompute.
  Status SaveThread(const StoredThread& thread, const std::string& version,
                    const ThreadResult& result, bool fresh = false);
  // A full recompute. BeginRecompute deletes every reply label, question
  // outcome, tone, thread state and rollup, and drops the analysis tables'
  // secondary indexes and foreign-key checks, so the inserts that follow
  // (SaveThread with fresh=true, in the caller's transactions) skip both.
  // EndRecompute builds the indexes again and restores the checks; call it
  // before RebuildRollups, which needs them. Neither may run inside a
  // transaction. After a crash in between, the next writable Open rebuilds
  // the missing indexes.
  Status BeginRecompute();
  Status EndRecompute();
  // Recomputes the rollups of these (account row id, WIB day) pairs from
  // the saved threads; days with nothing left lose their row. Call inside a
  // transaction.
  Status RebuildRollups(const std::vector<std::pair<int64_t, int64_t>>& account_days);
  // Every rollup, as RebuildRollups would build them over every day that
  // has a post, a question or an agency reply, computed from one read of
  // the analysis tables that needs none of their indexes: a full recompute
  // runs it on a second connection (OpenReader) while EndRecompute builds
  // the indexes here. Ordered by (account, day); agency, account and SLA
  // are left empty.
  Result<std::vector<DayRollup>> ComputeAllRollups();
  // Replaces every rollup row with `rollups`. Call inside a transaction.
  Status ReplaceAllRollups(const std::vector<DayRollup>& rollups);
  // Collector registry. Add fails with a clear message when the account is
  // already registered; Remove returns whether it was.
  Result<int64_t> AddRegisteredAccount(const RegisteredAccount& account);
  Result<bool> RemoveRegisteredAccount(Platform platform, const std::string& handle);
  Result<std::vector<RegisteredAccount>> RegisteredAccounts();
  // The accounts row of a platform account, once records created it.
  Result<std::optional<int64_t>> AccountRowId(Platform platform, const std::string& platform_id);
  // Within the transaction that stored the run's records: links the
  // registration to its account row and moves the checkpoint forward
  // (never backward).
  Status SaveCheckpoint(int64_t registered_id, int64_t account_row_id,
                        const std::optional<std::string>& newest_post_id,
                        std::optional<int64_t> newest_post_unix, int64_t now);
  Status SaveCollectorRun(const CollectorRun& run);
  // Dashboard users and sessions. AddUser refuses an existing username or
  // an unknown agency with a message saying so.
  Result<int64_t> AddUser(const User& user);
  Status SetPassword(const std::string& username, const std::string& password_hash);
  Result<std::optional<User>> FindUser(const std::string& username);
  // Makes `username` a trainee of an account ("platform:handle").
  Status AssignTrainee(const std::string& account, const std::string& username);
  Status CreateSession(const std::string& token_hash, int64_t user_id, int64_t now,
                       int64_t expires_unix);
  // The user of a session that has not expired and was used within
  // idle_s; touches its last use. nullopt for anything else.
  Result<std::optional<User>> SessionUser(const std::string& token_hash, int64_t now,
                                          int64_t idle_s);
  Status DeleteSession(const std::string& token_hash);
  // Accounts a user may see: a trainee's own, a supervisor's agencies', an
  // admin's all. Sorted by agency, platform, handle.
  Result<std::vector<AccountRow>> VisibleAccounts(const User& user);
  // The newest posts of these accounts (row ids), newest first.
  Result<std::vector<PostRow>> LatestPosts(const std::vector<int64_t>& account_row_ids, int limit);
  // Usernames of the trainees who run each account (account row id).
  Result<std::map<int64_t, std::vector<std::string>>> AccountTrainees();
  // Rollups of days [first_day, last_day], with agency, account and SLA.
  // `accounts` (row ids) limits this and the two reads below to those
  // accounts; nullopt reads every account.
  Result<std::vector<DayRollup>> Rollups(
      int64_t first_day, int64_t last_day,
      const std::optional<std::vector<int64_t>>& accounts = std::nullopt);
  // How many agency replies in [from, to) repeat a text (normalised) that
  // the same account used at least `min_uses` times in [from, to), per
  // "platform:handle".
  Result<std::map<std::string, int64_t>> TemplateReplies(
      int64_t from, int64_t to, int min_uses,
      const std::optional<std::vector<int64_t>>& accounts = std::nullopt);
  // Questions asked in [from, to) (reports read them for days still inside their SLA).
  Result<std::vector<OutcomeRow>> Outcomes(
      int64_t from, int64_t to, const std::optional<std::vector<int64_t>>& accounts = std::nullopt);
  // Open questions of one account (platform id, handle or
  // "platform:handle"), oldest first.
  Result<std::vector<QueueItem>> Unanswered(const std::string& account, int limit);
  // One row per agency, by name.
  Result<std::vector<AgencySummary>> SummarizeAgencies();

 private:
  // Query modules of store/ (one header per area, e.g. post_queries.h) run
  // their own statements on this connection; nothing outside store/ may.
  friend class StoreAccess;
  sqlite::Db& connection();

  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tanggap

#endif  // TANGGAP_STORE_STORE_H_
