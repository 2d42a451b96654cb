// The competency map on hand-built facts: every axis pinned to the number
// docs/competency-map.md says a supervisor would compute by hand, plus the
// edge cases (no posts, zero followers, one question), the monthly trend,
// the agency aggregate, the radar chart and the config loader.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scorer/scorer.h"
#include "training/competency.h"
#include "training/lessons.h"
#include "util/time.h"

namespace tanggap::training {
namespace {

using scorer::Level;

const int64_t kNov1 = DaysFromCivil(2026, 11, 1);
const int64_t kNov30 = DaysFromCivil(2026, 11, 30);
const Period kNovember{kNov1, kNov30};

// Targets chosen so the arithmetic below stays readable.
constexpr char kConfig[] = R"(
axes:
  clarity: {lessons: [kalimat]}
  responsiveness: {sla_weight: 0.7, answered_weight: 0.3, lessons: [balas-cepat]}
  tone: {lessons: [nada]}
  accessibility:
    rules: [SOC.AltText, SOC.TagarCamelCase]
    scope: [media, hashtags]
    lessons: [alt]
  completeness:
    rules: [SOC.Kelengkapan5W1H, ID.ZonaWaktu]
    scope: ["kind:layanan"]
    lessons: [5w1h, zona-waktu]
  consistency: {posts_per_week: 2, lessons: [jadwal]}
  engagement: {target_rate: 0.02}
)";

CompetencyConfig Config() {
  auto c = ParseCompetencyConfig(kConfig, "test.yml", {});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : CompetencyConfig{};
}

PostFacts Post(int64_t day, std::optional<int> clarity, std::string kind,
               std::vector<std::string> rules, int media, int hashtags, int64_t interactions,
               std::optional<int64_t> followers) {
  PostFacts p;
  p.day = day;
  p.clarity = clarity;
  p.kind = std::move(kind);
  for (auto& r : rules) p.findings.push_back({r, Level::kWarning});
  p.media = media;
  p.hashtags = hashtags;
  p.interactions = interactions;
  p.followers = followers;
  return p;
}

QuestionFacts Question(int64_t day, bool answered, std::optional<int64_t> s, bool within) {
  QuestionFacts q;
  q.day = day;
  q.answered = answered;
  q.response_s = s;
  q.business_response_s = s;
  q.within_sla = within;
  return q;
}

// Sari's November (and one post and question in October, outside it).
TraineeFacts Sari() {
  TraineeFacts f;
  f.posts = {
      Post(kNov1 + 0, 80, "layanan", {"ID.ZonaWaktu"}, 1, 0, 30, 1000),
      Post(kNov1 + 2, 90, "edukasi", {"SOC.AltText"}, 2, 1, 10, 1000),
      Post(kNov1 + 9, 70, "layanan", {"ID.KalimatPanjang", "ID.KalimatPanjang"}, 0, 2, 0, 0),
      Post(kNov1 + 19, std::nullopt, "", {}, 0, 0, 50, std::nullopt),
      Post(kNov1 + 28, 100, "seremonial", {"ID.ZonaWaktu"}, 1, 1, 20, 2000),
      Post(kNov1 - 1, 0, "lainnya", {"SOC.AltText"}, 1, 0, 0, std::nullopt),  // 31 October
  };
  f.questions = {
      Question(kNov1 + 1, true, 600, true),
      Question(kNov1 + 5, true, 4000, true),
      Question(kNov1 + 12, true, 100000, false),
      Question(kNov1 + 20, false, std::nullopt, false),
      Question(kNov1 - 12, false, std::nullopt, false),  // 20 October
  };
  f.replies = {
      {kNov1 + 1, 90, {"NADA.Salam"}},
      {kNov1 + 5, 70, {"NADA.Salam", "NADA.LangkahLanjut"}},
      {kNov1 + 6, std::nullopt, {}},
  };
  return f;
}

TEST(CompetencyTest, EveryAxisOnHandBuiltMonth) {
  const CompetencyMap m = ComputeCompetency(Config(), Sari(), kNovember);

  // Clarity: scored posts 80, 90, 70, 100 -> 340 / 4 = 85.
  EXPECT_EQ(m[Axis::kClarity].value, 85);
  EXPECT_EQ(m[Axis::kClarity].evidence, 4);
  EXPECT_EQ(m[Axis::kClarity].why.id,
            "Rata-rata skor kejelasan 4 unggahan: 85; temuan tersering: ID.KalimatPanjang (2×).");
  EXPECT_EQ(m[Axis::kClarity].why.en,
            "Mean clarity score of 4 posts: 85; most frequent finding: ID.KalimatPanjang (2×).");

  // Responsiveness: 2 of 4 within SLA, 3 answered: 100 x (0.7 x 2/4 + 0.3 x
  // 3/4) = 57.5 -> 58 (half up, although 57.4999... in binary).
  EXPECT_EQ(m[Axis::kResponsiveness].value, 58);
  EXPECT_EQ(m[Axis::kResponsiveness].evidence, 4);
  EXPECT_EQ(m[Axis::kResponsiveness].why.id,
            "2 dari 4 pertanyaan dijawab dalam SLA, 3 dijawab; median respons 1 jam 6 menit.");
  EXPECT_EQ(m[Axis::kResponsiveness].why.en,
            "2 of 4 questions answered within the SLA, 3 answered; median response 1 h 6 min.");

  // Tone: (90 + 70) / 2; the unscored reply does not count.
  EXPECT_EQ(m[Axis::kTone].value, 80);
  EXPECT_EQ(m[Axis::kTone].evidence, 2);
  EXPECT_EQ(m[Axis::kTone].why.id,
            "Rata-rata skor nada 2 balasan: 80; aturan tersering: NADA.Salam (2×).");

  // Accessibility: posts with media or hashtags are 1, 2, 3, 5; only post 2
  // has an accessibility finding -> 3 / 4.
  EXPECT_EQ(m[Axis::kAccessibility].value, 75);
  EXPECT_EQ(m[Axis::kAccessibility].evidence, 4);
  EXPECT_EQ(m[Axis::kAccessibility].why.id,
            "3 dari 4 unggahan tanpa temuan aksesibilitas; tersering: SOC.AltText (1×).");
  EXPECT_EQ(m[Axis::kAccessibility].why.en,
            "3 of 4 posts with no accessibility finding; most frequent: SOC.AltText (1×).");

  // Completeness: layanan posts 1 and 3, plus post 5 where ID.ZonaWaktu
  // fired; only post 3 is clean -> 1 / 3 = 33.3 -> 33.
  EXPECT_EQ(m[Axis::kCompleteness].value, 33);
  EXPECT_EQ(m[Axis::kCompleteness].evidence, 3);
  EXPECT_EQ(m[Axis::kCompleteness].why.id,
            "1 dari 3 unggahan tanpa temuan kelengkapan; tersering: ID.ZonaWaktu (2×).");

  // Consistency, 2 posts a week: blocks of days 1-7 (2 posts: 1), 8-14 (1:
  // 0.5), 15-21 (1: 0.5), 22-28 (0: 0), 29-30 (1 post against 2 x 2/7: 1).
  // Day-weighted: (7 + 3.5 + 3.5 + 0 + 2) / 30 = 53.3 -> 53.
  EXPECT_EQ(m[Axis::kConsistency].value, 53);
  EXPECT_EQ(m[Axis::kConsistency].evidence, 5);
  EXPECT_EQ(m[Axis::kConsistency].why.id,
            "5 unggahan dalam 30 hari; 2 dari 5 pekan mencapai target 2,0 unggahan per pekan.");

  // Engagement: 30/1000, 10/1000, 20/2000 (zero and unknown followers left
  // out) -> mean 0.01667 against 0.02 -> 83.
  EXPECT_EQ(m[Axis::kEngagement].value, 83);
  EXPECT_EQ(m[Axis::kEngagement].evidence, 3);
  EXPECT_EQ(m[Axis::kEngagement].why.id,
            "Rata-rata tingkat interaksi 3 unggahan: 1,7% dari pengikut; target 2,0%.");
  EXPECT_EQ(m[Axis::kEngagement].why.en,
            "Mean engagement rate of 3 posts: 1.7% of followers; target 2.0%.");

  // The two weakest, lowest first, with their lessons.
  ASSERT_EQ(m.weakest.size(), 2u);
  EXPECT_EQ(m.weakest[0].axis, Axis::kCompleteness);
  EXPECT_EQ(m.weakest[0].value, 33);
  EXPECT_EQ(m.weakest[0].lessons, (std::vector<std::string>{"5w1h", "zona-waktu"}));
  EXPECT_EQ(m.weakest[1].axis, Axis::kConsistency);
  EXPECT_EQ(m.weakest[1].lessons, (std::vector<std::string>{"jadwal"}));
}

TEST(CompetencyTest, NoPostsNoQuestionsGivesNoValueAndNoWeakest) {
  const CompetencyMap m = ComputeCompetency(Config(), TraineeFacts{}, kNovember);
  for (Axis a : kAllAxes) {
    EXPECT_FALSE(m[a].value.has_value()) << AxisName(a);
    EXPECT_EQ(m[a].evidence, 0);
    EXPECT_FALSE(m[a].why.id.empty());
    EXPECT_FALSE(m[a].why.en.empty());
  }
  EXPECT_TRUE(m.weakest.empty());
  EXPECT_EQ(m[Axis::kConsistency].why.id, "Belum ada unggahan pada periode ini.");
}

TEST(CompetencyTest, ZeroFollowersLeavesEngagementEmptyNotNaN) {
  TraineeFacts f;
  f.posts = {Post(kNov1, 90, "edukasi", {}, 0, 0, 12, 0),
             Post(kNov1 + 1, 90, "edukasi", {}, 0, 0, 5, std::nullopt)};
  const CompetencyMap m = ComputeCompetency(Config(), f, kNovember);
  EXPECT_FALSE(m[Axis::kEngagement].value.has_value());
  EXPECT_EQ(m[Axis::kEngagement].why.en, "No posts with a known follower count in this period.");
  // A post with neither media nor hashtags is out of the accessibility scope.
  EXPECT_FALSE(m[Axis::kAccessibility].value.has_value());
  EXPECT_EQ(m[Axis::kClarity].value, 90);
}

TEST(CompetencyTest, EngagementIsCappedAt100) {
  TraineeFacts f;
  f.posts = {Post(kNov1, 90, "edukasi", {}, 0, 0, 500, 100)};  // 500%
  EXPECT_EQ(ComputeCompetency(Config(), f, kNovember)[Axis::kEngagement].value, 100);
}

TEST(CompetencyTest, OneQuestion) {
  TraineeFacts answered;
  answered.questions = {Question(kNov1 + 3, true, 45, true)};
  const CompetencyMap m = ComputeCompetency(Config(), answered, kNovember);
  EXPECT_EQ(m[Axis::kResponsiveness].value, 100);
  EXPECT_EQ(m[Axis::kResponsiveness].why.id,
            "1 dari 1 pertanyaan dijawab dalam SLA, 1 dijawab; median respons 45 detik.");
  ASSERT_EQ(m.weakest.size(), 1u);  // only one axis has a value
  EXPECT_EQ(m.weakest[0].axis, Axis::kResponsiveness);

  TraineeFacts late;
  late.questions = {Question(kNov1 + 3, true, 200000, false)};
  EXPECT_EQ(ComputeCompetency(Config(), late, kNovember)[Axis::kResponsiveness].value, 30);

  TraineeFacts missed;
  missed.questions = {Question(kNov1 + 3, false, std::nullopt, false)};
  const CompetencyMap mm = ComputeCompetency(Config(), missed, kNovember);
  EXPECT_EQ(mm[Axis::kResponsiveness].value, 0);
  EXPECT_EQ(mm[Axis::kResponsiveness].why.en,
            "0 of 1 questions answered within the SLA, 0 answered.");

  // "Within SLA" without "answered" is an inconsistent input; it earns
  // nothing rather than more than answering would.
  TraineeFacts odd;
  odd.questions = {Question(kNov1 + 3, false, std::nullopt, true)};
  EXPECT_EQ(ComputeCompetency(Config(), odd, kNovember)[Axis::kResponsiveness].value, 0);
}

TEST(CompetencyTest, WeakestTiesGoToTheEarlierAxis) {
  TraineeFacts f;
  f.posts = {Post(kNov1, 50, "edukasi", {}, 0, 0, 0, std::nullopt)};
  f.replies = {{kNov1, 50, {}}};
  f.questions = {Question(kNov1, false, std::nullopt, false)};
  const CompetencyMap m = ComputeCompetency(Config(), f, Period{kNov1, kNov1 + 6});
  // responsiveness 0; clarity 50 and tone 50 tie: clarity is listed first.
  // Consistency: 1 post of 2 in one 7-day block = 50, also a tie, later.
  ASSERT_EQ(m.weakest.size(), 2u);
  EXPECT_EQ(m.weakest[0].axis, Axis::kResponsiveness);
  EXPECT_EQ(m.weakest[1].axis, Axis::kClarity);
  EXPECT_EQ(m[Axis::kConsistency].value, 50);
}

TEST(CompetencyTest, MonthlyTrendSplitsAtMonthBoundaries) {
  const Period p{DaysFromCivil(2026, 10, 15), kNov30};
  const std::vector<MonthPoint> t = MonthlyTrend(Config(), Sari(), p);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].year, 2026);
  EXPECT_EQ(t[0].month, 10u);
  EXPECT_EQ(t[0].period.from_day, p.from_day);
  EXPECT_EQ(t[0].period.to_day, DaysFromCivil(2026, 10, 31));
  const auto at = [](const MonthPoint& m, Axis a) { return m.values[static_cast<size_t>(a)]; };
  // October: one post (31 Oct, clarity 0, alt-text finding) and one missed
  // question. Consistency: 17 days, blocks 7+7+3; the post is in the last
  // block (target 2 x 3/7, met) -> 3/17 = 17.6 -> 18.
  EXPECT_EQ(at(t[0], Axis::kClarity), 0);
  EXPECT_EQ(at(t[0], Axis::kResponsiveness), 0);
  EXPECT_EQ(at(t[0], Axis::kAccessibility), 0);
  EXPECT_EQ(at(t[0], Axis::kConsistency), 18);
  EXPECT_FALSE(at(t[0], Axis::kTone).has_value());
  EXPECT_FALSE(at(t[0], Axis::kEngagement).has_value());
  // November equals the map of November.
  EXPECT_EQ(t[1].month, 11u);
  const CompetencyMap nov = ComputeCompetency(Config(), Sari(), kNovember);
  for (Axis a : kAllAxes) EXPECT_EQ(at(t[1], a), nov[a].value) << AxisName(a);
}

