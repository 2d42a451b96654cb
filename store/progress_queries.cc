#include "store/progress_queries.h"

#include <algorithm>
#include <cmath>

#include "store/store_access.h"

namespace tanggap {
namespace {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

constexpr int kMaxLimit = 200000;

int64_t Clamp(int limit) { return std::clamp(limit, 1, kMaxLimit); }

template <typename Fn>
Status ForRows(Stmt* q, Fn fn) {
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    fn();
  }
}

// The rule ids of a reply_tone findings array ([{"rule":"...",...}, ...]).
// Rule ids are plain identifiers, so a scan for the key is exact.
std::vector<std::string> ToneRules(std::string_view json) {
  std::vector<std::string> out;
  constexpr std::string_view kKey = "\"rule\":\"";
  size_t at = 0;
  while ((at = json.find(kKey, at)) != std::string_view::npos) {
    at += kKey.size();
    size_t end = json.find('"', at);
    if (end == std::string_view::npos) break;
    out.emplace_back(json.substr(at, end - at));
    at = end;
  }
  return out;
}

constexpr char kTraineeSelect[] = R"sql(
SELECT u.id, u.username, u.display_name, u.training_day,
       (SELECT group_concat(name, char(31)) FROM (
          SELECT DISTINCT g.name FROM account_trainees t JOIN accounts a ON a.id = t.account_id
          JOIN agencies g ON g.id = a.agency_id WHERE t.user_id = u.id ORDER BY g.name)),
       (SELECT group_concat(account_id, ',') FROM (
          SELECT t.account_id FROM account_trainees t WHERE t.user_id = u.id
          ORDER BY t.account_id)),
       (SELECT max(g.sla_hours) FROM account_trainees t JOIN accounts a ON a.id = t.account_id
          JOIN agencies g ON g.id = a.agency_id WHERE t.user_id = u.id),
       (SELECT max(a.is_leader) FROM account_trainees t JOIN accounts a ON a.id = t.account_id
          WHERE t.user_id = u.id)
FROM users u WHERE u.role = 'trainee' AND u.disabled = 0)sql";

TraineeInfo ReadTrainee(const Stmt& q) {
  TraineeInfo t;
  t.user_id = q.Int(0);
  t.username = q.Text(1);
  t.display_name = q.Text(2);
  t.training_day = q.OptInt(3);
  if (auto names = q.OptText(4)) {
    size_t start = 0;
    for (;;) {
      size_t sep = names->find('\x1f', start);
      t.agencies.push_back(names->substr(start, sep == std::string::npos ? sep : sep - start));
      if (sep == std::string::npos) break;
      start = sep + 1;
    }
  }
  if (auto ids = q.OptText(5)) {
    size_t start = 0;
    for (;;) {
      size_t sep = ids->find(',', start);
      t.account_row_ids.push_back(
          std::stoll(ids->substr(start, sep == std::string::npos ? sep : sep - start)));
      if (sep == std::string::npos) break;
      start = sep + 1;
    }
  }
  if (!q.IsNull(6)) t.sla_hours = q.Double(6);
  t.leader = q.OptInt(7).value_or(0) != 0;
  return t;
}

Result<std::optional<int64_t>> OneInt(Stmt* q) {
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row || q->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(q->Int(0));
}

}  // namespace

Result<std::vector<TraineeInfo>> ProgressTrainees(Store& store, int limit) {
  Stmt q;
  const std::string sql = std::string(kTraineeSelect) + " ORDER BY u.username LIMIT ?1";
  if (Status s = q.Prepare(StoreAccess::db(store), sql); !s.ok()) return s;
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<TraineeInfo> out;
  if (Status s = ForRows(&q, [&] { out.push_back(ReadTrainee(q)); }); !s.ok()) return s;
  return out;
}

Result<std::optional<TraineeInfo>> ProgressTrainee(Store& store, const std::string& username) {
  Stmt q;
  const std::string sql = std::string(kTraineeSelect) + " AND u.username = ?1";
  if (Status s = q.Prepare(StoreAccess::db(store), sql); !s.ok()) return s;
  q.Bind(1, username);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<TraineeInfo>();
  return std::optional<TraineeInfo>(ReadTrainee(q));
}

