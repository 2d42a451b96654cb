// Lessons ("Materi", /materi): the list with the user's progress, a lesson
// page (explanation, before/after examples, the quiz as a form) and the
// quiz marked on the server; JSON twins under /api/v1/lessons. Every role
// can learn. Progress lives in lesson_progress (store/lesson_queries.h).
//
// Reading: opening /materi/<id> marks the lesson read (the page view is the
// act of reading; no extra button). Quiz answers never reach the page: the
// form carries option indexes, LessonLibrary::CheckQuiz marks them, and only
// the marked result (right/wrong and the explanation) comes back.
#include <charconv>
#include <map>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "store/lesson_queries.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

using training::Lesson;
using training::LessonExample;
using training::QuizResult;

constexpr int kProgressLimit = 1000;  // more than kMaxLessonFiles

// The user's progress on lessons in their current version, by lesson id:
// a row about an older version of the file is not progress on this one.
std::map<std::string, LessonProgressRow> CurrentProgress(App& app, const Context& c, bool* failed) {
  std::map<std::string, LessonProgressRow> out;
  Store* reader = app.Reader();
  if (!reader) {
    *failed = true;
    return out;
  }
  auto rows = LessonProgress(*reader, c.user->id, kProgressLimit);
  if (!rows.ok()) {
    Log()->warn("lesson progress: {}", rows.status().message());
    *failed = true;
    return out;
  }
  for (auto& row : *rows) {
    const Lesson* l = app.training->lessons->Find(row.lesson_id);
    if (!l || l->version != row.lesson_version) continue;
    std::string id = row.lesson_id;
    out.emplace(std::move(id), std::move(row));
  }
  return out;
}

std::string_view ContextKey(LessonExample::Context context) {
  switch (context) {
    case LessonExample::Context::kReply:
      return "lessons.example.reply";
    case LessonExample::Context::kAltText:
      return "lessons.example.alt";
    case LessonExample::Context::kPost:
      break;
  }
  return "lessons.example.post";
}

std::string ContextName(LessonExample::Context context) {
  switch (context) {
    case LessonExample::Context::kReply:
      return "reply";
    case LessonExample::Context::kAltText:
      return "alt_text";
    case LessonExample::Context::kPost:
      break;
  }
  return "post";
}

// "Dibaca · Kuis lulus · Terbaik 75%" for the list and the lesson page.
std::string ProgressHtml(const Catalog& t, const LessonProgressRow* p) {
  std::string h = "<span class=\"ls-progress\" data-testid=\"progress\">";
  if (!p) return h + Escape(t("lessons.not_started")) + "</span>";
  h += Escape(p->read_unix ? t("lessons.read") : t("lessons.unread"));
  if (p->quiz_passed_unix) {
    h += " · <strong class=\"ls-passed\">" + Escape(t("lessons.passed")) + "</strong>";
  } else if (p->quiz_attempts > 0) {
    h += " · " + Escape(t("lessons.not_passed"));
  }
  if (p->best_percent) {
    h += " · " + Escape(t("lessons.best")) + " " + std::to_string(*p->best_percent) + "%";
  }
  return h + "</span>";
}

void ListPage(App& app, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  bool failed = false;
  auto progress = CurrentProgress(app, c, &failed);
  if (failed) return app.Fail(res, c, 503, "error.database", false);
  std::string body = "<h1>" + Escape(t("lessons.title")) + "</h1><p>" + Escape(t("lessons.intro")) +
                     "</p><ol class=\"ls-list\">";
  for (const Lesson& l : app.training->lessons->all()) {
    auto p = progress.find(l.id);
    body += "<li class=\"ls-item\" data-testid=\"lesson\"><h2><a href=\"/materi/" + Escape(l.id) +
            "\">" + Escape(l.title.In(t.lang())) + "</a></h2><p>" + Escape(l.summary.In(t.lang())) +
            "</p><p class=\"ls-rules\">" + Escape(t("lessons.rules")) + ": ";
    for (size_t i = 0; i < l.rules.size(); ++i) {
      if (i) body += ", ";
      body += "<code>" + Escape(l.rules[i]) + "</code>";
    }
    body += "</p><p>" + ProgressHtml(t, p == progress.end() ? nullptr : &p->second) + "</p></li>";
  }
  body += "</ol>";
  App::Html(res, app.Page(c, t("lessons.title"), body));
}

