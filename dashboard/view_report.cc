// Reports ("Laporan"): the list of agencies and months in a supervisor's
// scope, and a print-friendly monthly report per agency
// (/laporan/<agency>/<YYYY-MM>): key figures, a table per account, the
// weekly trend and the open questions. A4 print layout in
// assets/report.css; its CSV (.csv) and JSON (/api/v1/reports/...) twins
// carry the same rows.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "dashboard/svg_chart.h"
#include "jobs/responsiveness_report.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

enum class Format { kHtml, kJson, kCsv };

constexpr int kListMonths = 24;  // months offered on /laporan
constexpr int kTopOpen = 5;      // accounts listed under open questions

struct Month {
  int year = 0;
  unsigned month = 0;
  int64_t first_day = 0, last_day = 0;
  std::string key;  // "2026-11"
};

std::optional<Month> ParseMonth(std::string_view s) {
  auto days = MonthDays(s);
  if (!days) return std::nullopt;
  Month m;
  unsigned d;
  CivilFromDays(days->first, &m.year, &m.month, &d);
  m.first_day = days->first;
  m.last_day = days->second;
  m.key = std::string(s);
  return m;
}

std::optional<Month> MonthOf(int64_t day) { return ParseMonth(PeriodKey(day, Period::kMonth)); }

std::string MonthName(const Catalog& t, const Month& m) {
  return std::string(t("report.month_" + std::to_string(m.month))) + " " + std::to_string(m.year);
}

std::string ShowDay(int64_t day) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02u-%02u-%04d", d, m, y);
  return buf;
}

// The agencies of the user's visible accounts, and those accounts by
// agency ("platform:handle" -> row id).
using AgencyScope = std::map<std::string, std::map<std::string, int64_t>>;
Result<AgencyScope> AgenciesInScope(Store* store, const User& user) {
  auto accounts = store->VisibleAccounts(user);
  if (!accounts.ok()) return accounts.status();
  AgencyScope out;
  for (const AccountRow& a : *accounts) out[a.agency][a.platform + ":" + a.handle] = a.row_id;
  return out;
}

std::vector<int64_t> Ids(const std::map<std::string, int64_t>& accounts) {
  std::vector<int64_t> ids;
  for (const auto& [key, id] : accounts) ids.push_back(id);
  return ids;
}

std::string ReportUrl(const std::string& agency, const std::string& month) {
  return "/laporan/" + PathEncode(agency) + "/" + month;
}

