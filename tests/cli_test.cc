// Runs the real `tanggap` binary as a user would.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "tests/test_support.h"

namespace tanggap {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs tanggap with `args` (already shell-quoted where needed).
CliRun Tanggap(const TempDir& dir, const std::string& args) {
  std::string out = dir.File("stdout"), err = dir.File("stderr");
  std::string cmd = Quote(TANGGAP_BINARY) + " --db " + Quote(dir.File("t.db")) + " " + args + " >" +
                    Quote(out) + " 2>" + Quote(err);
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

int64_t Count(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* stmt = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    v = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

TEST(CliTest, HelpDescribesCommandsAndOptions) {
  TempDir dir;
  CliRun help = Tanggap(dir, "--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"import", "export", "demo-data", "summary", "--db", "TANGGAP_DB"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
  CliRun import_help = Tanggap(dir, "import --help");
  EXPECT_EQ(import_help.exit_code, 0);
  EXPECT_NE(import_help.out.find("--batch-size"), std::string::npos);
  EXPECT_NE(import_help.out.find("standard input"), std::string::npos);
  EXPECT_EQ(Tanggap(dir, "").exit_code, 2);
  EXPECT_EQ(Tanggap(dir, "frobnicate").exit_code, 2);
  EXPECT_EQ(Tanggap(dir, "export --format xml").exit_code, 2);
}

TEST(CliTest, ImportTwiceChangesNothingAndSummaryShowsAgencies) {
  TempDir dir;
  ASSERT_EQ(Tanggap(dir, "demo-data --scale 0.05 -o " + Quote(dir.File("demo.jsonl"))).exit_code,
            0);
  CliRun first = Tanggap(dir, "import " + Quote(dir.File("demo.jsonl")));
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("updated=0 unchanged=0 rejected=0"), std::string::npos) << first.out;
  int64_t posts = Count(dir.File("t.db"), "SELECT count(*) FROM posts");
  int64_t replies = Count(dir.File("t.db"), "SELECT count(*) FROM replies");
  EXPECT_GT(posts, 50);
  EXPECT_GT(replies, 200);
  CliRun second = Tanggap(dir, "import - < " + Quote(dir.File("demo.jsonl")));
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("inserted=0 updated=0"), std::string::npos) << second.out;
  EXPECT_EQ(Count(dir.File("t.db"), "SELECT count(*) FROM posts"), posts);
  EXPECT_EQ(Count(dir.File("t.db"), "SELECT count(*) FROM replies"), replies);

  CliRun summary = Tanggap(dir, "summary");
  EXPECT_EQ(summary.exit_code, 0);
  for (const char* agency : {"Diskominfo", "Dinkes", "Disdukcapil", "BPBD", "Satpol PP"}) {
    EXPECT_NE(summary.out.find(agency), std::string::npos) << agency;
  }
  CliRun exported = Tanggap(dir, "export --format csv");
  EXPECT_EQ(exported.exit_code, 0);
  EXPECT_EQ(exported.out.rfind("platform,id,account,created_at,text", 0), 0u);
  EXPECT_NE(exported.out.find("https://"), std::string::npos);  // urls survive the trip
}

TEST(CliTest, BadLinesAreNamedAndTheRestIsImported) {
  TempDir dir;
  WriteFile(
      dir.File("bad.jsonl"),
      R"({"type":"account","platform":"x","id":"1","handle":"h","agency":"BPBD"})"
      "\n{oops\n"
      R"({"type":"account","platform":"x","id":"2","handle":"h2","agency":"BPBD","followers":"many"})"
      "\n");
  CliRun r = Tanggap(dir, "import " + Quote(dir.File("bad.jsonl")));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(dir.File("bad.jsonl") + ":2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(dir.File("bad.jsonl") + ":3: account field 'followers'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("inserted=1 updated=0 unchanged=0 rejected=2"), std::string::npos);
  CliRun missing = Tanggap(dir, "import " + Quote(dir.File("nope.jsonl")));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos);
}

TEST(CliTest, CheckScoreAndRulesWorkFromTheCommandLine) {
  TempDir dir;
  const std::string rules =
      std::string(" --rules ") + Quote(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  CliRun json =
      Tanggap(dir, "check --format json" + rules +
                       " 'Dalam rangka HUT Kota, DISKOMINFO akan melakukan sosialisasi SPBE "
                       "pada tgl 12/08 jam 09:00 di aula.'");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  for (const char* part :
       {"\"rule\":\"ID.BahasaBirokrasi\"", "\"text\":\"DISKOMINFO\"", "\"rule\":\"ID.ZonaWaktu\"",
        "\"start\":0,\"end\":12", "\"language\":\"id\""}) {
    EXPECT_NE(json.out.find(part), std::string::npos) << part << " in " << json.out;
  }
  CliRun text = Tanggap(dir, "check" + rules + " --lang en 'Urus ijin di kantor.'");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("^^^^"), std::string::npos) << text.out;  // the span is underlined
  EXPECT_NE(text.out.find("izin"), std::string::npos) << text.out;
  EXPECT_EQ(Tanggap(dir, "check" + rules).exit_code, 2);  // no draft given
  EXPECT_EQ(Tanggap(dir, "check --rules /nonexistent 'teks'").exit_code, 1);

  CliRun test = Tanggap(dir, "rules test" + rules);
  EXPECT_EQ(test.exit_code, 0) << test.out;
  EXPECT_NE(test.out.find(" 0 failed"), std::string::npos);
  CliRun show = Tanggap(dir, "rules show ID.ZonaWaktu" + rules);
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("bad:"), std::string::npos);
  EXPECT_EQ(Tanggap(dir, "rules show ID.Tidak.Ada" + rules).exit_code, 1);