TEST(CompetencyTest, MonthlyTrendAcrossNewYear) {
  const Period p{DaysFromCivil(2026, 12, 20), DaysFromCivil(2027, 1, 10)};
  const auto t = MonthlyTrend(Config(), TraineeFacts{}, p);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].month, 12u);
  EXPECT_EQ(t[1].year, 2027);
  EXPECT_EQ(t[1].month, 1u);
  EXPECT_EQ(t[1].period.from_day, DaysFromCivil(2027, 1, 1));
  EXPECT_TRUE(MonthlyTrend(Config(), TraineeFacts{}, Period{10, 9}).empty());
}

TEST(CompetencyTest, AgencyIsTheMeanOfItsTrainees) {
  const CompetencyConfig c = Config();
  TraineeFacts budi;  // one question, answered within the SLA: responsiveness 100
  budi.questions = {Question(kNov1 + 3, true, 45, true)};
  const std::vector<CompetencyMap> team = {ComputeCompetency(c, Sari(), kNovember),
                                           ComputeCompetency(c, budi, kNovember),
                                           ComputeCompetency(c, TraineeFacts{}, kNovember)};
  const CompetencyMap a = AgencyCompetency(c, team, kNovember);
  // Responsiveness: (58 + 100) / 2 = 79; the trainee without questions is
  // left out, not counted as 0.
  EXPECT_EQ(a[Axis::kResponsiveness].value, 79);
  EXPECT_EQ(a[Axis::kResponsiveness].evidence, 2);
  EXPECT_EQ(a[Axis::kResponsiveness].why.id, "Rata-rata 2 dari 3 peserta: 79.");
  EXPECT_EQ(a[Axis::kResponsiveness].why.en, "Mean of 2 of 3 trainees: 79.");
  EXPECT_EQ(a[Axis::kClarity].value, 85);
  EXPECT_EQ(a[Axis::kClarity].evidence, 1);
  ASSERT_EQ(a.weakest.size(), 2u);
  EXPECT_EQ(a.weakest[0].axis, Axis::kCompleteness);
  EXPECT_EQ(a.weakest[1].axis, Axis::kConsistency);

  const CompetencyMap empty = AgencyCompetency(c, {}, kNovember);
  EXPECT_FALSE(empty[Axis::kTone].value.has_value());
  EXPECT_EQ(empty[Axis::kTone].why.en, "No trainee has a value on this axis (of 0 trainees).");
}

