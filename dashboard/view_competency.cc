// The competency map (/kompetensi) and its JSON twin (/api/v1/competency):
// a radar of the seven axes with each value and why, the two weakest axes
// with the lessons that address them (/materi/<id>), and the month-by-month
// trend. A trainee sees their own; a supervisor picks a trainee
// (?trainee=) or an agency (?agency=, the mean of its trainees) within
// their scope; anything outside it answers 404 like a missing one.
// Formulas: docs/competency-map.md; how the facts are read:
// docs/training-loop.md.
#include <string>
#include <vector>

#include "dashboard/growth_kit.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

using growth::DayIso;

struct Subject {
  std::string trainee;  // username, or "" for an agency
  std::string agency;   // agency name, or "" for a trainee
  std::string title;    // escaped markup naming the subject
  bool leader = false;
};

struct MapResult {
  training::CompetencyMap map;
  std::vector<training::MonthPoint> trend;
};

std::string ValueText(std::optional<int> v) { return v ? std::to_string(*v) : "—"; }

// The map of the request's subject (a trainee or an agency) within the
// user's scope; 404 outside it; a chooser for a supervisor who named none.
void Render(App& app, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
  const Catalog& t = *c.t;
  Store* store = app.Reader();
  if (!store || !app.training) return app.Fail(res, c, 503, "error.database", api);
  auto trainees = growth::VisibleTrainees(*store, *c.user);
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", api);
  const training::Period period = growth::PeriodOf(req);
  const training::CompetencyConfig& config = app.training->competency;
  const int64_t now = Now();

  Subject subject;
  std::vector<const TraineeInfo*> members;
  const std::string want_trainee = req.get_param_value("trainee");
  const std::string want_agency = req.get_param_value("agency");
  if (!want_agency.empty()) {
    auto agencies = growth::VisibleAgencies(*store, *c.user);
    if (!agencies.ok()) return app.Fail(res, c, 500, "error.database", api);
    if (c.is_trainee() || !agencies->count(want_agency)) {
      return app.Fail(res, c, 404, "growth.not_found", api);
    }
    subject.agency = want_agency;
    subject.title = Escape(t("competency.agency_map")) + " <bdi>" + Escape(want_agency) + "</bdi>";
    for (const TraineeInfo& tr : *trainees) {
      for (const std::string& a : tr.agencies) {
        if (a == want_agency) {
          members.push_back(&tr);
          break;
        }
      }
    }
  } else {
    std::string name = want_trainee.empty() && c.is_trainee() ? c.user->username : want_trainee;
    if (name.empty()) {
      // A supervisor or admin without a choice: the chooser.
      if (api) return app.Fail(res, c, 404, "growth.not_found", api);
      auto agencies = growth::VisibleAgencies(*store, *c.user);
      if (!agencies.ok()) return app.Fail(res, c, 500, "error.database", api);
      std::string body = "<h1>" + Escape(t("competency.title")) + "</h1><p>" +
                         Escape(t("competency.choose")) + "</p><h2>" +
                         Escape(t("competency.trainees")) + "</h2><ul data-testid=\"trainees\">";
      for (const TraineeInfo& tr : *trainees) {
        body += "<li><a href=\"/kompetensi?trainee=" + Escape(tr.username) + "\">" +
                growth::TraineeName(tr, t) + "</a></li>";
      }
      if (trainees->empty()) body += "<li>" + Escape(t("growth.no_trainees")) + "</li>";
      body += "</ul><h2>" + Escape(t("competency.agencies")) + "</h2><ul>";
      for (const std::string& a : *agencies) {
        body += "<li><a href=\"/kompetensi?agency=" + Escape(a) + "\"><bdi>" + Escape(a) +
                "</bdi></a></li>";
      }
      body += "</ul>";
      return App::Html(res, app.Page(c, t("competency.title"), body));
    }
    const TraineeInfo* tr = growth::FindTrainee(*trainees, name);
    if (!tr) return app.Fail(res, c, 404, "growth.not_found", api);
    subject.trainee = tr->username;
    subject.title = growth::TraineeName(*tr, t);
    subject.leader = tr->leader;
    members.push_back(tr);
  }

  std::vector<training::CompetencyMap> maps;
  std::vector<std::vector<training::MonthPoint>> trends;
  for (const TraineeInfo* tr : members) {
    auto facts = LoadTraineeFacts(*store, tr->user_id, period, now);
    if (!facts.ok()) return app.Fail(res, c, 500, "error.database", api);
    maps.push_back(training::ComputeCompetency(config, *facts, period));
    trends.push_back(training::MonthlyTrend(config, *facts, period));
  }
  MapResult r;
  if (subject.agency.empty()) {
    r.map = maps.empty() ? training::ComputeCompetency(config, {}, period) : maps.front();
    r.trend = trends.empty() ? std::vector<training::MonthPoint>() : trends.front();
  } else {
    r.map = training::AgencyCompetency(config, maps, period);
    r.trend = training::AgencyTrend(trends);
  }
  const std::string lang = t.lang();

  if (api) {
    std::string out = "{\"period\":{\"from\":\"" + DayIso(period.from_day) + "\",\"to\":\"" +
                      DayIso(period.to_day) + "\"},";
    if (subject.agency.empty()) {
      out += "\"trainee\":";
      AppendJsonString(&out, subject.trainee);
      out += ",\"leader\":" + std::string(subject.leader ? "true" : "false");
    } else {
      out += "\"agency\":";
      AppendJsonString(&out, subject.agency);
      out += ",\"trainees\":" + std::to_string(members.size());
    }
    out += ",\"axes\":[";
    for (size_t i = 0; i < training::kAxisCount; ++i) {
      const training::AxisScore& a = r.map.axes[i];
      if (i) out += ",";
      out += "{\"axis\":";
      AppendJsonString(&out, training::AxisName(a.axis));
      out += ",\"value\":";
      AppendJsonIntOrNull(&out, a.value ? std::optional<int64_t>(*a.value) : std::nullopt);
      out += ",\"evidence\":" + std::to_string(a.evidence) + ",\"why\":";
      AppendJsonString(&out, a.why.In(lang));
      out += "}";
    }
    out += "],\"weakest\":[";
    for (size_t i = 0; i < r.map.weakest.size(); ++i) {
      const training::WeakAxis& w = r.map.weakest[i];
      if (i) out += ",";
      out += "{\"axis\":";
      AppendJsonString(&out, training::AxisName(w.axis));
      out += ",\"value\":" + std::to_string(w.value) + ",\"lessons\":[";
      for (size_t j = 0; j < w.lessons.size(); ++j) {
        if (j) out += ",";
        AppendJsonString(&out, w.lessons[j]);
      }
      out += "]}";
    }
    out += "],\"trend\":[";
    for (size_t i = 0; i < r.trend.size(); ++i) {
      const training::MonthPoint& m = r.trend[i];
      if (i) out += ",";
      char month[16];
      std::snprintf(month, sizeof month, "%04d-%02u", m.year, m.month);
      out += "{\"month\":\"" + std::string(month) + "\"";
      for (training::Axis axis : training::kAllAxes) {
        out += ",";
        AppendJsonString(&out, training::AxisName(axis));
        out += ":";
        auto v = m.values[static_cast<size_t>(axis)];
        AppendJsonIntOrNull(&out, v ? std::optional<int64_t>(*v) : std::nullopt);
      }
      out += "}";
    }
    return App::Json(res, out + "]}");
  }

  std::string body = "<h1>" + Escape(t("competency.title")) + "</h1><p class=\"tg-subject\">" +
                     subject.title + "</p>";
  // The period form keeps the subject.
  body += "<form method=\"get\" action=\"/kompetensi\" class=\"tg-period\">";
  if (!subject.trainee.empty() && !c.is_trainee()) {
    body += "<input type=\"hidden\" name=\"trainee\" value=\"" + Escape(subject.trainee) + "\">";
  }
  if (!subject.agency.empty()) {
    body += "<input type=\"hidden\" name=\"agency\" value=\"" + Escape(subject.agency) + "\">";
  }
  body += "<label>" + Escape(t("growth.from")) + " <input type=\"date\" name=\"from\" value=\"" +
          DayIso(period.from_day) + "\"></label> <label>" + Escape(t("growth.to")) +
          " <input type=\"date\" name=\"to\" value=\"" + DayIso(period.to_day) +
          "\"></label> <button>" + Escape(t("growth.show")) + "</button></form>";
  body += "<div class=\"tg-radar-wrap\"><figure data-testid=\"radar\">" +
          training::RadarSvg(r.map, lang) + "<figcaption>" + Escape(t("competency.radar_caption")) +
          "</figcaption></figure></div>";
  body += "<section><h2>" + Escape(t("competency.axes")) +
          "</h2><div class=\"scroll\"><table data-testid=\"axes\"><thead><tr><th>" +
          Escape(t("competency.axis")) + "</th><th>" + Escape(t("competency.value")) + "</th><th>" +
          Escape(t("competency.why")) + "</th></tr></thead><tbody>";
  for (const training::AxisScore& a : r.map.axes) {
    body += "<tr><th scope=\"row\">" + Escape(training::AxisLabel(a.axis).In(lang)) +
            "</th><td class=\"num\">" + ValueText(a.value) + "</td><td>" + Escape(a.why.In(lang)) +
            "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  body += "<section><h2>" + Escape(t("competency.weakest")) + "</h2><ul data-testid=\"weakest\">";
  for (const training::WeakAxis& w : r.map.weakest) {
    body += "<li><strong>" + Escape(training::AxisLabel(w.axis).In(lang)) + "</strong> (" +
            std::to_string(w.value) + ")";
    if (!w.lessons.empty()) {
      body += " — " + Escape(t("competency.lessons")) + ": ";
      for (size_t i = 0; i < w.lessons.size(); ++i) {
        const training::Lesson* lesson =
            app.training->lessons ? app.training->lessons->Find(w.lessons[i]) : nullptr;
        if (i) body += ", ";
        body += "<a href=\"/materi/" + Escape(w.lessons[i]) + "\">" +
                Escape(lesson ? lesson->title.In(lang) : w.lessons[i]) + "</a>";
      }
    }
    body += "</li>";
  }
  if (r.map.weakest.empty()) body += "<li>" + Escape(t("competency.no_evidence")) + "</li>";
  body += "</ul></section>";
  body += "<section><h2>" + Escape(t("competency.trend")) +
          "</h2><div class=\"scroll\"><table data-testid=\"trend\"><thead><tr><th>" +
          Escape(t("competency.month")) + "</th>";
  for (training::Axis axis : training::kAllAxes) {
    body += "<th>" + Escape(training::AxisLabel(axis).In(lang)) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const training::MonthPoint& m : r.trend) {
    body += "<tr><th scope=\"row\">" + Escape(t("growth.month." + std::to_string(m.month))) + " " +
            std::to_string(m.year) + "</th>";
    for (const auto& v : m.values) body += "<td class=\"num\">" + ValueText(v) + "</td>";
    body += "</tr>";
  }
  body += "</tbody></table></div></section>";
  if (c.is_trainee()) {
    body += "<p><a href=\"/pembinaan\">" + Escape(t("competency.my_goals")) + "</a> · <a " +
            "href=\"/lencana\">" + Escape(t("competency.my_badges")) + "</a></p>";
  }
  App::Html(res, app.Page(c, t("competency.title"), body));
}

}  // namespace

void AddCompetencyRoutes(App& app) {
  app.server.Get("/kompetensi", app.Authed([&app](const auto& req, auto* res,
                                                  Context& c) { Render(app, req, res, c, false); },
                                           false));
  app.server.Get(
      "/api/v1/competency",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Render(app, req, res, c, true); },
                 true));
}

}  // namespace tanggap::dashboard
