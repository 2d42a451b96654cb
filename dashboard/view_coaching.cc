// Coaching (/pembinaan) and its JSON twin (/api/v1/coaching). Supervisors
// set monthly goals per trainee or per agency on one metric of a fixed list
// (jobs/training_progress.h kGoalMetrics) and see the month's current value
// against the target; they write coaching notes, optionally on a post
// (?post=<id> prefills it, e.g. from a link beside /pos/<id>). Trainees see
// their goals (their own and their agencies') and notes, and acknowledge a
// note. Every change is a POST with the session's CSRF token; every name
// and post is checked against the user's scope (404 outside it).
//
// Units: rates are stored 0..1 and typed as percent; the median response
// time is stored in seconds and typed in minutes; clarity 0-100.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "dashboard/growth_kit.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

constexpr size_t kMaxNoteBytes = 4000;

bool IsRate(std::string_view metric) {
  return metric == "response_rate" || metric == "within_sla_rate" || metric == "engagement_rate";
}

// Form units -> stored units.
double FromForm(std::string_view metric, double v) {
  if (IsRate(metric)) return v / 100;
  if (metric == "median_response_s") return v * 60;
  return v;
}

std::string FormatMetric(std::string_view metric, std::optional<double> v, const Catalog& t) {
  if (!v) return "—";
  char buf[64];
  if (metric == "engagement_rate") {
    std::snprintf(buf, sizeof buf, "%.2f%%", *v * 100);
  } else if (IsRate(metric)) {
    std::snprintf(buf, sizeof buf, "%.0f%%", *v * 100);
  } else if (metric == "median_response_s") {
    return Duration(static_cast<int64_t>(std::llround(*v)), t);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  }
  return buf;
}

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// A month "YYYY-MM": its first and last day.
std::optional<training::Period> MonthPeriod(const std::string& month) {
  auto first = growth::ParseDay(month + "-01");
  if (!first || month.size() != 7) return std::nullopt;
  int y = std::atoi(month.substr(0, 4).c_str());
  int m = std::atoi(month.substr(5, 2).c_str());
  if (++m == 13) {
    m = 1;
    ++y;
  }
  char next[32];
  std::snprintf(next, sizeof next, "%04d-%02d-01", y, m);
  auto after = growth::ParseDay(next);
  if (!after) return std::nullopt;
  return training::Period{*first, *after - 1};
}

struct GoalView {
  GoalRow goal;
  std::optional<double> value;
  bool met = false;
};

struct Scope {
  std::vector<TraineeInfo> trainees;
  std::set<std::string> agencies;
};

Result<Scope> LoadScope(Store& store, const User& user) {
  Scope s;
  auto tr = growth::VisibleTrainees(store, user);
  if (!tr.ok()) return tr.status();
  s.trainees = std::move(*tr);
  if (user.role == "trainee") {
    for (const TraineeInfo& t : s.trainees) s.agencies.insert(t.agencies.begin(), t.agencies.end());
  } else {
    auto ag = growth::VisibleAgencies(store, user);
    if (!ag.ok()) return ag.status();
    s.agencies = std::move(*ag);
  }
  return s;
}