Result<ProgressRows> ProgressFacts(Store& store, int64_t user_id, int64_t from_unix,
                                   int64_t to_unix, int limit) {
  Db& db = StoreAccess::db(store);
  const int64_t n = Clamp(limit);
  const int64_t n_findings = n * 20;
  ProgressRows out;
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT p.id, p.created_unix, p.text, CASE WHEN s.scored = 1 THEN s.score END, s.kind,
       (SELECT count(*) FROM post_media m WHERE m.post_id = p.id),
       coalesce(ts.interactions, 0)
         + (SELECT count(*) FROM replies r WHERE r.post_id = p.id AND r.is_agency = 0),
       ts.followers
FROM account_trainees t JOIN posts p ON p.account_id = t.account_id
LEFT JOIN post_scores s ON s.post_id = p.id
  AND s.pack_id = (SELECT max(pack_id) FROM post_scores WHERE post_id = p.id)
LEFT JOIN thread_state ts ON ts.post_id = p.id
WHERE t.user_id = ?1 AND p.created_unix >= ?2 AND p.created_unix < ?3
ORDER BY p.created_unix, p.id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n);
    Status s = ForRows(&q, [&] {
      ProgressPost p;
      p.row_id = q.Int(0);
      p.created_unix = q.Int(1);
      p.text = q.Text(2);
      p.score = q.OptInt(3);
      p.kind = q.OptText(4).value_or("");
      p.media = static_cast<int>(q.Int(5));
      p.interactions = q.Int(6);
      p.followers = q.OptInt(7);
      out.posts.push_back(std::move(p));
    });
    if (!s.ok()) return s;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT f.post_id, f.rule, f.level
FROM account_trainees t JOIN posts p ON p.account_id = t.account_id
JOIN findings f ON f.post_id = p.id
  AND f.pack_id = (SELECT max(pack_id) FROM post_scores WHERE post_id = p.id)
WHERE t.user_id = ?1 AND p.created_unix >= ?2 AND p.created_unix < ?3
ORDER BY f.post_id, f.id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n_findings);
    std::map<int64_t, size_t> index;
    for (size_t i = 0; i < out.posts.size(); ++i) index[out.posts[i].row_id] = i;
    Status s = ForRows(&q, [&] {
      auto it = index.find(q.Int(0));
      if (it != index.end()) out.posts[it->second].findings.emplace_back(q.Text(1), q.Text(2));
    });
    if (!s.ok()) return s;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT o.asked_unix, o.answer_reply_id IS NOT NULL, o.response_s, o.business_response_s,
       g.sla_hours
FROM account_trainees t JOIN question_outcomes o ON o.account_id = t.account_id
JOIN accounts a ON a.id = o.account_id JOIN agencies g ON g.id = a.agency_id
WHERE t.user_id = ?1 AND o.asked_unix >= ?2 AND o.asked_unix < ?3
ORDER BY o.asked_unix, o.reply_id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n);
    Status s = ForRows(&q, [&] {
      ProgressQuestion x;
      x.asked_unix = q.Int(0);
      x.answered = q.Int(1) != 0;
      x.response_s = q.OptInt(2);
      x.business_response_s = q.OptInt(3);
      x.sla_hours = q.Double(4);
      out.questions.push_back(x);
    });
    if (!s.ok()) return s;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT r.created_unix, r.score, r.findings
FROM account_trainees t JOIN reply_tone r ON r.account_id = t.account_id
WHERE t.user_id = ?1 AND r.created_unix >= ?2 AND r.created_unix < ?3
ORDER BY r.created_unix, r.reply_id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n);
    Status s = ForRows(&q, [&] {
      ProgressReply r;
      r.created_unix = q.Int(0);
      r.score = q.OptInt(1);
      r.tone_rules = ToneRules(q.TextView(2));
      out.replies.push_back(std::move(r));
    });
    if (!s.ok()) return s;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT lesson_id, quiz_passed_unix FROM lesson_progress
WHERE user_id = ?1 AND quiz_passed_unix >= ?2 AND quiz_passed_unix < ?3
ORDER BY quiz_passed_unix, lesson_id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n);
    Status s = ForRows(&q, [&] { out.lessons_passed.emplace_back(q.Text(0), q.Int(1)); });
    if (!s.ok()) return s;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
SELECT scenario_id, finished_unix FROM sim_attempts
WHERE user_id = ?1 AND finished_unix >= ?2 AND finished_unix < ?3
ORDER BY finished_unix, id LIMIT ?4)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, from_unix);
    q.Bind(3, to_unix);
    q.Bind(4, n);
    Status s = ForRows(&q, [&] { out.simulations.emplace_back(q.Text(0), q.Int(1)); });
    if (!s.ok()) return s;
  }
  return out;
}

