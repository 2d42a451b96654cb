// The overview (/ringkasan and its drill-downs), the monthly reports
// (/laporan) and the SVG charts they draw: charts as pure functions with
// exact coordinates, pages over loopback HTTP on a real SQLite file whose
// threads were analysed like `tanggap analyze` does.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <thread>

#include "dashboard/auth.h"
#include "dashboard/i18n.h"
#include "dashboard/server.h"
#include "dashboard/svg_chart.h"
#include "jobs/responsiveness_report.h"
#include "responsiveness/business_hours.h"
#include "scorer/reply_classifier.h"
#include "store/progress_queries.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

using testing::ReadFile;
using testing::TempDir;

bool HasNanOrInf(const std::string& s) {
  std::string lower;
  for (char ch : s)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  return lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos;
}

// ---- Charts --------------------------------------------------------------

TEST(SvgChartTest, FormatValue) {
  const ValueFormat percent{100, 0, "%"};
  EXPECT_EQ(FormatValue(0.834, percent), "83%");
  EXPECT_EQ(FormatValue(1, percent), "100%");
  EXPECT_EQ(FormatValue(-0.001, percent), "0%");  // never "-0%"
  EXPECT_EQ(FormatValue(std::nullopt, percent), "–");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::quiet_NaN(), percent), "–");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity(), percent), "–");
  EXPECT_EQ(FormatValue(0.01234, ValueFormat{100, 2, " %"}), "1.23 %");
}

