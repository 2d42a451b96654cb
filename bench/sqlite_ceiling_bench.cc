// The ceiling `tanggap import` is measured against: a bare loop of batched,
// prepared UPSERTs of ~500-byte rows into an indexed WAL table, no parsing
// and no change detection. Prints rows/s; scripts/bench runs it beside the
// real import so both figures come from the same machine at the same time.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB_PATH ROWS\n", argv[0]);
    return 2;
  }
  const long rows = std::atol(argv[2]);
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE posts(id INTEGER PRIMARY KEY, platform TEXT, platform_id TEXT, "
               "created_unix INTEGER, text TEXT, UNIQUE(platform, platform_id));"
               "CREATE INDEX posts_time ON posts(created_unix);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO posts(platform, platform_id, created_unix, text) "
                     "VALUES ('mastodon', ?1, ?2, ?3) ON CONFLICT(platform, platform_id) "
                     "DO UPDATE SET text = excluded.text",
                     -1, &stmt, nullptr);
  std::string text(500, 'a');
  auto start = std::chrono::steady_clock::now();
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (long i = 0; i < rows; ++i) {
    std::string id = "post-" + std::to_string(i);
    text[i % 500] = static_cast<char>('a' + i % 26);
    sqlite3_bind_text(stmt, 1, id.c_str(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, 1767200400 + i * 60);
    sqlite3_bind_text(stmt, 3, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE) return 1;
    sqlite3_reset(stmt);
    if (i % 20000 == 19999) {
      sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::printf("%.0f\n", static_cast<double>(rows) / secs);
  return 0;
}
