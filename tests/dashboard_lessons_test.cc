// The lessons view over loopback HTTP with a real SQLite file: the list and
// a lesson page, the quiz marked on the server (forged answers refused, no
// answer in the page or the API), progress stored per user, and the
// practice page's findings linking to their lesson (the page and the check
// JSON the live editor draws from).
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <string>
#include <thread>

#include "dashboard/auth.h"
#include "dashboard/server.h"
#include "jobs/score_posts.h"
#include "scorer/scorer.h"
#include "store/lesson_queries.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"
#include "training/lessons.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

constexpr char kRules[] = TANGGAP_SOURCE_DIR "/rules/id-pemerintah";
constexpr char kLesson[] = "kalimat-pendek";

class LessonsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    {
      auto store = Store::Open(db_);
      ASSERT_TRUE(store.ok());
      for (const char* name : {"sari", "rina"}) {
        User u;
        u.username = name;
        u.role = "trainee";
        u.password_hash = *HashPassword(std::string("kata-sandi-") + name);
        ASSERT_TRUE((*store)->AddUser(u).ok());
      }
    }
    ServerOptions o = DashboardHarness::Options(db_);
    o.rules_dir = kRules;
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void TearDown() override { harness_.Stop(); }

  httplib::Client Client() { return harness_.Client(); }
  // Logs in; returns the session cookie ("tanggap_session=...").
  std::string Login(const std::string& user) { return harness_.Login(user, "kata-sandi-" + user); }
  static std::string Csrf(const std::string& cookie) { return DashboardHarness::Csrf(cookie); }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return Client().Get(path, httplib::Headers{{"Cookie", cookie}});
  }
  httplib::Result Post(const std::string& path, const std::string& cookie,
                       const std::string& form) {
    return Client().Post(path, httplib::Headers{{"Cookie", cookie}}, form,
                         "application/x-www-form-urlencoded");
  }
  int64_t UserId(const std::string& name) {
    auto store = Store::Open(db_);
    auto u = (*store)->FindUser(name);
    return u.ok() && *u ? (*u)->id : 0;
  }
  std::optional<LessonProgressRow> Progress(const std::string& user) {
    auto store = Store::Open(db_);
    auto rows = LessonProgress(**store, UserId(user), 100);
    if (!rows.ok()) return std::nullopt;
    for (const auto& r : *rows) {
      if (r.lesson_id == kLesson) return r;
    }
    return std::nullopt;
  }

  TempDir dir_;
  std::string db_;
  DashboardHarness harness_;
};

// The right option of every question of a lesson, found by asking the
// library (the test never copies answers out of the content files).
std::vector<int> RightAnswers(const std::string& lesson_id) {
  auto pack = scorer::RulePack::Load(kRules);
  EXPECT_TRUE(pack.ok());
  auto tone = scorer::RulePack::Load(std::string(kRules) + "/nada-balasan");
  EXPECT_TRUE(tone.ok());
  std::vector<std::string> known = training::RuleIds(**pack);
  for (const auto& id : training::RuleIds(**tone)) known.push_back(id);
  auto lib = training::LessonLibrary::Load(std::string(kRules) + "/pelatihan/lessons", known);
  EXPECT_TRUE(lib.ok()) << lib.status().message();
  const training::Lesson* l = (*lib)->Find(lesson_id);
  EXPECT_NE(l, nullptr);
  std::vector<int> right(l->quiz.size(), -1);
  for (size_t q = 0; q < l->quiz.size(); ++q) {
    for (size_t o = 0; o < l->quiz[q].options.size(); ++o) {
      std::vector<int> probe(l->quiz.size(), -1);
      probe[q] = static_cast<int>(o);
      auto marked = (*lib)->CheckQuiz(lesson_id, probe);
      if (marked.ok() && marked->answers[q].correct) right[q] = static_cast<int>(o);
    }
  }
  return right;
}

// "q0=1&q1=0&..." for a quiz form.
std::string Answers(const std::vector<int>& answers) {
  std::string f;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (i) f += "&";
    f += "q" + std::to_string(i) + "=" + std::to_string(answers[i]);
  }
  return f;
}