TEST(SvgChartTest, SparklineHasFixedCoordinatesTitleAndDesc) {
  Sparkline s;
  s.id = "row-1";
  s.title = "Tingkat respons";
  s.x_labels = {"W1", "W2", "W3"};
  s.values = {0.0, 0.5, 1.0};
  s.format = ValueFormat{100, 0, "%"};
  const std::string svg = RenderSparkline(s);
  EXPECT_NE(svg.find("points=\"2.0,22.0 50.0,12.0 98.0,2.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("<circle cx=\"98.0\" cy=\"2.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"row-1-t row-1-d\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"row-1-t\">Tingkat respons</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"row-1-d\">W1: 0%; W2: 50%; W3: 100%</desc>"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);  // CSP style-src 'self'
}

TEST(SvgChartTest, SparklineGapsAndNonFiniteValues) {
  Sparkline s;
  s.id = "g";
  s.values = {0.0, std::numeric_limits<double>::quiet_NaN(), 1.0, 1.0,
              std::numeric_limits<double>::infinity()};
  const std::string svg = RenderSparkline(s);
  EXPECT_FALSE(HasNanOrInf(svg)) << svg;
  // x = 2, 26, 50, 74, 98: the lone first point draws no line, the run of
  // two after the gap does.
  EXPECT_NE(svg.find("points=\"50.0,2.0 74.0,2.0\""), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<polyline", svg.find("<polyline") + 1), std::string::npos) << svg;
  EXPECT_NE(svg.find("<circle cx=\"74.0\" cy=\"2.0\""), std::string::npos) << svg;
}

TEST(SvgChartTest, EmptyInputsGiveValidNanFreeMarkup) {
  Sparkline s;
  s.id = "e";
  const std::string spark = RenderSparkline(s);
  EXPECT_EQ(spark.find("<polyline"), std::string::npos);
  EXPECT_EQ(spark.find("<circle"), std::string::npos);
  EXPECT_NE(spark.find("</svg>"), std::string::npos);
  EXPECT_FALSE(HasNanOrInf(spark));

  LineChart line;
  line.id = "l";
  line.title = "Kosong";
  line.empty_text = "Tidak ada data";
  const std::string empty = RenderLineChart(line);
  EXPECT_NE(empty.find("Tidak ada data"), std::string::npos);
  EXPECT_EQ(empty.find("<polyline"), std::string::npos);
  EXPECT_FALSE(HasNanOrInf(empty)) << empty;

  line.x_labels = {"a", "b"};
  line.series = {{"s", {std::nullopt, std::numeric_limits<double>::quiet_NaN()}}};
  line.y_min = line.y_max = 0;  // automatic range over no data
  const std::string gaps = RenderLineChart(line);
  EXPECT_NE(gaps.find("Tidak ada data"), std::string::npos);
  EXPECT_EQ(gaps.find("<circle"), std::string::npos);
  EXPECT_FALSE(HasNanOrInf(gaps)) << gaps;

  RadarChart radar;
  radar.id = "r";
  radar.axes = {"a", "b"};  // too few axes: no shape, still the table
  radar.series = {{"s", {50, 50}}};
  const std::string r = RenderRadarChart(radar);
  EXPECT_EQ(r.find("<polygon"), std::string::npos);
  EXPECT_NE(r.find("<table>"), std::string::npos);
  EXPECT_FALSE(HasNanOrInf(r));
}

TEST(SvgChartTest, LineChartCoordinatesAxesAndDataTable) {
  LineChart c;
  c.id = "trend";
  c.title = "Tren";
  c.desc = "Per minggu";
  c.x_labels = {"2026-W45", "2026-W46", "2026-W47"};
  c.series = {{"Respons", {0.0, 0.5, 1.0}}, {"SLA", {std::nullopt, 0.25, 0.25}}};
  c.format = ValueFormat{100, 0, "%"};
  c.x_heading = "Minggu";
  c.table_caption = "Data";
  const std::string svg = RenderLineChart(c);
  // Plot 56..612 wide, 12..200 high.
  EXPECT_NE(svg.find("points=\"56.0,200.0 334.0,106.0 612.0,12.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("points=\"334.0,153.0 612.0,153.0\""), std::string::npos) << svg;
  for (const char* tick : {">0%<", ">25%<", ">50%<", ">75%<", ">100%<"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  EXPECT_NE(svg.find(">2026-W46</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"trend-t\">Tren</title><desc id=\"trend-d\">Per minggu</desc>"),
            std::string::npos);
  EXPECT_NE(svg.find("class=\"chart-legend\""), std::string::npos);  // two series
  EXPECT_NE(svg.find("<th scope=\"row\">2026-W45</th><td>0%</td><td>–</td>"), std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<div class=\"scroll\"><table>"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
  EXPECT_FALSE(HasNanOrInf(svg));
}

TEST(SvgChartTest, AutomaticRangeEndsOnRoundTicks) {
  LineChart c;
  c.id = "n";
  c.x_labels = {"a", "b"};
  c.series = {{"Pertanyaan", {37.0, 12.0}}};
  c.y_min = c.y_max = 0;
  std::string svg = RenderLineChart(c);
  for (const char* tick : {">0<", ">10<", ">20<", ">30<", ">40<"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  // 37 of 40 over a plot 188 high from y 200: 200 - 188 * 37 / 40 = 26.1.
  EXPECT_NE(svg.find("points=\"56.0,26.1 612.0,143.6\""), std::string::npos) << svg;
  c.series = {{"Rate", {1.0, 0.5}}};
  c.format = ValueFormat{100, 0, "%"};
  svg = RenderLineChart(c);
  EXPECT_NE(svg.find(">100%<"), std::string::npos);  // 4 ticks of 25%, not up to 200%
  EXPECT_EQ(svg.find(">200%<"), std::string::npos);
}

TEST(SvgChartTest, RadarChartCoordinates) {
  RadarChart c;
  c.id = "kompetensi";
  c.title = "Peta kompetensi";
  c.axes = {"Kejelasan", "Kecepatan", "Nada", "Aksesibilitas"};
  c.series = {{"Sari", {100.0, 50.0, 0.0, 25.0}}};
  const std::string svg = RenderRadarChart(c);
  // Centre (240, 200), radius 130; axis 0 up, then clockwise.
  EXPECT_NE(svg.find("points=\"240.0,70.0 305.0,200.0 240.0,200.0 207.5,200.0\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("fill-opacity=\"0.15\""), std::string::npos);
  EXPECT_NE(svg.find(">Aksesibilitas</text>"), std::string::npos);
  EXPECT_NE(svg.find("<th scope=\"row\">Nada</th><td>0</td>"), std::string::npos) << svg;
  // Out-of-range values are clamped to the outer ring.
  c.series = {{"x", {150.0, -5.0, 100.0, 100.0}}};
  EXPECT_NE(RenderRadarChart(c).find("points=\"240.0,70.0 240.0,200.0 240.0,330.0 110.0,200.0\""),
            std::string::npos);
}

TEST(SvgChartTest, EscapesEveryLabelAndSanitisesIds) {
  const std::string evil = "<script>alert(1)</script>\"'";
  Sparkline s;
  s.id = "a\"><script>";
  s.title = evil;
  s.x_labels = {evil};
  s.values = {0.5};
  LineChart l;
  l.id = "l";
  l.title = l.desc = l.x_heading = l.table_caption = l.empty_text = evil;
  l.x_labels = {evil};
  l.series = {{evil, {0.5}}, {evil, {0.25}}};
  RadarChart r;
  r.id = "r";
  r.title = r.desc = r.axis_heading = r.table_caption = evil;
  r.axes = {evil, evil, evil};
  r.series = {{evil, {1.0, 2.0, 3.0}}, {evil, {4.0, 5.0, 6.0}}};
  for (const std::string& out : {RenderSparkline(s), RenderLineChart(l), RenderRadarChart(r)}) {
    EXPECT_EQ(out.find("<script"), std::string::npos) << out;
    EXPECT_EQ(out.find("alert(1)</script>\""), std::string::npos);
    EXPECT_NE(out.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"), std::string::npos);
  }
  EXPECT_NE(RenderSparkline(s).find("id=\"ascript-t\""), std::string::npos);
}

// ---- Pages ---------------------------------------------------------------

int64_t T(const char* rfc3339) { return ParseRfc3339(rfc3339)->unix_seconds; }
Timestamp Ts(const char* rfc3339) { return Timestamp{rfc3339, T(rfc3339)}; }

class OverviewServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    {
      auto opened = Store::Open(db_);
      ASSERT_TRUE(opened.ok());
      Store& s = **opened;
      Put(s, Account{Platform::kMastodon, "1", "kominfo", "<b>Kominfo</b>", "Diskominfo", 1000});
      Put(s, Account{Platform::kX, "2", "kominfo_pgk", "Kominfo X", "Diskominfo", 500});
      Put(s, Account{Platform::kMastodon, "3", "dinkes", "Dinkes", "Dinkes", 800});
      // Week 45 and 46 of 2026 for Kominfo, week 45 for Dinkes: each post
      // with one question answered after an hour and one never answered.
      Thread(s, "1", "k1", "2026-11-02T08:00:00+07:00", "<script>window.x=1</script> Jadwal");
      Thread(s, "1", "k2", "2026-11-10T08:00:00+07:00", "Jadwal posyandu");
      Thread(s, "3", "d1", "2026-11-03T08:00:00+07:00", "Rahasia Dinkes");
      Put(s, Post{Platform::kX,
                  "x1",
                  "2",
                  Ts("2026-11-04T09:00:00+07:00"),
                  "Info layanan",
                  std::nullopt,
                  {},
                  "id"});
      for (auto [name, role, agency] :
           {std::tuple{"admin", "admin", ""}, std::tuple{"budi", "supervisor", "Diskominfo"},
            std::tuple{"sari", "trainee", ""}, std::tuple{"rina", "trainee", ""},
            std::tuple{"dedi", "trainee", ""}}) {
        User u;
        u.username = name;
        u.role = role;
        u.password_hash = *HashPassword("kata-sandi-" + std::string(name));
        if (*agency) u.agencies = {agency};
        ASSERT_TRUE(s.AddUser(u).ok());
      }
      ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
      ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "rina").ok());
      ASSERT_TRUE(s.AssignTrainee("mastodon:dinkes", "rina").ok());  // spans two agencies
      ASSERT_TRUE(s.AssignTrainee("mastodon:dinkes", "dedi").ok());
      auto classifier = scorer::ReplyClassifier::Load(
          TANGGAP_SOURCE_DIR "/rules/id-pemerintah/klasifikasi-balasan.yml");
      ASSERT_TRUE(classifier.ok()) << classifier.status().message();
      auto stats = AnalyzeThreads(&s, **classifier, nullptr, WorkingCalendar(), "v1",
                                  AnalyzeOptions{true, 1000, 1, {}}, nullptr);
      ASSERT_TRUE(stats.ok()) << stats.status().message();
      ASSERT_EQ(stats->questions, 6);
    }
    ServerOptions o = DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void TearDown() override { harness_.Stop(); }

  template <typename R>
  static void Put(Store& s, const R& r) {
    auto up = s.Upsert(r);
    ASSERT_TRUE(up.ok()) << up.status().message();
  }
  // A post with a question answered an hour later and one left open.
  static void Thread(Store& s, const std::string& account, const std::string& id, const char* at,
                     const char* text) {
    const int64_t t0 = T(at);
    auto ts = [&](int64_t plus) { return Timestamp{FormatRfc3339(t0 + plus, 420), t0 + plus}; };
    Put(s, Post{Platform::kMastodon, id, account, ts(0), text, std::nullopt, {}, "id"});
    Put(s, Reply{Platform::kMastodon, id + "-q1", id, std::nullopt, "c1", "warga1", ts(3600),
                 "Min, kapan jadwal posyandu di Bacang?"});
    Put(s, Reply{Platform::kMastodon, id + "-a1", id, id + "-q1", account, "admin", ts(7200),
                 "Halo Kak, Senin pukul 08.00 WIB."});
    Put(s, Reply{Platform::kMastodon, id + "-q2", id, std::nullopt, "c2", "warga2", ts(10800),
                 "Min, di mana lokasi posyandu Gabek?"});
  }

  httplib::Client Client() { return harness_.Client(); }
  std::string Login(const std::string& user) { return harness_.Login(user, "kata-sandi-" + user); }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return harness_.Get(path, cookie);
  }
  // GET that must answer `status`; returns the body.
  std::string Body(const std::string& path, const std::string& cookie, int status = 200) {
    auto res = Get(path, cookie);
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, status) << path;
    return res->body;
  }

  TempDir dir_;
  std::string db_;
  DashboardHarness harness_;
};

std::string StripTags(const std::string& html) {
  return std::regex_replace(html, std::regex("<[^>]*>"), "");
}

// (first cell text, questions) of each body row of the table `testid`.
std::vector<std::pair<std::string, std::string>> HtmlRows(const std::string& html,
                                                          const std::string& testid) {
  std::vector<std::pair<std::string, std::string>> rows;
  const size_t start = html.find("data-testid=\"" + testid + "\"");
  if (start == std::string::npos) return rows;
  const size_t body = html.find("<tbody>", start);
  const std::string table = html.substr(body, html.find("</tbody>", body) - body);
  // Figure tables have a clarity cell between the two.
  static const std::regex row(
      "<tr><td>(.*?)</td>(?:<td data-sort=\"[^\"]*\">[^<]*</td>)?<td>([0-9]+)</td>");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row);
       it != std::sregex_iterator(); ++it) {
    rows.emplace_back(StripTags((*it)[1]), (*it)[2]);
  }
  return rows;
}

// (first column, questions column) of each CSV data row (ReportCsv: group,
// period, questions, ...); `column` 0 = group, 1 = period.
std::vector<std::pair<std::string, std::string>> CsvRows(const std::string& csv, int column) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t pos = csv.find("\r\n");
  while (pos != std::string::npos && pos + 2 < csv.size()) {
    const size_t end = csv.find("\r\n", pos + 2);
    const std::string line = csv.substr(pos + 2, end - pos - 2);
    std::vector<std::string> cells;
    size_t from = 0;
    for (int i = 0; i < 3; ++i) {
      const size_t comma = line.find(',', from);
      cells.push_back(line.substr(from, comma - from));
      from = comma + 1;
    }
    rows.emplace_back(cells[column], cells[2]);
    pos = end;
  }
  return rows;
}

