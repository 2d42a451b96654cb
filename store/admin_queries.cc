#include "store/admin_queries.h"

#include <algorithm>

#include "store/store_access.h"

namespace tanggap {
namespace {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

constexpr int kMaxLimit = 10000;

int Clamp(int limit) { return std::clamp(limit, 1, kMaxLimit); }

// group_concat(..., char(31)) back into its parts, sorted.
std::vector<std::string> SplitUnitSeparated(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!joined.empty() && start <= joined.size()) {
    size_t sep = joined.find('\x1f', start);
    out.push_back(joined.substr(start, sep == std::string::npos ? sep : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Steps through every row, calling fn for each; stops at the first error.
template <typename Fn>
Status ForRows(Stmt* q, Fn fn) {
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    fn();
  }
}

struct UserState {
  int64_t id = 0;
  std::string role;
  bool disabled = false;
};

Result<std::optional<UserState>> FindUserState(Db& db, const std::string& username) {
  Stmt q;
  if (Status s = q.Prepare(db, "SELECT id, role, disabled FROM users WHERE username = ?1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, username);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserState>();
  return std::optional<UserState>(UserState{q.Int(0), q.Text(1), q.Int(2) != 0});
}

// Whether taking `user` away from the enabled admins would leave none.
Result<bool> IsLastAdmin(Db& db, const UserState& user) {
  if (user.role != "admin" || user.disabled) return false;
  Stmt q;
  if (Status s = q.Prepare(db,
                           "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 "
                           "AND id != ?1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, user.id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  return *row && q.Int(0) == 0;
}

}  // namespace

Result<std::vector<AgencyAdminRow>> AdminAgencies(Store& store, int limit) {
  Stmt q;
  Status s = q.Prepare(StoreAccess::db(store), R"sql(
    SELECT name, sla, accounts, registered, users FROM (
      SELECT g.name AS name, g.sla_hours AS sla,
        (SELECT count(*) FROM accounts a WHERE a.agency_id = g.id) AS accounts,
        (SELECT count(*) FROM collector_accounts c WHERE c.agency = g.name) AS registered,
        (SELECT count(*) FROM users u WHERE
           EXISTS (SELECT 1 FROM user_agencies ua WHERE ua.user_id = u.id AND ua.agency_id = g.id)
           OR EXISTS (SELECT 1 FROM account_trainees t JOIN accounts a ON a.id = t.account_id
                      WHERE t.user_id = u.id AND a.agency_id = g.id)) AS users
      FROM agencies g
      UNION ALL
      SELECT c.agency, NULL, 0, count(*), 0 FROM collector_accounts c
      WHERE NOT EXISTS (SELECT 1 FROM agencies g WHERE g.name = c.agency)
      GROUP BY c.agency)
    ORDER BY name LIMIT ?1)sql");
  if (!s.ok()) return s;
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<AgencyAdminRow> out;
  s = ForRows(&q, [&] {
    AgencyAdminRow r;
    r.name = q.Text(0);
    if (!q.IsNull(1)) r.sla_hours = q.Double(1);
    r.accounts = q.Int(2);
    r.registered = q.Int(3);
    r.users = q.Int(4);
    out.push_back(std::move(r));
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<std::string>> AgencyNames(Store& store, int limit) {
  Stmt q;
  Status s = q.Prepare(StoreAccess::db(store), "SELECT name FROM agencies ORDER BY name LIMIT ?1");
  if (!s.ok()) return s;
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<std::string> out;
  s = ForRows(&q, [&] { out.push_back(q.Text(0)); });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<UserAdminRow>> AdminUsers(Store& store, int limit) {
  Stmt q;
  Status s = q.Prepare(StoreAccess::db(store), R"sql(
    SELECT u.id, u.username, u.display_name, u.role, u.lang, u.disabled, u.created_unix,
      (SELECT group_concat(g.name, char(31)) FROM user_agencies ua
       JOIN agencies g ON g.id = ua.agency_id WHERE ua.user_id = u.id),
      (SELECT group_concat(a.platform || ':' || a.handle, char(31)) FROM account_trainees t
       JOIN accounts a ON a.id = t.account_id WHERE t.user_id = u.id)
    FROM users u ORDER BY u.username LIMIT ?1)sql");
  if (!s.ok()) return s;
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<UserAdminRow> out;
  s = ForRows(&q, [&] {
    UserAdminRow r;
    r.user.id = q.Int(0);
    r.user.username = q.Text(1);
    r.user.display_name = q.Text(2);
    r.user.role = q.Text(3);
    r.user.lang = q.Text(4);
    r.user.disabled = q.Int(5) != 0;
    r.created_unix = q.Int(6);
    r.user.agencies = SplitUnitSeparated(q.Text(7));
    r.accounts = SplitUnitSeparated(q.Text(8));
    out.push_back(std::move(r));
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<RegisteredAdminRow>> AdminRegisteredAccounts(Store& store, int limit) {
  Stmt q;
  Status s = q.Prepare(StoreAccess::db(store), R"sql(
    SELECT c.id, c.platform, c.handle, c.agency, c.base_url, c.created_unix, c.account_id,
      a.platform_id,
      (SELECT group_concat(u.username, char(31)) FROM account_trainees t
       JOIN users u ON u.id = t.user_id WHERE t.account_id = c.account_id),
      r.id, r.account_id, r.started_unix, coalesce(r.finished_unix, r.started_unix), r.status,
      r.requests, r.retries, r.rate_limit_waits, r.posts_seen, r.replies_seen, r.posts_new,
      r.posts_updated, r.replies_new, r.warnings, coalesce(r.error, '')
    FROM collector_accounts c
    LEFT JOIN accounts a ON a.id = c.account_id
    LEFT JOIN collector_runs r ON r.id = (SELECT max(id) FROM collector_runs
                                          WHERE registered_id = c.id)
    ORDER BY c.platform, c.handle LIMIT ?1)sql");
  if (!s.ok()) return s;
  const int64_t n = Clamp(limit);
  q.Bind(1, n);
  std::vector<RegisteredAdminRow> out;
  s = ForRows(&q, [&] {
    RegisteredAdminRow row;
    RegisteredAccount& a = row.account;
    a.id = q.Int(0);
    a.platform = ParsePlatform(q.TextView(1)).value_or(Platform::kMastodon);
    a.handle = q.Text(2);
    a.agency = q.Text(3);
    a.base_url = q.Text(4);
    a.created_unix = q.Int(5);
    a.account_row_id = q.OptInt(6);
    a.platform_id = q.OptText(7);
    row.trainees = SplitUnitSeparated(q.Text(8));
    if (!q.IsNull(9)) {
      CollectorRun r;
      r.registered_id = a.id;
      r.account_row_id = q.OptInt(10);
      r.started_unix = q.Int(11);
      r.finished_unix = q.Int(12);
      r.status = q.Text(13);
      r.requests = q.Int(14);
      r.retries = q.Int(15);
      r.rate_limit_waits = q.Int(16);
      r.posts_seen = q.Int(17);
      r.replies_seen = q.Int(18);
      r.posts_new = q.Int(19);
      r.posts_updated = q.Int(20);
      r.replies_new = q.Int(21);
      r.warnings_json = q.Text(22);
      r.error = q.Text(23);
      a.last_run_unix = r.started_unix;
      a.last_status = r.status;
      if (!r.error.empty()) a.last_error = r.error;
      row.last = std::move(r);
    }
    out.push_back(std::move(row));
  });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> AdminAddUser(Store& store, const User& user) {
  if (Status s = store.Begin(); !s.ok()) return s;
  auto id = store.AddUser(user);
  if (!id.ok()) {
    store.Rollback();
    return id.status();
  }
  if (Status s = store.Commit(); !s.ok()) {
    store.Rollback();
    return s;
  }
  return id;
}

Result<UserChange> SetUserRole(Store& store, const std::string& username, const std::string& role) {
  if (role != "trainee" && role != "supervisor" && role != "admin") {
    return Status::InvalidArgument("role must be trainee, supervisor or admin");
  }
  Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  auto user = FindUserState(db, username);
  if (!user.ok()) return user.status();
  if (!*user) return UserChange::kNoSuchUser;
  if (role != "admin") {
    auto last = IsLastAdmin(db, **user);
    if (!last.ok()) return last.status();
    if (*last) return UserChange::kLastAdmin;
  }
  Stmt q;
  if (Status s = q.Prepare(db, "UPDATE users SET role = ?2 WHERE id = ?1"); !s.ok()) return s;
  q.Bind(1, (*user)->id);
  q.Bind(2, role);
  if (Status s = q.Run(); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return UserChange::kDone;
}

Result<UserChange> SetUserDisabled(Store& store, const std::string& username, bool disabled) {
  Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  auto user = FindUserState(db, username);
  if (!user.ok()) return user.status();
  if (!*user) return UserChange::kNoSuchUser;
  if (disabled) {
    auto last = IsLastAdmin(db, **user);
    if (!last.ok()) return last.status();
    if (*last) return UserChange::kLastAdmin;
  }
  Stmt q;
  if (Status s = q.Prepare(db, "UPDATE users SET disabled = ?2 WHERE id = ?1"); !s.ok()) return s;
  const int64_t flag = disabled ? 1 : 0;
  q.Bind(1, (*user)->id);
  q.Bind(2, flag);
  if (Status s = q.Run(); !s.ok()) return s;
  if (disabled) {  // a disabled user's open sessions end now, not at their expiry
    Stmt drop;
    if (Status s = drop.Prepare(db, "DELETE FROM sessions WHERE user_id = ?1"); !s.ok()) return s;
    drop.Bind(1, (*user)->id);
    if (Status s = drop.Run(); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return UserChange::kDone;
}

Result<UserChange> SetUserAgencies(Store& store, const std::string& username,
                                   const std::vector<std::string>& agencies) {
  Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  auto user = FindUserState(db, username);
  if (!user.ok()) return user.status();
  if (!*user) return UserChange::kNoSuchUser;
  const int64_t id = (*user)->id;
  Stmt clear;
  if (Status s = clear.Prepare(db, "DELETE FROM user_agencies WHERE user_id = ?1"); !s.ok()) {
    return s;
  }
  clear.Bind(1, id);
  if (Status s = clear.Run(); !s.ok()) return s;
  Stmt link;
  if (Status s = link.Prepare(db,
                              "INSERT OR IGNORE INTO user_agencies(user_id, agency_id) "
                              "SELECT ?1, id FROM agencies WHERE name = ?2");
      !s.ok()) {
    return s;
  }
  for (const std::string& agency : agencies) {
    link.Bind(1, id);
    link.Bind(2, agency);
    auto row = link.Step();
    if (!row.ok()) return row.status();
    const bool linked = sqlite3_changes(db.get()) > 0;
    link.Reset();
    if (!linked) {
      // INSERT OR IGNORE also skips a repeated name: only an unknown one fails.
      Stmt known;
      if (Status s = known.Prepare(db, "SELECT 1 FROM agencies WHERE name = ?1"); !s.ok()) {
        return s;
      }
      known.Bind(1, agency);
      auto found = known.Step();
      if (!found.ok()) return found.status();
      if (!*found) return Status::NotFound("agency '" + agency + "' is unknown");
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return UserChange::kDone;
}

namespace {

// The platform account of a registration and the user, or why not.
struct AssignmentTarget {
  Assignment problem = Assignment::kDone;
  int64_t account_id = 0, user_id = 0;
};

Result<AssignmentTarget> FindAssignmentTarget(Db& db, int64_t registered_id,
                                              const std::string& username) {
  AssignmentTarget t;
  Stmt q;
  if (Status s = q.Prepare(db, "SELECT account_id FROM collector_accounts WHERE id = ?1");
      !s.ok()) {
    return s;
  }
  q.Bind(1, registered_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    t.problem = Assignment::kNoSuchAccount;
    return t;
  }
  if (q.IsNull(0)) {
    t.problem = Assignment::kNotCollectedYet;
    return t;
  }
  t.account_id = q.Int(0);
  auto user = FindUserState(db, username);
  if (!user.ok()) return user.status();
  if (!*user) {
    t.problem = Assignment::kNoSuchUser;
    return t;
  }
  if ((*user)->role != "trainee") t.problem = Assignment::kNotATrainee;
  t.user_id = (*user)->id;
  return t;
}

}  // namespace

Result<Assignment> AssignTraineeToRegistered(Store& store, int64_t registered_id,
                                             const std::string& username) {
  Db& db = StoreAccess::db(store);
  auto target = FindAssignmentTarget(db, registered_id, username);
  if (!target.ok()) return target.status();
  if (target->problem != Assignment::kDone) return target->problem;
  Stmt q;
  if (Status s = q.Prepare(db,
                           "INSERT OR IGNORE INTO account_trainees(account_id, user_id) "
                           "VALUES (?1, ?2)");
      !s.ok()) {
    return s;
  }
  q.Bind(1, target->account_id);
  q.Bind(2, target->user_id);
  if (Status s = q.Run(); !s.ok()) return s;
  return Assignment::kDone;
}

Result<Assignment> UnassignTraineeFromRegistered(Store& store, int64_t registered_id,
                                                 const std::string& username) {
  Db& db = StoreAccess::db(store);
  auto target = FindAssignmentTarget(db, registered_id, username);
  if (!target.ok()) return target.status();
  // A former trainee (role changed since) can still be unassigned.
  if (target->problem != Assignment::kDone && target->problem != Assignment::kNotATrainee) {
    return target->problem;
  }
  Stmt q;
  if (Status s =
          q.Prepare(db, "DELETE FROM account_trainees WHERE account_id = ?1 AND user_id = ?2");
      !s.ok()) {
    return s;
  }
  q.Bind(1, target->account_id);
  q.Bind(2, target->user_id);
  if (Status s = q.Run(); !s.ok()) return s;
  return Assignment::kDone;
}

}  // namespace tanggap