  ASSERT_EQ(Tanggap(dir, "demo-data --scale 0.02 -o " + Quote(dir.File("demo.jsonl"))).exit_code,
            0);
  ASSERT_EQ(Tanggap(dir, "import " + Quote(dir.File("demo.jsonl"))).exit_code, 0);
  CliRun score = Tanggap(dir, "score" + rules);
  EXPECT_EQ(score.exit_code, 0) << score.err;
  EXPECT_NE(score.out.find("pack=id-pemerintah"), std::string::npos) << score.out;
  EXPECT_GT(Count(dir.File("t.db"), "SELECT count(*) FROM post_scores WHERE scored = 1"), 0);
  EXPECT_EQ(Count(dir.File("t.db"),
                  "SELECT count(*) FROM findings f JOIN posts p ON p.id = f.post_id "
                  "WHERE f.media_index IS NULL AND substr(CAST(p.text AS BLOB), "
                  "f.start_byte + 1, f.end_byte - f.start_byte) != CAST(f.text AS BLOB)"),
            0);  // every stored span quotes the post exactly
  CliRun again = Tanggap(dir, "score" + rules);
  EXPECT_NE(again.out.find("scored=0 not_scored=0"), std::string::npos) << again.out;
  CliRun summary = Tanggap(dir, "summary");
  EXPECT_NE(summary.out.find("Clarity"), std::string::npos);

