// Programme evaluation (/kohort), as CSV (/kohort.csv) and JSON
// (/api/v1/cohort): for each trainee in scope with a training day, the
// clarity average, response rate, median response time and engagement rate
// over the same number of days before and after the day (?window=, default
// 60, cut to the days that have passed so both windows stay equal), the
// change, and across the cohort the mean change with its spread (sample SD
// and quartiles). Supervisors and admins only. Formulas:
// docs/training-loop.md.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "dashboard/growth_kit.h"
#include "util/csv.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

enum class Format { kHtml, kCsv, kJson };

std::string Show(std::string_view metric, std::optional<double> v, const Catalog& t,
                 bool signed_value = false) {
  if (!v) return "—";
  char buf[64];
  const char* sign = signed_value && *v > 0 ? "+" : "";
  if (metric == "response_rate") {
    std::snprintf(buf, sizeof buf, "%s%.1f%s", sign, *v * 100, signed_value ? " pp" : "%");
  } else if (metric == "engagement_rate") {
    std::snprintf(buf, sizeof buf, "%s%.2f%s", sign, *v * 100, signed_value ? " pp" : "%");
  } else if (metric == "median_response_s") {
    if (signed_value) {
      std::snprintf(buf, sizeof buf, "%s%.0f %s", sign, *v / 60,
                    std::string(t("cohort.min")).c_str());
    } else {
      return Duration(static_cast<int64_t>(std::llround(*v)), t);
    }
  } else {
    std::snprintf(buf, sizeof buf, "%s%.1f", sign, *v);
  }
  return buf;
}

std::optional<double> Change(const CohortRow& r, std::string_view metric) {
  auto a = r.after.Get(metric);
  auto b = r.before.Get(metric);
  if (!a || !b) return std::nullopt;
  return *a - *b;
}

// Whether a change is for the better (lower is better for response time).
const char* Direction(std::string_view metric, std::optional<double> change) {
  if (!change || *change == 0) return "";
  const bool better = metric == "median_response_s" ? *change < 0 : *change > 0;
  return better ? "tg-met" : "tg-unmet";
}

std::string CsvNum(std::optional<double> v) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