// The goals of `month` in scope, each with its current value.
Result<std::vector<GoalView>> Goals(Store& store, const Scope& scope, const std::string& month) {
  std::vector<GoalView> out;
  auto period = MonthPeriod(month);
  if (!period) return out;
  const int64_t today = WibDay(Now());
  if (period->to_day > today) period->to_day = std::max(period->from_day, today);
  auto goals = GoalsOf(store, month, 500);
  if (!goals.ok()) return goals.status();
  for (GoalRow& g : *goals) {
    std::vector<const TraineeInfo*> members;
    if (g.username) {
      const TraineeInfo* t = growth::FindTrainee(scope.trainees, *g.username);
      if (!t) continue;
      members.push_back(t);
    } else {
      if (!scope.agencies.count(*g.agency)) continue;
      for (const TraineeInfo& t : scope.trainees) {
        for (const std::string& a : t.agencies) {
          if (a == *g.agency) {
            members.push_back(&t);
            break;
          }
        }
      }
    }
    training::TraineeFacts all;
    for (const TraineeInfo* t : members) {
      auto facts = LoadTraineeFacts(store, t->user_id, *period, Now());
      if (!facts.ok()) return facts.status();
      for (auto& p : facts->posts) all.posts.push_back(std::move(p));
      for (auto& q : facts->questions) all.questions.push_back(q);
    }
    GoalView v;
    v.value = MetricsOf(all).Get(g.metric);
    v.met = v.value && GoalMet(*v.value, g.op, g.target);
    v.goal = std::move(g);
    out.push_back(std::move(v));
  }
  return out;
}