std::string Form(const std::string& csrf, const std::vector<int>& answers) {
  return "csrf=" + csrf + "&" + Answers(answers);
}

TEST_F(LessonsTest, ListAndPageShowTheLessonAndOpeningMarksItRead) {
  std::string cookie = Login("sari");
  ASSERT_FALSE(cookie.empty());
  auto list = Get("/materi", cookie);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("Kalimat pendek, paragraf ringkas"), std::string::npos);
  EXPECT_NE(list->body.find("ID.KalimatPanjang"), std::string::npos);
  EXPECT_NE(list->body.find("Belum dibuka"), std::string::npos);
  EXPECT_FALSE(Progress("sari"));

  auto page = Get(std::string("/materi/") + kLesson, cookie);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<strong>Satu kalimat, satu gagasan.</strong>"), std::string::npos);
  EXPECT_NE(page->body.find("Sehubungan dengan adanya pekerjaan"), std::string::npos);
  EXPECT_NE(page->body.find("type=\"radio\" name=\"q3\" value=\"2\""), std::string::npos);
  EXPECT_EQ(page->body.find("answer"), std::string::npos);
  auto p = Progress("sari");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->read_unix);
  EXPECT_EQ(p->quiz_attempts, 0);
  EXPECT_FALSE(Progress("rina"));  // per user
  EXPECT_NE(Get("/materi", cookie)->body.find("Sudah dibaca"), std::string::npos);

  EXPECT_EQ(Get("/materi/tidak-ada", cookie)->status, 404);
  EXPECT_EQ(Get("/materi", "")->status, 302);
}

TEST_F(LessonsTest, QuizIsMarkedOnTheServerAndProgressIsStored) {
  std::string cookie = Login("sari");
  const std::string csrf = Csrf(cookie);
  const std::vector<int> right = RightAnswers(kLesson);
  ASSERT_EQ(right.size(), 4u);
  for (int r : right) ASSERT_GE(r, 0);
  const std::string path = std::string("/materi/") + kLesson + "/kuis";

  // No CSRF token: refused, nothing stored.
  auto forged = Post(path, cookie, Answers(right));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  // An option out of range or not a number is a forged form: 400.
  std::vector<int> out_of_range = right;
  out_of_range[1] = 7;
  EXPECT_EQ(Post(path, cookie, Form(csrf, out_of_range))->status, 400);
  EXPECT_EQ(Post(path, cookie, "csrf=" + csrf + "&q0=-2")->status, 400);
  EXPECT_EQ(Post(path, cookie, "csrf=" + csrf + "&q0=satu")->status, 400);
  EXPECT_FALSE(Progress("sari"));

  // One wrong answer of four: 75%, not passed.
  std::vector<int> one_wrong = right;
  one_wrong[0] = (right[0] + 1) % 3;
  auto failed = Post(path, cookie, Form(csrf, one_wrong));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 200);
  EXPECT_NE(failed->body.find("3/4 (75%)"), std::string::npos);
  EXPECT_NE(failed->body.find("Belum lulus"), std::string::npos);
  EXPECT_NE(failed->body.find("ls-mark ls-wrong"), std::string::npos);
  auto p = Progress("sari");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->quiz_attempts, 1);
  EXPECT_EQ(p->best_percent, 75);
  EXPECT_FALSE(p->quiz_passed_unix);

  // All right: passed, with the explanation of the question that has one.
  auto passed = Post(path, cookie, Form(csrf, right));
  ASSERT_TRUE(passed);
  EXPECT_EQ(passed->status, 200);
  EXPECT_NE(passed->body.find("4/4 (100%)"), std::string::npos);
  EXPECT_EQ(passed->body.find("ls-mark ls-wrong"), std::string::npos);
  EXPECT_NE(passed->body.find("kejelasan pelakunya"), std::string::npos);
  p = Progress("sari");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->quiz_attempts, 2);
  EXPECT_EQ(p->best_percent, 100);
  EXPECT_TRUE(p->quiz_passed_unix);

  // A later blank attempt counts but keeps the best and the pass.
  auto blank = Post(path, cookie, "csrf=" + csrf);
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 200);
  EXPECT_NE(blank->body.find("0/4 (0%)"), std::string::npos);
  p = Progress("sari");
  EXPECT_EQ(p->quiz_attempts, 3);
  EXPECT_EQ(p->best_percent, 100);
  EXPECT_TRUE(p->quiz_passed_unix);
  EXPECT_NE(Get("/materi", cookie)->body.find("Kuis lulus"), std::string::npos);
}

