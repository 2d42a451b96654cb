// The supervisor overview ("Ringkasan"): the responsiveness report of the
// accounts a supervisor may see, as a sortable table, CSV and JSON.
#include <set>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "jobs/responsiveness_report.h"

namespace tanggap::dashboard {
namespace {

enum class Format { kHtml, kJson, kCsv };

void Overview(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
              Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::set<std::string> visible;
  for (const AccountRow& a : *accounts) visible.insert(a.platform + ":" + a.handle);
  const int64_t now = Now();
  int days = 30;
  if (req.has_param("days")) {
    days = std::atoi(req.get_param_value("days").c_str());
    if (days < 1 || days > 3660) days = 30;
  }
  ReportOptions o;
  o.as_of = now;
  o.last_day = WibDay(now);
  o.first_day = o.last_day - days + 1;
  o.by = GroupBy::kAccount;
  auto rows = BuildReport(store, o);
  if (!rows.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> mine;
  for (ReportRow& r : *rows) {
    if (visible.count(r.group)) mine.push_back(std::move(r));
  }
  if (format == Format::kJson) return App::Json(res, ReportJson(mine));
  if (format == Format::kCsv) {
    res->set_header("Content-Disposition", "attachment; filename=\"tanggap-ringkasan.csv\"");
    res->set_content(ReportCsv(mine), "text/csv; charset=utf-8");
    return;
  }
  std::string body = "<h1>" + Escape(t("overview.title")) + "</h1><p>" +
                     Escape(t("overview.period")) + ": " + std::to_string(days) + " " +
                     Escape(t("overview.days")) +
                     " · <a href=\"/ringkasan.csv?days=" + std::to_string(days) +
                     "\" data-testid=\"csv\">CSV</a></p>"
                     "<div class=\"scroll\"><table class=\"sortable\" data-testid=\"overview\">"
                     "<thead><tr>";
  for (const char* key :
       {"col.account", "col.questions", "col.response_rate", "col.median", "col.median_business",
        "col.within_sla", "col.unanswered", "col.engagement", "col.tone", "col.posts"}) {
    body += "<th scope=\"col\">" + Escape(t(key)) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const ReportRow& r : mine) {
    const ResponseStats& s = r.responses;
    body += "<tr><td><bdi>" + Escape(r.group) + "</bdi></td><td>" + std::to_string(s.questions) +
            "</td><td>" + Fmt(s.response_rate, "%.0f%%", 100) + "</td><td data-sort=\"" +
            std::to_string(s.median_s.value_or(-1)) + "\">" + Duration(s.median_s, t) +
            "</td><td data-sort=\"" + std::to_string(s.business_median_s.value_or(-1)) + "\">" +
            Duration(s.business_median_s, t) + "</td><td>" + Fmt(s.within_sla_rate, "%.0f%%", 100) +
            "</td><td>" + std::to_string(s.unanswered) + "</td><td>" +
            Fmt(r.engagement_rate, "%.2f%%", 100) + "</td><td>" + Fmt(r.tone_score_avg, "%.0f") +
            "</td><td>" + std::to_string(r.posts) + "</td></tr>";
  }
  body += "</tbody></table></div>";
  App::Html(res, app.Page(c, t("overview.title"), body));
}

}  // namespace

void AddOverviewRoutes(App& app) {
  auto route = [&app](Format f) {
    return app.Authed(
        [&app, f](const auto& req, auto* res, Context& c) { Overview(app, req, res, c, f); },
        f == Format::kJson, Access::kSupervisor);
  };
  app.server.Get("/ringkasan", route(Format::kHtml));
  app.server.Get("/ringkasan.csv", route(Format::kCsv));
  app.server.Get("/api/v1/overview", route(Format::kJson));
}

}  // namespace tanggap::dashboard
