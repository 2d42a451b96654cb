#include "store/migrations.h"

namespace tanggap::store_internal {
namespace {

// v1: what the platforms give us. Platform ids stay text (they are strings
// on every platform and some exceed 64 bits); created_at keeps the source's
// RFC 3339 text for faithful export, created_unix is for ordering and maths.
constexpr const char kV1[] = R"sql(
CREATE TABLE agencies (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  full_name  TEXT,
  sla_hours  REAL NOT NULL DEFAULT 24 CHECK (sla_hours > 0)
);
CREATE TABLE accounts (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN
                ('instagram','facebook','x','youtube','mastodon','bluesky')),
  platform_id TEXT NOT NULL,
  handle      TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  agency_id   INTEGER NOT NULL REFERENCES agencies(id),
  followers   INTEGER CHECK (followers >= 0),
  UNIQUE (platform, platform_id)
);
CREATE INDEX accounts_by_agency ON accounts(agency_id);
CREATE TABLE posts (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  platform_id  TEXT NOT NULL,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  created_unix INTEGER NOT NULL,
  text         TEXT NOT NULL,
  url          TEXT,
  lang         TEXT,
  UNIQUE (platform, platform_id)
);
CREATE INDEX posts_by_account_time ON posts(account_id, created_unix);
CREATE INDEX posts_by_time ON posts(created_unix);
CREATE TABLE post_media (
  post_id  INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  alt      TEXT,
  url      TEXT,
  PRIMARY KEY (post_id, position)
) WITHOUT ROWID;
-- parent_platform_id is not a foreign key on purpose: platforms hand out
-- replies whose parent was deleted or is not visible to us, and flattened
-- threads arrive in any order.
CREATE TABLE replies (
  id                 INTEGER PRIMARY KEY,
  platform           TEXT NOT NULL,
  platform_id        TEXT NOT NULL,
  post_id            INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  parent_platform_id TEXT,
  author_id          TEXT NOT NULL,
  author             TEXT,
  is_agency          INTEGER NOT NULL CHECK (is_agency IN (0, 1)),
  created_at         TEXT NOT NULL,
  created_unix       INTEGER NOT NULL,
  text               TEXT NOT NULL,
  UNIQUE (platform, platform_id)
);
CREATE INDEX replies_by_post_time ON replies(post_id, created_unix);
CREATE TABLE metric_snapshots (
  post_id   INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  at_unix   INTEGER NOT NULL,
  at        TEXT NOT NULL,
  likes     INTEGER,
  shares    INTEGER,
  replies   INTEGER,
  quotes    INTEGER,
  views     INTEGER,
  followers INTEGER,
  PRIMARY KEY (post_id, at_unix)
) WITHOUT ROWID;
)sql";

// v2: people. A trainee runs accounts; a supervisor sees agencies; an admin
// sees everything. Sessions store a hash of the token, never the token.
constexpr const char kV2[] = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('trainee','supervisor','admin')),
  password_hash TEXT,
  created_unix  INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
CREATE TABLE user_agencies (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, agency_id)
) WITHOUT ROWID;
CREATE TABLE account_trainees (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, user_id)
) WITHOUT ROWID;
CREATE INDEX account_trainees_by_user ON account_trainees(user_id);
CREATE TABLE sessions (
  token_hash   BLOB PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_unix INTEGER NOT NULL,
  expires_unix INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
)sql";

// v3: the collector's memory. A checkpoint is written in the same transaction
// as the data it covers, so a crash never skips or repeats data.
constexpr const char kV3[] = R"sql(
CREATE TABLE collector_checkpoints (
  account_id       INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  newest_post_id   TEXT,
  newest_post_unix INTEGER,
  backfill_cursor  TEXT,
  updated_unix     INTEGER NOT NULL
);
CREATE TABLE collector_runs (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  started_unix  INTEGER NOT NULL,
  finished_unix INTEGER,
  status        TEXT NOT NULL CHECK (status IN
                  ('running','ok','partial','failed','rate_limited')),
  requests      INTEGER NOT NULL DEFAULT 0,
  posts_seen    INTEGER NOT NULL DEFAULT 0,
  replies_seen  INTEGER NOT NULL DEFAULT 0,
  error         TEXT
);
CREATE INDEX collector_runs_by_account ON collector_runs(account_id, started_unix);
)sql";