// The lesson page; `marked` is the quiz just checked, if any.
std::string LessonBody(const Lesson& l, const Context& c, const LessonProgressRow* p,
                       const QuizResult* marked) {
  const Catalog& t = *c.t;
  const std::string& lang = t.lang();
  std::string h = "<p class=\"ls-crumbs\"><a href=\"/materi\">" + Escape(t("lessons.back")) +
                  "</a></p><h1>" + Escape(l.title.In(lang)) + "</h1><p class=\"ls-summary\">" +
                  Escape(l.summary.In(lang)) + "</p><p>" + ProgressHtml(t, p) +
                  "</p><p class=\"ls-rules\">" + Escape(t("lessons.rules")) + ": ";
  for (size_t i = 0; i < l.rules.size(); ++i) {
    if (i) h += ", ";
    h += "<code>" + Escape(l.rules[i]) + "</code>";
  }
  // explanation_html is cmark's output with raw HTML dropped (lessons.h).
  h += "</p><section class=\"ls-explanation\" data-testid=\"explanation\">" +
       l.explanation_html.In(lang) + "</section><h2>" + Escape(t("lessons.examples")) + "</h2>";
  for (const LessonExample& e : l.examples) {
    h +=
        "<section class=\"ls-example\"><p class=\"ls-context\">" + Escape(t(ContextKey(e.context)));
    if (!e.reply_to.empty()) h += " (" + Escape(e.reply_to) + ")";
    if (e.platform) h += " · " + Escape(PlatformName(*e.platform));
    h += "</p><div class=\"ls-pair\"><div class=\"ls-before\"><h3>" + Escape(t("lessons.before")) +
         "</h3><p class=\"ls-text\">" + Escape(e.before) +
         "</p></div><div class=\"ls-after\"><h3>" + Escape(t("lessons.after")) +
         "</h3><p class=\"ls-text\">" + Escape(e.after) + "</p></div></div>";
    if (!e.note.In(lang).empty()) h += "<p class=\"ls-note\">" + Escape(e.note.In(lang)) + "</p>";
    h += "</section>";
  }
  h += "<h2 id=\"kuis\">" + Escape(t("lessons.quiz")) + "</h2>";
  if (marked) {
    h += "<p class=\"ls-score\" role=\"status\" data-testid=\"quiz-result\"><strong>" +
         std::to_string(marked->correct) + "/" + std::to_string(marked->total) + " (" +
         std::to_string(marked->percent) + "%)</strong> · " +
         Escape(marked->passed ? t("lessons.quiz_passed") : t("lessons.quiz_failed")) + "</p>";
  }
  h += "<form method=\"post\" action=\"/materi/" + Escape(l.id) +
       "/kuis#kuis\" class=\"ls-quiz\" data-testid=\"quiz\"><input type=\"hidden\" "
       "name=\"csrf\" value=\"" +
       CsrfToken(c.token) + "\"><p>" + Escape(t("lessons.quiz_intro")) + "</p>";
  for (size_t q = 0; q < l.quiz.size(); ++q) {
    const auto& question = l.quiz[q];
    const QuizResult::Answer* a =
        marked && q < marked->answers.size() ? &marked->answers[q] : nullptr;
    h += "<fieldset class=\"ls-question\"><legend>" + std::to_string(q + 1) + ". " +
         Escape(question.question.In(lang)) + "</legend>";
    for (size_t o = 0; o < question.options.size(); ++o) {
      const std::string name = "q" + std::to_string(q);
      const std::string value = std::to_string(o);
      h += "<label class=\"ls-option\"><input type=\"radio\" name=\"" + name + "\" value=\"" +
           value + "\"" + (a && a->chosen == static_cast<int>(o) ? " checked" : "") + "> " +
           Escape(question.options[o].In(lang)) + "</label>";
    }
    if (a) {
      h += std::string("<p class=\"ls-mark ") + (a->correct ? "ls-right" : "ls-wrong") +
           "\" data-testid=\"mark\">" +
           Escape(a->correct ? t("lessons.right")
                             : (a->chosen < 0 ? t("lessons.blank") : t("lessons.wrong")));
      if (!a->why.In(lang).empty()) h += " " + Escape(a->why.In(lang));
      h += "</p>";
    }
    h += "</fieldset>";
  }
  h += "<button data-testid=\"quiz-submit\">" + Escape(t("lessons.check")) + "</button></form>";
  return h;
}

// Reads q0..q(n-1) into option indexes: -1 when absent or empty; nullopt
// when one is not a number (a forged form, like an index out of range).
std::optional<std::vector<int>> ReadAnswers(const httplib::Request& req, size_t questions) {
  std::vector<int> out(questions, -1);
  for (size_t q = 0; q < questions; ++q) {
    const std::string name = "q" + std::to_string(q);
    if (!req.has_param(name)) continue;
    const std::string v = req.get_param_value(name);
    if (v.empty()) continue;
    int n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
    out[q] = n;
  }
  return out;
}