// A leader's own account carries the mark in the overview, the others not;
// marking it later shows on the next view (a commit: the view cache drops).
TEST_F(OverviewServerTest, LeadersAccountsAreMarked) {
  const std::string budi = Login("budi");
  ASSERT_FALSE(budi.empty());
  auto row_of = [](const std::string& html, const std::string& key) {
    const size_t at = html.find(">" + key + "<");
    return at == std::string::npos ? std::string() : html.substr(at, html.find("</td>", at) - at);
  };
  std::string html = Body("/ringkasan?month=2026-11", budi);
  EXPECT_EQ(html.find("tg-leader"), std::string::npos);
  {
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok());
    auto marked = SetLeaderAccount(**store, "mastodon", "kominfo", true);
    ASSERT_TRUE(marked.ok() && *marked);
  }
  html = Body("/ringkasan?month=2026-11", budi);
  EXPECT_NE(row_of(html, "mastodon:kominfo").find("tg-leader"), std::string::npos) << html;
  EXPECT_EQ(row_of(html, "x:kominfo_pgk").find("tg-leader"), std::string::npos);
}

TEST_F(OverviewServerTest, PeriodParsing) {
  const std::string budi = Login("budi");
  ASSERT_FALSE(budi.empty());
  std::string html = Body("/ringkasan?month=2026-11", budi);
  EXPECT_NE(html.find("<span data-testid=\"span\">01-11-2026 – 30-11-2026</span> (30 hari)"),
            std::string::npos);
  EXPECT_NE(html.find("value=\"2026-11\""), std::string::npos);  // the month input keeps it
  EXPECT_EQ(html.find("role=\"alert\""), std::string::npos);
  html = Body("/ringkasan?from=2026-11-02&to=2026-11-08", budi);
  EXPECT_NE(html.find(">02-11-2026 – 08-11-2026</span> (7 hari)"), std::string::npos);
  EXPECT_EQ(HtmlRows(html, "overview"), (std::vector<std::pair<std::string, std::string>>{
                                            {"mastodon:kominfo", "2"}, {"x:kominfo_pgk", "0"}}));
  html = Body("/ringkasan?days=7", budi);
  EXPECT_NE(html.find("<option value=\"7\" selected>"), std::string::npos);
  EXPECT_NE(html.find("(7 hari)"), std::string::npos);

  // Invalid input: a clear message and the default 30 days.
  for (const char* bad : {"days=abc", "days=0", "days=99999", "month=2026-13", "month=26-11",
                          "from=2026-11-10", "from=2026-11-10&to=2026-11-01",
                          "from=2026-02-30&to=2026-03-01", "from=2000-01-01&to=2026-01-01"}) {
    html = Body(std::string("/ringkasan?") + bad, budi);
    EXPECT_NE(html.find("role=\"alert\""), std::string::npos) << bad;
    EXPECT_NE(html.find("Menampilkan 30 hari terakhir."), std::string::npos) << bad;
    EXPECT_NE(html.find("(30 hari)"), std::string::npos) << bad;
    // CSV and JSON refuse instead of answering for another period.
    EXPECT_EQ(Get(std::string("/ringkasan.csv?") + bad, budi)->status, 400) << bad;
    auto api = Get(std::string("/api/v1/overview?") + bad, budi);
    EXPECT_EQ(api->status, 400) << bad;
    EXPECT_EQ(api->body.rfind("{\"error\":", 0), 0u) << api->body;
  }
  html = Body("/ringkasan?month=2026-11&by=everything", budi);
  EXPECT_NE(html.find("Pengelompokan tidak dikenal"), std::string::npos);
  // English catalogue.
  html = Body("/ringkasan?days=abc&lang=en", budi);
  EXPECT_NE(html.find("Showing the last 30 days."), std::string::npos);
}