void Render(App& app, const httplib::Request& req, httplib::Response* res, Context& c, bool api,
            const std::string& message = "") {
  const Catalog& t = *c.t;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto scope = LoadScope(*store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::string month = req.get_param_value("month");
  if (!MonthPeriod(month)) month = growth::MonthIso(WibDay(Now()));
  auto goals = Goals(*store, *scope, month);
  if (!goals.ok()) return app.Fail(res, c, 500, "error.database", api);
  auto leaders = LeaderAccounts(*store, 1000);
  if (!leaders.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::optional<int64_t> only;
  if (c.is_trainee()) only = c.user->id;
  auto notes_all = NotesOf(*store, only, 500);
  if (!notes_all.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<NoteRow> notes;
  for (NoteRow& n : *notes_all) {
    if (growth::FindTrainee(scope->trainees, n.trainee)) notes.push_back(std::move(n));
  }

  if (api) {
    std::string out = "{\"month\":\"" + month + "\",\"goals\":[";
    for (size_t i = 0; i < goals->size(); ++i) {
      const GoalView& g = (*goals)[i];
      if (i) out += ",";
      out += "{\"id\":" + std::to_string(g.goal.id) + ",\"trainee\":";
      AppendJsonStringOrNull(&out, g.goal.username);
      out += ",\"agency\":";
      AppendJsonStringOrNull(&out, g.goal.agency);
      out += ",\"metric\":";
      AppendJsonString(&out, g.goal.metric);
      out += ",\"op\":";
      AppendJsonString(&out, g.goal.op);
      out += ",\"target\":" + growth::JsonNum(g.goal.target) +
             ",\"value\":" + growth::JsonNum(g.value) + ",\"met\":" + (g.met ? "true" : "false") +
             ",\"set_by\":";
      AppendJsonString(&out, g.goal.set_by);
      out += "}";
    }
    out += "],\"notes\":[";
    for (size_t i = 0; i < notes.size(); ++i) {
      const NoteRow& n = notes[i];
      if (i) out += ",";
      out += "{\"id\":" + std::to_string(n.id) + ",\"trainee\":";
      AppendJsonString(&out, n.trainee);
      out += ",\"author\":";
      AppendJsonString(&out, n.author);
      out += ",\"post\":";
      AppendJsonIntOrNull(&out, n.post_id);
      out += ",\"leader\":" + std::string(leaders->count(n.post_account) ? "true" : "false") +
             ",\"text\":";
      AppendJsonString(&out, n.text);
      out += ",\"created_at\":";
      AppendJsonString(&out, FormatRfc3339(n.created_unix, 420));
      out += ",\"acknowledged_at\":";
      AppendJsonStringOrNull(&out, n.acknowledged_unix ? std::optional<std::string>(FormatRfc3339(
                                                             *n.acknowledged_unix, 420))
                                                       : std::nullopt);
      out += "}";
    }
    return App::Json(res, out + "]}");
  }

  std::string body = "<h1>" + Escape(t("coaching.title")) + "</h1>";
  if (!message.empty()) body += "<p class=\"tg-message\" role=\"status\">" + message + "</p>";
  body += "<form method=\"get\" action=\"/pembinaan\" class=\"tg-period\"><label>" +
          Escape(t("coaching.month")) + " <input type=\"month\" name=\"month\" value=\"" + month +
          "\"></label> <button>" + Escape(t("growth.show")) + "</button></form>";
  // Goals with progress.
  body += "<section><h2>" + Escape(t("coaching.goals")) +
          "</h2><div class=\"scroll\"><table data-testid=\"goals\"><thead><tr><th>" +
          Escape(t("coaching.for")) + "</th><th>" + Escape(t("coaching.metric")) + "</th><th>" +
          Escape(t("coaching.target")) + "</th><th>" + Escape(t("coaching.current")) + "</th><th>" +
          Escape(t("coaching.status")) + "</th></tr></thead><tbody>";
  for (const GoalView& g : *goals) {
    std::string who;
    if (g.goal.username) {
      const TraineeInfo* tr = growth::FindTrainee(scope->trainees, *g.goal.username);
      who = tr ? growth::TraineeName(*tr, t) : "<bdi>" + Escape(*g.goal.username) + "</bdi>";
    } else {
      who = Escape(t("coaching.agency")) + " <bdi>" + Escape(*g.goal.agency) + "</bdi>";
    }
    body += "<tr><td>" + who + "</td><td>" + Escape(t("coaching.metric." + g.goal.metric)) +
            "</td><td>" + Escape(g.goal.op) + " " + FormatMetric(g.goal.metric, g.goal.target, t) +
            "</td><td class=\"num\">" + FormatMetric(g.goal.metric, g.value, t) +
            "</td><td class=\"" + (g.met ? "tg-met" : "tg-unmet") + "\">" +
            Escape(t(g.met ? "coaching.met" : (g.value ? "coaching.unmet" : "coaching.no_data"))) +
            "</td></tr>";
  }
  if (goals->empty()) {
    body += "<tr><td colspan=\"5\">" + Escape(t("coaching.no_goals")) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";

  if (!c.is_trainee()) {
    std::string trainee_options;
    const std::string pick = req.get_param_value("trainee");
    for (const TraineeInfo& tr : scope->trainees) {
      trainee_options += "<option value=\"" + Escape(tr.username) + "\"" +
                         (tr.username == pick ? " selected" : "") + ">" +
                         Escape(tr.display_name.empty() ? tr.username : tr.display_name) +
                         (tr.leader ? " — " + Escape(t("growth.leader")) : "") + "</option>";
    }
    body += "<section><h2>" + Escape(t("coaching.new_goal")) +
            "</h2><form method=\"post\" action=\"/pembinaan/target\" class=\"tg-form\" "
            "data-testid=\"goal-form\">" +
            growth::CsrfField(c) + "<label>" + Escape(t("coaching.for_trainee")) +
            " <select name=\"trainee\"><option value=\"\">—</option>" + trainee_options +
            "</select></label><label>" + Escape(t("coaching.for_agency")) +
            " <select name=\"agency\"><option value=\"\">—</option>";
    for (const std::string& a : scope->agencies) {
      body += "<option value=\"" + Escape(a) + "\">" + Escape(a) + "</option>";
    }
    body += "</select></label><label>" + Escape(t("coaching.month")) +
            " <input type=\"month\" name=\"month\" required value=\"" + month +
            "\"></label><label>" + Escape(t("coaching.metric")) + " <select name=\"metric\">";
    for (std::string_view m : kGoalMetrics) {
      body += "<option value=\"" + std::string(m) + "\">" +
              Escape(t("coaching.metric." + std::string(m))) + "</option>";
    }
    body += "</select></label><label>" + Escape(t("coaching.op")) +
            " <select name=\"op\"><option value=\"&gt;=\">≥</option><option "
            "value=\"&lt;=\">≤</option></select></label><label>" +
            Escape(t("coaching.target")) +
            " <input type=\"number\" name=\"target\" step=\"any\" required></label><p "
            "class=\"tg-note\">" +
            Escape(t("coaching.units")) + "</p><button>" + Escape(t("coaching.save_goal")) +
            "</button></form></section>";
    body +=
        "<section><h2>" + Escape(t("coaching.new_note")) +
        "</h2><form method=\"post\" action=\"/pembinaan/catatan\" class=\"tg-form\" "
        "data-testid=\"note-form\">" +
        growth::CsrfField(c) + "<label>" + Escape(t("coaching.for_trainee")) +
        " <select name=\"trainee\" required>" + trainee_options + "</select></label><label>" +
        Escape(t("coaching.post_id")) + " <input type=\"number\" name=\"post\" min=\"1\" value=\"" +
        Escape(req.get_param_value("post")) + "\"></label><label>" + Escape(t("coaching.note")) +
        " <textarea name=\"text\" rows=\"4\" required maxlength=\"4000\"></textarea></label>"
        "<button>" +
        Escape(t("coaching.save_note")) + "</button></form></section>";
  }

  body += "<section><h2>" + Escape(t("coaching.notes")) + "</h2><ul class=\"tg-notes\" " +
          "data-testid=\"notes\">";
  for (const NoteRow& n : notes) {
    body += "<li><p class=\"tg-note-meta\">" + WibTimeUnix(n.created_unix) + " · <bdi>" +
            Escape(n.author) + "</bdi> → <bdi>" + Escape(n.trainee) + "</bdi>";
    if (n.post_id) {
      body += " · <a href=\"/pos/" + std::to_string(*n.post_id) + "\">" +
              Escape(t("coaching.post")) + " " + std::to_string(*n.post_id) + "</a> <bdi>" +
              Escape(n.post_account) + "</bdi>";
      if (leaders->count(n.post_account)) body += growth::LeaderMark(t);
    }
    body += "</p><p class=\"tg-note-text\">" + Escape(n.text) + "</p>";
    if (n.acknowledged_unix) {
      body += "<p class=\"tg-met\">" + Escape(t("coaching.acknowledged")) + " " +
              WibTimeUnix(*n.acknowledged_unix) + "</p>";
    } else if (c.is_trainee()) {
      body += "<form method=\"post\" action=\"/pembinaan/baca\">" + growth::CsrfField(c) +
              "<input type=\"hidden\" name=\"id\" value=\"" + std::to_string(n.id) +
              "\"><button data-testid=\"ack\">" + Escape(t("coaching.acknowledge")) +
              "</button></form>";
    } else {
      body += "<p class=\"tg-unmet\">" + Escape(t("coaching.not_acknowledged")) + "</p>";
    }
    body += "</li>";
  }
  if (notes.empty()) body += "<li>" + Escape(t("coaching.no_notes")) + "</li>";
  body += "</ul></section>";
  App::Html(res, app.Page(c, t("coaching.title"), body));
}

void Redirect(httplib::Response* res, const std::string& to) {
  res->status = 303;
  res->set_header("Location", to);
}

void AddGoalAction(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto scope = LoadScope(*store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", false);
  GoalRow g;
  const std::string trainee = req.get_param_value("trainee");
  const std::string agency = req.get_param_value("agency");
  if (trainee.empty() == agency.empty()) return app.Fail(res, c, 400, "coaching.bad_goal", false);
  if (!trainee.empty()) {
    if (!growth::FindTrainee(scope->trainees, trainee)) {
      return app.Fail(res, c, 404, "growth.not_found", false);
    }
    g.username = trainee;
  } else {
    if (!scope->agencies.count(agency)) return app.Fail(res, c, 404, "growth.not_found", false);
    g.agency = agency;
  }
  g.month = req.get_param_value("month");
  g.metric = req.get_param_value("metric");
  g.op = req.get_param_value("op");
  const std::string target = req.get_param_value("target");
  char* end = nullptr;
  const double v = std::strtod(target.c_str(), &end);
  if (!IsGoalMetric(g.metric) || !MonthPeriod(g.month) || target.empty() || *end != '\0' ||
      !std::isfinite(v) || (g.op != ">=" && g.op != "<=")) {
    return app.Fail(res, c, 400, "coaching.bad_goal", false);
  }
  g.target = FromForm(g.metric, v);
  Result<int64_t> id = Status::IOError("no writer");
  {
    std::lock_guard lock(app.write_mu);
    if (app.writer) id = AddGoal(*app.writer, c.user->id, g, Now());
  }
  if (!id.ok()) return app.Fail(res, c, 500, "error.database", false);
  Log()->info("goal {} set by {}", *id, c.user->username);
  Redirect(res, "/pembinaan?month=" + g.month);
}

void AddNoteAction(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto scope = LoadScope(*store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", false);
  const TraineeInfo* tr = growth::FindTrainee(scope->trainees, req.get_param_value("trainee"));
  if (!tr) return app.Fail(res, c, 404, "growth.not_found", false);
  const std::string text = req.get_param_value("text");
  if (text.empty() || text.size() > kMaxNoteBytes) {
    return app.Fail(res, c, 400, "coaching.bad_note", false);
  }
  std::optional<int64_t> post;
  if (const std::string p = req.get_param_value("post"); !p.empty()) {
    post = ParseId(p);
    if (!post) return app.Fail(res, c, 400, "coaching.bad_note", false);
    // The post must be on an account the supervisor can see.
    auto account = PostAccountRow(*store, *post);
    auto visible = store->VisibleAccounts(*c.user);
    if (!account.ok() || !visible.ok()) return app.Fail(res, c, 500, "error.database", false);
    bool ok = false;
    for (const AccountRow& a : *visible) ok = ok || (*account && a.row_id == **account);
    if (!ok) return app.Fail(res, c, 404, "growth.not_found", false);
  }
  Result<int64_t> id = Status::IOError("no writer");
  {
    std::lock_guard lock(app.write_mu);
    if (app.writer) id = AddNote(*app.writer, c.user->id, tr->user_id, post, text, Now());
  }
  if (!id.ok()) return app.Fail(res, c, 500, "error.database", false);
  Log()->info("coaching note {} by {} for {}", *id, c.user->username, tr->username);
  Redirect(res, "/pembinaan");
}

void AcknowledgeAction(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  auto id = ParseId(req.get_param_value("id"));
  if (!id) return app.Fail(res, c, 404, "growth.not_found", false);
  Result<bool> done = Status::IOError("no writer");
  {
    std::lock_guard lock(app.write_mu);
    if (app.writer) done = AcknowledgeNote(*app.writer, *id, c.user->id, Now());
  }
  if (!done.ok()) return app.Fail(res, c, 500, "error.database", false);
  if (!*done) return app.Fail(res, c, 404, "growth.not_found", false);
  Redirect(res, "/pembinaan");
}

}  // namespace

void AddCoachingRoutes(App& app) {
  app.server.Get("/pembinaan", app.Authed([&app](const auto& req, auto* res,
                                                 Context& c) { Render(app, req, res, c, false); },
                                          false));
  app.server.Get(
      "/api/v1/coaching",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Render(app, req, res, c, true); },
                 true));
  app.server.Post("/pembinaan/target",
                  app.Authed([&app](const auto& req, auto* res,
                                    Context& c) { AddGoalAction(app, req, res, c); },
                             false, Access::kSupervisor));
  app.server.Post("/pembinaan/catatan",
                  app.Authed([&app](const auto& req, auto* res,
                                    Context& c) { AddNoteAction(app, req, res, c); },
                             false, Access::kSupervisor));
  app.server.Post("/pembinaan/baca",
                  app.Authed([&app](const auto& req, auto* res,
                                    Context& c) { AcknowledgeAction(app, req, res, c); },
                             false));
}

}  // namespace tanggap::dashboard
