// Simulations ("Simulasi", /simulasi): a trainee starts an attempt at a
// scenario, writes the post, answers simulated citizen comments released on
// the scenario clock, and finishes to get a scored debrief
// (training/simulation.h). Everything is in sim_attempts / sim_replies
// (store/simulation_queries.h), so the page survives reloads and restarts.
//
// The scenario clock of an attempt at server time `now` is
// now + skipped_s - post_submitted_unix: "Lewati" adds the wait for the
// next comment to skipped_s, so nobody has to sit through the real minutes.
// Passing post_submitted_unix - skipped_s as the "submitted" time to
// Released/NextRelease gives exactly that clock.
//
// Access: an attempt is its owner's; anyone else gets 404, as for an id
// that does not exist. Supervisors (and admins) see the finished attempts of
// the trainees they oversee, read-only, under /simulasi/tim.
//
// The debrief page re-scores the stored attempt (ScoreAttempt is
// deterministic) while the scenario file is the version the attempt was
// played on; the stored debrief JSON is the record for the API and for the
// day the file changes, when the page shows the stored score only.
#include <algorithm>
#include <charconv>
#include <cstdio>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "jobs/score_posts.h"
#include "store/simulation_queries.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

using training::Comment;
using training::Debrief;
using training::Scenario;

constexpr int kListLimit = 200;  // attempts shown on a list

std::optional<int64_t> AttemptId(const httplib::Request& req) {
  const std::string s = req.matches[1];
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// The "submitted" time that turns Released/NextRelease into the scenario
// clock with skips (see the top of the file).
int64_t ClockBase(const SimAttemptRow& a) { return *a.post_submitted_unix - a.skipped_s; }

std::string LabelWord(const Catalog& t, Comment::Label label) {
  return std::string(t("sim.label." + std::string(training::LabelName(label))));
}

// "2 mnt 05 dtk" for a response time on the scenario clock.
std::string Seconds(int64_t s, const Catalog& t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld %s %02lld %s", static_cast<long long>(s / 60),
                std::string(t("unit.minutes")).c_str(), static_cast<long long>(s % 60),
                std::string(t("sim.unit.seconds")).c_str());
  return Escape(buf);
}

training::Attempt ToAttempt(const SimAttemptRow& row) {
  training::Attempt a;
  a.post_text = row.post_text.value_or("");
  a.post_submitted_unix = row.post_submitted_unix.value_or(0);
  for (const SimReplyRow& r : row.replies)
    a.replies.push_back({r.comment_index, r.text, r.sent_unix});
  return a;
}