TEST(CompetencyTest, AgencyTrendAveragesMonthByMonth) {
  MonthPoint oct{2026, 10, {DaysFromCivil(2026, 10, 1), DaysFromCivil(2026, 10, 31)}, {}};
  MonthPoint nov{2026, 11, kNovember, {}};
  const size_t clarity = static_cast<size_t>(Axis::kClarity);
  oct.values[clarity] = 60;
  nov.values[clarity] = 71;
  MonthPoint nov2 = nov;
  nov2.values[clarity] = 80;
  const auto t = AgencyTrend({{oct, nov}, {nov2}});
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].month, 10u);
  EXPECT_EQ(t[0].values[clarity], 60);
  EXPECT_EQ(t[1].values[clarity], 76);  // (71 + 80) / 2 = 75.5 -> 76
  EXPECT_FALSE(t[1].values[static_cast<size_t>(Axis::kTone)].has_value());
}

TEST(CompetencyTest, RadarSvgIsStaticAndLabelled) {
  const std::string id = RadarSvg(ComputeCompetency(Config(), Sari(), kNovember), "id");
  EXPECT_EQ(id.rfind("<svg", 0), 0u);
  EXPECT_NE(id.find("Kejelasan 85"), std::string::npos);
  EXPECT_NE(id.find("Kelengkapan 33"), std::string::npos);
  EXPECT_NE(id.find("<title>Peta kompetensi</title>"), std::string::npos);
  EXPECT_NE(id.find("aria-label=\"Peta kompetensi: Kejelasan 85; Ketanggapan 58;"),
            std::string::npos);
  EXPECT_EQ(id.find("style="), std::string::npos);
  EXPECT_EQ(id.find("<script"), std::string::npos);
  EXPECT_EQ(id.substr(id.size() - 6), "</svg>");
  const std::string en = RadarSvg(ComputeCompetency(Config(), TraineeFacts{}, kNovember), "en");
  EXPECT_NE(en.find("Clarity —"), std::string::npos);
  EXPECT_EQ(en.find("nan"), std::string::npos);
  // Deterministic: the same map gives the same bytes.
  EXPECT_EQ(id, RadarSvg(ComputeCompetency(Config(), Sari(), kNovember), "id"));
}

