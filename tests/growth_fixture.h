// Shared by the training-loop tests (dashboard_progress_test,
// dashboard_competency_test, dashboard_coaching_test): a hand-built
// database with two agencies, their accounts, trainees, supervisors and an
// admin, a few posts with scores, citizen questions with known outcomes and
// an agency reply with its tone; and a dashboard served over loopback.
#ifndef TANGGAP_TESTS_GROWTH_FIXTURE_H_
#define TANGGAP_TESTS_GROWTH_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <thread>
#include <tuple>

#include "dashboard/auth.h"
#include "dashboard/server.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"
#include "util/time.h"

namespace tanggap::growth_test {

inline int64_t Unix(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t ? t->unix_seconds : 0;
}

// Runs SQL on the file directly (the rows no public writer makes by hand:
// outcomes, tone, thread state, scores of two packs).
inline void Exec(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << "\n" << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

inline int64_t Count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

inline std::string Password(const std::string& user) { return "kata-sandi-" + user; }

// Diskominfo (mastodon:kominfo, run by sari) and Dinkes (mastodon:dinkes,
// run by rina); budi supervises Diskominfo, dewi Dinkes. On kominfo:
//   P1 2026-11-02 09:00 WIB "Layanan KTP ... #Pangkalpinang #KTP", one image;
//      pack 1 scored it 40 (rule ID.Old), pack 2 (the newest) 70 with one
//      ID.AkronimTanpaKepanjangan warning; 5 interactions, 100 followers;
//      four citizen questions: c1 answered in 1 h, c2 in 25 h, c3 never,
//      c4 asked 2026-11-09 12:00 (not one SLA old at 2026-11-09 20:00);
//      agency reply a1 with tone 80 and one NADA.Kaku finding.
//   P2 2026-11-03 10:00 "Halo warga", not scored.
//   P3 2026-11-04 08:00 "Info", pack 2 scored it 90 without findings.
inline void BuildDatabase(const std::string& db) {
  {
    auto store = Store::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().message();
    Store& s = **store;
    ASSERT_TRUE(
        s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 100}).ok());
    ASSERT_TRUE(
        s.Upsert(Account{Platform::kMastodon, "2", "dinkes", "Dinkes", "Dinkes", 100}).ok());
    for (auto [name, role, agency] :
         {std::tuple{"admin", "admin", ""}, std::tuple{"budi", "supervisor", "Diskominfo"},
          std::tuple{"dewi", "supervisor", "Dinkes"}, std::tuple{"sari", "trainee", ""},
          std::tuple{"rina", "trainee", ""}}) {
      User u;
      u.username = name;
      u.display_name = name;
      u.role = role;
      u.password_hash = *dashboard::HashPassword(Password(name));
      if (*agency) u.agencies = {agency};
      ASSERT_TRUE(s.AddUser(u).ok());
    }
    ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
    ASSERT_TRUE(s.AssignTrainee("mastodon:dinkes", "rina").ok());
    auto post = [&](const std::string& id, const std::string& at, const std::string& text,
                    bool image) {
      Post p;
      p.platform = Platform::kMastodon;
      p.id = id;
      p.account = "1";
      p.created_at = Timestamp{at, Unix(at)};
      p.text = text;
      if (image) p.media.push_back(Media{"image", std::nullopt, std::nullopt});
      ASSERT_TRUE(s.Upsert(p).ok());
    };
    post("p1", "2026-11-02T09:00:00+07:00", "Layanan KTP buka hari ini #Pangkalpinang #KTP", true);
    post("p2", "2026-11-03T10:00:00+07:00", "Halo warga", false);
    post("p3", "2026-11-04T08:00:00+07:00", "Info", false);
    auto reply = [&](const std::string& id, const std::string& at, const std::string& author,
                     std::optional<std::string> parent) {
      Reply r;
      r.platform = Platform::kMastodon;
      r.id = id;
      r.post = "p1";
      r.parent = parent;
      r.author_id = author;
      r.created_at = Timestamp{at, Unix(at)};
      r.text = "kapan buka?";
      ASSERT_TRUE(s.Upsert(r).ok());
    };
    reply("c1", "2026-11-02T10:00:00+07:00", "w1", std::nullopt);
    reply("c2", "2026-11-02T11:00:00+07:00", "w2", std::nullopt);
    reply("c3", "2026-11-02T12:00:00+07:00", "w3", std::nullopt);
    reply("c4", "2026-11-09T12:00:00+07:00", "w4", std::nullopt);
    reply("a1", "2026-11-02T11:00:00+07:00", "1", std::string("c1"));
  }
  const std::string p1 = "(SELECT id FROM posts WHERE platform_id = 'p1')";
  const std::string p3 = "(SELECT id FROM posts WHERE platform_id = 'p3')";
  const std::string acct = "(SELECT id FROM accounts WHERE platform_id = '1')";
  auto rep = [](const char* id) {
    return std::string("(SELECT id FROM replies WHERE platform_id = '") + id + "')";
  };
  Exec(
      db,
      "INSERT INTO rule_packs(id, name, version, first_used_unix) VALUES (1, 'p', '1', 0), "
      "(2, 'p', '2', 0);"
      "INSERT INTO post_scores(post_id, pack_id, scored, score, kind, scored_unix) VALUES (" +
          p1 + ", 1, 1, 40, 'layanan', 0), (" + p1 + ", 2, 1, 70, 'layanan', 0), (" + p3 +
          ", 2, 1, 90, 'edukasi', 0);"
          "INSERT INTO findings(post_id, pack_id, rule, level, start_byte, end_byte, "
          "start_char, end_char, text, message_id, message_en, suggestion_id, suggestion_en, "
          "source) VALUES (" +
          p1 + ", 1, 'ID.Old', 'error', 0, 1, 0, 1, 'x', '', '', '', '', 'text'), (" + p1 +
          ", 2, 'ID.AkronimTanpaKepanjangan', 'warning', 8, 11, 8, 11, 'KTP', '', '', '', '', "
          "'text');"
          "INSERT INTO thread_state(post_id, reply_count, max_reply_id, analysis_version, "
          "account_id, post_created_unix, interactions, followers) VALUES (" +
          p1 + ", 5, 5, 'v', " + acct + ", 0, 5, 100);" +
          "INSERT INTO question_outcomes(reply_id, post_id, account_id, asked_unix, "
          "answer_reply_id, how, response_s, business_response_s) VALUES (" +
          rep("c1") + ", " + p1 + ", " + acct + ", " +
          std::to_string(Unix("2026-11-02T10:00:00+07:00")) + ", " + rep("a1") +
          ", 'direct', 3600, 3600), (" + rep("c2") + ", " + p1 + ", " + acct + ", " +
          std::to_string(Unix("2026-11-02T11:00:00+07:00")) + ", " + rep("a1") +
          ", 'direct', 90000, 30000), (" + rep("c3") + ", " + p1 + ", " + acct + ", " +
          std::to_string(Unix("2026-11-02T12:00:00+07:00")) + ", NULL, NULL, NULL, NULL), (" +
          rep("c4") + ", " + p1 + ", " + acct + ", " +
          std::to_string(Unix("2026-11-09T12:00:00+07:00")) + ", NULL, NULL, NULL, NULL);" +
          "INSERT INTO reply_tone(reply_id, post_id, account_id, created_unix, answers_label, "
          "score, findings, text_hash) VALUES (" +
          rep("a1") + ", " + p1 + ", " + acct + ", " +
          std::to_string(Unix("2026-11-02T11:00:00+07:00")) +
          ", 'pertanyaan', 80, "
          "'[{\"rule\":\"NADA.Kaku\",\"level\":\"warning\",\"start\":0,\"end\":3,\"text\":\"x\"}]',"
          " 7);");
}

// A dashboard over the database, with login helpers.
class Served : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    BuildDatabase(db_);
    dashboard::ServerOptions o = dashboard::DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void TearDown() override { harness_.Stop(); }
  httplib::Client Client() { return harness_.Client(); }
  std::string Login(const std::string& user) { return harness_.Login(user, Password(user)); }
  static std::string Csrf(const std::string& cookie) {
    return dashboard::CsrfToken(cookie.substr(cookie.find('=') + 1));
  }
  int Status(const std::string& path, const std::string& cookie) {
    auto res = harness_.Get(path, cookie);
    return res ? res->status : -1;
  }
  std::string Body(const std::string& path, const std::string& cookie) {
    auto res = harness_.Get(path, cookie);
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << path;
    return res->body;
  }
  int Post(const std::string& path, const std::string& cookie, httplib::Params form,
           bool with_csrf = true) {
    auto res = harness_.Post(path, cookie, std::move(form), with_csrf);
    return res ? res->status : -1;
  }

  testing::TempDir dir_;
  std::string db_;
  dashboard::DashboardHarness harness_;
};

}  // namespace tanggap::growth_test

#endif  // TANGGAP_TESTS_GROWTH_FIXTURE_H_