const Lesson* FindLesson(App& app, const httplib::Request& req) {
  return app.training->lessons->Find(std::string(req.matches[1]));
}

void LessonPage(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Lesson* l = FindLesson(app, req);
  if (!l) return app.Fail(res, c, 404, "lessons.not_found", false);
  {
    std::lock_guard lock(app.write_mu);
    if (Status s = MarkLessonRead(*app.writer, c.user->id, l->id, l->version, Now()); !s.ok()) {
      Log()->warn("mark lesson read: {}", s.message());
      return app.Fail(res, c, 500, "error.database", false);
    }
  }
  bool failed = false;
  auto progress = CurrentProgress(app, c, &failed);
  if (failed) return app.Fail(res, c, 503, "error.database", false);
  auto p = progress.find(l->id);
  App::Html(res, app.Page(c, l->title.In(c.t->lang()),
                          LessonBody(*l, c, p == progress.end() ? nullptr : &p->second, nullptr)));
}

// Marks and stores a quiz; nullopt with the response written on failure.
std::optional<QuizResult> MarkQuiz(App& app, const httplib::Request& req, httplib::Response* res,
                                   Context& c, const Lesson& l, bool api) {
  if (!app.CsrfOk(req, c)) {
    app.Fail(res, c, 403, "error.csrf", api);
    return std::nullopt;
  }
  auto answers = ReadAnswers(req, l.quiz.size());
  if (!answers) {
    app.Fail(res, c, 400, "lessons.bad_answer", api);
    return std::nullopt;
  }
  auto marked = app.training->lessons->CheckQuiz(l.id, *answers);
  if (!marked.ok()) {
    app.Fail(res, c, 400, "lessons.bad_answer", api);
    return std::nullopt;
  }
  std::lock_guard lock(app.write_mu);
  if (Status s = RecordQuizAttempt(*app.writer, c.user->id, l.id, l.version, marked->percent,
                                   marked->passed, Now());
      !s.ok()) {
    Log()->warn("record quiz: {}", s.message());
    app.Fail(res, c, 500, "error.database", api);
    return std::nullopt;
  }
  return std::move(*marked);
}

void QuizPost(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Lesson* l = FindLesson(app, req);
  if (!l) return app.Fail(res, c, 404, "lessons.not_found", false);
  auto marked = MarkQuiz(app, req, res, c, *l, false);
  if (!marked) return;
  bool failed = false;
  auto progress = CurrentProgress(app, c, &failed);
  if (failed) return app.Fail(res, c, 503, "error.database", false);
  auto p = progress.find(l->id);
  App::Html(res, app.Page(c, l->title.In(c.t->lang()),
                          LessonBody(*l, c, p == progress.end() ? nullptr : &p->second, &*marked)));
}

// ---------------------------------------------------------------------------
// JSON

void AppendLocalized(std::string* j, const scorer::Localized& s) {
  *j += "{\"id\":";
  AppendJsonString(j, s.id);
  *j += ",\"en\":";
  AppendJsonString(j, s.en.empty() ? s.id : s.en);
  *j += "}";
}

void AppendProgress(std::string* j, const LessonProgressRow* p) {
  *j += "\"progress\":{\"read\":";
  *j += p && p->read_unix ? "true" : "false";
  *j += ",\"quiz_passed\":";
  *j += p && p->quiz_passed_unix ? "true" : "false";
  *j += ",\"quiz_attempts\":";
  AppendJsonInt(j, p ? p->quiz_attempts : 0);
  *j += ",\"best_percent\":";
  AppendJsonIntOrNull(j, p ? p->best_percent : std::nullopt);
  *j += "}";
}

void AppendSummary(std::string* j, const Lesson& l, const LessonProgressRow* p) {
  *j += "\"id\":";
  AppendJsonString(j, l.id);
  *j += ",\"version\":";
  AppendJsonString(j, l.version);
  *j += ",\"title\":";
  AppendLocalized(j, l.title);
  *j += ",\"summary\":";
  AppendLocalized(j, l.summary);
  *j += ",\"rules\":[";
  for (size_t i = 0; i < l.rules.size(); ++i) {
    if (i) *j += ",";
    AppendJsonString(j, l.rules[i]);
  }
  *j += "],";
  AppendProgress(j, p);
}