TEST(CompetencyConfigTest, RejectsBadFilesNamingFileLineAndAxis) {
  const std::vector<std::string> known = {"SOC.AltText", "ID.ZonaWaktu"};
  auto err = [&](const std::string& yaml) {
    auto r = ParseCompetencyConfig(yaml, "competency.yml", known);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  const std::string base =
      "axes:\n  clarity: {}\n  responsiveness: {}\n  tone: {}\n"
      "  accessibility: {rules: [SOC.AltText], scope: [media]}\n"
      "  completeness: {rules: [ID.ZonaWaktu], scope: [all]}\n"
      "  consistency: {}\n";
  EXPECT_TRUE(ParseCompetencyConfig(base + "  engagement: {}\n", "c.yml", known).ok());
  EXPECT_EQ(err(base), "competency.yml: axis 'engagement' is missing");
  EXPECT_EQ(err(base + "  engagement: {target_rate: 0}\n"),
            "competency.yml:8: axis 'engagement': target_rate must be a number > 0");
  EXPECT_EQ(err(base + "  engagement: {}\n  tone: {}\n"),
            "competency.yml:9: axis 'tone' appears twice");
  EXPECT_EQ(err(base + "  engagement: {}\n  kecepatan: {}\n"),
            "competency.yml:9: unknown axis 'kecepatan'");
  EXPECT_EQ(err("axes:\n  completeness: {rules: [SOC.Kelengkapan5W1H]}\n"),
            "competency.yml:2: axis 'completeness': unknown rule 'SOC.Kelengkapan5W1H' (not in "
            "the clarity pack)");
  EXPECT_EQ(err("axes:\n  accessibility: {rules: [SOC.AltText], scope: [gambar]}\n"),
            "competency.yml:2: axis 'accessibility': unknown scope 'gambar'; use all, media, "
            "hashtags or kind:<kind>");
  EXPECT_EQ(err("axes:\n  tone: {rules: [SOC.AltText]}\n"),
            "competency.yml:2: axis 'tone': unknown key 'rules'");
  EXPECT_EQ(err("axes:\n  accessibility: {scope: [media]}\n"),
            "competency.yml:2: axis 'accessibility': needs 'rules: [...]'");
  EXPECT_EQ(err("axes:\n  responsiveness: {sla_weight: 0, answered_weight: 0}\n"),
            "competency.yml:2: axis 'responsiveness': sla_weight and answered_weight cannot "
            "both be 0");
  EXPECT_NE(err("axes: [unclosed\n").find("competency.yml:"), std::string::npos);
}

TEST(CompetencyConfigTest, ShippedConfigLoadsAgainstTheShippedPack) {
  auto pack = scorer::RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  auto c = LoadCompetencyConfig(
      std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/pelatihan/competency.yml", **pack);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ((*c)[Axis::kAccessibility].rules.front(), "SOC.AltText");
  EXPECT_TRUE((*c)[Axis::kAccessibility].scope.media);
  EXPECT_EQ((*c)[Axis::kCompleteness].scope.kinds, (std::vector<std::string>{"layanan"}));
  EXPECT_DOUBLE_EQ(c->sla_weight, 0.7);
  EXPECT_FALSE(LoadCompetencyConfig("/nonexistent/competency.yml", **pack).ok());
}

TEST(CompetencyConfigTest, ShippedConfigNamesShippedLessons) {
  const std::string root = TANGGAP_SOURCE_DIR;
  auto pack = scorer::RulePack::Load(root + "/rules/id-pemerintah");
  auto tone = scorer::RulePack::Load(root + "/rules/id-pemerintah/nada-balasan");
  ASSERT_TRUE(pack.ok() && tone.ok());
  std::vector<std::string> rules = RuleIds(**pack);
  for (const std::string& r : RuleIds(**tone)) rules.push_back(r);
  auto lessons = LessonLibrary::Load(root + "/rules/id-pemerintah/pelatihan/lessons", rules);
  ASSERT_TRUE(lessons.ok()) << lessons.status().ToString();
  std::vector<std::string> ids;
  for (const Lesson& l : (*lessons)->all()) ids.push_back(l.id);
  auto c = LoadCompetencyConfig(root + "/rules/id-pemerintah/pelatihan/competency.yml", **pack);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Status s = CheckLessons(*c, ids);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(CompetencyConfigTest, CheckLessonsNamesTheAxis) {
  const CompetencyConfig c = Config();
  EXPECT_TRUE(
      CheckLessons(c, {"kalimat", "balas-cepat", "nada", "alt", "5w1h", "zona-waktu", "jadwal"})
          .ok());
  const Status s = CheckLessons(c, {"kalimat"});
  EXPECT_EQ(s.message(),
            "competency: axis 'responsiveness' names lesson 'balas-cepat', which does not exist");
}

}  // namespace
}  // namespace tanggap::training