// v4: clarity scores. Every score names the rule pack version that made it,
// so a rules change can rescore everything while old figures stay
// interpretable. Findings hang off their score and go with it.
constexpr const char kV4[] = R"sql(
CREATE TABLE rule_packs (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  version         TEXT NOT NULL,
  first_used_unix INTEGER NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE post_scores (
  post_id           INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  pack_id           INTEGER NOT NULL REFERENCES rule_packs(id),
  scored            INTEGER NOT NULL CHECK (scored IN (0, 1)),
  score             INTEGER CHECK (score BETWEEN 0 AND 100),
  not_scored_reason TEXT,
  language          TEXT,
  kind              TEXT,
  details           TEXT NOT NULL DEFAULT '{}',
  scored_unix       INTEGER NOT NULL,
  PRIMARY KEY (post_id, pack_id)
) WITHOUT ROWID;
CREATE INDEX post_scores_by_pack ON post_scores(pack_id, post_id);
CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  post_id       INTEGER NOT NULL,
  pack_id       INTEGER NOT NULL,
  rule          TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('suggestion','warning','error')),
  start_byte    INTEGER NOT NULL,
  end_byte      INTEGER NOT NULL,
  start_char    INTEGER NOT NULL,
  end_char      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  message_id    TEXT NOT NULL,
  message_en    TEXT NOT NULL,
  suggestion_id TEXT NOT NULL,
  suggestion_en TEXT NOT NULL,
  source        TEXT NOT NULL,
  media_index   INTEGER,
  FOREIGN KEY (post_id, pack_id) REFERENCES post_scores(post_id, pack_id) ON DELETE CASCADE
);
CREATE INDEX findings_by_post ON findings(post_id, pack_id);
CREATE INDEX findings_by_rule ON findings(rule);
)sql";

// v5: responsiveness. Each citizen reply's label (with the cues that fired)
// and each question's outcome, recomputed per thread when its replies or
// the rules change (thread_state remembers what each thread was analysed
// with).
constexpr const char kV5[] = R"sql(
CREATE TABLE reply_labels (
  reply_id     INTEGER PRIMARY KEY REFERENCES replies(id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  needs_answer INTEGER NOT NULL CHECK (needs_answer IN (0, 1)),
  cues         TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE question_outcomes (
  reply_id            INTEGER PRIMARY KEY REFERENCES replies(id) ON DELETE CASCADE,
  post_id             INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  asked_unix          INTEGER NOT NULL,
  answer_reply_id     INTEGER REFERENCES replies(id) ON DELETE SET NULL,
  how                 TEXT,
  response_s          INTEGER,
  business_response_s INTEGER
);
CREATE INDEX question_outcomes_by_account_time ON question_outcomes(account_id, asked_unix);
CREATE INDEX question_outcomes_by_post ON question_outcomes(post_id);
CREATE TABLE thread_state (
  post_id          INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  reply_count      INTEGER NOT NULL,
  max_reply_id     INTEGER NOT NULL,
  analysis_version TEXT NOT NULL,
  anomalies        TEXT NOT NULL DEFAULT '[]'
);
)sql";

// v6: tone of agency replies, per-post engagement kept with the thread, and
// per-(account, WIB day) rollups so that reports over any period read a few
// rows per account instead of every question and post.
constexpr const char kV6[] = R"sql(
CREATE TABLE reply_tone (
  reply_id      INTEGER PRIMARY KEY REFERENCES replies(id) ON DELETE CASCADE,
  post_id       INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_unix  INTEGER NOT NULL,
  answers_label TEXT NOT NULL,
  score         INTEGER,
  findings      TEXT NOT NULL DEFAULT '[]',
  text_hash     INTEGER NOT NULL
);
CREATE INDEX reply_tone_by_account_time ON reply_tone(account_id, created_unix);
CREATE INDEX reply_tone_by_post ON reply_tone(post_id);
CREATE INDEX reply_tone_by_hash ON reply_tone(account_id, text_hash);
ALTER TABLE thread_state ADD COLUMN account_id INTEGER;
ALTER TABLE thread_state ADD COLUMN post_created_unix INTEGER;
ALTER TABLE thread_state ADD COLUMN metrics_at INTEGER;
ALTER TABLE thread_state ADD COLUMN kind TEXT;
ALTER TABLE thread_state ADD COLUMN interactions INTEGER;
ALTER TABLE thread_state ADD COLUMN followers INTEGER;
ALTER TABLE thread_state ADD COLUMN views INTEGER;
CREATE INDEX thread_state_by_account_time ON thread_state(account_id, post_created_unix);
CREATE TABLE daily_rollups (
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  day            INTEGER NOT NULL,
  questions      INTEGER NOT NULL,
  answered       INTEGER NOT NULL,
  response_s     BLOB NOT NULL,
  business_s     BLOB NOT NULL,
  posts          INTEGER NOT NULL,
  interactions   BLOB NOT NULL,
  rated_posts    INTEGER NOT NULL,
  rate_sum       REAL NOT NULL,
  views_posts    INTEGER NOT NULL,
  views_rate_sum REAL NOT NULL,
  relative_n     INTEGER NOT NULL,
  relative_sum   REAL NOT NULL,
  kinds          TEXT NOT NULL,
  tone_n         INTEGER NOT NULL,
  tone_sum       INTEGER NOT NULL,
  PRIMARY KEY (account_id, day)
) WITHOUT ROWID;
-- Threads analysed before v6 lack the new columns: analyse them again.
DELETE FROM thread_state;
)sql";