const SimReplyRow* ReplyTo(const SimAttemptRow& row, int comment) {
  for (const SimReplyRow& r : row.replies) {
    if (r.comment_index == comment) return &r;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Debrief: JSON (stored) and HTML (shown)

void AppendLocalized(std::string* j, const scorer::Localized& s) {
  *j += "{\"id\":";
  AppendJsonString(j, s.id);
  *j += ",\"en\":";
  AppendJsonString(j, s.en.empty() ? s.id : s.en);
  *j += "}";
}

std::string DebriefJson(const Debrief& d, std::string_view lang) {
  std::string j = "{\"scenario\":";
  AppendJsonString(&j, d.scenario);
  j += ",\"scenario_version\":";
  AppendJsonString(&j, d.scenario_version);
  j += ",\"overall\":";
  AppendJsonInt(&j, d.overall);
  j += ",\"components\":{\"clarity\":";
  AppendJsonInt(&j, d.clarity_points);
  j += ",\"rubric\":";
  AppendJsonInt(&j, d.rubric_points);
  j += ",\"time\":";
  AppendJsonInt(&j, d.time_points);
  j += ",\"tone\":";
  AppendJsonInt(&j, d.tone_points);
  j += ",\"content\":";
  AppendJsonInt(&j, d.content_points);
  j += "},\"clarity\":" + ScoreResultJson(d.clarity, lang) + ",\"rubric\":[";
  for (size_t i = 0; i < d.rubric.size(); ++i) {
    const auto& r = d.rubric[i];
    if (i) j += ",";
    j += "{\"id\":";
    AppendJsonString(&j, r.id);
    j += ",\"weight\":";
    AppendJsonInt(&j, r.weight);
    j += std::string(",\"met\":") + (r.met ? "true" : "false") + ",\"name\":";
    AppendLocalized(&j, r.name);
    j += "}";
  }
  j += "],\"comments\":[";
  for (size_t i = 0; i < d.comments.size(); ++i) {
    const auto& c = d.comments[i];
    if (i) j += ",";
    j += "{\"index\":";
    AppendJsonInt(&j, c.index);
    j += ",\"label\":";
    AppendJsonString(&j, training::LabelName(c.label));
    j += std::string(",\"needs_answer\":") + (c.needs_answer ? "true" : "false") +
         ",\"answered\":" + (c.answered ? "true" : "false") + ",\"response_seconds\":";
    AppendJsonIntOrNull(&j, c.answered ? std::optional<int64_t>(c.response_seconds) : std::nullopt);
    j += ",\"time_points\":";
    AppendJsonInt(&j, c.time_points);
    j += ",\"tone_score\":";
    AppendJsonIntOrNull(&j, c.tone.scored ? std::optional<int64_t>(c.tone.score) : std::nullopt);
    j += ",\"expectation_met\":";
    j += c.has_expectation ? (c.expectation_met ? "true" : "false") : "null";
    j += "}";
  }
  j += "],\"tips\":[";
  for (size_t i = 0; i < d.tips.size(); ++i) {
    if (i) j += ",";
    AppendLocalized(&j, d.tips[i]);
  }
  return j + "]}";
}

std::string DebriefHtml(const Debrief& d, const Scenario& s, const SimAttemptRow& row,
                        const Catalog& t) {
  const std::string& lang = t.lang();
  auto n = [](int v) { return std::to_string(v); };
  std::string h = "<section class=\"sim-debrief\" data-testid=\"debrief\"><h2>" +
                  Escape(t("sim.debrief")) + "</h2><p class=\"sim-overall\">" +
                  Escape(t("sim.overall")) + ": <strong data-testid=\"overall\">" + n(d.overall) +
                  "</strong>/100</p><p class=\"sim-formula\">" + Escape(t("sim.formula")) +
                  ": round((25 × " + n(d.clarity_points) + " + 25 × " + n(d.rubric_points) +
                  " + 20 × " + n(d.time_points) + " + 15 × " + n(d.tone_points) + " + 15 × " +
                  n(d.content_points) + ") / 100) = " + n(d.overall) + "</p>";
  h += "<div class=\"scroll\"><table class=\"sim-components\"><thead><tr><th>" +
       Escape(t("sim.component")) + "</th><th>" + Escape(t("sim.weight")) + "</th><th>" +
       Escape(t("sim.points")) + "</th></tr></thead><tbody>";
  const std::pair<const char*, std::pair<int, int>> rows[] = {
      {"sim.c.clarity", {25, d.clarity_points}},
      {"sim.c.rubric", {25, d.rubric_points}},
      {"sim.c.time", {20, d.time_points}},
      {"sim.c.tone", {15, d.tone_points}},
      {"sim.c.content", {15, d.content_points}}};
  for (const auto& [key, wp] : rows) {
    h += "<tr><td>" + Escape(t(key)) + "</td><td>" + n(wp.first) + "%</td><td>" + n(wp.second) +
         "</td></tr>";
  }
  h += "</tbody></table></div>";
  // Tips first after the score: what to do next time.
  h += "<h3>" + Escape(t("sim.tips")) + "</h3><ol class=\"sim-tips\" data-testid=\"tips\">";
  for (const auto& tip : d.tips) h += "<li>" + Escape(tip.In(lang)) + "</li>";
  h += "</ol><h3>" + Escape(t("sim.clarity")) + ": " +
       (d.clarity.scored ? n(d.clarity.score) : std::string("–")) + "</h3>";
  if (d.clarity.findings.empty()) {
    h += "<p>" + Escape(t("sim.no_findings")) + "</p>";
  } else {
    h += "<ul class=\"sim-findings\">";
    for (const scorer::Finding& f : d.clarity.findings) {
      h += "<li><strong>" + Escape(f.rule) + "</strong>";
      if (!f.text.empty()) h += " «" + Escape(f.text) + "»";
      h += " " + Escape(f.message.In(lang));
      if (!f.suggestion.In(lang).empty()) h += " " + Escape(f.suggestion.In(lang));
      h += "</li>";
    }
    h += "</ul>";
  }
  h += "<h3>" + Escape(t("sim.rubric")) + "</h3><ul class=\"sim-rubric\">";
  for (const auto& r : d.rubric) {
    h += std::string("<li class=\"") + (r.met ? "sim-met" : "sim-missed") + "\"><strong>" +
         Escape(r.met ? t("sim.met") : t("sim.missed")) + "</strong> " + Escape(r.name.In(lang)) +
         " (" + n(r.weight) + ")";
    if (!r.met) h += " — " + Escape(r.tip.In(lang));
    h += "</li>";
  }
  h += "</ul><h3>" + Escape(t("sim.per_comment")) +
       "</h3><div class=\"scroll\"><table class=\"sim-comment-table\"><thead><tr><th>" +
       Escape(t("sim.comment")) + "</th><th>" + Escape(t("sim.answered")) + "</th><th>" +
       Escape(t("sim.response_time")) + "</th><th>" + Escape(t("sim.c.tone")) + "</th><th>" +
       Escape(t("sim.expectation")) + "</th></tr></thead><tbody>";
  for (const auto& c : d.comments) {
    if (c.index < 0 || static_cast<size_t>(c.index) >= s.comments.size()) continue;
    const Comment& cm = s.comments[c.index];
    h += "<tr><td><strong>" + Escape(cm.author) + "</strong> (" + Escape(LabelWord(t, c.label)) +
         ") " + Escape(cm.text) + "</td><td>" +
         Escape(c.answered ? t("sim.yes") : (c.needs_answer ? t("sim.no") : t("sim.optional"))) +
         "</td><td>" +
         (c.answered ? Seconds(c.response_seconds, t) + " (" + n(c.time_points) + ")"
                     : std::string("–")) +
         "</td><td>" + (c.tone.scored ? n(c.tone.score) : std::string("–")) + "</td><td>";
    if (c.has_expectation) {
      h += Escape(c.expectation_met ? t("sim.met") : t("sim.missed")) + ": " +
           Escape(c.expect_name.In(lang));
    } else {
      h += "–";
    }
    h += "</td></tr>";
  }
  h += "</tbody></table></div>";
  (void)row;
  return h + "</section>";
}

// The debrief of a finished attempt, re-scored while the scenario is the
// version played; else the stored score with a note.
std::string FinishedHtml(App& app, const Scenario* s, const SimAttemptRow& row, const Catalog& t) {
  if (s && s->version == row.scenario_version) {
    auto d = training::ScoreAttempt(*s, *app.pack, *app.training->tone_pack, ToAttempt(row));
    if (d.ok()) return DebriefHtml(*d, *s, row, t);
    Log()->warn("debrief of attempt {}: {}", row.id, d.status().message());
  }
  return "<section class=\"sim-debrief\" data-testid=\"debrief\"><h2>" + Escape(t("sim.debrief")) +
         "</h2><p class=\"sim-overall\">" + Escape(t("sim.overall")) +
         ": <strong data-testid=\"overall\">" +
         (row.overall_score ? std::to_string(*row.overall_score) : std::string("–")) +
         "</strong>/100</p><p>" + Escape(t("sim.changed")) + "</p></section>";
}

// ---------------------------------------------------------------------------
// Pages

std::string CsrfField(const Context& c) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + CsrfToken(c.token) + "\">";
}

std::string ScenarioTitle(App& app, const std::string& id, const std::string& lang) {
  const Scenario* s = app.training->FindScenario(id);
  return s ? s->title.In(lang) : id;
}

void ListPage(App& app, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  const std::string& lang = t.lang();
  Store* reader = app.Reader();
  if (!reader) return app.Fail(res, c, 503, "error.database", false);
  auto mine = UserSimAttempts(*reader, c.user->id, kListLimit);
  if (!mine.ok()) {
    Log()->warn("simulation attempts: {}", mine.status().message());
    return app.Fail(res, c, 500, "error.database", false);
  }
  std::string body = "<h1>" + Escape(t("sim.title")) + "</h1><p>" + Escape(t("sim.intro")) + "</p>";
  if (!c.is_trainee()) {
    body += "<p><a href=\"/simulasi/tim\">" + Escape(t("sim.team_link")) + "</a></p>";
  }
  body += "<ul class=\"sim-scenarios\">";
  for (const Scenario& s : app.training->scenarios) {
    body += "<li class=\"sim-scenario\" data-testid=\"scenario\"><h2>" + Escape(s.title.In(lang)) +
            "</h2><p>" + Escape(t("sim.agency")) + ": " + Escape(s.agency) + " · " +
            Escape(t("sim.platform")) + ": " + Escape(PlatformName(s.platform)) +
            "</p><form method=\"post\" action=\"/simulasi/" + Escape(s.id) + "/mulai\">" +
            CsrfField(c) + "<button data-testid=\"start-" + Escape(s.id) + "\">" +
            Escape(t("sim.start")) + "</button></form></li>";
  }
  body += "</ul><h2>" + Escape(t("sim.mine")) + "</h2>";
  if (mine->empty()) {
    body += "<p>" + Escape(t("sim.none")) + "</p>";
  } else {
    body += "<div class=\"scroll\"><table data-testid=\"my-attempts\"><thead><tr><th>" +
            Escape(t("sim.scenario")) + "</th><th>" + Escape(t("sim.started")) + "</th><th>" +
            Escape(t("sim.score")) + "</th></tr></thead><tbody>";
    for (const SimAttemptRow& a : *mine) {
      body += "<tr><td><a href=\"/simulasi/percobaan/" + std::to_string(a.id) + "\">" +
              Escape(ScenarioTitle(app, a.scenario_id, lang)) + "</a></td><td>" +
              WibTimeUnix(a.started_unix) + "</td><td>" +
              (a.overall_score ? std::to_string(*a.overall_score) : Escape(t("sim.in_progress"))) +
              "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  App::Html(res, app.Page(c, t("sim.title"), body));
}

void Start(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  const Scenario* s = app.training->FindScenario(std::string(req.matches[1]));
  if (!s) return app.Fail(res, c, 404, "sim.not_found", false);
  auto id = [&] {
    std::lock_guard lock(app.write_mu);
    return StartSimAttempt(*app.writer, c.user->id, s->id, s->version, Now());
  }();
  if (!id.ok()) {
    Log()->warn("start simulation: {}", id.status().message());
    return app.Fail(res, c, 500, "error.database", false);
  }
  res->set_redirect("/simulasi/percobaan/" + std::to_string(*id), 303);
}

// The attempt for this request if it is the user's; nullopt with the
// response written otherwise (404 for someone else's, like a missing one).
std::optional<SimAttemptRow> OwnAttempt(App& app, Store* store, const httplib::Request& req,
                                        httplib::Response* res, Context& c, bool api) {
  auto id = AttemptId(req);
  if (!id) {
    app.Fail(res, c, 404, "sim.not_found", api);
    return std::nullopt;
  }
  if (!store) {
    app.Fail(res, c, 503, "error.database", api);
    return std::nullopt;
  }
  auto row = GetSimAttempt(*store, *id, static_cast<int>(training::kMaxReplies));
  if (!row.ok()) {
    Log()->warn("simulation attempt {}: {}", *id, row.status().message());
    app.Fail(res, c, 500, "error.database", api);
    return std::nullopt;
  }
  if (!*row || (*row)->user_id != c.user->id) {
    app.Fail(res, c, 404, "sim.not_found", api);
    return std::nullopt;
  }
  return std::move(**row);
}

std::string AttemptBody(App& app, const Scenario& s, const SimAttemptRow& a, const Context& c) {
  const Catalog& t = *c.t;
  const std::string& lang = t.lang();
  const std::string base = "/simulasi/percobaan/" + std::to_string(a.id);
  const int64_t now = Now();
  std::string h = "<p class=\"sim-crumbs\"><a href=\"/simulasi\">" + Escape(t("sim.back")) +
                  "</a></p><h1>" + Escape(s.title.In(lang)) + "</h1><p>" + Escape(t("sim.agency")) +
                  ": " + Escape(s.agency) + " · " + Escape(t("sim.platform")) + ": " +
                  Escape(PlatformName(s.platform)) + "</p><section class=\"sim-brief\"><h2>" +
                  Escape(t("sim.brief")) + "</h2><p class=\"sim-text\">" +
                  Escape(s.brief.In(lang)) + "</p><p><strong>" + Escape(t("sim.task")) +
                  ":</strong> " + Escape(s.task.In(lang)) + "</p></section>";
  if (!a.post_submitted_unix) {
    h += "<form method=\"post\" action=\"" + base + "/unggah\" class=\"card sim-post-form\">" +
         CsrfField(c) + "<label>" + Escape(t("sim.your_post")) +
         "<textarea name=\"text\" rows=\"8\" maxlength=\"" +
         std::to_string(training::kMaxPostBytes) +
         "\" required data-testid=\"post-text\"></textarea></label><button "
         "data-testid=\"post-submit\">" +
         Escape(t("sim.publish")) + "</button></form>";
    return h;
  }
  const int64_t clock_base = ClockBase(a);
  const std::vector<int> released = training::Released(s, clock_base, now);
  const std::optional<int64_t> next = training::NextRelease(s, clock_base, now);
  h += "<section class=\"sim-feed\" id=\"sim-feed\" data-state=\"/api/v1/simulations/attempts/" +
       std::to_string(a.id) + "\" data-released=\"" + std::to_string(released.size()) +
       "\" data-next=\"" + (next ? std::to_string(*next) : std::string("")) + "\" data-new=\"" +
       Escape(t("sim.new_comments")) + " " + Escape(t("sim.reload")) + "\"><h2>" +
       Escape(t("sim.your_post")) + "</h2><p class=\"sim-post sim-text\" data-testid=\"post\">" +
       Escape(*a.post_text) + "</p><h2>" + Escape(t("sim.comments")) + "</h2>";
  if (released.empty()) h += "<p>" + Escape(t("sim.no_comments_yet")) + "</p>";
  h += "<ol class=\"sim-comments\">";
  for (int i : released) {
    const Comment& cm = s.comments[i];
    const SimReplyRow* reply = ReplyTo(a, i);
    h += "<li class=\"sim-comment\" data-testid=\"comment\"><p class=\"sim-who\"><strong>" +
         Escape(cm.author) + "</strong> · " + Escape(LabelWord(t, cm.label)) +
         "</p><p class=\"sim-text\">" + Escape(cm.text) + "</p>";
    if (reply) {
      h += "<p class=\"sim-reply sim-text\" data-testid=\"reply\"><strong>" +
           Escape(t("sim.your_reply")) + "</strong> (" +
           Seconds(std::max<int64_t>(0, reply->sent_unix - *a.post_submitted_unix - cm.at_seconds),
                   t) +
           "): " + Escape(reply->text) + "</p>";
    } else if (!a.finished_unix) {
      const std::string field = "reply-" + std::to_string(i);
      h += "<form method=\"post\" action=\"" + base + "/balas\" class=\"sim-reply-form\">" +
           CsrfField(c) + "<input type=\"hidden\" name=\"comment\" value=\"" + std::to_string(i) +
           "\"><label for=\"" + field + "\">" +
           Escape(cm.needs_answer ? t("sim.answer") : t("sim.answer_optional")) +
           "</label><textarea id=\"" + field + "\" name=\"text\" rows=\"3\" maxlength=\"" +
           std::to_string(training::kMaxReplyBytes) +
           "\" required data-testid=\"reply-text\"></textarea><button "
           "data-testid=\"reply-submit\">" +
           Escape(t("sim.send")) + "</button></form>";
    }
    h += "</li>";
  }
  h += "</ol>";
  if (!a.finished_unix) {
    h += "<div class=\"sim-actions\">";
    if (next) {
      h += "<p role=\"status\" data-testid=\"next\">" + Escape(t("sim.next_in")) + " " +
           Seconds(*next, t) + ". <a href=\"" + base + "\">" + Escape(t("sim.reload")) +
           "</a></p><form method=\"post\" action=\"" + base + "/lewati\">" + CsrfField(c) +
           "<button data-testid=\"skip\">" + Escape(t("sim.skip")) + "</button></form>";
    } else {
      h += "<p role=\"status\">" + Escape(t("sim.all_out")) + "</p>";
    }
    h += "<form method=\"post\" action=\"" + base + "/selesai\">" + CsrfField(c) +
         "<button data-testid=\"finish\"" + (next ? " disabled" : "") + ">" +
         Escape(t("sim.finish")) + "</button></form></div>";
  }
  h += "</section>";
  if (a.finished_unix) h += FinishedHtml(app, &s, a, t);
  return h;
}

void AttemptPage(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto a = OwnAttempt(app, app.Reader(), req, res, c, false);
  if (!a) return;
  const Scenario* s = app.training->FindScenario(a->scenario_id);
  if (!s) {
    std::string body =
        "<h1>" + Escape(a->scenario_id) + "</h1>" + FinishedHtml(app, nullptr, *a, *c.t);
    return App::Html(res, app.Page(c, a->scenario_id, body));
  }
  App::Html(res, app.Page(c, s->title.In(c.t->lang()), AttemptBody(app, *s, *a, c)));
}

// One POST on an attempt: CSRF, the owner's attempt read under the write
// lock (so two clicks cannot both skip), then `act`, which returns the
// catalogue key and status of a refusal or "" to redirect back.
template <typename Act>
void AttemptPost(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
                 Act act) {
  if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
  std::pair<int, std::string> refused{0, ""};
  int64_t id = 0;
  {
    std::lock_guard lock(app.write_mu);
    auto a = OwnAttempt(app, app.writer.get(), req, res, c, false);
    if (!a) return;
    id = a->id;
    const Scenario* s = app.training->FindScenario(a->scenario_id);
    if (!s) return app.Fail(res, c, 409, "sim.changed", false);
    refused = act(*s, *a);
  }
  if (!refused.second.empty()) return app.Fail(res, c, refused.first, refused.second, false);
  res->set_redirect("/simulasi/percobaan/" + std::to_string(id), 303);
}

std::pair<int, std::string> Written(const Result<SimWrite>& w) {
  if (!w.ok()) {
    Log()->warn("simulation write: {}", w.status().message());
    return {500, "error.database"};
  }
  if (*w == SimWrite::kNotFound) return {404, "sim.not_found"};
  if (*w == SimWrite::kWrongState) return {409, "sim.wrong_state"};
  return {0, ""};
}

void SubmitPost(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const std::string text = req.get_param_value("text");
  AttemptPost(app, req, res, c,
              [&](const Scenario&, const SimAttemptRow& a) -> std::pair<int, std::string> {
                if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
                  return {400, "sim.empty"};
                }
                if (text.size() > training::kMaxPostBytes) return {413, "sim.too_long"};
                return Written(SubmitSimPost(*app.writer, a.id, c.user->id, text, Now()));
              });
}

void Reply(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const std::string text = req.get_param_value("text");
  const std::string comment = req.get_param_value("comment");
  AttemptPost(app, req, res, c,
              [&](const Scenario& s, const SimAttemptRow& a) -> std::pair<int, std::string> {
                if (!a.post_submitted_unix || a.finished_unix) return {409, "sim.wrong_state"};
                int index = -1;
                auto [end, ec] =
                    std::from_chars(comment.data(), comment.data() + comment.size(), index);
                if (ec != std::errc() || end != comment.data() + comment.size()) {
                  return {400, "sim.bad_comment"};
                }
                const int64_t now = Now();
                const auto out = training::Released(s, ClockBase(a), now);
                if (std::find(out.begin(), out.end(), index) == out.end()) {
                  return {400, "sim.bad_comment"};
                }
                if (text.find_first_not_of(" \t\r\n") == std::string::npos)
                  return {400, "sim.empty"};
                if (text.size() > training::kMaxReplyBytes) return {413, "sim.too_long"};
                return Written(AddSimReply(*app.writer, a.id, c.user->id, index, text, now,
                                           static_cast<int>(training::kMaxReplies)));
              });
}

void Skip(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  AttemptPost(app, req, res, c,
              [&](const Scenario& s, const SimAttemptRow& a) -> std::pair<int, std::string> {
                if (!a.post_submitted_unix || a.finished_unix) return {409, "sim.wrong_state"};
                auto gap = training::NextRelease(s, ClockBase(a), Now());
                if (!gap) return {409, "sim.wrong_state"};
                return Written(AddSimSkip(*app.writer, a.id, c.user->id, *gap));
              });
}

void Finish(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  AttemptPost(app, req, res, c,
              [&](const Scenario& s, const SimAttemptRow& a) -> std::pair<int, std::string> {
                if (!a.post_submitted_unix || a.finished_unix) return {409, "sim.wrong_state"};
                if (training::NextRelease(s, ClockBase(a), Now())) return {409, "sim.not_yet"};
                auto d =
                    training::ScoreAttempt(s, *app.pack, *app.training->tone_pack, ToAttempt(a));
                if (!d.ok()) {
                  Log()->info("attempt {} not scored: {}", a.id, d.status().message());
                  return {400, "sim.not_scored"};
                }
                return Written(FinishSimAttempt(*app.writer, a.id, c.user->id, d->overall,
                                                DebriefJson(*d, "id"), Now()));
              });
}

// The JSON the page's script polls: what is out on the scenario clock.
void ApiAttempt(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto a = OwnAttempt(app, app.Reader(), req, res, c, true);
  if (!a) return;
  const Scenario* s = app.training->FindScenario(a->scenario_id);
  std::string j = "{\"id\":";
  AppendJsonInt(&j, a->id);
  j += ",\"scenario\":";
  AppendJsonString(&j, a->scenario_id);
  j += std::string(",\"post_submitted\":") + (a->post_submitted_unix ? "true" : "false") +
       ",\"finished\":" + (a->finished_unix ? "true" : "false") + ",\"overall_score\":";
  AppendJsonIntOrNull(&j, a->overall_score);
  j += ",\"next_release_s\":";
  std::optional<int64_t> next;
  std::vector<int> out;
  if (s && a->post_submitted_unix) {
    out = training::Released(*s, ClockBase(*a), Now());
    next = training::NextRelease(*s, ClockBase(*a), Now());
  }
  AppendJsonIntOrNull(&j, next);
  j += ",\"comments\":[";
  for (size_t k = 0; k < out.size(); ++k) {
    const Comment& cm = s->comments[out[k]];
    if (k) j += ",";
    j += "{\"index\":";
    AppendJsonInt(&j, out[k]);
    j += ",\"author\":";
    AppendJsonString(&j, cm.author);
    j += ",\"label\":";
    AppendJsonString(&j, training::LabelName(cm.label));
    j += ",\"text\":";
    AppendJsonString(&j, cm.text);
    j += std::string(",\"answered\":") + (ReplyTo(*a, out[k]) ? "true" : "false") + "}";
  }
  j += "],\"debrief\":";
  j += a->debrief ? *a->debrief : std::string("null");
  App::Json(res, j + "}");
}

// ---------------------------------------------------------------------------
// Supervisors: the team's attempts, read-only.

void TeamPage(App& app, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  Store* reader = app.Reader();
  if (!reader) return app.Fail(res, c, 503, "error.database", false);
  auto rows = TeamSimAttempts(*reader, *c.user, kListLimit);
  if (!rows.ok()) {
    Log()->warn("team attempts: {}", rows.status().message());
    return app.Fail(res, c, 500, "error.database", false);
  }
  std::string body = "<p class=\"sim-crumbs\"><a href=\"/simulasi\">" + Escape(t("sim.back")) +
                     "</a></p><h1>" + Escape(t("sim.team")) + "</h1><p>" +
                     Escape(t("sim.team_intro")) + "</p>";
  if (rows->empty()) {
    body += "<p>" + Escape(t("sim.none")) + "</p>";
  } else {
    body += "<div class=\"scroll\"><table data-testid=\"team\"><thead><tr><th>" +
            Escape(t("sim.trainee")) + "</th><th>" + Escape(t("sim.scenario")) + "</th><th>" +
            Escape(t("sim.score")) + "</th><th>" + Escape(t("sim.started")) + "</th><th>" +
            Escape(t("sim.debrief")) + "</th></tr></thead><tbody>";
    for (const SimAttemptRow& a : *rows) {
      body += "<tr><td>" + Escape(a.username) + "</td><td>" +
              Escape(ScenarioTitle(app, a.scenario_id, t.lang())) + "</td><td>" +
              (a.overall_score ? std::to_string(*a.overall_score) : Escape(t("sim.in_progress"))) +
              "</td><td>" + WibTimeUnix(a.started_unix) + "</td><td>" +
              (a.finished_unix ? "<a href=\"/simulasi/tim/" + std::to_string(a.id) + "\">" +
                                     Escape(t("sim.view")) + "</a>"
                               : std::string("–")) +
              "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  App::Html(res, app.Page(c, t("sim.team"), body));
}

void TeamAttempt(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  auto id = AttemptId(req);
  Store* reader = app.Reader();
  if (!id) return app.Fail(res, c, 404, "sim.not_found", false);
  if (!reader) return app.Fail(res, c, 503, "error.database", false);
  auto row = GetSimAttempt(*reader, *id, static_cast<int>(training::kMaxReplies));
  if (!row.ok()) return app.Fail(res, c, 500, "error.database", false);
  if (!*row || !(*row)->finished_unix) return app.Fail(res, c, 404, "sim.not_found", false);
  const SimAttemptRow& a = **row;
  auto oversees = OverseesTrainee(*reader, *c.user, a.user_id);
  if (!oversees.ok()) return app.Fail(res, c, 500, "error.database", false);
  if (!*oversees) return app.Fail(res, c, 404, "sim.not_found", false);
  const Scenario* s = app.training->FindScenario(a.scenario_id);
  std::string body = "<p class=\"sim-crumbs\"><a href=\"/simulasi/tim\">" + Escape(t("sim.team")) +
                     "</a></p><h1>" + Escape(ScenarioTitle(app, a.scenario_id, t.lang())) +
                     "</h1><p>" + Escape(t("sim.trainee")) + ": " + Escape(a.username) + " · " +
                     WibTimeUnix(*a.finished_unix) + "</p><h2>" + Escape(t("sim.your_post")) +
                     "</h2><p class=\"sim-post sim-text\">" + Escape(a.post_text.value_or("")) +
                     "</p>";
  if (s && s->version == a.scenario_version) {
    body += "<h2>" + Escape(t("sim.comments")) + "</h2><ol class=\"sim-comments\">";
    for (size_t i = 0; i < s->comments.size(); ++i) {
      const SimReplyRow* reply = ReplyTo(a, static_cast<int>(i));
      body += "<li class=\"sim-comment\"><p class=\"sim-who\"><strong>" +
              Escape(s->comments[i].author) + "</strong></p><p class=\"sim-text\">" +
              Escape(s->comments[i].text) + "</p>";
      if (reply) {
        body += "<p class=\"sim-reply sim-text\"><strong>" + Escape(t("sim.reply")) +
                ":</strong> " + Escape(reply->text) + "</p>";
      }
      body += "</li>";
    }
    body += "</ol>";
  }
  body += FinishedHtml(app, s, a, t);
  App::Html(res, app.Page(c, t("sim.debrief"), body));
}

}  // namespace

void AddSimulationRoutes(App& app) {
  constexpr char kAttempt[] = "/simulasi/percobaan/(\\d{1,18})";
  app.server.Get(
      "/simulasi",
      app.Authed([&app](const auto&, auto* res, Context& c) { ListPage(app, res, c); }, false));
  app.server.Post(
      "/simulasi/([a-z0-9-]{1,100})/mulai",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Start(app, req, res, c); },
                 false));
  app.server.Get(kAttempt, app.Authed([&app](const auto& req, auto* res,
                                             Context& c) { AttemptPage(app, req, res, c); },
                                      false));
  app.server.Post(
      std::string(kAttempt) + "/unggah",
      app.Authed([&app](const auto& req, auto* res, Context& c) { SubmitPost(app, req, res, c); },
                 false));
  app.server.Post(
      std::string(kAttempt) + "/balas",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Reply(app, req, res, c); },
                 false));
  app.server.Post(
      std::string(kAttempt) + "/lewati",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Skip(app, req, res, c); },
                 false));
  app.server.Post(
      std::string(kAttempt) + "/selesai",
      app.Authed([&app](const auto& req, auto* res, Context& c) { Finish(app, req, res, c); },
                 false));
  app.server.Get(
      "/api/v1/simulations/attempts/(\\d{1,18})",
      app.Authed([&app](const auto& req, auto* res, Context& c) { ApiAttempt(app, req, res, c); },
                 true));
  app.server.Get("/simulasi/tim",
                 app.Authed([&app](const auto&, auto* res, Context& c) { TeamPage(app, res, c); },
                            false, Access::kSupervisor));
  app.server.Get(
      "/simulasi/tim/(\\d{1,18})",
      app.Authed([&app](const auto& req, auto* res, Context& c) { TeamAttempt(app, req, res, c); },
                 false, Access::kSupervisor));
}

}  // namespace tanggap::dashboard