  CliRun analyze = Tanggap(dir, "analyze" + rules);
  EXPECT_EQ(analyze.exit_code, 0) << analyze.err;
  EXPECT_EQ(analyze.out.find("threads=0 "), std::string::npos) << analyze.out;
  CliRun again_analyze = Tanggap(dir, "analyze" + rules);  // nothing changed: nothing redone
  EXPECT_NE(again_analyze.out.find("threads=0 "), std::string::npos) << again_analyze.out;
  CliRun report = Tanggap(dir, "report --by account --format json");
  EXPECT_EQ(report.exit_code, 0) << report.err;
  for (const char* field :
       {"\"questions\":", "\"answered\":", "\"response_rate\":", "\"first_response_median_s\":",
        "\"first_response_p90_s\":", "\"first_response_business_median_s\":",
        "\"within_sla_rate\":", "\"unanswered\":", "\"engagement_rate\":", "\"0_2h\":",
        "\"over_24h\":"}) {
    EXPECT_NE(report.out.find(field), std::string::npos) << field;
  }
  EXPECT_EQ(report.out.find(":nan"), std::string::npos);  // no NaN where a number goes
  EXPECT_EQ(report.out.find(":-nan"), std::string::npos);
  CliRun csv = Tanggap(dir, "report --format csv --from 2026-08-01 --to 2026-11-30");
  EXPECT_EQ(csv.out.rfind("group,period,questions,answered", 0), 0u);
  EXPECT_EQ(Tanggap(dir, "report --from yesterday").exit_code, 1);
  CliRun queue = Tanggap(dir, "queue --account nobody.here");
  EXPECT_EQ(queue.exit_code, 0);
  EXPECT_NE(queue.out.find("Tidak ada pertanyaan terbuka"), std::string::npos);
}

TEST(CliTest, ReadingCommandsNeverCreateADatabase) {
  TempDir dir;
  for (const char* cmd : {"summary", "export", "report", "queue --account x"}) {
    CliRun r = Tanggap(dir, cmd);
    EXPECT_EQ(r.exit_code, 1) << cmd;
    EXPECT_NE(r.err.find("no database at"), std::string::npos) << cmd << ": " << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.File("t.db")));
}

TEST(CliTest, RefusesDatabaseFromNewerTanggap) {
  TempDir dir;
  sqlite3* db = nullptr;
  sqlite3_open(dir.File("t.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 1000", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  CliRun r = Tanggap(dir, "summary");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("newer than this Tanggap knows"), std::string::npos) << r.err;
  EXPECT_EQ(Count(dir.File("t.db"), "PRAGMA user_version"), 1000);
}

// Kill an import of a large file midway with SIGKILL: the database must open
// cleanly, and running the import again must complete it with no duplicates
// and no lost lines.
TEST(CliTest, ImportKilledMidwayResumesWithoutLossOrDuplicates) {
  TempDir dir;
  const char* env = std::getenv("TANGGAP_KILL_TEST_RECORDS");
  const int64_t records = env ? std::atoll(env) : 1000000;
  std::string data = dir.File("load.jsonl");
  ASSERT_EQ(Tanggap(dir, "load-data --records " + std::to_string(records) + " -o " + Quote(data))
                .exit_code,
            0);
  std::string db = dir.File("t.db");
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(TANGGAP_BINARY, "tanggap", "--db", db.c_str(), "import", "--batch-size", "5000",
          data.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some batches are committed, then kill without warning.
  int64_t committed = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (std::chrono::steady_clock::now() < deadline) {
    committed = Count(db, "SELECT count(*) FROM replies");
    if (committed >= records / 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "import finished before it could be killed; "
                                      "raise TANGGAP_KILL_TEST_RECORDS";
  int64_t posts_at_kill = Count(db, "SELECT count(*) FROM posts");
  int64_t replies_at_kill = Count(db, "SELECT count(*) FROM replies");
  ASSERT_GT(replies_at_kill, 0);
  EXPECT_LT(posts_at_kill + replies_at_kill + 3, records);

  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ok");
  sqlite3_finalize(stmt);
  sqlite3_close(handle);

  CliRun rerun = Tanggap(dir, "import " + Quote(data));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find("rejected=0"), std::string::npos) << rerun.out;
  int64_t accounts = Count(db, "SELECT count(*) FROM accounts");
  int64_t posts = Count(db, "SELECT count(*) FROM posts");
  int64_t replies = Count(db, "SELECT count(*) FROM replies");
  EXPECT_EQ(accounts + posts + replies, records);
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM (SELECT platform_id FROM replies GROUP BY platform_id "
                  "HAVING count(*) > 1)"),
            0);
  // The rerun saw the rows that had survived as unchanged.
  EXPECT_NE(rerun.out.find("unchanged="), std::string::npos);
}

}  // namespace
}  // namespace tanggap
