// The training-loop pages over loopback HTTP: who may see whose competency
// map, badges and cohort (404 outside one's scope, 403 for a trainee on a
// supervisor page), the radar and axes on the page and in JSON, and the
// individual-ranking switch with and without CSRF.
#include <gtest/gtest.h>

#include "dashboard/i18n.h"
#include "tests/growth_fixture.h"

namespace tanggap {
namespace {

using growth_test::Count;

class CompetencyTest : public growth_test::Served {};

constexpr char kAllTime[] = "from=2026-01-01&to=2026-11-30";

TEST(GrowthCatalogTest, BothLanguagesHaveEveryKey) {
  const dashboard::Catalog& id = dashboard::Catalog::For("id");
  const dashboard::Catalog& en = dashboard::Catalog::For("en");
  int keys = 0;
  for (const char* prefix : {"growth.", "competency.", "badges.", "coaching.", "cohort."}) {
    for (const auto& [key, text] : id.entries()) {
      if (!key.starts_with(prefix)) continue;
      ++keys;
      EXPECT_TRUE(en.entries().count(key)) << key;
    }
    for (const auto& [key, text] : en.entries()) {
      if (key.starts_with(prefix)) {
        EXPECT_TRUE(id.entries().count(key)) << key;
      }
    }
  }
  EXPECT_GT(keys, 100);
  EXPECT_EQ(id("growth.leader"), "Pimpinan");
}

TEST_F(CompetencyTest, TraineeSeesOwnMapOnly) {
  const std::string sari = Login("sari");
  ASSERT_FALSE(sari.empty());
  const std::string page = Body(std::string("/kompetensi?") + kAllTime, sari);
  EXPECT_NE(page.find("tg-radar"), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"axes\""), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"trend\""), std::string::npos);
  EXPECT_EQ(Status("/kompetensi?trainee=rina", sari), 404);
  EXPECT_EQ(Status("/api/v1/competency?trainee=rina", sari), 404);
  EXPECT_EQ(Status("/kompetensi?agency=Diskominfo", sari), 404);
  EXPECT_EQ(Status("/kohort", sari), 403);
  EXPECT_EQ(Status("/api/v1/cohort", sari), 403);
  EXPECT_EQ(Status("/lencana?trainee=rina", sari), 404);
  const std::string json = Body(std::string("/api/v1/competency?") + kAllTime, sari);
  EXPECT_NE(json.find("\"trainee\":\"sari\""), std::string::npos);
  // 3 judged questions, 2 answered, 1 within SLA: responsiveness has a value.
  EXPECT_NE(json.find("\"axis\":\"responsiveness\",\"value\":"), std::string::npos);
  EXPECT_EQ(json.find("\"axis\":\"responsiveness\",\"value\":null"), std::string::npos);
  EXPECT_NE(json.find("\"axis\":\"clarity\",\"value\":80"), std::string::npos) << json;
}

TEST_F(CompetencyTest, SupervisorScope) {
  const std::string budi = Login("budi");
  const std::string dewi = Login("dewi");
  ASSERT_FALSE(budi.empty());
  ASSERT_FALSE(dewi.empty());
  EXPECT_NE(Body("/kompetensi", budi).find("/kompetensi?trainee=sari"), std::string::npos);
  EXPECT_EQ(Status("/kompetensi?trainee=sari", budi), 200);
  EXPECT_EQ(Status("/kompetensi?agency=Diskominfo", budi), 200);
  EXPECT_EQ(Status("/kompetensi?trainee=rina", budi), 404);
  EXPECT_EQ(Status("/kompetensi?agency=Dinkes", budi), 404);
  EXPECT_EQ(Status("/kompetensi?trainee=nobody", budi), 404);
  EXPECT_EQ(Status("/kompetensi?trainee=sari", dewi), 404);
  EXPECT_EQ(Status("/kompetensi?trainee=rina", dewi), 200);
  EXPECT_EQ(Status("/lencana?trainee=sari", dewi), 404);
  // The cohort lists only trainees in scope.
  EXPECT_EQ(Body("/api/v1/cohort", dewi).find("\"sari\""), std::string::npos);
  const std::string admin = Login("admin");
  EXPECT_EQ(Status("/kompetensi?trainee=rina", admin), 200);
  EXPECT_EQ(Status("/kompetensi?trainee=sari", admin), 200);
}

TEST_F(CompetencyTest, LeaderAccountsAreMarked) {
  growth_test::Exec(db_, "UPDATE accounts SET is_leader = 1 WHERE handle = 'kominfo'");
  const std::string budi = Login("budi");
  EXPECT_NE(Body("/kompetensi?trainee=sari", budi).find("tg-leader\">Pimpinan<"),
            std::string::npos);
  EXPECT_EQ(Body("/kompetensi?trainee=rina", Login("dewi")).find("tg-leader\">"),
            std::string::npos);
}

TEST_F(CompetencyTest, IndividualRankingNeedsCsrfAndScope) {
  const std::string budi = Login("budi");
  const std::string dewi = Login("dewi");
  const std::string sari = Login("sari");
  const std::string flag = "SELECT individual_ranking FROM agencies WHERE name = 'Diskominfo'";
  EXPECT_EQ(Post("/lencana/peringkat", budi, {{"agency", "Diskominfo"}, {"on", "1"}}, false), 403);
  EXPECT_EQ(Count(db_, flag), 0);
  EXPECT_EQ(Post("/lencana/peringkat", dewi, {{"agency", "Diskominfo"}, {"on", "1"}}), 404);
  EXPECT_EQ(Post("/lencana/peringkat", sari, {{"agency", "Diskominfo"}, {"on", "1"}}), 403);
  EXPECT_EQ(Count(db_, flag), 0);
  // Without the opt-in sari's page has no individual ranking of Diskominfo.
  EXPECT_EQ(Body("/lencana", sari).find("data-testid=\"individual\""), std::string::npos);
  EXPECT_EQ(Post("/lencana/peringkat", budi, {{"agency", "Diskominfo"}, {"on", "1"}}), 303);
  EXPECT_EQ(Count(db_, flag), 1);
  EXPECT_NE(Body("/lencana", sari).find("data-testid=\"individual\""), std::string::npos);
  const std::string json = Body("/api/v1/badges", sari);
  EXPECT_NE(json.find("\"individual\":{\"Diskominfo\":[{\"rank\":1,\"trainee\":\"sari\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"teams\":[{\"rank\":1"), std::string::npos);
}

}  // namespace
}  // namespace tanggap