void List(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto scope = AgenciesInScope(store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", false);
  // The "open a report" form answers with a redirect to the report.
  const std::string agency = req.has_param("agency") ? req.get_param_value("agency") : "";
  const std::string month = req.has_param("month") ? req.get_param_value("month") : "";
  std::string error;
  if (!agency.empty() || !month.empty()) {
    if (scope->count(agency) && ParseMonth(month)) {
      return res->set_redirect(ReportUrl(agency, month), 303);
    }
    error = "report.bad_choice";
  }
  const int64_t today = WibDay(Now());
  const Month now = *MonthOf(today);
  const Month oldest = *MonthOf(today - 31 * (kListMonths - 1));
  std::vector<int64_t> ids;
  for (const auto& [name, accounts] : *scope) {
    for (int64_t id : Ids(accounts)) ids.push_back(id);
  }
  auto rows = ScopedReport(store, ids, GroupBy::kAgency, Period::kMonth, oldest.first_day, today);
  if (!rows.ok()) return app.Fail(res, c, 500, "error.database", false);
  std::map<std::string, std::vector<const ReportRow*>> by_agency;
  for (const ReportRow& r : *rows) {
    if (scope->count(r.group)) by_agency[r.group].push_back(&r);
  }

  std::string body = "<h1>" + Escape(t("report.list_title")) + "</h1>";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(t(error)) + "</p>";
  body += "<p>" + Escape(t("report.list_intro")) + "</p>";
  body +=
      "<form method=\"get\" action=\"/laporan\" class=\"picker\" data-testid=\"open-report\">"
      "<label>" +
      Escape(t("report.agency")) + " <select name=\"agency\">";
  for (const auto& [name, accounts] : *scope) {
    body += "<option>" + Escape(name) + "</option>";
  }
  body += "</select></label><label>" + Escape(t("report.month")) +
          " <input type=\"month\" name=\"month\" placeholder=\"YYYY-MM\" value=\"" + now.key +
          "\"></label><button>" + Escape(t("report.open")) + "</button></form>";
  if (scope->empty()) body += "<p>" + Escape(t("report.no_agencies")) + "</p>";
  for (const auto& [name, accounts] : *scope) {
    body += "<section class=\"report-agency\"><h2><bdi>" + Escape(name) + "</bdi></h2>";
    auto it = by_agency.find(name);
    if (it == by_agency.end()) {
      body += "<p>" + Escape(t("report.no_months")) + "</p></section>";
      continue;
    }
    body += "<ul class=\"months\" data-testid=\"months\">";
    // Newest month first.
    for (auto r = it->second.rbegin(); r != it->second.rend(); ++r) {
      const ReportRow& row = **r;
      auto m = ParseMonth(row.period);
      if (!m) continue;
      body += "<li><a href=\"" + Escape(ReportUrl(name, m->key)) + "\">" +
              Escape(MonthName(t, *m)) + "</a> · " + std::to_string(row.responses.questions) + " " +
              Escape(t("report.questions_lc")) + " · " + Escape(t("col.response_rate")) + " " +
              Fmt(row.responses.response_rate, "%.0f%%", 100) + " · " + std::to_string(row.posts) +
              " " + Escape(t("report.posts_lc")) + "</li>";
    }
    body += "</ul></section>";
  }
  App::Html(res, app.Page(c, t("report.list_title"), body));
}

std::string Figure(const Catalog& t, const char* key, const std::string& value,
                   const char* testid = nullptr) {
  return "<div" + (testid ? " data-testid=\"" + std::string(testid) + "\"" : std::string()) +
         "><dt>" + Escape(t(key)) + "</dt><dd>" + value + "</dd></div>";
}

std::string Mix(const ReportRow& r) {
  if (r.posts == 0) return "–";
  auto share = [&](const char* kind) {
    auto it = r.content_mix.find(kind);
    return std::to_string(it == r.content_mix.end() ? 0 : static_cast<int>(it->second * 100 + 0.5));
  };
  return share("layanan") + "/" + share("edukasi") + "/" + share("seremonial");
}

std::string RowJson(const ReportRow& row) {
  std::string s = ReportJson({row});
  return s.substr(1, s.size() - 2);
}

void Monthly(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
             Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto scope = AgenciesInScope(store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", api);
  const std::string agency = req.matches[1];
  auto month = ParseMonth(std::string(req.matches[2]));
  auto in_scope = scope->find(agency);
  if (!month || in_scope == scope->end()) return app.Fail(res, c, 404, "report.not_found", api);
  const std::map<std::string, int64_t>& accounts = in_scope->second;
  const std::vector<int64_t> ids = Ids(accounts);

  auto by_account =
      ScopedReport(store, ids, GroupBy::kAccount, Period::kAll, month->first_day, month->last_day);
  if (!by_account.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> rows;
  for (ReportRow& r : *by_account) {
    if (accounts.count(r.group)) rows.push_back(std::move(r));
  }
  if (format == Format::kCsv) {
    res->set_header("Cache-Control", "no-store");
    res->set_header("Content-Disposition",
                    "attachment; filename=\"tanggap-laporan-" + month->key + ".csv\"");
    res->set_content(ReportCsv(rows), "text/csv; charset=utf-8");
    return;
  }
  auto total_rows =
      ScopedReport(store, ids, GroupBy::kAgency, Period::kAll, month->first_day, month->last_day);
  if (!total_rows.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::optional<ReportRow> total;
  for (ReportRow& r : *total_rows) {
    if (r.group == agency) total = std::move(r);
  }
  auto weekly =
      ScopedReport(store, ids, GroupBy::kAgency, Period::kWeek, month->first_day, month->last_day);
  if (!weekly.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> weeks;
  for (ReportRow& r : *weekly) {
    if (r.group == agency) weeks.push_back(std::move(r));
  }

  if (format == Format::kJson) {
    std::string out = "{\"agency\":";
    AppendJsonString(&out, agency);
    out += ",\"month\":";
    AppendJsonString(&out, month->key);
    out += ",\"total\":" + (total ? RowJson(*total) : std::string("null")) +
           ",\"accounts\":" + ReportJson(rows) + ",\"weeks\":" + ReportJson(weeks) + "}";
    return App::Json(res, out);
  }

  const std::string self = ReportUrl(agency, month->key);
  const std::string title = agency + " · " + MonthName(t, *month);
  std::string body =
      "<article class=\"report\" data-testid=\"report\"><header class=\"report-head\">"
      "<p class=\"report-kicker\">" +
      Escape(t("report.kicker")) + "</p><h1><bdi>" + Escape(agency) + "</bdi> · " +
      Escape(MonthName(t, *month)) + "</h1><p>" + Escape(t("report.period")) + " " +
      ShowDay(month->first_day) + " – " + ShowDay(month->last_day) + " · " +
      Escape(t("report.made")) + " " + WibTimeUnix(Now()) + " · " + Escape(t("report.by")) +
      " <bdi>" + Escape(c.user->username) + "</bdi></p></header>";
  body += "<p class=\"print-hint\" data-testid=\"print-hint\" data-print-label=\"" +
          Escape(t("report.print")) + "\">" + Escape(t("report.print_hint")) + " <a href=\"" +
          Escape(self) + ".csv\" data-testid=\"csv\">CSV</a> · <a href=\"/laporan\">" +
          Escape(t("report.all_reports")) + "</a></p>";

  body += "<section><h2>" + Escape(t("report.key_figures")) + "</h2>";
  if (!total) {
    body += "<p>" + Escape(t("report.no_data")) + "</p>";
  } else {
    const ResponseStats& s = total->responses;
    body += "<dl class=\"figures-list\" data-testid=\"key-figures\">" +
            Figure(t, "col.questions", std::to_string(s.questions)) +
            Figure(t, "report.answered", std::to_string(s.answered)) +
            Figure(t, "col.response_rate", Fmt(s.response_rate, "%.0f%%", 100)) +
            Figure(t, "col.within_sla", Fmt(s.within_sla_rate, "%.0f%%", 100)) +
            Figure(t, "col.median", Duration(s.median_s, t)) +
            Figure(t, "col.median_business", Duration(s.business_median_s, t)) +
            Figure(t, "report.open_questions", std::to_string(s.unanswered), "open-questions") +
            Figure(t, "col.posts", std::to_string(total->posts)) +
            Figure(t, "col.engagement", Fmt(total->engagement_rate, "%.2f%%", 100)) +
            Figure(t, "report.mix", Mix(*total)) +
            Figure(t, "col.tone", Fmt(total->tone_score_avg, "%.0f")) +
            Figure(t, "report.templates", std::to_string(total->template_replies)) + "</dl>";
  }
  body += "</section>";

  body += "<section><h2>" + Escape(t("report.per_account")) +
          "</h2><div class=\"scroll\"><table class=\"sortable\" data-testid=\"report-accounts\">"
          "<thead><tr>";
  for (const char* key : {"col.account", "col.questions", "col.response_rate", "col.median",
                          "col.median_business", "col.within_sla", "col.unanswered",
                          "col.engagement", "report.mix", "col.tone", "col.posts"}) {
    body += "<th scope=\"col\">" + Escape(t(key)) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const ReportRow& r : rows) {
    const ResponseStats& s = r.responses;
    body += "<tr><td><a href=\"/ringkasan/akun/" + Escape(PathEncode(r.group)) +
            "?month=" + month->key + "\"><bdi>" + Escape(r.group) + "</bdi></a></td><td>" +
            std::to_string(s.questions) + "</td><td>" + Fmt(s.response_rate, "%.0f%%", 100) +
            "</td><td data-sort=\"" + std::to_string(s.median_s.value_or(-1)) + "\">" +
            Duration(s.median_s, t) + "</td><td data-sort=\"" +
            std::to_string(s.business_median_s.value_or(-1)) + "\">" +
            Duration(s.business_median_s, t) + "</td><td>" + Fmt(s.within_sla_rate, "%.0f%%", 100) +
            "</td><td>" + std::to_string(s.unanswered) + "</td><td>" +
            Fmt(r.engagement_rate, "%.2f%%", 100) + "</td><td>" + Mix(r) + "</td><td>" +
            Fmt(r.tone_score_avg, "%.0f") + "</td><td>" + std::to_string(r.posts) + "</td></tr>";
  }
  if (rows.empty()) {
    body += "<tr><td colspan=\"11\">" + Escape(t("report.no_data")) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";

  // Weekly trend: ISO weeks touching the month; the first and last count
  // only their days inside the month.
  LineChart chart;
  chart.id = "report-trend";
  chart.title = t("report.trend_title");
  chart.desc = t("report.trend_desc");
  chart.x_labels = PeriodKeys(month->first_day, month->last_day, Period::kWeek);
  ChartSeries rate{std::string(t("col.response_rate")), {}},
      sla{std::string(t("col.within_sla")), {}};
  rate.values.resize(chart.x_labels.size());
  sla.values.resize(chart.x_labels.size());
  for (const ReportRow& w : weeks) {
    auto it = std::find(chart.x_labels.begin(), chart.x_labels.end(), w.period);
    if (it == chart.x_labels.end()) continue;
    rate.values[it - chart.x_labels.begin()] = w.responses.response_rate;
    sla.values[it - chart.x_labels.begin()] = w.responses.within_sla_rate;
  }
  chart.series = {rate, sla};
  chart.format = ValueFormat{100, 0, "%"};
  chart.x_heading = t("report.week");
  chart.table_caption = t("report.chart_data");
  chart.empty_text = t("report.no_data");
  body += "<section class=\"report-trend\"><h2>" + Escape(t("report.trend")) + "</h2>" +
          RenderLineChart(chart) + "</section>";

  // Open questions: how many of the month's questions are still unanswered,
  // and the accounts with the most of them.
  std::vector<const ReportRow*> open;
  for (const ReportRow& r : rows) {
    if (r.responses.unanswered > 0) open.push_back(&r);
  }
  std::stable_sort(open.begin(), open.end(), [](const ReportRow* a, const ReportRow* b) {
    return a->responses.unanswered > b->responses.unanswered;
  });
  if (open.size() > kTopOpen) open.resize(kTopOpen);
  body += "<section><h2>" + Escape(t("report.open_title")) + "</h2><p>" +
          Escape(t("report.open_total")) + " <strong data-testid=\"open-total\">" +
          std::to_string(total ? total->responses.unanswered : 0) + "</strong></p>";
  if (!open.empty()) {
    body += "<ol class=\"top-open\" data-testid=\"top-open\">";
    for (const ReportRow* r : open) {
      body += "<li><bdi>" + Escape(r->group) +
              "</bdi>: " + std::to_string(r->responses.unanswered) + "</li>";
    }
    body += "</ol>";
  }
  body += "</section><footer class=\"report-foot\"><p>" + Escape(t("report.footnote")) +
          "</p></footer></article>";
  App::Html(res, app.Page(c, title, body));
}

}  // namespace

void AddReportRoutes(App& app) {
  app.server.Get("/laporan", app.Authed([&app](const auto& req, auto* res,
                                               Context& c) { List(app, req, res, c); },
                                        false, Access::kSupervisor));
  auto route = [&app](Format f) {
    return app.Authed(
        [&app, f](const auto& req, auto* res, Context& c) { Monthly(app, req, res, c, f); },
        f == Format::kJson, Access::kSupervisor, Caching::kPerSession);
  };
  // The .csv route first: a path matches the first pattern that fits.
  app.server.Get(R"(/laporan/([^/]+)/(\d{4}-\d{2})\.csv)", route(Format::kCsv));
  app.server.Get(R"(/laporan/([^/]+)/(\d{4}-\d{2}))", route(Format::kHtml));
  app.server.Get(R"(/api/v1/reports/([^/]+)/(\d{4}-\d{2}))", route(Format::kJson));
}

}  // namespace tanggap::dashboard
