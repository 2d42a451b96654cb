// Points and badges (/lencana) and their JSON twin (/api/v1/badges): my
// points, level, SLA streak, the badges I earned with why and when, and my
// recent ledger; the team leaderboard by agency; and a per-trainee ranking
// only for agencies that opted in, which a supervisor of the agency (or an
// admin) switches with a POST carrying the CSRF token
// (/lencana/peringkat). Supervisors may look at one of their trainees with
// ?trainee=. Points come from `tanggap training evaluate`
// (docs/training-loop.md, docs/gamification.md).
#include <string>
#include <vector>

#include "dashboard/growth_kit.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

using growth::DayIso;

constexpr int kLedgerRows = 30;
constexpr int kAwardRows = 200;

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void Render(App& app, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
  const Catalog& t = *c.t;
  const std::string lang = t.lang();
  Store* store = app.Reader();
  if (!store || !app.training) return app.Fail(res, c, 503, "error.database", api);
  auto trainees = growth::VisibleTrainees(*store, *c.user);
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", api);
  auto agencies = growth::VisibleAgencies(*store, *c.user);
  if (!agencies.ok()) return app.Fail(res, c, 500, "error.database", api);

  const TraineeInfo* me = nullptr;
  std::string name = req.get_param_value("trainee");
  if (name.empty() && c.is_trainee()) name = c.user->username;
  if (!name.empty()) {
    me = growth::FindTrainee(*trainees, name);
    if (!me) return app.Fail(res, c, 404, "growth.not_found", api);
  }

  int64_t points = 0;
  int streak = 0, best_streak = 0;
  std::optional<int64_t> evaluated;
  std::vector<AwardRow> awards;
  std::vector<LedgerRow> ledger;
  if (me) {
    auto state = LoadGameState(*store, me->user_id);
    if (!state.ok()) return app.Fail(res, c, 500, "error.database", api);
    if (*state) {
      points = (*state)->points;
      evaluated = (*state)->evaluated_day;
      if (auto decoded = training::DecodeState((*state)->state_json); decoded.ok()) {
        streak = decoded->sla_streak;
        best_streak = decoded->best_sla_streak;
      }
    }
    auto a = AwardsOf(*store, me->user_id, kAwardRows);
    auto l = LedgerOf(*store, me->user_id, kLedgerRows);
    if (!a.ok() || !l.ok()) return app.Fail(res, c, 500, "error.database", api);
    awards = std::move(*a);
    ledger = std::move(*l);
  }
  const training::LevelInfo level = training::LevelFor(app.training->points, points);

  auto standings_rows = PointsStandings(*store, growth::kMaxTrainees);
  auto flags = IndividualRankingFlags(*store, 1000);
  if (!standings_rows.ok() || !flags.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<training::TraineeStanding> standings;
  for (const PointsStanding& s : *standings_rows) {
    standings.push_back({s.username, s.agency, s.points});
  }
  const std::vector<training::TeamRow> teams = training::TeamLeaderboard(standings);
  // Individual rankings: the visible agencies that opted in.
  std::vector<std::pair<std::string, std::vector<training::IndividualRow>>> rankings;
  for (const std::string& agency : *agencies) {
    auto it = flags->find(agency);
    const bool on = it != flags->end() && it->second;
    if (on) rankings.emplace_back(agency, training::IndividualRanking(standings, agency, true));
  }

  if (api) {
    std::string out = "{";
    if (me) {
      out += "\"trainee\":";
      AppendJsonString(&out, me->username);
      out += ",\"points\":" + std::to_string(points) + ",\"level\":" + std::to_string(level.level) +
             ",\"level_name\":";
      AppendJsonString(&out, level.name.In(lang));
      out += ",\"next_level_points\":";
      AppendJsonIntOrNull(&out, level.next_min_points);
      out += ",\"sla_streak\":" + std::to_string(streak) +
             ",\"best_sla_streak\":" + std::to_string(best_streak) + ",\"evaluated_day\":";
      if (evaluated) {
        out += "\"" + DayIso(*evaluated) + "\"";
      } else {
        out += "null";
      }
      out += ",\"badges\":[";
      for (size_t i = 0; i < awards.size(); ++i) {
        const training::Badge* b = app.training->badges.Find(awards[i].badge_id);
        if (i) out += ",";
        out += "{\"id\":";
        AppendJsonString(&out, awards[i].badge_id);
        out += ",\"name\":";
        AppendJsonString(&out, b ? b->name.In(lang) : awards[i].badge_id);
        out += ",\"day\":\"" + DayIso(awards[i].day) + "\",\"why\":";
        AppendJsonString(&out, lang == "en" ? awards[i].why_en : awards[i].why_id);
        out += "}";
      }
      out += "],\"ledger\":[";
      for (size_t i = 0; i < ledger.size(); ++i) {
        if (i) out += ",";
        out += "{\"day\":\"" + DayIso(ledger[i].day) + "\",\"kind\":";
        AppendJsonString(&out, ledger[i].kind);
        out += ",\"points\":" + std::to_string(ledger[i].points) + ",\"why\":";
        AppendJsonString(&out, lang == "en" ? ledger[i].why_en : ledger[i].why_id);
        out += "}";
      }
      out += "],";
    }
    out += "\"teams\":[";
    for (size_t i = 0; i < teams.size(); ++i) {
      if (i) out += ",";
      out += "{\"rank\":" + std::to_string(teams[i].rank) + ",\"agency\":";
      AppendJsonString(&out, teams[i].agency);
      out += ",\"trainees\":" + std::to_string(teams[i].trainees) +
             ",\"total_points\":" + std::to_string(teams[i].total_points) +
             ",\"average_points\":" + growth::JsonNum(teams[i].average_points) + "}";
    }
    out += "],\"individual\":{";
    for (size_t i = 0; i < rankings.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(&out, rankings[i].first);
      out += ":[";
      for (size_t j = 0; j < rankings[i].second.size(); ++j) {
        const training::IndividualRow& r = rankings[i].second[j];
        if (j) out += ",";
        out += "{\"rank\":" + std::to_string(r.rank) + ",\"trainee\":";
        AppendJsonString(&out, r.trainee);
        out += ",\"points\":" + std::to_string(r.points) + "}";
      }
      out += "]";
    }
    return App::Json(res, out + "}}");
  }

  std::string body = "<h1>" + Escape(t("badges.title")) + "</h1>";
  if (!c.is_trainee()) {
    body += "<form method=\"get\" action=\"/lencana\" class=\"tg-period\"><label>" +
            Escape(t("growth.trainee")) + " <select name=\"trainee\"><option value=\"\">—</option>";
    for (const TraineeInfo& tr : *trainees) {
      body += "<option value=\"" + Escape(tr.username) + "\"" +
              (me && me->username == tr.username ? " selected" : "") + ">" +
              Escape(tr.display_name.empty() ? tr.username : tr.display_name) + "</option>";
    }
    body += "</select></label> <button>" + Escape(t("growth.show")) + "</button></form>";
  }
  if (me) {
    body += "<section><h2>" + growth::TraineeName(*me, t) +
            "</h2><div class=\"tg-cards\" data-testid=\"my-points\"><div class=\"tg-card\"><span "
            "class=\"tg-big\">" +
            std::to_string(points) + "</span> " + Escape(t("badges.points")) +
            "</div><div class=\"tg-card\">" + Escape(t("badges.level")) +
            " <span class=\"tg-big\">" + std::to_string(level.level) + "</span> " +
            Escape(level.name.In(lang));
    if (level.next_min_points) {
      body += "<br><small>" + Escape(t("badges.next_level")) + ": " +
              std::to_string(*level.next_min_points) + "</small>";
    }
    body += "</div><div class=\"tg-card\">" + Escape(t("badges.streak")) +
            " <span class=\"tg-big\">" + std::to_string(streak) + "</span><br><small>" +
            Escape(t("badges.best_streak")) + ": " + std::to_string(best_streak) +
            "</small></div></div>";
    if (evaluated) {
      body += "<p class=\"tg-note\">" + Escape(t("badges.evaluated_until")) + " " +
              DayIso(*evaluated) + "</p>";
    } else {
      body += "<p class=\"tg-note\">" + Escape(t("badges.not_evaluated")) + "</p>";
    }
    body += "<h3>" + Escape(t("badges.my_badges")) + "</h3><ul class=\"tg-badges\" " +
            "data-testid=\"badges\">";
    for (const AwardRow& a : awards) {
      const training::Badge* b = app.training->badges.Find(a.badge_id);
      body += "<li><strong>" + Escape(b ? b->name.In(lang) : a.badge_id) + "</strong> · " +
              DayIso(a.day) + "<br>" + Escape(lang == "en" ? a.why_en : a.why_id) + "</li>";
    }
    if (awards.empty()) body += "<li>" + Escape(t("badges.none")) + "</li>";
    body += "</ul><h3>" + Escape(t("badges.ledger")) +
            "</h3><div class=\"scroll\"><table data-testid=\"ledger\"><thead><tr><th>" +
            Escape(t("badges.day")) + "</th><th>" + Escape(t("badges.points")) + "</th><th>" +
            Escape(t("badges.why")) + "</th></tr></thead><tbody>";
    for (const LedgerRow& l : ledger) {
      body += "<tr><td>" + DayIso(l.day) + "</td><td class=\"num\">+" + std::to_string(l.points) +
              "</td><td>" + Escape(lang == "en" ? l.why_en : l.why_id) + "</td></tr>";
    }
    body += "</tbody></table></div></section>";
  }
  body += "<section><h2>" + Escape(t("badges.teams")) + "</h2><p class=\"tg-note\">" +
          Escape(t("badges.teams_about")) +
          "</p><div class=\"scroll\"><table data-testid=\"teams\"><thead><tr><th>#</th><th>" +
          Escape(t("badges.agency")) + "</th><th>" + Escape(t("badges.trainees")) + "</th><th>" +
          Escape(t("badges.average")) + "</th><th>" + Escape(t("badges.total")) +
          "</th></tr></thead><tbody>";
  for (const training::TeamRow& r : teams) {
    body += "<tr><td>" + std::to_string(r.rank) + "</td><td><bdi>" + Escape(r.agency) +
            "</bdi></td><td class=\"num\">" + std::to_string(r.trainees) +
            "</td><td class=\"num\">" + Fixed1(r.average_points) + "</td><td class=\"num\">" +
            std::to_string(r.total_points) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  body += "<section><h2>" + Escape(t("badges.individual")) + "</h2><p class=\"tg-note\">" +
          Escape(t("badges.individual_about")) + "</p>";
  for (const auto& [agency, rows] : rankings) {
    body += "<h3><bdi>" + Escape(agency) + "</bdi></h3><ol data-testid=\"individual\">";
    for (const training::IndividualRow& r : rows) {
      body += "<li value=\"" + std::to_string(r.rank) + "\"><bdi>" + Escape(r.trainee) +
              "</bdi>: " + std::to_string(r.points) + "</li>";
    }
    body += "</ol>";
  }
  if (!c.is_trainee()) {
    body += "<div class=\"scroll\"><table data-testid=\"optin\"><thead><tr><th>" +
            Escape(t("badges.agency")) + "</th><th>" + Escape(t("badges.optin")) +
            "</th><th></th></tr></thead><tbody>";
    for (const std::string& agency : *agencies) {
      auto it = flags->find(agency);
      const bool on = it != flags->end() && it->second;
      body += "<tr><td><bdi>" + Escape(agency) + "</bdi></td><td>" +
              Escape(t(on ? "badges.on" : "badges.off")) +
              "</td><td><form method=\"post\" action=\"/lencana/peringkat\">" +
              growth::CsrfField(c) + "<input type=\"hidden\" name=\"agency\" value=\"" +
              Escape(agency) + "\"><input type=\"hidden\" name=\"on\" value=\"" + (on ? "0" : "1") +
              "\"><button>" + Escape(t(on ? "badges.turn_off" : "badges.turn_on")) +
              "</button></form></td></tr>";
    }
    body += "</tbody></table></div>";
  }
  body += "</section>";
  App::Html(res, app.Page(c, t("badges.title"), body));
}

void Toggle(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  const std::string agency = req.get_param_value("agency");
  auto agencies = growth::VisibleAgencies(*store, *c.user);
  if (!agencies.ok()) return app.Fail(res, c, 500, "error.database", false);
  if (!agencies->count(agency)) return app.Fail(res, c, 404, "growth.not_found", false);
  const bool on = req.get_param_value("on") == "1";
  {
    std::lock_guard lock(app.write_mu);
    if (!app.writer) return app.Fail(res, c, 503, "error.database", false);
    auto done = SetIndividualRanking(*app.writer, agency, on);
    if (!done.ok()) return app.Fail(res, c, 500, "error.database", false);
  }
  Log()->info("individual ranking of {} set to {} by {}", agency, on, c.user->username);
  res->status = 303;
  res->set_header("Location", "/lencana");
}

}  // namespace

void AddBadgeRoutes(App& app) {
  app.server.Get("/lencana", app.Authed([&app](const auto& req, auto* res,
                                               Context& c) { Render(app, req, res, c, false); },
                                        false));
  app.server.Get(
      "/api/v1/badges",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Render(app, req, res, c, true); },
                 true));
  app.server.Post("/lencana/peringkat", app.Authed([&app](const auto& req, auto* res,
                                                          Context& c) { Toggle(app, req, res, c); },
                                                   false, Access::kSupervisor));
}

}  // namespace tanggap::dashboard