Result<std::optional<GameState>> LoadGameState(Store& store, int64_t user_id) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store),
                           "SELECT state, points, evaluated_day FROM gamification_state "
                           "WHERE user_id = ?1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, user_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<GameState>();
  return std::optional<GameState>(GameState{q.Text(0), q.Int(1), q.OptInt(2)});
}

Result<bool> SaveGameProgress(Store& store, int64_t user_id, std::optional<int64_t> expected_day,
                              const GameState& state, const std::vector<LedgerRow>& ledger,
                              const std::vector<AwardRow>& awards) {
  Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  {
    Stmt q;
    if (Status s = q.Prepare(db, "SELECT evaluated_day FROM gamification_state WHERE user_id = ?1");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    auto row = q.Step();
    if (!row.ok()) return row.status();
    // No row and a row with no day both mean "nothing evaluated yet".
    std::optional<int64_t> stored = *row ? q.OptInt(0) : std::nullopt;
    if (stored != expected_day) return false;
  }
  {
    Stmt q;
    if (Status s = q.Prepare(db, R"sql(
INSERT INTO gamification_state(user_id, state, points, evaluated_day) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, points = excluded.points,
  evaluated_day = excluded.evaluated_day)sql");
        !s.ok()) {
      return s;
    }
    q.Bind(1, user_id);
    q.Bind(2, state.state_json);
    q.Bind(3, state.points);
    q.Bind(4, state.evaluated_day);
    if (Status s = q.Run(); !s.ok()) return s;
  }
  if (!ledger.empty()) {
    Stmt q;
    if (Status s = q.Prepare(db,
                             "INSERT INTO points_ledger(user_id, day, kind, points, why_id, "
                             "why_en, created_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        !s.ok()) {
      return s;
    }
    for (const LedgerRow& l : ledger) {
      q.Bind(1, user_id);
      q.Bind(2, l.day);
      q.Bind(3, l.kind);
      q.Bind(4, l.points);
      q.Bind(5, l.why_id);
      q.Bind(6, l.why_en);
      q.Bind(7, l.created_unix);
      if (Status s = q.Run(); !s.ok()) return s;
    }
  }
  if (!awards.empty()) {
    Stmt q;
    if (Status s = q.Prepare(db,
                             "INSERT INTO badge_awards(user_id, badge_id, day, why_id, why_en, "
                             "awarded_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        !s.ok()) {
      return s;
    }
    for (const AwardRow& a : awards) {
      q.Bind(1, user_id);
      q.Bind(2, a.badge_id);
      q.Bind(3, a.day);
      q.Bind(4, a.why_id);
      q.Bind(5, a.why_en);
      q.Bind(6, a.awarded_unix);
      if (Status s = q.Run(); !s.ok()) return s;
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return true;
}

Result<std::vector<LedgerRow>> LedgerOf(Store& store, int64_t user_id, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store),
                           "SELECT day, kind, points, why_id, why_en, created_unix FROM "
                           "points_ledger WHERE user_id = ?1 ORDER BY day DESC, id DESC LIMIT ?2");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, user_id);
  q.Bind(2, n);
  std::vector<LedgerRow> out;
  Status s = ForRows(&q, [&] {
    out.push_back({q.Int(0), q.Text(1), q.Int(2), q.Text(3), q.Text(4), q.Int(5)});
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<AwardRow>> AwardsOf(Store& store, int64_t user_id, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store),
                           "SELECT badge_id, day, why_id, why_en, awarded_unix FROM badge_awards "
                           "WHERE user_id = ?1 ORDER BY day DESC, id DESC LIMIT ?2");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, user_id);
  q.Bind(2, n);
  std::vector<AwardRow> out;
  Status s = ForRows(&q, [&] {
    out.push_back({q.Text(0), q.Int(1), q.Text(2), q.Text(3), q.Int(4)});
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<PointsStanding>> PointsStandings(Store& store, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store), R"sql(
SELECT u.username,
       (SELECT min(g.name) FROM account_trainees t JOIN accounts a ON a.id = t.account_id
          JOIN agencies g ON g.id = a.agency_id WHERE t.user_id = u.id) AS agency,
       coalesce(gs.points, 0)
FROM users u LEFT JOIN gamification_state gs ON gs.user_id = u.id
WHERE u.role = 'trainee' AND u.disabled = 0 AND agency IS NOT NULL
ORDER BY u.username LIMIT ?1)sql");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<PointsStanding> out;
  Status s = ForRows(&q, [&] { out.push_back({q.Text(0), q.Text(1), q.Int(2)}); });
  if (!s.ok()) return s;
  return out;
}

Result<std::map<std::string, bool>> IndividualRankingFlags(Store& store, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store),
                           "SELECT name, individual_ranking FROM agencies ORDER BY name LIMIT ?1");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::map<std::string, bool> out;
  Status s = ForRows(&q, [&] { out[q.Text(0)] = q.Int(1) != 0; });
  if (!s.ok()) return s;
  return out;
}

namespace {
// Runs an UPDATE and says whether it touched a row.
Result<bool> Changed(Db& db, Stmt* q) {
  if (Status s = q->Run(); !s.ok()) return s;
  return sqlite3_changes(db.get()) > 0;
}
}  // namespace

Result<bool> SetIndividualRanking(Store& store, const std::string& agency, bool on) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db, "UPDATE agencies SET individual_ranking = ?2 WHERE name = ?1");
      !s.ok()) {
    return s;
  }
  const int64_t v = on ? 1 : 0;
  q.Bind(1, agency);
  q.Bind(2, v);
  return Changed(db, &q);
}