TEST_F(OverviewServerTest, CsvRowsEqualHtmlRows) {
  const std::string budi = Login("budi");
  for (const char* by : {"account", "agency", "trainee"}) {
    const std::string q = std::string("?month=2026-11&by=") + by;
    auto html = HtmlRows(Body("/ringkasan" + q, budi), "overview");
    auto csv = CsvRows(Body("/ringkasan.csv" + q, budi), 0);
    EXPECT_FALSE(html.empty()) << by;
    EXPECT_EQ(html, csv) << by;
  }
  EXPECT_EQ(HtmlRows(Body("/ringkasan?month=2026-11&by=agency", budi), "overview"),
            (std::vector<std::pair<std::string, std::string>>{{"Diskominfo", "4"}}));
  // Rina also runs a Dinkes account: her row would mix in Dinkes figures.
  const std::string trainees = Body("/ringkasan?month=2026-11&by=trainee", budi);
  EXPECT_EQ(HtmlRows(trainees, "overview"),
            (std::vector<std::pair<std::string, std::string>>{{"sari", "4"}}));
  EXPECT_NE(trainees.find("data-testid=\"partial-trainees\""), std::string::npos);
  const std::string admin = Login("admin");
  EXPECT_EQ(HtmlRows(Body("/ringkasan?month=2026-11&by=trainee", admin), "overview"),
            (std::vector<std::pair<std::string, std::string>>{
                {"(tanpa peserta)", "0"}, {"dedi", "2"}, {"rina", "6"}, {"sari", "4"}}));

  // Drill-downs and the monthly report: CSV rows are the HTML rows.
  auto weeks =
      HtmlRows(Body("/ringkasan/akun/mastodon:kominfo?month=2026-11", budi), "account-trend");
  EXPECT_EQ(weeks, (std::vector<std::pair<std::string, std::string>>{{"2026-W45", "2"},
                                                                     {"2026-W46", "2"}}));
  EXPECT_EQ(weeks, CsvRows(Body("/ringkasan/akun/mastodon:kominfo.csv?month=2026-11", budi), 1));
  auto sari = HtmlRows(Body("/ringkasan/trainee/sari?month=2026-11", budi), "trainee-figures");
  EXPECT_EQ(sari, (std::vector<std::pair<std::string, std::string>>{{"mastodon:kominfo", "4"}}));
  EXPECT_EQ(sari, CsvRows(Body("/ringkasan/trainee/sari.csv?month=2026-11", budi), 0));
  auto report = HtmlRows(Body("/laporan/Diskominfo/2026-11", budi), "report-accounts");
  EXPECT_EQ(report, (std::vector<std::pair<std::string, std::string>>{{"mastodon:kominfo", "4"},
                                                                      {"x:kominfo_pgk", "0"}}));
  EXPECT_EQ(report, CsvRows(Body("/laporan/Diskominfo/2026-11.csv", budi), 0));
}