void ApiList(App& app, httplib::Response* res, Context& c) {
  bool failed = false;
  auto progress = CurrentProgress(app, c, &failed);
  if (failed) return app.Fail(res, c, 503, "error.database", true);
  std::string j = "{\"lessons\":[";
  bool first = true;
  for (const Lesson& l : app.training->lessons->all()) {
    if (!first) j += ",";
    first = false;
    auto p = progress.find(l.id);
    j += "{";
    AppendSummary(&j, l, p == progress.end() ? nullptr : &p->second);
    j += "}";
  }
  App::Json(res, j + "]}");
}

void ApiLesson(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Lesson* l = FindLesson(app, req);
  if (!l) return app.Fail(res, c, 404, "lessons.not_found", true);
  bool failed = false;
  auto progress = CurrentProgress(app, c, &failed);
  if (failed) return app.Fail(res, c, 503, "error.database", true);
  auto p = progress.find(l->id);
  std::string j = "{";
  AppendSummary(&j, *l, p == progress.end() ? nullptr : &p->second);
  j += ",\"explanation_html\":";
  AppendLocalized(&j, l->explanation_html);
  j += ",\"examples\":[";
  for (size_t i = 0; i < l->examples.size(); ++i) {
    const LessonExample& e = l->examples[i];
    if (i) j += ",";
    j += "{\"context\":";
    AppendJsonString(&j, ContextName(e.context));
    j += ",\"before\":";
    AppendJsonString(&j, e.before);
    j += ",\"after\":";
    AppendJsonString(&j, e.after);
    j += ",\"note\":";
    AppendLocalized(&j, e.note);
    j += "}";
  }
  // The questions and options only: the answers stay in LessonLibrary.
  j += "],\"quiz\":[";
  for (size_t q = 0; q < l->quiz.size(); ++q) {
    if (q) j += ",";
    j += "{\"field\":\"q" + std::to_string(q) + "\",\"question\":";
    AppendLocalized(&j, l->quiz[q].question);
    j += ",\"options\":[";
    for (size_t o = 0; o < l->quiz[q].options.size(); ++o) {
      if (o) j += ",";
      AppendLocalized(&j, l->quiz[q].options[o]);
    }
    j += "]}";
  }
  App::Json(res, j + "]}");
}

void ApiQuiz(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Lesson* l = FindLesson(app, req);
  if (!l) return app.Fail(res, c, 404, "lessons.not_found", true);
  auto marked = MarkQuiz(app, req, res, c, *l, true);
  if (!marked) return;
  std::string j = "{\"lesson\":";
  AppendJsonString(&j, marked->lesson);
  j += ",\"correct\":";
  AppendJsonInt(&j, marked->correct);
  j += ",\"total\":";
  AppendJsonInt(&j, marked->total);
  j += ",\"percent\":";
  AppendJsonInt(&j, marked->percent);
  j += std::string(",\"passed\":") + (marked->passed ? "true" : "false") + ",\"answers\":[";
  for (size_t i = 0; i < marked->answers.size(); ++i) {
    const auto& a = marked->answers[i];
    if (i) j += ",";
    j += "{\"chosen\":";
    AppendJsonInt(&j, a.chosen);
    j += std::string(",\"correct\":") + (a.correct ? "true" : "false") + ",\"why\":";
    AppendLocalized(&j, a.why);
    j += "}";
  }
  App::Json(res, j + "]}");
}

}  // namespace

void AddLessonRoutes(App& app) {
  constexpr char kId[] = "([a-z0-9-]{1,100})";
  app.server.Get(
      "/materi",
      app.Authed([&app](const auto&, auto* res, Context& c) { ListPage(app, res, c); }, false));
  app.server.Get(
      std::string("/materi/") + kId,
      app.Authed([&app](const auto& req, auto* res, Context& c) { LessonPage(app, req, res, c); },
                 false));
  app.server.Post(
      std::string("/materi/") + kId + "/kuis",
      app.Authed([&app](const auto& req, auto* res, Context& c) { QuizPost(app, req, res, c); },
                 false));
  app.server.Get(
      "/api/v1/lessons",
      app.Authed([&app](const auto&, auto* res, Context& c) { ApiList(app, res, c); }, true));
  app.server.Get(
      std::string("/api/v1/lessons/") + kId,
      app.Authed([&app](const auto& req, auto* res, Context& c) { ApiLesson(app, req, res, c); },
                 true));
  app.server.Post(
      std::string("/api/v1/lessons/") + kId + "/quiz",
      app.Authed([&app](const auto& req, auto* res, Context& c) { ApiQuiz(app, req, res, c); },
                 true));
}

}  // namespace tanggap::dashboard