Result<bool> SetTrainingDay(Store& store, const std::string& username, std::optional<int64_t> day) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db, "UPDATE users SET training_day = ?2 WHERE username = ?1"); !s.ok()) {
    return s;
  }
  q.Bind(1, username);
  q.Bind(2, day);
  return Changed(db, &q);
}

Result<bool> SetLeaderAccount(Store& store, const std::string& platform, const std::string& handle,
                              bool on) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db,
                           "UPDATE accounts SET is_leader = ?3 WHERE platform = ?1 AND "
                           "(handle = ?2 OR platform_id = ?2)");
      !s.ok()) {
    return s;
  }
  const int64_t v = on ? 1 : 0;
  q.Bind(1, platform);
  q.Bind(2, handle);
  q.Bind(3, v);
  return Changed(db, &q);
}

Result<std::set<std::string>> LeaderAccounts(Store& store, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store),
                           "SELECT platform || ':' || handle FROM accounts WHERE is_leader = 1 "
                           "ORDER BY 1 LIMIT ?1");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::set<std::string> out;
  Status s = ForRows(&q, [&] { out.insert(q.Text(0)); });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> AddGoal(Store& store, int64_t set_by_user_id, const GoalRow& goal, int64_t now) {
  const std::string& m = goal.month;
  bool month_ok = m.size() == 7 && m[4] == '-';
  for (size_t i = 0; month_ok && i < m.size(); ++i) {
    if (i != 4 && (m[i] < '0' || m[i] > '9')) month_ok = false;
  }
  if (month_ok) {
    const int mm = (m[5] - '0') * 10 + (m[6] - '0');
    month_ok = mm >= 1 && mm <= 12;
  }
  if (!month_ok) return Status::InvalidArgument("month must be YYYY-MM");
  if (goal.op != ">=" && goal.op != "<=") return Status::InvalidArgument("op must be >= or <=");
  if (goal.username.has_value() == goal.agency.has_value()) {
    return Status::InvalidArgument("a goal is for one trainee or one agency");
  }
  if (!std::isfinite(goal.target)) return Status::InvalidArgument("target must be a number");
  Db& db = StoreAccess::db(store);
  std::optional<int64_t> user_id, agency_id;
  if (goal.username) {
    Stmt q;
    if (Status s = q.Prepare(db, "SELECT id FROM users WHERE username = ?1 AND role = 'trainee'");
        !s.ok()) {
      return s;
    }
    q.Bind(1, *goal.username);
    auto id = OneInt(&q);
    if (!id.ok()) return id.status();
    if (!*id) return Status::NotFound("no trainee '" + *goal.username + "'");
    user_id = *id;
  } else {
    Stmt q;
    if (Status s = q.Prepare(db, "SELECT id FROM agencies WHERE name = ?1"); !s.ok()) return s;
    q.Bind(1, *goal.agency);
    auto id = OneInt(&q);
    if (!id.ok()) return id.status();
    if (!*id) return Status::NotFound("no agency '" + *goal.agency + "'");
    agency_id = *id;
  }
  Stmt q;
  if (Status s = q.Prepare(db,
                           "INSERT INTO goals(set_by, user_id, agency_id, month, metric, op, "
                           "target, created_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      !s.ok()) {
    return s;
  }
  q.Bind(1, set_by_user_id);
  q.Bind(2, user_id);
  q.Bind(3, agency_id);
  q.Bind(4, goal.month);
  q.Bind(5, goal.metric);
  q.Bind(6, goal.op);
  q.BindDouble(7, goal.target);
  q.Bind(8, now);
  if (Status s = q.Run(); !s.ok()) return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db.get()));
}

