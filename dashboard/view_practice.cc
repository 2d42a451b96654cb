// The practice editor ("Latihan"): a draft scored with the clarity pack, as
// a form post (works without JavaScript) and as JSON for the live editor.
#include <string>
#include <string_view>
#include <vector>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "jobs/score_posts.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

// The first lesson that teaches `rule` (view_lessons.cc), or nullptr.
const training::Lesson* LessonFor(const App& app, std::string_view rule) {
  const auto lessons = app.training->lessons->ForRule(rule);
  return lessons.empty() ? nullptr : lessons.front();
}

// The answer of POST /api/v1/check: `tanggap check --format json`
// (docs/check-json.md) plus, per finding, the first lesson that teaches its
// rule: "lesson":{"id","title","url"}, absent when no lesson does
// (docs/dashboard.md).
std::string CheckJson(const App& app, const scorer::ScoreResult& r, std::string_view lang) {
  return ScoreResultJson(r, lang, [&](const scorer::Finding& f, std::string* j) {
    const training::Lesson* l = LessonFor(app, f.rule);
    if (!l) return;
    *j += ",\"lesson\":{\"id\":";
    AppendJsonString(j, l->id);
    *j += ",\"title\":";
    AppendJsonString(j, l->title.In(lang));
    *j += ",\"url\":";
    AppendJsonString(j, "/materi/" + PathEncode(l->id));
    *j += "}";
  });
}

void Practice(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  std::string text = req.has_param("text") ? req.get_param_value("text") : "";
  std::string platform = req.has_param("platform") ? req.get_param_value("platform") : "instagram";
  if (!ParsePlatform(platform)) platform = "instagram";
  if (text.size() > kMaxDraftBytes) text.resize(kMaxDraftBytes);
  std::string body = "<h1>" + Escape(t("practice.title")) + "</h1><p>" +
                     Escape(t("practice.intro")) +
                     "</p><form method=\"post\" action=\"/latihan\" id=\"practice\" "
                     "class=\"card\"><input type=\"hidden\" name=\"csrf\" value=\"" +
                     CsrfToken(c.token) + "\"><label>" + Escape(t("practice.platform")) +
                     "<select name=\"platform\" data-testid=\"platform\">";
  for (Platform p : kAllPlatforms) {
    std::string name(PlatformName(p));
    body += "<option value=\"" + name + "\"" + (name == platform ? " selected" : "") + ">" + name +
            "</option>";
  }
  body += "</select></label><label>" + Escape(t("practice.draft")) +
          "<textarea name=\"text\" rows=\"8\" maxlength=\"65536\" data-testid=\"draft\">" +
          Escape(text) + "</textarea></label><button data-testid=\"check\">" +
          Escape(t("practice.check")) +
          "</button></form><section id=\"result\" "
          "data-testid=\"result\" aria-live=\"polite\" data-learn-more=\"" +
          Escape(t("lessons.learn_more")) + "\">";
  if (req.method == "POST") {
    if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", false);
    scorer::ScoreResult r = app.pack->Score(scorer::ScoreInput{text, ParsePlatform(platform), {}});
    body += "<p class=\"score\">" + Escape(t("col.clarity")) + ": <strong>" +
            (r.scored ? std::to_string(r.score) : std::string("–")) + "</strong> · " +
            Escape(t("practice.length")) + ": " + std::to_string(r.stats.platform_length) +
            "</p><ol class=\"findings\">";
    for (const scorer::Finding& f : r.findings) {
      body += "<li class=\"" + std::string(scorer::LevelName(f.level)) + "\"><strong>" +
              Escape(f.rule) + "</strong> «" + Escape(f.text) + "» " +
              Escape(t.lang() == "en" ? f.message.en : f.message.id);
      // The first lesson that teaches the rule (view_lessons.cc), if any;
      // app.js draws the same link from the check JSON's "lesson".
      if (const training::Lesson* l = LessonFor(app, f.rule)) {
        body += " <a class=\"lesson-link\" href=\"/materi/" + Escape(PathEncode(l->id)) + "\">" +
                Escape(t("lessons.learn_more")) + " " + Escape(l->title.In(t.lang())) + "</a>";
      }
      body += "</li>";
    }
    body += "</ol>";
  }
  body += "</section>";
  App::Html(res, app.Page(c, t("practice.title"), body));
}

}  // namespace

void AddPracticeRoutes(App& app) {
  auto page = [&app](const auto& req, auto* res, Context& c) { Practice(app, req, res, c); };
  app.server.Get("/latihan", app.Authed(page, false));
  app.server.Post("/latihan", app.Authed(page, false));
  app.server.Post(
      "/api/v1/check",
      app.Authed(
          [&app](const httplib::Request& req, httplib::Response* res, Context& c) {
            if (!app.CsrfOk(req, c)) {
              return App::Json(res, R"({"error":"bad CSRF token"})", 403);
            }
            std::string text = req.get_param_value("text");
            if (text.size() > kMaxDraftBytes) {
              return App::Json(res, R"({"error":"draft too long"})", 413);
            }
            scorer::ScoreInput input{text, ParsePlatform(req.get_param_value("platform")), {}};
            App::Json(res, CheckJson(app, app.pack->Score(input), c.t->lang()));
          },
          true));
}

}  // namespace tanggap::dashboard
