// The simulation view over loopback HTTP with a real SQLite file: a whole
// attempt (start, post, skip, answer each comment, finish) stores a
// debrief; the attempt is its owner's only (404 for others); supervisors
// see their agencies' trainees' attempts read-only; everything survives a
// restart on the same database.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <cstdio>
#include <thread>

#include "dashboard/auth.h"
#include "dashboard/server.h"
#include "store/simulation_queries.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"
#include "training/simulation.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

constexpr char kPost[] =
    "Posyandu Melati buka Sabtu, 21 November 2026, pukul 08.00–11.00 WIB di Balai Warga RT 03, "
    "Kelurahan Bacang. Gratis untuk balita dan ibu hamil:\n- penimbangan balita\n- imunisasi "
    "campak-rubela\n- vitamin A\n- konsultasi gizi\n\nBawa buku KIA. Info: WhatsApp Puskesmas "
    "Gerunggang 0812-7000-0606.";
const char* const kReplies[] = {
    "Halo Bunda, terima kasih pertanyaannya. Boleh datang untuk ditimbang, tetapi imunisasinya "
    "ditunda sampai anak sehat. Silakan tanya kader di posyandu.",
    "Halo Pak, terima kasih sudah bertanya. Imunisasi di posyandu gratis; cukup bawa buku KIA.",
    "Halo Bu, mohon maaf atas kejadian bulan lalu. Stok vitamin A kali ini sudah kami tambah; "
    "silakan datang mulai pukul 08.00 WIB.",
    "Halo Kak, terima kasih atas semangat para kader."};

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
      out += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

class SimulationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    {
      auto store = Store::Open(db_);
      ASSERT_TRUE(store.ok());
      Store& s = **store;
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "2", "dinkes", "Dinkes", "Dinkes", 10}).ok());
      for (auto [name, role, agency] :
           {std::tuple{"sari", "trainee", ""}, std::tuple{"rina", "trainee", ""},
            std::tuple{"budi", "supervisor", "Diskominfo"},
            std::tuple{"dewi", "supervisor", "Dinkes"}}) {
        User u;
        u.username = name;
        u.role = role;
        u.password_hash = *HashPassword("kata-sandi-" + std::string(name));
        if (*agency) u.agencies = {agency};
        ASSERT_TRUE(s.AddUser(u).ok());
      }
      ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
      ASSERT_TRUE(s.AssignTrainee("mastodon:dinkes", "rina").ok());
    }
    Start();
  }
  void TearDown() override { Stop(); }

  void Start() {
    ServerOptions o = DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void Stop() { harness_.Stop(); }

  httplib::Client Client() { return harness_.Client(); }
  std::string Login(const std::string& user) { return harness_.Login(user, "kata-sandi-" + user); }
  static std::string Csrf(const std::string& cookie) { return DashboardHarness::Csrf(cookie); }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return Client().Get(path, httplib::Headers{{"Cookie", cookie}});
  }
  // POSTs a form with the cookie's CSRF token; returns the status.
  int Post(const std::string& path, const std::string& cookie, const std::string& fields = "",
           std::string* location = nullptr) {
    std::string form = "csrf=" + Csrf(cookie);
    if (!fields.empty()) form += "&" + fields;
    auto res = Client().Post(path, httplib::Headers{{"Cookie", cookie}}, form,
                             "application/x-www-form-urlencoded");
    if (!res) return -1;
    if (location) *location = res->get_header_value("Location");
    return res->status;
  }
  // Starts an attempt; returns its path ("/simulasi/percobaan/N").
  std::string StartAttempt(const std::string& cookie, const std::string& scenario) {
    std::string where;
    EXPECT_EQ(Post("/simulasi/" + scenario + "/mulai", cookie, "", &where), 303);
    return where;
  }
  std::optional<SimAttemptRow> Stored(const std::string& path) {
    auto store = Store::Open(db_);
    auto row = GetSimAttempt(**store, std::stoll(path.substr(path.rfind('/') + 1)), 100);
    if (!row.ok() || !*row) return std::nullopt;
    return **row;
  }

  TempDir dir_;
  std::string db_;
  DashboardHarness harness_;
};