TEST_F(LessonsTest, JsonHasNoAnswersAndMarksOnTheServer) {
  std::string cookie = Login("rina");
  auto list = Get("/api/v1/lessons", cookie);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("\"id\":\"kalimat-pendek\""), std::string::npos);
  auto lesson = Get(std::string("/api/v1/lessons/") + kLesson, cookie);
  ASSERT_TRUE(lesson);
  EXPECT_EQ(lesson->status, 200);
  EXPECT_NE(lesson->body.find("\"quiz\":[{\"field\":\"q0\""), std::string::npos);
  EXPECT_EQ(lesson->body.find("\"answer"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/lessons/tidak-ada", cookie)->status, 404);
  EXPECT_EQ(Get("/api/v1/lessons", "")->status, 401);

  const std::string path = std::string("/api/v1/lessons/") + kLesson + "/quiz";
  httplib::Headers h{{"Cookie", cookie}};
  auto no_token =
      Client().Post(path, h, Answers(RightAnswers(kLesson)), "application/x-www-form-urlencoded");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  h.emplace("X-CSRF-Token", Csrf(cookie));
  auto bad = Client().Post(path, h, "q2=9", "application/x-www-form-urlencoded");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto good =
      Client().Post(path, h, Answers(RightAnswers(kLesson)), "application/x-www-form-urlencoded");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  EXPECT_NE(good->body.find("\"percent\":100,\"passed\":true"), std::string::npos);
  auto p = Progress("rina");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->quiz_attempts, 1);
  EXPECT_TRUE(p->quiz_passed_unix);
  auto after = Get("/api/v1/lessons", cookie);
  EXPECT_NE(after->body.find("\"quiz_passed\":true"), std::string::npos);
}

TEST_F(LessonsTest, PracticeFindingsLinkToTheirLesson) {
  std::string cookie = Login("sari");
  auto res = Post("/latihan", cookie,
                  "csrf=" + Csrf(cookie) +
                      "&platform=instagram&text=Dalam+rangka+HUT+Kota%2C+DISKOMINFO+akan+"
                      "mengadakan+kegiatan+sosialisasi+yang+dilaksanakan+oleh+panitia.");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("class=\"lesson-link\" href=\"/materi/"), std::string::npos);
}

// A draft with findings of ID.BahasaBirokrasi (taught by "bahasa-baku") and
// ID.AkronimTanpaKepanjangan (taught by "akronim-istilah").
constexpr char kDraft[] =
    "Dalam rangka HUT Kota, DISKOMINFO akan mengadakan kegiatan sosialisasi yang dilaksanakan "
    "oleh panitia.";

// POST /api/v1/check (query: e.g. "?lang=en") with the session's CSRF header.
httplib::Result Check(const DashboardHarness& harness, const std::string& cookie,
                      const std::string& query = "") {
  httplib::Params form{{"text", kDraft}, {"platform", "instagram"}};
  return harness.Client().Post(
      "/api/v1/check" + query,
      httplib::Headers{{"Cookie", cookie}, {"X-CSRF-Token", DashboardHarness::Csrf(cookie)}}, form);
}

// The JSON object of the first finding of `rule` in a check answer, "" when
// there is none (findings are flat objects that each start with "rule").
std::string FindingOf(const std::string& json, const std::string& rule) {
  size_t at = json.find("{\"rule\":\"" + rule + "\"");
  if (at == std::string::npos) return "";
  size_t end = json.find('}', at);
  size_t lesson = json.find(",\"lesson\":{", at);
  if (lesson != std::string::npos && lesson < end) end = json.find('}', end + 1);
  return json.substr(at, end + 1 - at);
}