TEST_F(OverviewServerTest, DrillDownsStayInScope) {
  const std::string budi = Login("budi");
  // Another agency's account, trainee or report: 404, as if it did not exist.
  for (const char* path :
       {"/ringkasan/akun/mastodon:dinkes", "/ringkasan/akun/mastodon:dinkes.csv",
        "/ringkasan/akun/mastodon:nobody", "/ringkasan/trainee/dedi", "/ringkasan/trainee/dedi.csv",
        "/ringkasan/trainee/budi", "/ringkasan/trainee/nobody", "/laporan/Dinkes/2026-11",
        "/laporan/Dinkes/2026-11.csv", "/laporan/Diskominfo/2026-13"}) {
    auto res = Get(path, budi);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("Rahasia Dinkes"), std::string::npos) << path;
  }
  for (const char* path : {"/api/v1/overview/akun/mastodon:dinkes", "/api/v1/overview/trainee/dedi",
                           "/api/v1/reports/Dinkes/2026-11"}) {
    auto res = Get(path, budi);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.rfind("{\"error\":", 0), 0u) << path;
  }
  // The account page: figures, trend chart, latest posts linking to /pos/<id>.
  std::string html = Body("/ringkasan/akun/mastodon:kominfo?month=2026-11", budi);
  EXPECT_NE(html.find("data-testid=\"key-figures\""), std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/pos/"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;Kominfo&lt;/b&gt;"), std::string::npos);  // escaped name
  EXPECT_NE(html.find("&lt;script&gt;window.x=1"), std::string::npos);    // escaped post
  EXPECT_EQ(html.find("<script>window"), std::string::npos);
  EXPECT_NE(html.find("/ringkasan/trainee/rina?month=2026-11"), std::string::npos);
  std::string json = Body("/api/v1/overview/akun/mastodon:kominfo?month=2026-11", budi);
  EXPECT_NE(json.find("{\"account\":\"mastodon:kominfo\",\"agency\":\"Diskominfo\","
                      "\"trainees\":[\"rina\",\"sari\"],\"from\":\"2026-11-01\",\"to\":"
                      "\"2026-11-30\",\"trend_period\":\"week\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"href\":\"/pos/"), std::string::npos);
  // A trainee who also runs a Dinkes account: only the Diskominfo account.
  html = Body("/ringkasan/trainee/rina?month=2026-11", budi);
  EXPECT_NE(html.find("mastodon:kominfo"), std::string::npos);
  EXPECT_EQ(html.find("mastodon:dinkes"), std::string::npos);
  json = Body("/api/v1/overview/trainee/rina?month=2026-11", budi);
  EXPECT_NE(json.find("\"accounts\":[\"mastodon:kominfo\"]"), std::string::npos) << json;
  EXPECT_EQ(json.find("dinkes"), std::string::npos);
  // Admin sees everything; trainees none of it.
  const std::string admin = Login("admin");
  EXPECT_NE(Body("/ringkasan/akun/mastodon:dinkes?month=2026-11", admin).find("Rahasia Dinkes"),
            std::string::npos);
  Body("/ringkasan/trainee/dedi", admin);
  Body("/laporan/Dinkes/2026-11", admin);
  const std::string sari = Login("sari");
  for (const char* path : {"/ringkasan/akun/mastodon:kominfo", "/ringkasan/trainee/sari",
                           "/laporan", "/laporan/Diskominfo/2026-11"}) {
    EXPECT_EQ(Get(path, sari)->status, 403) << path;
  }
  EXPECT_EQ(Get("/api/v1/overview/akun/mastodon:kominfo", sari)->status, 403);
  // Encoded paths decode to the same account.
  Body("/ringkasan/akun/mastodon%3Akominfo?month=2026-11", budi);
}