Result<std::vector<GoalRow>> GoalsOf(Store& store, const std::string& month, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store), R"sql(
SELECT g.id, s.username, u.username, a.name, g.month, g.metric, g.op, g.target, g.created_unix
FROM goals g JOIN users s ON s.id = g.set_by
LEFT JOIN users u ON u.id = g.user_id LEFT JOIN agencies a ON a.id = g.agency_id
WHERE ?1 = '' OR g.month = ?1 ORDER BY g.month DESC, g.id DESC LIMIT ?2)sql");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, month);
  q.Bind(2, n);
  std::vector<GoalRow> out;
  Status s = ForRows(&q, [&] {
    GoalRow g;
    g.id = q.Int(0);
    g.set_by = q.Text(1);
    g.username = q.OptText(2);
    g.agency = q.OptText(3);
    g.month = q.Text(4);
    g.metric = q.Text(5);
    g.op = q.Text(6);
    g.target = q.Double(7);
    g.created_unix = q.Int(8);
    out.push_back(std::move(g));
  });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> AddNote(Store& store, int64_t author_id, int64_t trainee_id,
                        std::optional<int64_t> post_id, const std::string& text, int64_t now) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db,
                           "INSERT INTO coaching_notes(post_id, author_id, trainee_id, text, "
                           "created_unix) VALUES (?1, ?2, ?3, ?4, ?5)");
      !s.ok()) {
    return s;
  }
  q.Bind(1, post_id);
  q.Bind(2, author_id);
  q.Bind(3, trainee_id);
  q.Bind(4, text);
  q.Bind(5, now);
  if (Status s = q.Run(); !s.ok()) return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db.get()));
}

Result<std::vector<NoteRow>> NotesOf(Store& store, std::optional<int64_t> trainee_id, int limit) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store), R"sql(
SELECT n.id, n.post_id, coalesce(a.platform || ':' || a.handle, ''), au.username, tr.username,
       n.text, n.created_unix, n.acknowledged_unix
FROM coaching_notes n JOIN users au ON au.id = n.author_id JOIN users tr ON tr.id = n.trainee_id
LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN accounts a ON a.id = p.account_id
WHERE ?1 IS NULL OR n.trainee_id = ?1 ORDER BY n.created_unix DESC, n.id DESC LIMIT ?2)sql");
      !s.ok()) {
    return s;
  }
  const int64_t n = Clamp(limit);
  q.Bind(1, trainee_id);
  q.Bind(2, n);
  std::vector<NoteRow> out;
  Status s = ForRows(&q, [&] {
    NoteRow r;
    r.id = q.Int(0);
    r.post_id = q.OptInt(1);
    r.post_account = q.Text(2);
    r.author = q.Text(3);
    r.trainee = q.Text(4);
    r.text = q.Text(5);
    r.created_unix = q.Int(6);
    r.acknowledged_unix = q.OptInt(7);
    out.push_back(std::move(r));
  });
  if (!s.ok()) return s;
  return out;
}

Result<bool> AcknowledgeNote(Store& store, int64_t note_id, int64_t trainee_id, int64_t now) {
  Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db,
                           "UPDATE coaching_notes SET acknowledged_unix = ?3 WHERE id = ?1 AND "
                           "trainee_id = ?2 AND acknowledged_unix IS NULL");
      !s.ok()) {
    return s;
  }
  q.Bind(1, note_id);
  q.Bind(2, trainee_id);
  q.Bind(3, now);
  return Changed(db, &q);
}

Result<std::optional<int64_t>> PostAccountRow(Store& store, int64_t post_id) {
  Stmt q;
  if (Status s = q.Prepare(StoreAccess::db(store), "SELECT account_id FROM posts WHERE id = ?1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, post_id);
  return OneInt(&q);
}

}  // namespace tanggap
