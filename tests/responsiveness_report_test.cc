// The responsiveness report end to end over a real SQLite file: threads
// built by hand, analysed, rolled up per day and reported, with exact
// figures. The same figures must come out whether a day is read from its
// rollup or, while still inside its SLA, from the raw outcomes.
#include "jobs/responsiveness_report.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>

#include "demo/demo_data.h"
#include "jobs/score_posts.h"
#include "store/post_queries.h"
#include "tests/test_support.h"
#include "util/time.h"

namespace tanggap {
namespace {

using testing::TempDir;

int64_t T(const char* rfc3339) { return ParseRfc3339(rfc3339)->unix_seconds; }
Timestamp Ts(const char* rfc3339) { return Timestamp{rfc3339, T(rfc3339)}; }

const char* const kRules = TANGGAP_SOURCE_DIR "/rules/id-pemerintah";

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.File("t.db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    auto classifier =
        scorer::ReplyClassifier::Load(std::string(kRules) + "/klasifikasi-balasan.yml");
    ASSERT_TRUE(classifier.ok()) << classifier.status().message();
    classifier_ = *classifier;

    Account a{Platform::kMastodon, "100", "dinkes", "Dinkes", "Dinkes", 1000};
    Put(a);
    // Day 1 (Mon 2026-11-02 WIB): a post with one question answered in an
    // hour and one never answered.
    Put(Post{Platform::kMastodon,
             "p1",
             "100",
             Ts("2026-11-02T08:00:00+07:00"),
             "Jadwal posyandu",
             std::nullopt,
             {},
             "id"});
    Put(Reply{Platform::kMastodon, "r1", "p1", std::nullopt, "c1", "warga1",
              Ts("2026-11-02T10:00:00+07:00"), "Min, kapan jadwal posyandu di Bacang?"});
    Put(Reply{Platform::kMastodon, "r2", "p1", "r1", "100", "dinkes",
              Ts("2026-11-02T11:00:00+07:00"), "Halo Kak, Senin pukul 08.00 WIB."});
    Put(Reply{Platform::kMastodon, "r3", "p1", std::nullopt, "c2", "warga2",
              Ts("2026-11-02T12:00:00+07:00"), "Min, di mana lokasi posyandu Gabek?"});
    // Day 2: a question answered after 30 hours (past the 24 h SLA).
    Put(Post{Platform::kMastodon,
             "p2",
             "100",
             Ts("2026-11-03T08:00:00+07:00"),
             "Imunisasi anak",
             std::nullopt,
             {},
             "id"});
    Put(Reply{Platform::kMastodon, "r4", "p2", std::nullopt, "c3", "warga3",
              Ts("2026-11-03T10:00:00+07:00"), "Min, apakah imunisasi gratis?"});
    Put(Reply{Platform::kMastodon, "r5", "p2", "r4", "100", "dinkes",
              Ts("2026-11-04T16:00:00+07:00"), "Halo Kak, gratis."});
    Put(Metrics{Platform::kMastodon, "p1", Ts("2026-11-05T00:00:00+07:00"), 7, 1, std::nullopt,
                std::nullopt, 400, 1000});
  }

  template <typename R>
  void Put(const R& r) {
    auto up = store_->Upsert(r);
    ASSERT_TRUE(up.ok()) << up.status().message();
  }

  void Analyze(bool all) {
    auto stats = AnalyzeThreads(store_.get(), *classifier_, nullptr, WorkingCalendar(), "v1",
                                AnalyzeOptions{all, 1000, 0, {}}, nullptr);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
  }

  std::vector<ReportRow> Report(int64_t as_of, GroupBy by = GroupBy::kAccount,
                                Period period = Period::kAll) {
    ReportOptions o;
    o.first_day = WibDay(T("2026-11-01T00:00:00+07:00"));
    o.last_day = WibDay(T("2026-11-30T00:00:00+07:00"));
    o.as_of = as_of;
    o.by = by;
    o.period = period;
    auto rows = BuildReport(store_.get(), o);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() ? *rows : std::vector<ReportRow>{};
  }