TEST_F(SimulationTest, AWholeAttemptStoresADebriefThatSurvivesARestart) {
  std::string sari = Login("sari");
  ASSERT_FALSE(sari.empty());
  auto list = Get("/simulasi", sari);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("Mengumumkan jadwal posyandu"), std::string::npos);
  EXPECT_EQ(Post("/simulasi/tidak-ada/mulai", sari), 404);
  auto no_csrf =
      Client().Post("/simulasi/jadwal-posyandu/mulai", httplib::Headers{{"Cookie", sari}}, "",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);

  const std::string attempt = StartAttempt(sari, "jadwal-posyandu");
  ASSERT_EQ(attempt.rfind("/simulasi/percobaan/", 0), 0u) << attempt;
  auto page = Get(attempt, sari);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Posyandu Melati di Kelurahan Bacang"), std::string::npos);
  EXPECT_NE(page->body.find("data-testid=\"post-text\""), std::string::npos);

  // Nothing to answer, skip or finish before the post.
  EXPECT_EQ(Post(attempt + "/lewati", sari), 409);
  EXPECT_EQ(Post(attempt + "/selesai", sari), 409);
  EXPECT_EQ(Post(attempt + "/unggah", sari, "text=+++"), 400);
  EXPECT_EQ(Post(attempt + "/unggah", sari, "text=" + std::string(5001, 'a')), 413);
  EXPECT_EQ(Post(attempt + "/unggah", sari, "text=" + UrlEncode(kPost)), 303);
  EXPECT_EQ(Post(attempt + "/unggah", sari, "text=lagi"), 409);  // once only
  auto row = Stored(attempt);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->post_text, kPost);
  ASSERT_TRUE(row->post_submitted_unix);

  // The first comment is due 30 s after the post: not out yet.
  EXPECT_EQ(Post(attempt + "/balas", sari, "comment=0&text=Halo"), 400);
  EXPECT_EQ(Post(attempt + "/selesai", sari), 409);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Post(attempt + "/lewati", sari), 303) << i;
    auto state = Get("/api/v1/simulations/attempts" + attempt.substr(attempt.rfind('/')), sari);
    ASSERT_TRUE(state);
    EXPECT_NE(state->body.find("\"index\":" + std::to_string(i)), std::string::npos) << i;
    EXPECT_EQ(Post(attempt + "/balas", sari,
                   "comment=" + std::to_string(i) + "&text=" + UrlEncode(kReplies[i])),
              303)
        << i;
  }
  EXPECT_EQ(Post(attempt + "/balas", sari, "comment=0&text=Halo+lagi"), 409);  // answered
  EXPECT_EQ(Post(attempt + "/balas", sari, "comment=9&text=Halo"), 400);       // no such one
  EXPECT_EQ(Post(attempt + "/lewati", sari), 409);  // every comment is out
  row = Stored(attempt);
  ASSERT_TRUE(row);
  EXPECT_GT(row->skipped_s, 180);  // 210 s of scenario time, less real seconds
  ASSERT_EQ(row->replies.size(), 4u);
  // Each reply's time is on the scenario clock: right after its release.
  const int at[] = {30, 90, 150, 210};
  for (const SimReplyRow& r : row->replies) {
    const int64_t clock = r.sent_unix - *row->post_submitted_unix;
    EXPECT_GE(clock, at[r.comment_index]);
    EXPECT_LT(clock, at[r.comment_index] + 30);
  }

  // Someone else's attempt does not exist for them.
  std::string rina = Login("rina");
  EXPECT_EQ(Get(attempt, rina)->status, 404);
  EXPECT_EQ(Get("/api/v1/simulations/attempts" + attempt.substr(attempt.rfind('/')), rina)->status,
            404);
  EXPECT_EQ(Post(attempt + "/selesai", rina), 404);
  EXPECT_EQ(Post(attempt + "/balas", rina, "comment=0&text=Halo"), 404);

  EXPECT_EQ(Post(attempt + "/selesai", sari), 303);
  EXPECT_EQ(Post(attempt + "/selesai", sari), 409);
  row = Stored(attempt);
  ASSERT_TRUE(row);
  ASSERT_TRUE(row->finished_unix);
  ASSERT_TRUE(row->overall_score);
  EXPECT_GE(*row->overall_score, 80);  // the model answer of training_simulation_test
  ASSERT_TRUE(row->debrief);
  EXPECT_NE(row->debrief->find("\"overall\":" + std::to_string(*row->overall_score)),
            std::string::npos);
  EXPECT_NE(row->debrief->find("\"tips\":[{"), std::string::npos);
  const std::string shown =
      "data-testid=\"overall\">" + std::to_string(*row->overall_score) + "</strong>";
  auto done = Get(attempt, sari);
  ASSERT_TRUE(done);
  EXPECT_NE(done->body.find(shown), std::string::npos);
  EXPECT_NE(done->body.find("round((25 × "), std::string::npos);
  EXPECT_EQ(done->body.find("data-testid=\"reply-text\""), std::string::npos);

  // A new server on the same database shows the same attempt.
  Stop();
  Start();
  sari = Login("sari");
  auto again = Get(attempt, sari);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_NE(again->body.find(shown), std::string::npos);
  EXPECT_NE(again->body.find("Halo Kak, terima kasih atas semangat para kader."),
            std::string::npos);
  auto mine = Get("/simulasi", sari);
  EXPECT_NE(mine->body.find(attempt + "\""), std::string::npos);

  // The supervisor of sari's agency sees it, read-only; another does not.
  std::string budi = Login("budi");
  auto team = Get("/simulasi/tim", budi);
  ASSERT_TRUE(team);
  EXPECT_EQ(team->status, 200);
  EXPECT_NE(team->body.find("<td>sari</td>"), std::string::npos);
  const std::string team_link = "/simulasi/tim" + attempt.substr(attempt.rfind('/'));
  EXPECT_NE(team->body.find(team_link), std::string::npos);
  auto read_only = Get(team_link, budi);
  ASSERT_TRUE(read_only);
  EXPECT_EQ(read_only->status, 200);
  EXPECT_NE(read_only->body.find(shown), std::string::npos);
  EXPECT_EQ(read_only->body.find("<form method=\"post\" action=\"/simulasi/percobaan"),
            std::string::npos);
  EXPECT_EQ(Get(attempt, budi)->status, 404);  // the trainee's own page stays theirs
  std::string dewi = Login("dewi");
  EXPECT_EQ(Get("/simulasi/tim", dewi)->body.find("<td>sari</td>"), std::string::npos);
  EXPECT_EQ(Get(team_link, dewi)->status, 404);
  EXPECT_EQ(Get("/simulasi/tim", sari)->status, 403);
}