void Render(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
            Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto trainees = growth::VisibleTrainees(*store, *c.user);
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", api);
  int window = 60;
  if (const std::string w = req.get_param_value("window"); !w.empty()) {
    window = std::clamp(std::atoi(w.c_str()), 1, 366);
  }
  // Complete days only: up to yesterday (WIB).
  const int64_t as_of = WibDay(Now()) - 1;
  auto cohort = ComputeCohort(*store, *trainees, window, as_of, Now());
  if (!cohort.ok()) return app.Fail(res, c, 500, "error.database", api);

  if (format == Format::kCsv) {
    std::string out = "trainee,agencies,training_day,window_days,metric,before,after,change\r\n";
    for (const CohortRow& r : cohort->rows) {
      std::string agencies;
      for (const std::string& a : r.agencies) agencies += (agencies.empty() ? "" : ";") + a;
      for (std::string_view m : kCohortMetrics) {
        AppendCsvCell(&out, r.username);
        out += ",";
        AppendCsvCell(&out, agencies);
        out += "," + growth::DayIso(r.training_day) + "," + std::to_string(r.window_days) + "," +
               std::string(m) + "," + CsvNum(r.before.Get(m)) + "," + CsvNum(r.after.Get(m)) + "," +
               CsvNum(Change(r, m)) + "\r\n";
      }
    }
    res->set_header("Content-Disposition", "attachment; filename=\"kohort.csv\"");
    res->set_content(out, "text/csv; charset=utf-8");
    return;
  }
  if (api) {
    std::string out = "{\"window_days\":" + std::to_string(cohort->window_days) + ",\"as_of\":\"" +
                      growth::DayIso(as_of) + "\",\"trainees\":[";
    for (size_t i = 0; i < cohort->rows.size(); ++i) {
      const CohortRow& r = cohort->rows[i];
      if (i) out += ",";
      out += "{\"trainee\":";
      AppendJsonString(&out, r.username);
      out += ",\"training_day\":\"" + growth::DayIso(r.training_day) +
             "\",\"window_days\":" + std::to_string(r.window_days) + ",\"metrics\":{";
      for (size_t j = 0; j < kCohortMetrics.size(); ++j) {
        const std::string_view m = kCohortMetrics[j];
        if (j) out += ",";
        out += "\"" + std::string(m) + "\":{\"before\":" + growth::JsonNum(r.before.Get(m)) +
               ",\"after\":" + growth::JsonNum(r.after.Get(m)) +
               ",\"change\":" + growth::JsonNum(Change(r, m)) + "}";
      }
      out += "},\"posts\":{\"before\":" + std::to_string(r.before.posts) +
             ",\"after\":" + std::to_string(r.after.posts) +
             "},\"questions\":{\"before\":" + std::to_string(r.before.questions) +
             ",\"after\":" + std::to_string(r.after.questions) + "}}";
    }
    out += "],\"summary\":{";
    for (size_t j = 0; j < cohort->stats.size(); ++j) {
      const CohortStat& s = cohort->stats[j];
      if (j) out += ",";
      out += "\"" + s.metric + "\":{\"n\":" + std::to_string(s.n) +
             ",\"mean_change\":" + growth::JsonNum(s.mean) + ",\"sd\":" + growth::JsonNum(s.sd) +
             ",\"q1\":" + growth::JsonNum(s.q1) + ",\"median\":" + growth::JsonNum(s.median) +
             ",\"q3\":" + growth::JsonNum(s.q3) + "}";
    }
    return App::Json(res, out + "}}");
  }

  std::string body = "<h1>" + Escape(t("cohort.title")) + "</h1><p class=\"tg-note\">" +
                     Escape(t("cohort.about")) + "</p>";
  body += "<form method=\"get\" action=\"/kohort\" class=\"tg-period\"><label>" +
          Escape(t("cohort.window")) + " <input type=\"number\" name=\"window\" min=\"1\" " +
          "max=\"366\" value=\"" + std::to_string(cohort->window_days) + "\"></label> <button>" +
          Escape(t("growth.show")) +
          "</button> <a href=\"/kohort.csv?window=" + std::to_string(cohort->window_days) + "\">" +
          Escape(t("cohort.csv")) + "</a></form>";
  body += "<section><h2>" + Escape(t("cohort.summary")) +
          "</h2><div class=\"scroll\"><table data-testid=\"cohort-summary\"><thead><tr><th>" +
          Escape(t("cohort.metric")) + "</th><th>n</th><th>" + Escape(t("cohort.mean_change")) +
          "</th><th>" + Escape(t("cohort.sd")) + "</th><th>" + Escape(t("cohort.iqr")) +
          "</th></tr></thead><tbody>";
  for (const CohortStat& s : cohort->stats) {
    body += "<tr><th scope=\"row\">" + Escape(t("cohort.metric." + s.metric)) +
            "</th><td class=\"num\">" + std::to_string(s.n) + "</td><td class=\"num " +
            Direction(s.metric, s.mean) + "\" data-metric=\"" + s.metric + "\">" +
            Show(s.metric, s.mean, t, true) + "</td><td class=\"num\">" +
            Show(s.metric, s.sd, t, false) + "</td><td class=\"num\">" +
            (s.q1 ? Show(s.metric, s.q1, t, true) + " … " + Show(s.metric, s.q3, t, true)
                  : std::string("—")) +
            "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  body += "<section><h2>" + Escape(t("cohort.trainees")) +
          "</h2><div class=\"scroll\"><table data-testid=\"cohort\"><thead><tr><th>" +
          Escape(t("cohort.trainee")) + "</th><th>" + Escape(t("cohort.training_day")) +
          "</th><th>" + Escape(t("cohort.metric")) + "</th><th>" + Escape(t("cohort.before")) +
          "</th><th>" + Escape(t("cohort.after")) + "</th><th>" + Escape(t("cohort.change")) +
          "</th></tr></thead><tbody>";
  for (const CohortRow& r : cohort->rows) {
    const TraineeInfo* tr = growth::FindTrainee(*trainees, r.username);
    bool first = true;
    for (std::string_view m : kCohortMetrics) {
      body += "<tr>";
      if (first) {
        body += "<th scope=\"rowgroup\" rowspan=\"" + std::to_string(kCohortMetrics.size()) +
                "\">" + (tr ? growth::TraineeName(*tr, t) : Escape(r.username)) +
                "</th><td rowspan=\"" + std::to_string(kCohortMetrics.size()) + "\">" +
                growth::DayIso(r.training_day) + "<br><small>" + std::to_string(r.window_days) +
                " " + Escape(t("cohort.days")) + "</small></td>";
        first = false;
      }
      const auto change = Change(r, m);
      body += "<td>" + Escape(t("cohort.metric." + std::string(m))) + "</td><td class=\"num\">" +
              Show(m, r.before.Get(m), t) + "</td><td class=\"num\">" + Show(m, r.after.Get(m), t) +
              "</td><td class=\"num " + Direction(m, change) + "\">" + Show(m, change, t, true) +
              "</td></tr>";
    }
  }
  if (cohort->rows.empty()) {
    body += "<tr><td colspan=\"6\">" + Escape(t("cohort.empty")) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  // Setting a trainee's training day (also `tanggap user set-training-date`).
  body += "<section><h2>" + Escape(t("cohort.set_day")) +
          "</h2><form method=\"post\" action=\"/kohort/tanggal\" class=\"tg-form\" "
          "data-testid=\"training-day-form\">" +
          growth::CsrfField(c) + "<label>" + Escape(t("cohort.trainee")) +
          " <select name=\"trainee\" required>";
  for (const TraineeInfo& tr : *trainees) {
    body += "<option value=\"" + Escape(tr.username) + "\">" +
            Escape(tr.display_name.empty() ? tr.username : tr.display_name) + " — " +
            (tr.training_day ? growth::DayIso(*tr.training_day) : std::string("—")) + "</option>";
  }
  body += "</select></label><label>" + Escape(t("cohort.training_day")) +
          " <input type=\"date\" name=\"date\"></label><p class=\"tg-note\">" +
          Escape(t("cohort.set_day_about")) + "</p><button>" + Escape(t("cohort.save_day")) +
          "</button></form></section>";
  App::Html(res, app.Page(c, t("cohort.title"), body));
}

void SetDay(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto trainees = growth::VisibleTrainees(*store, *c.user);
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", false);
  const TraineeInfo* tr = growth::FindTrainee(*trainees, req.get_param_value("trainee"));
  if (!tr) return app.Fail(res, c, 404, "growth.not_found", false);
  std::optional<int64_t> day;
  if (const std::string d = req.get_param_value("date"); !d.empty()) {
    day = growth::ParseDay(d);
    if (!day) return app.Fail(res, c, 400, "cohort.bad_day", false);
  }
  Result<bool> done = Status::IOError("no writer");
  {
    std::lock_guard lock(app.write_mu);
    if (app.writer) done = SetTrainingDay(*app.writer, tr->username, day);
  }
  if (!done.ok()) return app.Fail(res, c, 500, "error.database", false);
  Log()->info("training day of {} set by {}", tr->username, c.user->username);
  res->status = 303;
  res->set_header("Location", "/kohort");
}

}  // namespace

void AddCohortRoutes(App& app) {
  auto route = [&app](Format f, bool api) {
    return app.Authed(
        [&app, f](const auto& req, auto* res, Context& c) { Render(app, req, res, c, f); }, api,
        Access::kSupervisor);
  };
  app.server.Get("/kohort", route(Format::kHtml, false));
  app.server.Get("/kohort.csv", route(Format::kCsv, false));
  app.server.Get("/api/v1/cohort", route(Format::kJson, true));
  app.server.Post("/kohort/tanggal", app.Authed([&app](const auto& req, auto* res,
                                                       Context& c) { SetDay(app, req, res, c); },
                                                false, Access::kSupervisor));
}

}  // namespace tanggap::dashboard