  static void ExpectFigures(const ReportRow& r) {
    const ResponseStats& s = r.responses;
    EXPECT_EQ(s.questions, 3);
    EXPECT_EQ(s.answered, 2);
    EXPECT_EQ(s.unanswered, 1);
    ASSERT_TRUE(s.response_rate && s.within_sla_rate && s.median_s && s.p90_s);
    EXPECT_NEAR(*s.response_rate, 2.0 / 3, 1e-9);
    EXPECT_NEAR(*s.within_sla_rate, 1.0 / 3, 1e-9);
    EXPECT_EQ(*s.median_s, 3600);  // nearest rank of {1 h, 30 h}
    EXPECT_EQ(*s.p90_s, 30 * 3600);
    EXPECT_EQ(s.bucket_0_2h, 1);
    EXPECT_EQ(s.bucket_over_24h, 1);
    EXPECT_EQ(r.posts, 2);
    // p1: 7 + 1 likes/shares + 2 citizen replies over 1000 followers; p2:
    // 1 citizen reply over the account's 1000.
    ASSERT_TRUE(r.engagement_rate);
    EXPECT_NEAR(*r.engagement_rate, (10.0 / 1000 + 1.0 / 1000) / 2, 1e-12);
    ASSERT_TRUE(r.engagement_rate_by_views);
    EXPECT_NEAR(*r.engagement_rate_by_views, 10.0 / 400, 1e-12);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const scorer::ReplyClassifier> classifier_;
};

TEST_F(ReportTest, ExactFiguresFromRollups) {
  Analyze(/*all=*/true);
  auto rows = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].group, "mastodon:dinkes");
  ExpectFigures(rows[0]);
}

TEST_F(ReportTest, DaysInsideTheSlaComeFromRawOutcomesWithTheSameFigures) {
  Analyze(/*all=*/false);
  // Day 2 ends at 2026-11-04 00:00 WIB; with a 24 h SLA its rollup alone
  // cannot judge it before 2026-11-05 00:00.
  auto rows = Report(T("2026-11-04T20:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  ExpectFigures(rows[0]);
  // Earlier, the day-2 question is too young to judge: 1 of 2 judged answered.
  rows = Report(T("2026-11-03T12:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].responses.response_rate);
  EXPECT_NEAR(*rows[0].responses.response_rate, 0.5, 1e-9);
}

TEST_F(ReportTest, PeriodsSplitByDayAndTraineesGroupTheirAccounts) {
  Analyze(/*all=*/true);
  auto days = Report(T("2026-12-31T00:00:00+07:00"), GroupBy::kAccount, Period::kDay);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].period, "2026-11-02");
  EXPECT_EQ(days[0].responses.questions, 2);
  EXPECT_EQ(days[1].period, "2026-11-03");
  EXPECT_EQ(days[1].responses.questions, 1);
  auto weeks = Report(T("2026-12-31T00:00:00+07:00"), GroupBy::kAgency, Period::kWeek);
  ASSERT_EQ(weeks.size(), 1u);
  EXPECT_EQ(weeks[0].period, "2026-W45");
  EXPECT_EQ(weeks[0].group, "Dinkes");

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO users(username, role, created_unix) VALUES "
                         "('sari', 'trainee', 0);"
                         "INSERT INTO account_trainees SELECT a.id, u.id FROM accounts a, users u;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto trainees = Report(T("2026-12-31T00:00:00+07:00"), GroupBy::kTrainee);
  ASSERT_EQ(trainees.size(), 1u);
  EXPECT_EQ(trainees[0].group, "sari");
  ExpectFigures(trainees[0]);
}

TEST_F(ReportTest, IncrementalRunTouchesOnlyChangedThreadsAndKeepsFiguresExact) {
  Analyze(/*all=*/false);
  // A late answer to the open day-1 question arrives with the next collector run.
  Put(Reply{Platform::kMastodon, "r6", "p1", "r3", "100", "dinkes", Ts("2026-11-02T14:00:00+07:00"),
            "Halo Kak, di Puskesmas Gabek."});
  auto stats = AnalyzeThreads(store_.get(), *classifier_, nullptr, WorkingCalendar(), "v1",
                              AnalyzeOptions{false, 1000, 0, {}}, nullptr);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->threads, 1);  // only p1's thread
  auto rows = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].responses.answered, 3);
  EXPECT_EQ(rows[0].responses.unanswered, 0);
}

TEST_F(ReportTest, OneTemplatePastedManyTimesIsCounted) {
  for (int i = 0; i < 5; ++i) {
    std::string id = "t" + std::to_string(i);
    Put(Reply{Platform::kMastodon, id, "p2", std::nullopt, "100", "dinkes",
              Ts("2026-11-03T12:00:00+07:00"),
              "@warga" + std::to_string(i) + " Terima kasih, silakan DM kami!"});
  }
  Analyze(/*all=*/true);
  auto rows = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].template_replies, 5);
  EXPECT_EQ(rows[0].agency_replies, 0);  // no tone pack given: nothing scored
}