// The answer without its "lesson" objects.
std::string WithoutLessons(std::string json) {
  for (size_t at; (at = json.find(",\"lesson\":{")) != std::string::npos;) {
    json.erase(at, json.find('}', at) + 1 - at);
  }
  return json;
}

TEST_F(LessonsTest, CheckJsonGivesEachFindingTheLessonThatTeachesItsRule) {
  std::string cookie = Login("sari");
  auto res = Check(harness_, cookie);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string birokrasi = FindingOf(res->body, "ID.BahasaBirokrasi");
  ASSERT_FALSE(birokrasi.empty()) << res->body;
  EXPECT_NE(birokrasi.find(",\"lesson\":{\"id\":\"bahasa-baku\",\"title\":\"Bahasa baku yang "
                           "hemat dan sopan\",\"url\":\"/materi/bahasa-baku\"}}"),
            std::string::npos)
      << birokrasi;
  const std::string akronim = FindingOf(res->body, "ID.AkronimTanpaKepanjangan");
  EXPECT_NE(akronim.find("\"url\":\"/materi/akronim-istilah\""), std::string::npos) << akronim;
  // Otherwise exactly `tanggap check --format json` (docs/check-json.md).
  auto pack = scorer::RulePack::Load(kRules);
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(
      WithoutLessons(res->body),
      ScoreResultJson((*pack)->Score(scorer::ScoreInput{kDraft, Platform::kInstagram, {}}), "id"));
  // The title in the user's language, as the page shows it.
  auto en = Check(harness_, cookie, "?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(FindingOf(en->body, "ID.BahasaBirokrasi")
                .find("\"title\":\"Standard, economical and polite Indonesian\""),
            std::string::npos)
      << en->body;
}

TEST(PracticeLessonTest, CheckJsonOmitsTheLessonWhenNoLessonTeachesTheRule) {
  // Every rule of the shipped pack has a lesson: take a copy in which
  // "akronim-istilah" no longer teaches ID.AkronimTanpaKepanjangan.
  TempDir dir;
  const std::string rules = dir.File("rules");
  std::filesystem::copy(kRules, rules, std::filesystem::copy_options::recursive);
  const std::string lesson = rules + "/pelatihan/lessons/akronim-istilah.md";
  std::string text = testing::ReadFile(lesson);
  const std::string line = "rules: [ID.AkronimTanpaKepanjangan, ";
  ASSERT_NE(text.find(line), std::string::npos);
  text.replace(text.find(line), line.size(), "rules: [");
  testing::WriteFile(lesson, text);
  const std::string db = dir.File("t.db");
  {
    auto store = Store::Open(db);
    ASSERT_TRUE(store.ok());
    User u;
    u.username = "sari";
    u.role = "trainee";
    u.password_hash = *HashPassword("kata-sandi-sari");
    ASSERT_TRUE((*store)->AddUser(u).ok());
  }
  DashboardHarness harness;
  ServerOptions o = DashboardHarness::Options(db);
  o.rules_dir = rules;
  ASSERT_NO_FATAL_FAILURE(harness.Start(o));
  std::string cookie = harness.Login("sari", "kata-sandi-sari");
  auto res = Check(harness, cookie);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string akronim = FindingOf(res->body, "ID.AkronimTanpaKepanjangan");
  ASSERT_FALSE(akronim.empty()) << res->body;
  EXPECT_EQ(akronim.find("lesson"), std::string::npos) << akronim;
  EXPECT_NE(FindingOf(res->body, "ID.BahasaBirokrasi").find("\"url\":\"/materi/bahasa-baku\""),
            std::string::npos)
      << res->body;
  // The page leaves the link out for that finding too.
  auto page = harness.Post("/latihan", cookie, {{"text", kDraft}, {"platform", "instagram"}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("href=\"/materi/bahasa-baku\""), std::string::npos);
  EXPECT_EQ(page->body.find("href=\"/materi/akronim-istilah\""), std::string::npos);
}

}  // namespace
}  // namespace tanggap::dashboard