TEST_F(OverviewServerTest, OverviewPageHasChartsSparklinesAndLinks) {
  const std::string admin = Login("admin");
  const std::string html = Body("/ringkasan?month=2026-11", admin);
  EXPECT_NE(html.find("data-testid=\"overview\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"csv\""), std::string::npos);
  EXPECT_NE(html.find("class=\"spark\""), std::string::npos);
  EXPECT_NE(html.find("<figure class=\"chart\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"/ringkasan/akun/mastodon:kominfo?month=2026-11\""),
            std::string::npos);
  EXPECT_EQ(html.find("<script>window"), std::string::npos);
  // Every coordinate is a number (no NaN or inf slipped into the charts).
  static const std::regex bad_coordinate("(points|cx|cy|x1|y1|x2|y2)=\"[^\"]*[A-Za-z][^\"]*\"");
  EXPECT_FALSE(std::regex_search(html, bad_coordinate));
  const std::string agencies = Body("/ringkasan?month=2026-11&by=agency", admin);
  EXPECT_NE(agencies.find("href=\"/laporan/Diskominfo/2026-11\""), std::string::npos);
  EXPECT_EQ(HtmlRows(agencies, "overview"), (std::vector<std::pair<std::string, std::string>>{
                                                {"Dinkes", "2"}, {"Diskominfo", "4"}}));
  // The trend: the scope's questions and answers per week (sums over the
  // rows), whatever the grouping; from the first week with data.
  for (const std::string& page : {html, agencies}) {
    EXPECT_NE(page.find("<th scope=\"row\">2026-W45</th><td>4</td><td>2</td>"), std::string::npos);
    EXPECT_NE(page.find("<th scope=\"row\">2026-W46</th><td>2</td><td>1</td>"), std::string::npos);
    EXPECT_EQ(page.find("<th scope=\"row\">2026-W44</th>"), std::string::npos);
    EXPECT_NE(page.find("class=\"chart-legend\""), std::string::npos);
  }
  // Grouped by trainee: one response-rate line per trainee.
  const std::string trainees = Body("/ringkasan?month=2026-11&by=trainee", admin);
  EXPECT_NE(trainees.find("<th scope=\"col\">rina</th>"), std::string::npos);
  // JSON keeps the shape of `tanggap report --format json`.
  const std::string json = Body("/api/v1/overview?month=2026-11", admin);
  EXPECT_EQ(json.rfind("[{\"group\":\"mastodon:dinkes\",\"period\":\"\",\"questions\":2,", 0), 0u)
      << json;
}

