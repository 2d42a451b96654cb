#include "store/simulation_queries.h"

#include <algorithm>

#include "store/store_access.h"

namespace tanggap {
namespace {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

constexpr int kMaxLimit = 10000;

int64_t Clamp(int limit) { return std::clamp(limit, 1, kMaxLimit); }

constexpr char kAttemptColumns[] =
    "SELECT a.id, a.user_id, u.username, a.scenario_id, a.scenario_version, a.started_unix, "
    "a.post_text, a.post_submitted_unix, a.skipped_s, a.finished_unix, a.overall_score, "
    "a.debrief FROM sim_attempts a JOIN users u ON u.id = a.user_id ";

SimAttemptRow ReadAttempt(const Stmt& q, bool with_debrief) {
  SimAttemptRow r;
  r.id = q.Int(0);
  r.user_id = q.Int(1);
  r.username = q.Text(2);
  r.scenario_id = q.Text(3);
  r.scenario_version = q.Text(4);
  r.started_unix = q.Int(5);
  r.post_text = q.OptText(6);
  r.post_submitted_unix = q.OptInt(7);
  r.skipped_s = q.Int(8);
  r.finished_unix = q.OptInt(9);
  r.overall_score = q.OptInt(10);
  if (with_debrief) r.debrief = q.OptText(11);
  return r;
}

Result<std::vector<SimAttemptRow>> ReadAttempts(Stmt* q) {
  std::vector<SimAttemptRow> out;
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadAttempt(*q, false));
  }
}

// The state a write checks, in its transaction.
struct State {
  bool found = false;
  bool has_post = false, finished = false;
  int64_t skipped_s = 0;
};

Result<State> ReadState(Db& db, int64_t attempt_id, int64_t user_id) {
  Stmt q;
  if (Status s = q.Prepare(db,
                           "SELECT post_submitted_unix IS NOT NULL, finished_unix IS NOT NULL, "
                           "skipped_s FROM sim_attempts WHERE id = ?1 AND user_id = ?2");
      !s.ok()) {
    return s;
  }
  q.Bind(1, attempt_id);
  q.Bind(2, user_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  State st;
  if (!*row) return st;
  st.found = true;
  st.has_post = q.Int(0) != 0;
  st.finished = q.Int(1) != 0;
  st.skipped_s = q.Int(2);
  return st;
}

// Runs one UPDATE/INSERT of a write whose state `ok` accepts, in a
// transaction: kNotFound / kWrongState without touching anything.
template <typename Accept, typename Write>
Result<SimWrite> Guarded(Store& store, int64_t attempt_id, int64_t user_id, Accept accept,
                         Write write) {
  Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  auto st = ReadState(db, attempt_id, user_id);
  if (!st.ok()) return st.status();
  if (!st->found) return SimWrite::kNotFound;
  auto accepted = accept(db, *st);
  if (!accepted.ok()) return accepted.status();
  if (!*accepted) return SimWrite::kWrongState;
  if (Status s = write(db, *st); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return SimWrite::kDone;
}

}  // namespace

Result<int64_t> StartSimAttempt(Store& store, int64_t user_id, const std::string& scenario_id,
                                const std::string& scenario_version, int64_t now) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db,
                           "INSERT INTO sim_attempts (user_id, scenario_id, scenario_version, "
                           "started_unix) VALUES (?1, ?2, ?3, ?4)");
      !s.ok()) {
    return s;
  }
  q.Bind(1, user_id);
  q.Bind(2, scenario_id);
  q.Bind(3, scenario_version);
  q.Bind(4, now);
  if (Status s = q.Run(); !s.ok()) return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db.get()));
}

Result<std::optional<SimAttemptRow>> GetSimAttempt(Store& store, int64_t attempt_id,
                                                   int max_replies) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db, std::string(kAttemptColumns) + "WHERE a.id = ?1"); !s.ok()) {
    return s;
  }
  q.Bind(1, attempt_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SimAttemptRow>();
  SimAttemptRow r = ReadAttempt(q, true);
  Stmt replies;
  if (Status s = replies.Prepare(db,
                                 "SELECT id, comment_index, text, sent_unix FROM sim_replies "
                                 "WHERE attempt_id = ?1 ORDER BY sent_unix, id LIMIT ?2");
      !s.ok()) {
    return s;
  }
  const int64_t limit = Clamp(max_replies);
  replies.Bind(1, attempt_id);
  replies.Bind(2, limit);
  for (;;) {
    auto more = replies.Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    r.replies.push_back(SimReplyRow{replies.Int(0), static_cast<int>(replies.Int(1)),
                                    replies.Text(2), replies.Int(3)});
  }
  return std::optional<SimAttemptRow>(std::move(r));
}

Result<SimWrite> SubmitSimPost(Store& store, int64_t attempt_id, int64_t user_id,
                               const std::string& text, int64_t now) {
  return Guarded(
      store, attempt_id, user_id,
      [](Db&, const State& st) -> Result<bool> { return !st.has_post && !st.finished; },
      [&](Db& db, const State&) {
        Stmt q;
        if (Status s = q.Prepare(db,
                                 "UPDATE sim_attempts SET post_text = ?2, post_submitted_unix = "
                                 "?3 WHERE id = ?1");
            !s.ok()) {
          return s;
        }
        q.Bind(1, attempt_id);
        q.Bind(2, text);
        q.Bind(3, now);
        return q.Run();
      });
}