// Clarity comes from each post's newest score: a new scoring alone makes
// the next incremental run redo the thread and its day.
TEST_F(ReportTest, ClarityAverageFollowsTheNewestScores) {
  Analyze(/*all=*/false);
  auto before = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_FALSE(before[0].clarity_avg);  // nothing scored: absent, not 0
  EXPECT_EQ(before[0].scored_posts, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO rule_packs(id, name, version, first_used_unix) VALUES "
                         "(1, 'p', '1', 0), (2, 'p', '2', 0);"
                         "INSERT INTO post_scores(post_id, pack_id, scored, score, scored_unix) "
                         "SELECT id, 1, 1, 40, 0 FROM posts;"
                         // The newer pack rates p1 80 and cannot rate p2.
                         "INSERT INTO post_scores(post_id, pack_id, scored, score, scored_unix) "
                         "SELECT id, 2, 1, 80, 0 FROM posts WHERE platform_id = 'p1';"
                         "INSERT INTO post_scores(post_id, pack_id, scored, not_scored_reason, "
                         "scored_unix) SELECT id, 2, 0, 'too short', 0 FROM posts "
                         "WHERE platform_id = 'p2';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Analyze(/*all=*/false);
  auto after = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].scored_posts, 1);
  ASSERT_TRUE(after[0].clarity_avg);
  EXPECT_DOUBLE_EQ(*after[0].clarity_avg, 80.0);
  ExpectFigures(after[0]);  // the rest unchanged
  EXPECT_NE(ReportJson(after).find("\"clarity_avg\":80.0000"), std::string::npos)
      << ReportJson(after);
}

// A report limited to some accounts reads only theirs: the same figures
// for them as the whole report, nothing of the others (questions, posts,
// templates), and nothing at all for an empty list.
TEST_F(ReportTest, AccountFilterKeepsOnlyThoseAccounts) {
  Put(Account{Platform::kMastodon, "200", "disdik", "Disdik", "Disdik", 500});
  Put(Post{Platform::kMastodon,
           "q1",
           "200",
           Ts("2026-11-02T08:00:00+07:00"),
           "PPDB",
           std::nullopt,
           {},
           "id"});
  Put(Reply{Platform::kMastodon, "s1", "q1", std::nullopt, "c9", "warga9",
            Ts("2026-11-02T09:00:00+07:00"), "Min, kapan PPDB dibuka?"});
  for (int i = 0; i < 5; ++i) {
    Put(Reply{Platform::kMastodon, "u" + std::to_string(i), "q1", std::nullopt, "200", "disdik",
              Ts("2026-11-02T12:00:00+07:00"), "Silakan cek laman PPDB."});
  }
  Analyze(/*all=*/true);
  const int64_t as_of = T("2026-12-31T00:00:00+07:00");
  auto all = Report(as_of, GroupBy::kAgency);
  ASSERT_EQ(all.size(), 2u);
  User admin;
  admin.role = "admin";
  auto accounts = store_->VisibleAccounts(admin);
  ASSERT_TRUE(accounts.ok());
  std::optional<int64_t> dinkes;
  for (const auto& a : *accounts) {
    if (a.handle == "dinkes") dinkes = a.row_id;
  }
  ASSERT_TRUE(dinkes);
  ReportOptions o;
  o.first_day = WibDay(T("2026-11-01T00:00:00+07:00"));
  o.last_day = WibDay(T("2026-11-30T00:00:00+07:00"));
  o.as_of = as_of;
  o.accounts = std::vector<int64_t>{*dinkes};
  auto only = BuildReport(store_.get(), o);
  ASSERT_TRUE(only.ok()) << only.status().message();
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].group, "Dinkes");
  ExpectFigures((*only)[0]);
  EXPECT_EQ((*only)[0].template_replies, 0);
  const ReportRow& disdik = all[0].group == "Disdik" ? all[0] : all[1];
  EXPECT_EQ(disdik.template_replies, 5);
  o.accounts = std::vector<int64_t>{};
  auto none = BuildReport(store_.get(), o);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(ReportTest, ZeroFollowersGiveNoRateRatherThanADivisionByZero) {
  // p2 has no snapshot, so its followers come from the account: now 0.
  Put(Account{Platform::kMastodon, "100", "dinkes", "Dinkes", "Dinkes", 0});
  Analyze(/*all=*/true);
  auto rows = Report(T("2026-12-31T00:00:00+07:00"));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].engagement_rate);
  EXPECT_NEAR(*rows[0].engagement_rate, 10.0 / 1000, 1e-12);  // p1 only
  EXPECT_EQ(ReportJson(rows).find(":nan"), std::string::npos);
}