TEST_F(OverviewServerTest, MonthlyReportIsPrintable) {
  const std::string budi = Login("budi");
  const std::string list = Body("/laporan", budi);
  EXPECT_NE(list.find("href=\"/laporan/Diskominfo/2026-11\""), std::string::npos);
  EXPECT_EQ(list.find("Dinkes"), std::string::npos);
  auto redirect = Get("/laporan?agency=Diskominfo&month=2026-11", budi);
  EXPECT_EQ(redirect->status, 303);
  EXPECT_EQ(redirect->get_header_value("Location"), "/laporan/Diskominfo/2026-11");
  EXPECT_NE(Body("/laporan?agency=Dinkes&month=2026-11", budi).find("role=\"alert\""),
            std::string::npos);

  const std::string html = Body("/laporan/Diskominfo/2026-11", budi);
  EXPECT_NE(html.find("Diskominfo</bdi> · November 2026</h1>"), std::string::npos);
  EXPECT_NE(html.find("01-11-2026 – 30-11-2026"), std::string::npos);
  EXPECT_NE(html.find("Cetak / simpan PDF"), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"key-figures\""), std::string::npos);
  EXPECT_NE(html.find("<strong data-testid=\"open-total\">2</strong>"), std::string::npos);
  EXPECT_NE(html.find("<li><bdi>mastodon:kominfo</bdi>: 2</li>"), std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find(">2026-W45</text>"), std::string::npos);
  EXPECT_NE(Body("/laporan/Diskominfo/2026-11?lang=en", budi).find("November 2026</h1>"),
            std::string::npos);
  const std::string json = Body("/api/v1/reports/Diskominfo/2026-11", budi);
  EXPECT_EQ(json.rfind("{\"agency\":\"Diskominfo\",\"month\":\"2026-11\",\"total\":{\"group\":"
                       "\"Diskominfo\",\"period\":\"\",\"questions\":4,",
                       0),
            0u)
      << json;
  // A4 print stylesheet, linked on the page.
  EXPECT_NE(html.find("href=\"/static/report.css\""), std::string::npos);
  const std::string css = Body("/static/report.css", "");
  EXPECT_NE(css.find("@page{size:A4"), std::string::npos);
  EXPECT_NE(css.find("@media print{"), std::string::npos);
  EXPECT_NE(css.find("break-inside:avoid"), std::string::npos);
}

