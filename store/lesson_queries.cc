#include "store/lesson_queries.h"

#include <algorithm>

#include "store/store_access.h"

namespace tanggap {
namespace {

using sqlite::Stmt;
using sqlite::Transaction;

constexpr int kMaxLimit = 10000;

// Drops a row written for another version of the lesson, so the write that
// follows starts from nothing.
Status ForgetOtherVersion(sqlite::Db& db, int64_t user_id, const std::string& lesson_id,
                          const std::string& version) {
  Stmt q;
  if (Status s = q.Prepare(db,
                           "DELETE FROM lesson_progress WHERE user_id = ?1 AND lesson_id = ?2 "
                           "AND lesson_version != ?3");
      !s.ok()) {
    return s;
  }
  q.Bind(1, user_id);
  q.Bind(2, lesson_id);
  q.Bind(3, version);
  return q.Run();
}

}  // namespace

Result<std::vector<LessonProgressRow>> LessonProgress(Store& store, int64_t user_id, int limit) {
  sqlite::Db& db = StoreAccess::db(store);
  Stmt q;
  if (Status s = q.Prepare(db,
                           "SELECT lesson_id, lesson_version, read_unix, quiz_attempts, "
                           "best_percent, quiz_passed_unix FROM lesson_progress "
                           "WHERE user_id = ?1 ORDER BY lesson_id LIMIT ?2");
      !s.ok()) {
    return s;
  }
  const int64_t bounded = std::clamp(limit, 1, kMaxLimit);
  q.Bind(1, user_id);
  q.Bind(2, bounded);
  std::vector<LessonProgressRow> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(
        LessonProgressRow{q.Text(0), q.Text(1), q.OptInt(2), q.Int(3), q.OptInt(4), q.OptInt(5)});
  }
  return out;
}

Status MarkLessonRead(Store& store, int64_t user_id, const std::string& lesson_id,
                      const std::string& version, int64_t now) {
  sqlite::Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  if (Status s = ForgetOtherVersion(db, user_id, lesson_id, version); !s.ok()) return s;
  Stmt q;
  if (Status s = q.Prepare(db,
                           "INSERT INTO lesson_progress (user_id, lesson_id, lesson_version, "
                           "read_unix) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id, lesson_id) "
                           "DO UPDATE SET read_unix = coalesce(read_unix, excluded.read_unix)");
      !s.ok()) {
    return s;
  }
  q.Bind(1, user_id);
  q.Bind(2, lesson_id);
  q.Bind(3, version);
  q.Bind(4, now);
  if (Status s = q.Run(); !s.ok()) return s;
  return tx.Commit();
}

Status RecordQuizAttempt(Store& store, int64_t user_id, const std::string& lesson_id,
                         const std::string& version, int percent, bool passed, int64_t now) {
  if (percent < 0 || percent > 100) {
    return Status::InvalidArgument("quiz percent " + std::to_string(percent) +
                                   " is not between 0 and 100");
  }
  sqlite::Db& db = StoreAccess::db(store);
  Transaction tx(&db);
  if (Status s = tx.Begin(); !s.ok()) return s;
  if (Status s = ForgetOtherVersion(db, user_id, lesson_id, version); !s.ok()) return s;
  Stmt q;
  if (Status s = q.Prepare(
          db,
          "INSERT INTO lesson_progress (user_id, lesson_id, lesson_version, read_unix, "
          "quiz_attempts, best_percent, quiz_passed_unix) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) "
          "ON CONFLICT (user_id, lesson_id) DO UPDATE SET "
          "read_unix = coalesce(read_unix, excluded.read_unix), "
          "quiz_attempts = quiz_attempts + 1, "
          "best_percent = max(coalesce(best_percent, 0), excluded.best_percent), "
          "quiz_passed_unix = coalesce(quiz_passed_unix, excluded.quiz_passed_unix)");
      !s.ok()) {
    return s;
  }
  const int64_t pct = percent;
  const std::optional<int64_t> passed_at = passed ? std::optional<int64_t>(now) : std::nullopt;
  q.Bind(1, user_id);
  q.Bind(2, lesson_id);
  q.Bind(3, version);
  q.Bind(4, now);
  q.Bind(5, pct);
  q.Bind(6, passed_at);
  if (Status s = q.Run(); !s.ok()) return s;
  return tx.Commit();
}

}  // namespace tanggap