// Plain chatter (the default label, no cue fired) keeps no reply_labels
// row; the post detail still shows it as the default label, and a reply
// the analysis has not seen yet as unlabelled.
TEST_F(ReportTest, ChatterHasNoLabelRowButReadsAsTheDefault) {
  const std::string chatter = "Semoga sehat selalu untuk semua petugas";
  const scorer::ReplyLabel classified = classifier_->Classify(chatter);
  ASSERT_EQ(classified.label, classifier_->DefaultLabel());
  ASSERT_TRUE(classified.cues.empty());
  Put(Reply{Platform::kMastodon, "r6", "p2", std::nullopt, "c4", "warga4",
            Ts("2026-11-03T12:00:00+07:00"), chatter});
  Analyze(true);
  auto count = [&](const char* sql) {
    sqlite3* db = nullptr;
    int64_t n = -1;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_open(dir_.File("t.db").c_str(), &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  };
  EXPECT_EQ(count("SELECT count(*) FROM reply_labels l JOIN replies r ON r.id = l.reply_id "
                  "WHERE r.platform_id = 'r6'"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM reply_labels"), 3);  // the three questions
  Put(Reply{Platform::kMastodon, "r7", "p2", std::nullopt, "c5", "warga5",
            Ts("2026-11-03T13:00:00+07:00"), "Terlambat datang, belum dianalisis"});
  const int64_t post = count("SELECT id FROM posts WHERE platform_id = 'p2'");
  const int64_t account = count("SELECT id FROM accounts WHERE platform_id = '100'");
  auto detail = LoadPostDetail(*store_, post, {account});
  ASSERT_TRUE(detail.ok() && *detail) << detail.status().message();
  std::map<std::string, std::string> label;
  for (const auto& r : (*detail)->replies) label[r.platform_id] = r.label;
  EXPECT_EQ(label["r4"], "pertanyaan");
  EXPECT_EQ(label["r5"], "");  // the agency's answer
  EXPECT_EQ(label["r6"], classifier_->DefaultLabel());
  EXPECT_EQ(label["r7"], "");  // came after the analysis
}

// A full recompute builds every rollup from one read of the saved threads
// (Store::ComputeAllRollups); an incremental run rebuilds the days it
// touches with a query per day (Store::RebuildRollups). Over the demo city,
// a first incremental run touches every day: both must write the same rows,
// to the byte, relative engagement's 30-day history included.
TEST(RollupPathsTest, FullAndIncrementalRunsWriteTheSameRollups) {
  TempDir dir;
  auto store = Store::Open(dir.File("demo.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  DemoOptions demo;
  demo.scale = 0.3;
  Status put = Status::Ok();
  GenerateDemoData(demo, [&](const Record& r) {
    if (put.ok()) {
      auto up = (*store)->Upsert(r);
      if (!up.ok()) put = up.status();
    }
  });
  ASSERT_TRUE(put.ok()) << put.message();
  auto pack = scorer::RulePack::Load(kRules);
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  auto scored = ScorePosts(store->get(), **pack, {false, 1, 1000}, nullptr);
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  auto classifier = scorer::ReplyClassifier::Load(std::string(kRules) + "/klasifikasi-balasan.yml");
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  auto tone = scorer::RulePack::Load(std::string(kRules) + "/nada-balasan");
  ASSERT_TRUE(tone.ok()) << tone.status().message();

  auto rollups = [&] {
    std::vector<std::string> rows;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir.File("demo.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT account_id, day, questions, answered, hex(response_s), "
                                 "hex(business_s), posts, hex(interactions), rated_posts, "
                                 "rate_sum, views_posts, views_rate_sum, relative_n, "
                                 "relative_sum, kinds, tone_n, tone_sum, clarity_n, clarity_sum "
                                 "FROM daily_rollups ORDER BY account_id, day",
                                 -1, &q, nullptr),
              SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(q); ++c) {
        const unsigned char* text = sqlite3_column_text(q, c);
        row += text ? reinterpret_cast<const char*>(text) : "NULL";
        row += "|";
      }
      rows.push_back(row);
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return rows;
  };
  auto analyze = [&](bool all) {
    auto stats = AnalyzeThreads(store->get(), **classifier, tone->get(), WorkingCalendar(), "v1",
                                AnalyzeOptions{all, 50, 2, {}}, nullptr);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_GT(stats->days, 0);
  };
  analyze(/*all=*/false);
  const std::vector<std::string> incremental = rollups();
  analyze(/*all=*/true);
  const std::vector<std::string> full = rollups();
  ASSERT_GT(incremental.size(), 100u);
  EXPECT_EQ(full, incremental);
  // The figures those paths share are not all zero: relative engagement,
  // tone and clarity were each computed somewhere.
  int relative = 0, tones = 0, clarity = 0;
  for (const std::string& row : full) {
    std::vector<std::string> f;
    for (size_t a = 0, b; (b = row.find('|', a)) != std::string::npos; a = b + 1) {
      f.push_back(row.substr(a, b - a));
    }
    ASSERT_EQ(f.size(), 19u);
    relative += f[12] != "0";
    tones += f[15] != "0";
    clarity += f[17] != "0";
  }
  EXPECT_GT(relative, 0);
  EXPECT_GT(tones, 0);
  EXPECT_GT(clarity, 0);
}

}  // namespace
}  // namespace tanggap