// Every overview.* and report.* key the views use exists in both
// catalogues (a missing key would show as the key itself).
TEST(OverviewCatalogTest, EveryKeyUsedIsInBothLanguages) {
  std::set<std::string> keys;
  for (const char* file : {"/dashboard/view_overview.cc", "/dashboard/view_report.cc"}) {
    const std::string src = ReadFile(std::string(TANGGAP_SOURCE_DIR) + file);
    ASSERT_FALSE(src.empty()) << file;
    // Whole keys only; "report.month_" + n is checked below.
    static const std::regex key("\"((overview|report)\\.[a-z_0-9]*[a-z0-9])\"");
    for (auto it = std::sregex_iterator(src.begin(), src.end(), key); it != std::sregex_iterator();
         ++it) {
      keys.insert((*it)[1]);
    }
  }
  ASSERT_GT(keys.size(), 30u);
  for (const std::string& k : keys) {
    EXPECT_TRUE(Catalog::For("id").entries().count(k)) << k;
    EXPECT_TRUE(Catalog::For("en").entries().count(k)) << k;
  }
  for (int m = 1; m <= 12; ++m) {
    for (const char* lang : {"id", "en"}) {
      EXPECT_TRUE(Catalog::For(lang).entries().count("report.month_" + std::to_string(m)));
    }
  }
}

}  // namespace
}  // namespace tanggap::dashboard