// v7: the accounts the admin registered for collection (tanggap account
// add), and a fuller run log. Tokens are never stored here.
constexpr const char kV7[] = R"sql(
CREATE TABLE collector_accounts (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  handle       TEXT NOT NULL,
  agency       TEXT NOT NULL,
  base_url     TEXT NOT NULL,
  account_id   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  created_unix INTEGER NOT NULL,
  UNIQUE (platform, handle)
);
ALTER TABLE collector_runs ADD COLUMN registered_id INTEGER
  REFERENCES collector_accounts(id) ON DELETE CASCADE;
ALTER TABLE collector_runs ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collector_runs ADD COLUMN rate_limit_waits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collector_runs ADD COLUMN posts_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collector_runs ADD COLUMN posts_updated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collector_runs ADD COLUMN replies_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collector_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
CREATE INDEX collector_runs_by_registered ON collector_runs(registered_id, started_unix);
-- The dashboard: idle expiry of sessions, each user's language.
ALTER TABLE sessions ADD COLUMN last_seen_unix INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en'));
)sql";

// v8: template detection groups agency replies by (account, text hash)
// within a period; a covering index lets it stream instead of sorting.
constexpr const char kV8[] = R"sql(
CREATE INDEX reply_tone_by_hash_time ON reply_tone(account_id, text_hash, created_unix);
DROP INDEX reply_tone_by_hash;
)sql";

// v9: the dashboard's hot reads. The home page lists each account's open
// citizen questions, oldest first; most questions get answered, so an index
// of the open ones alone lets it read ten rows instead of walking (and
// sorting) an account's whole history. The overview reads the raw outcomes
// of the last few days (those still inside their SLA) by time: without an
// index on the time that was a scan of every question ever asked. A post's
// top finding (worst level, then first in the text) is the first entry of
// findings_top, instead of reading and sorting all of the post's findings;
// the expression must stay the one Store::LatestPosts orders by.
constexpr const char kV9[] = R"sql(
CREATE INDEX question_outcomes_open ON question_outcomes(account_id, asked_unix)
  WHERE answer_reply_id IS NULL;
CREATE INDEX question_outcomes_by_time
  ON question_outcomes(asked_unix, account_id, response_s, business_response_s);
CREATE INDEX findings_top ON findings(post_id, pack_id,
  CASE level WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, start_byte);
)sql";

