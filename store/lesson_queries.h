// Lesson progress (dashboard /materi): one row per (user, lesson) in the v10
// table lesson_progress (docs/training-store.md). Free functions over a
// Store's connection (store_access.h); like Store itself, not thread-safe:
// one connection per thread. Writes need a writable Store.
//
// A row keeps the lesson's version (training::Lesson::version) seen last;
// when the lesson file changes, the next write starts the row afresh (read
// time, attempts, best and pass are about the old text and quiz), so
// progress never claims a quiz the trainee has not taken.
#ifndef TANGGAP_STORE_LESSON_QUERIES_H_
#define TANGGAP_STORE_LESSON_QUERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct LessonProgressRow {
  std::string lesson_id, lesson_version;
  std::optional<int64_t> read_unix;  // first opened (this version)
  int64_t quiz_attempts = 0;
  std::optional<int64_t> best_percent;      // 0-100; nullopt before a first attempt
  std::optional<int64_t> quiz_passed_unix;  // first pass (this version)
};

// Every row of the user, by lesson id; at most `limit` rows.
Result<std::vector<LessonProgressRow>> LessonProgress(Store& store, int64_t user_id, int limit);

// Marks the lesson read at `now` unless it already is (same version).
Status MarkLessonRead(Store& store, int64_t user_id, const std::string& lesson_id,
                      const std::string& version, int64_t now);

// Records a marked quiz: one more attempt, best percent raised, passed time
// set on the first pass. Also marks the lesson read (the quiz sits on its
// page). percent: 0-100, else kInvalidArgument.
Status RecordQuizAttempt(Store& store, int64_t user_id, const std::string& lesson_id,
                         const std::string& version, int percent, bool passed, int64_t now);

}  // namespace tanggap

#endif  // TANGGAP_STORE_LESSON_QUERIES_H_