Result<SimWrite> AddSimSkip(Store& store, int64_t attempt_id, int64_t user_id, int64_t seconds) {
  if (seconds < 0) return Status::InvalidArgument("a skip cannot go back in time");
  return Guarded(
      store, attempt_id, user_id,
      [](Db&, const State& st) -> Result<bool> { return st.has_post && !st.finished; },
      [&](Db& db, const State&) {
        Stmt q;
        if (Status s = q.Prepare(db,
                                 "UPDATE sim_attempts SET skipped_s = skipped_s + ?2 "
                                 "WHERE id = ?1");
            !s.ok()) {
          return s;
        }
        q.Bind(1, attempt_id);
        q.Bind(2, seconds);
        return q.Run();
      });
}

Result<SimWrite> AddSimReply(Store& store, int64_t attempt_id, int64_t user_id, int comment_index,
                             const std::string& text, int64_t now, int max_replies) {
  if (comment_index < 0) return Status::InvalidArgument("comment index below 0");
  const int64_t index = comment_index;
  return Guarded(
      store, attempt_id, user_id,
      [&](Db& db, const State& st) -> Result<bool> {
        if (!st.has_post || st.finished) return false;
        Stmt q;
        if (Status s = q.Prepare(db,
                                 "SELECT count(*), coalesce(sum(comment_index = ?2), 0) "
                                 "FROM sim_replies WHERE attempt_id = ?1");
            !s.ok()) {
          return s;
        }
        q.Bind(1, attempt_id);
        q.Bind(2, index);
        auto row = q.Step();
        if (!row.ok()) return row.status();
        return q.Int(0) < max_replies && q.Int(1) == 0;
      },
      [&](Db& db, const State& st) {
        Stmt q;
        if (Status s = q.Prepare(db,
                                 "INSERT INTO sim_replies (attempt_id, comment_index, text, "
                                 "sent_unix) VALUES (?1, ?2, ?3, ?4)");
            !s.ok()) {
          return s;
        }
        const int64_t sent = now + st.skipped_s;
        q.Bind(1, attempt_id);
        q.Bind(2, index);
        q.Bind(3, text);
        q.Bind(4, sent);
        return q.Run();
      });
}

Result<SimWrite> FinishSimAttempt(Store& store, int64_t attempt_id, int64_t user_id, int score,
                                  const std::string& debrief_json, int64_t now) {
  if (score < 0 || score > 100) return Status::InvalidArgument("score outside 0-100");
  const int64_t overall = score;
  return Guarded(
      store, attempt_id, user_id,
      [](Db&, const State& st) -> Result<bool> { return st.has_post && !st.finished; },
      [&](Db& db, const State&) {
        Stmt q;
        if (Status s = q.Prepare(db,
                                 "UPDATE sim_attempts SET finished_unix = ?2, overall_score = ?3, "
                                 "debrief = ?4 WHERE id = ?1");
            !s.ok()) {
          return s;
        }
        q.Bind(1, attempt_id);
        q.Bind(2, now);
        q.Bind(3, overall);
        q.Bind(4, debrief_json);
        return q.Run();
      });
}

Result<std::vector<SimAttemptRow>> UserSimAttempts(Store& store, int64_t user_id, int limit) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db, std::string(kAttemptColumns) +
                                   "WHERE a.user_id = ?1 ORDER BY a.started_unix DESC, a.id "
                                   "DESC LIMIT ?2");
      !s.ok()) {
    return s;
  }
  const int64_t bounded = Clamp(limit);
  q.Bind(1, user_id);
  q.Bind(2, bounded);
  return ReadAttempts(&q);
}

// Trainees a supervisor oversees: assigned to an account of their agencies.
constexpr char kTeamFilter[] =
    "u.role = 'trainee' AND (?2 = 'admin' OR (?2 = 'supervisor' AND u.id IN ("
    "SELECT t.user_id FROM account_trainees t JOIN accounts ac ON ac.id = t.account_id "
    "WHERE ac.agency_id IN (SELECT agency_id FROM user_agencies WHERE user_id = ?1))))";

Result<std::vector<SimAttemptRow>> TeamSimAttempts(Store& store, const User& viewer, int limit) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db, std::string(kAttemptColumns) + "WHERE " + kTeamFilter +
                                   " ORDER BY a.started_unix DESC, a.id DESC LIMIT ?3");
      !s.ok()) {
    return s;
  }
  const int64_t bounded = Clamp(limit);
  q.Bind(1, viewer.id);
  q.Bind(2, viewer.role);
  q.Bind(3, bounded);
  return ReadAttempts(&q);
}

Result<bool> OverseesTrainee(Store& store, const User& viewer, int64_t trainee_id) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(
          db, std::string("SELECT 1 FROM users u WHERE u.id = ?3 AND ") + kTeamFilter + " LIMIT 1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, viewer.id);
  q.Bind(2, viewer.role);
  q.Bind(3, trainee_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  return *row;
}

}  // namespace tanggap