TEST_F(SimulationTest, FinishWaitsForEveryCommentAndAttemptsAreSeparate) {
  std::string sari = Login("sari");
  const std::string a = StartAttempt(sari, "jadwal-posyandu");
  const std::string b = StartAttempt(sari, "jadwal-posyandu");
  EXPECT_NE(a, b);
  EXPECT_EQ(Post(a + "/unggah", sari, "text=" + UrlEncode(kPost)), 303);
  EXPECT_EQ(Post(a + "/lewati", sari), 303);
  EXPECT_EQ(Post(a + "/selesai", sari), 409);  // three comments still to come
  auto page = Get(a, sari);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("data-testid=\"finish\" disabled"), std::string::npos);
  EXPECT_NE(page->body.find("@bunda_aisyah"), std::string::npos);
  EXPECT_EQ(page->body.find("@ayah_raka"), std::string::npos);
  auto other = Stored(b);
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->post_submitted_unix);
  EXPECT_EQ(other->skipped_s, 0);
  // Unanswered comments still score (badly) once all are out.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Post(a + "/lewati", sari), 303);
  EXPECT_EQ(Post(a + "/selesai", sari), 303);
  auto row = Stored(a);
  ASSERT_TRUE(row && row->overall_score);
  EXPECT_LT(*row->overall_score, 70);
  EXPECT_NE(row->debrief->find("\"answered\":false"), std::string::npos);
}

}  // namespace
}  // namespace tanggap::dashboard