// v10: the training loop (docs/training-store.md). Lesson progress and
// simulation attempts belong to a user; gamification keeps one state per
// trainee plus the ledger of points and badges it awarded, so every award
// can say why; supervisors' goals and coaching notes; which accounts are a
// leader's own; each trainee's training date for the cohort view; and
// whether an agency opted in to individual rankings.
constexpr const char kV10[] = R"sql(
CREATE TABLE lesson_progress (
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  lesson_id        TEXT NOT NULL,
  lesson_version   TEXT NOT NULL,
  read_unix        INTEGER,
  quiz_attempts    INTEGER NOT NULL DEFAULT 0,
  best_percent     INTEGER CHECK (best_percent BETWEEN 0 AND 100),
  quiz_passed_unix INTEGER,
  PRIMARY KEY (user_id, lesson_id)
) WITHOUT ROWID;
CREATE TABLE sim_attempts (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scenario_id         TEXT NOT NULL,
  scenario_version    TEXT NOT NULL,
  started_unix        INTEGER NOT NULL,
  post_text           TEXT,
  post_submitted_unix INTEGER,
  skipped_s           INTEGER NOT NULL DEFAULT 0 CHECK (skipped_s >= 0),
  finished_unix       INTEGER,
  overall_score       INTEGER CHECK (overall_score BETWEEN 0 AND 100),
  debrief             TEXT
);
CREATE INDEX sim_attempts_by_user ON sim_attempts(user_id, started_unix);
CREATE TABLE sim_replies (
  id            INTEGER PRIMARY KEY,
  attempt_id    INTEGER NOT NULL REFERENCES sim_attempts(id) ON DELETE CASCADE,
  comment_index INTEGER NOT NULL CHECK (comment_index >= 0),
  text          TEXT NOT NULL,
  sent_unix     INTEGER NOT NULL
);
CREATE INDEX sim_replies_by_attempt ON sim_replies(attempt_id, sent_unix);
CREATE TABLE gamification_state (
  user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  state         TEXT NOT NULL,
  points        INTEGER NOT NULL DEFAULT 0,
  evaluated_day INTEGER
);
CREATE TABLE points_ledger (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  points       INTEGER NOT NULL,
  why_id       TEXT NOT NULL,
  why_en       TEXT NOT NULL,
  created_unix INTEGER NOT NULL
);
CREATE INDEX points_ledger_by_user ON points_ledger(user_id, day);
CREATE TABLE badge_awards (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  badge_id     TEXT NOT NULL,
  day          INTEGER NOT NULL,
  why_id       TEXT NOT NULL,
  why_en       TEXT NOT NULL,
  awarded_unix INTEGER NOT NULL
);
CREATE INDEX badge_awards_by_user ON badge_awards(user_id, day);
CREATE TABLE goals (
  id           INTEGER PRIMARY KEY,
  set_by       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
  agency_id    INTEGER REFERENCES agencies(id) ON DELETE CASCADE,
  month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  metric       TEXT NOT NULL,
  op           TEXT NOT NULL CHECK (op IN ('>=', '<=')),
  target       REAL NOT NULL,
  created_unix INTEGER NOT NULL,
  CHECK ((user_id IS NULL) <> (agency_id IS NULL))
);
CREATE INDEX goals_by_month ON goals(month);
CREATE TABLE coaching_notes (
  id                INTEGER PRIMARY KEY,
  post_id           INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  author_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  trainee_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text              TEXT NOT NULL,
  created_unix      INTEGER NOT NULL,
  acknowledged_unix INTEGER
);
CREATE INDEX coaching_notes_by_trainee ON coaching_notes(trainee_id, created_unix);
CREATE INDEX coaching_notes_by_post ON coaching_notes(post_id);
ALTER TABLE users ADD COLUMN training_day INTEGER;
ALTER TABLE accounts ADD COLUMN is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1));
ALTER TABLE agencies ADD COLUMN individual_ranking INTEGER NOT NULL DEFAULT 0
  CHECK (individual_ranking IN (0, 1));
)sql";

// v11: reports count template replies per account over a time range. With
// the hash after the time in reply_tone_by_account_time, that is a range
// read per account of just the range's replies, instead of a scan of every
// reply ever made through reply_tone_by_hash_time (dropped: nothing else
// reads it). IF EXISTS: a recompute cut short by a crash leaves them out.
constexpr const char kV11[] = R"sql(
DROP INDEX IF EXISTS reply_tone_by_hash_time;
DROP INDEX IF EXISTS reply_tone_by_account_time;
CREATE INDEX reply_tone_by_account_time ON reply_tone(account_id, created_unix, text_hash);
)sql";

// v12: clarity in the reports. Each thread keeps its post's newest score
// (thread_state.score, NULL when unrated) and each rollup day the count and
// sum of its posts' scores, so a report's clarity average reads rollups
// like every other figure. Threads are analysed again to fill them.
constexpr const char kV12[] = R"sql(
ALTER TABLE thread_state ADD COLUMN score INTEGER;
ALTER TABLE daily_rollups ADD COLUMN clarity_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN clarity_sum INTEGER NOT NULL DEFAULT 0;
UPDATE thread_state SET analysis_version = '';
)sql";

// v13: a citizen reply that got the classifier's default label with no cue
// fired has no reply_labels row any more (60% of replies on the benchmark;
// a full recompute wrote them all). The thread remembers which label that
// was; readers give it to every analysed citizen reply without a row.
// Older rows stay valid: they all have their labels.
constexpr const char kV13[] = R"sql(
ALTER TABLE thread_state ADD COLUMN default_label TEXT NOT NULL DEFAULT '';
)sql";

constexpr Migration kMigrations[] = {
    {1, "agencies, accounts, posts, media, replies, metric snapshots", kV1},
    {2, "users, roles, agency scopes, account trainees, sessions", kV2},
    {3, "collector checkpoints and run log", kV3},
    {4, "rule packs, clarity scores and findings", kV4},
    {5, "reply labels, question outcomes, thread state", kV5},
    {6, "reply tone, per-post engagement, daily rollups", kV6},
    {7, "collector account registry, fuller run log, session idle time, user language", kV7},
    {8, "covering index for template detection", kV8},
    {9, "dashboard indexes: open questions, outcomes by time, top finding", kV9},
    {10, "training loop: lessons, simulations, gamification, goals, coaching, cohorts", kV10},
    {11, "template replies read by account and time", kV11},
    {12, "clarity scores in thread state and daily rollups", kV12},
    {13, "default reply labels kept once per thread", kV13},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace tanggap::store_internal
