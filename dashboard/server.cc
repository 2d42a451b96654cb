#include "dashboard/server.h"

#include <httplib.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <mutex>
#include <set>

#include "dashboard/assets.h"
#include "dashboard/auth.h"
#include "dashboard/html.h"
#include "dashboard/i18n.h"
#include "jobs/responsiveness_report.h"
#include "jobs/score_posts.h"
#include "scorer/scorer.h"
#include "store/store.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

constexpr char kSessionCookie[] = "tanggap_session";
constexpr char kLangCookie[] = "tanggap_lang";
constexpr size_t kMaxDraftBytes = 64 * 1024;

// Created once, thread-safely: worker threads log concurrently, and
// spdlog refuses a second logger of the same name.
std::shared_ptr<spdlog::logger> Log() {
  static const std::shared_ptr<spdlog::logger> log = [] {
    if (auto l = spdlog::get("dashboard")) return l;
    auto l = spdlog::stderr_color_mt("dashboard");
    l->set_level(spdlog::get_level());
    return l;
  }();
  return log;
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Cookie(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  return "";
}

void SecurityHeaders(httplib::Response* res) {
  res->set_header("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("Referrer-Policy", "same-origin");
  res->set_header("X-Frame-Options", "DENY");
}

std::string Fmt(std::optional<double> v, const char* fmt, double scale = 1) {
  if (!v) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, *v * scale);
  return buf;
}

std::string Duration(std::optional<int64_t> s, const Catalog& t) {
  if (!s) return "–";
  char buf[32];
  if (*s < 3600) {
    std::snprintf(buf, sizeof buf, "%lld ", static_cast<long long>(*s / 60));
    return buf + std::string(t("unit.minutes"));
  }
  std::snprintf(buf, sizeof buf, "%.1f ", static_cast<double>(*s) / 3600);
  return buf + std::string(t("unit.hours"));
}

// "2026-11-02T10:00:00+07:00" -> "02-11-2026 10.00 WIB" (Indonesian style).
std::string WibTime(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  if (!t) return Escape(rfc3339);
  std::string s = FormatRfc3339(t->unix_seconds, 420);
  return s.substr(8, 2) + "-" + s.substr(5, 2) + "-" + s.substr(0, 4) + " " + s.substr(11, 2) +
         "." + s.substr(14, 2) + " WIB";
}

}  // namespace

struct Dashboard::Impl {
  ServerOptions options;
  httplib::Server server;
  std::shared_ptr<const scorer::RulePack> pack;
  std::mutex write_mu;
  std::unique_ptr<Store> writer;  // sessions; guarded by write_mu
  LoginLimiter limiter;
  std::map<std::string, std::pair<std::string, std::string>> assets;  // path -> (etag, type)

  // One read-only connection per server thread.
  Store* Reader() {
    thread_local std::unique_ptr<Store> store;
    thread_local std::string path;
    if (!store || path != options.db_path) {
      StoreOptions o;
      o.read_only = true;
      auto opened = Store::Open(options.db_path, o);
      if (!opened.ok()) return nullptr;
      store = std::move(*opened);
      path = options.db_path;
    }
    return store.get();
  }

  struct Context {
    std::optional<User> user;
    std::string token;  // session token, "" when logged out
    const Catalog* t = nullptr;
  };

  Context Load(const httplib::Request& req) {
    Context c;
    // ?lang= (also remembered in a cookie, see Routes) beats the cookie,
    // which beats the user's setting, which beats Accept-Language.
    std::string lang =
        req.has_param("lang") ? req.get_param_value("lang") : Cookie(req, kLangCookie);
    if (lang != "id" && lang != "en")
      lang = LanguageFromHeader(req.get_header_value("Accept-Language"));
    c.token = Cookie(req, kSessionCookie);
    if (c.token.size() == 64) {
      std::lock_guard lock(write_mu);
      auto user = writer->SessionUser(SessionTokenHash(c.token), Now(), options.session_idle_s);
      if (user.ok() && *user) {
        c.user = std::move(**user);
        if (Cookie(req, kLangCookie).empty() && !req.has_param("lang")) lang = c.user->lang;
      }
    }
    if (!c.user) c.token.clear();
    c.t = &Catalog::For(lang);
    return c;
  }

  bool CsrfOk(const httplib::Request& req, const Context& c) {
    std::string sent =
        req.has_param("csrf") ? req.get_param_value("csrf") : req.get_header_value("X-CSRF-Token");
    return !c.token.empty() && ConstantTimeEquals(sent, CsrfToken(c.token));
  }

  std::string Page(const Context& c, std::string_view title, const std::string& body) {
    const Catalog& t = *c.t;
    std::string h = "<!doctype html><html lang=\"" + t.lang() +
                    "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\"><title>";
    AppendEscaped(&h, title);
    h += " · Tanggap</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
         "<script src=\"/static/app.js\" defer></script></head><body><header><nav>";
    h += "<a class=\"brand\" href=\"/\">Tanggap</a>";
    if (c.user) {
      h += "<a href=\"/beranda\">" + Escape(t("nav.home")) + "</a>";
      h += "<a href=\"/latihan\">" + Escape(t("nav.practice")) + "</a>";
      if (c.user->role != "trainee") {
        h += "<a href=\"/ringkasan\">" + Escape(t("nav.overview")) + "</a>";
      }
      h += "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" "
           "name=\"csrf\" value=\"" +
           CsrfToken(c.token) + "\"><button data-testid=\"logout\">" + Escape(t("nav.logout")) +
           " (" + Escape(c.user->username) + ")</button></form>";
    }
    h += std::string("<a data-testid=\"lang\" href=\"?lang=") +
         (t.lang() == "id" ? "en\">English" : "id\">Indonesia") + "</a></nav></header><main>";
    h += body;
    h += "</main></body></html>";
    return h;
  }

  void Html(httplib::Response* res, const std::string& html, int status = 200) {
    res->status = status;
    res->set_header("Cache-Control", "no-store");
    res->set_content(html, "text/html; charset=utf-8");
  }

  void Json(httplib::Response* res, const std::string& json, int status = 200) {
    res->status = status;
    res->set_header("Cache-Control", "no-store");
    res->set_content(json, "application/json; charset=utf-8");
  }

  // Routes that need a user: HTML pages redirect to the login page, the API
  // answers 401.
  using Handler = std::function<void(const httplib::Request&, httplib::Response*, Context&)>;
  httplib::Server::Handler Authed(Handler h, bool api, bool supervisor_only = false) {
    return [this, h, api, supervisor_only](const httplib::Request& req, httplib::Response& res) {
      Context c = Load(req);
      if (!c.user) {
        if (api) {
          Json(&res, R"({"error":"login required"})", 401);
        } else {
          res.set_redirect("/login");
        }
        return;
      }
      if (supervisor_only && c.user->role == "trainee") {
        if (api) {
          Json(&res, R"({"error":"not allowed for this role"})", 403);
        } else {
          Html(&res,
               Page(c, (*c.t)("error.forbidden"),
                    "<p>" + Escape((*c.t)("error.forbidden")) + "</p>"),
               403);
        }
        return;
      }
      h(req, &res, c);
    };
  }

  void Routes();
  void LoginPage(const httplib::Request& req, httplib::Response* res, const std::string& error,
                 int status = 200);
  void Home(const httplib::Request& req, httplib::Response* res, Context& c);
  void Practice(const httplib::Request& req, httplib::Response* res, Context& c);
  void Overview(const httplib::Request& req, httplib::Response* res, Context& c, bool json,
                bool csv);
  std::string CheckJson(const std::string& text, const std::string& platform,
                        const std::string& lang);
};

std::string Dashboard::Impl::CheckJson(const std::string& text, const std::string& platform,
                                       const std::string& lang) {
  scorer::ScoreInput input{text, ParsePlatform(platform), {}};
  scorer::ScoreResult result = pack->Score(input);
  return ScoreResultJson(result, lang);
}

void Dashboard::Impl::LoginPage(const httplib::Request& req, httplib::Response* res,
                                const std::string& error, int status) {
  Context c = Load(req);
  const Catalog& t = *c.t;
  std::string body = "<h1>" + Escape(t("login.title")) + "</h1>";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  body += "<form method=\"post\" action=\"/login\" class=\"card\"><label>" +
          Escape(t("login.username")) +
          "<input name=\"username\" autocomplete=\"username\" required maxlength=\"100\" "
          "data-testid=\"username\"></label><label>" +
          Escape(t("login.password")) +
          "<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required "
          "maxlength=\"1024\" data-testid=\"password\"></label><button data-testid=\"login\">" +
          Escape(t("login.submit")) + "</button></form>";
  Html(res, Page(c, t("login.title"), body), status);
}

void Dashboard::Impl::Home(const httplib::Request&, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  Store* store = Reader();
  if (!store) return Html(res, Page(c, "Error", "<p>database unavailable</p>"), 503);
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) return Html(res, Page(c, "Error", "<p>database error</p>"), 500);
  std::vector<int64_t> ids;
  std::string body = "<h1>" + Escape(t("home.title")) + "</h1><section><h2>" +
                     Escape(t("home.accounts")) +
                     "</h2><ul class=\"accounts\" data-testid=\"accounts\">";
  for (const AccountRow& a : *accounts) {
    ids.push_back(a.row_id);
    body += "<li>" + Escape(a.platform) + " <bdi>@" + Escape(a.handle) + "</bdi> · " +
            Escape(a.agency) + "</li>";
  }
  if (accounts->empty()) body += "<li>" + Escape(t("home.no_accounts")) + "</li>";
  body += "</ul></section>";
  // The first accounts only: a supervisor of a big agency sees its latest.
  if (ids.size() > 50) ids.resize(50);
  auto posts = store->LatestPosts(ids, 20);
  if (!posts.ok()) return Html(res, Page(c, "Error", "<p>database error</p>"), 500);
  body += "<section><h2>" + Escape(t("home.posts")) +
          "</h2><div class=\"scroll\"><table data-testid=\"posts\"><thead><tr><th>" +
          Escape(t("col.time")) + "</th><th>" + Escape(t("col.account")) + "</th><th>" +
          Escape(t("col.post")) + "</th><th>" + Escape(t("col.clarity")) + "</th><th>" +
          Escape(t("col.interactions")) + "</th><th>" + Escape(t("col.top_finding")) +
          "</th></tr></thead><tbody>";
  for (const PostRow& p : *posts) {
    std::string_view excerpt = Utf8Prefix(p.text, 160);
    body += "<tr><td>" + WibTime(p.created_at) + "</td><td><bdi>" + Escape(p.account) +
            "</bdi></td><td class=\"post\"><bdi>" + Escape(excerpt) +
            (excerpt.size() < p.text.size() ? "…" : "") + "</bdi></td><td>" +
            (p.score ? std::to_string(*p.score) : std::string("–")) + "</td><td>" +
            std::to_string(p.interactions) + "</td><td>" +
            Escape(t.lang() == "en" ? p.top_message_en : p.top_message_id) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  // The to-do list: open citizen questions, oldest first.
  body += "<section><h2>" + Escape(t("home.queue")) + "</h2><ul data-testid=\"queue\">";
  int shown = 0;
  for (const AccountRow& a : *accounts) {
    if (shown >= 30) break;
    auto items = store->Unanswered(a.platform + ":" + a.handle, 10);
    if (!items.ok()) continue;
    for (const QueueItem& q : *items) {
      body += "<li><span class=\"label\">" + Escape(q.label) + "</span> " + WibTime(q.asked_at) +
              " <bdi>@" + Escape(q.asker) + "</bdi>: <bdi>" + Escape(Utf8Prefix(q.text, 200)) +
              "</bdi>";
      if (!q.post_url.empty()) {
        body += " <a rel=\"noopener noreferrer\" href=\"" + SafeUrl(q.post_url) + "\">" +
                Escape(t("home.open_post")) + "</a>";
      }
      body += "</li>";
      ++shown;
    }
  }
  if (shown == 0) body += "<li>" + Escape(t("home.queue_empty")) + "</li>";
  body += "</ul></section>";
  Html(res, Page(c, t("home.title"), body));
}

void Dashboard::Impl::Practice(const httplib::Request& req, httplib::Response* res, Context& c) {
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
          "data-testid=\"result\" aria-live=\"polite\">";
  if (req.method == "POST") {
    if (!CsrfOk(req, c)) {
      return Html(res, Page(c, t("error.csrf"), "<p>" + Escape(t("error.csrf")) + "</p>"), 403);
    }
    scorer::ScoreResult r = pack->Score(scorer::ScoreInput{text, ParsePlatform(platform), {}});
    body += "<p class=\"score\">" + Escape(t("col.clarity")) + ": <strong>" +
            (r.scored ? std::to_string(r.score) : std::string("–")) + "</strong> · " +
            Escape(t("practice.length")) + ": " + std::to_string(r.stats.platform_length) +
            "</p><ol class=\"findings\">";
    for (const scorer::Finding& f : r.findings) {
      body += "<li class=\"" + std::string(scorer::LevelName(f.level)) + "\"><strong>" +
              Escape(f.rule) + "</strong> «" + Escape(f.text) + "» " +
              Escape(t.lang() == "en" ? f.message.en : f.message.id) + "</li>";
    }
    body += "</ol>";
  }
  body += "</section>";
  Html(res, Page(c, t("practice.title"), body));
}

void Dashboard::Impl::Overview(const httplib::Request& req, httplib::Response* res, Context& c,
                               bool json, bool csv) {
  const Catalog& t = *c.t;
  Store* store = Reader();
  if (!store) return Html(res, Page(c, "Error", "<p>database unavailable</p>"), 503);
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) return Html(res, Page(c, "Error", "<p>database error</p>"), 500);
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
  if (!rows.ok()) return Html(res, Page(c, "Error", "<p>database error</p>"), 500);
  std::vector<ReportRow> mine;
  for (ReportRow& r : *rows) {
    if (visible.count(r.group)) mine.push_back(std::move(r));
  }
  if (json) return Json(res, ReportJson(mine));
  if (csv) {
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
  Html(res, Page(c, t("overview.title"), body));
}

void Dashboard::Impl::Routes() {
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    SecurityHeaders(&res);
    if (req.has_param("lang")) {  // remembered for the next pages
      std::string lang = req.get_param_value("lang") == "en" ? "en" : "id";
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                       "; Path=/; SameSite=Lax; Max-Age=31536000");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    Log()->info("{} {} {} {}", req.remote_addr, req.method, req.path, res.status);
  });
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  server.Get(R"(/static/([a-z0-9.\-]+))",
             [this](const httplib::Request& req, httplib::Response& res) {
               const std::string name = "assets/" + std::string(req.matches[1]);
               auto meta = assets.find(name);
               if (meta == assets.end()) {
                 res.status = 404;
                 return;
               }
               if (req.get_header_value("If-None-Match") == meta->second.first) {
                 res.status = 304;
                 return;
               }
               for (const Asset& a : Assets()) {
                 if (a.name == name) {
                   res.set_header("ETag", meta->second.first);
                   res.set_header("Cache-Control", "public, max-age=3600");
                   res.set_content(std::string(a.data), meta->second.second);
                 }
               }
             });
  server.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
    Context c = Load(req);
    if (!c.user) return res.set_redirect("/login");
    res.set_redirect(c.user->role == "trainee" ? "/beranda" : "/ringkasan");
  });
  server.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
    LoginPage(req, &res, "");
  });
  server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
    Context c = Load(req);
    const std::string username = req.get_param_value("username").substr(0, 100);
    const std::string password = req.get_param_value("password");
    const int64_t now = Now();
    if (!limiter.Allowed(req.remote_addr, username, now)) {
      Log()->warn("login throttled for {} from {}", username, req.remote_addr);
      return LoginPage(req, &res, std::string((*c.t)("login.throttled")), 429);
    }
    std::optional<User> user;
    {
      Store* store = Reader();
      auto found =
          store ? store->FindUser(username) : Result<std::optional<User>>(Status::IOError("db"));
      if (found.ok()) user = *found;
    }
    if (!user || user->disabled || !VerifyPassword(user->password_hash, password)) {
      limiter.Failed(req.remote_addr, username, now);
      return LoginPage(req, &res, std::string((*c.t)("login.failed")), 401);
    }
    limiter.Succeeded(username);
    const std::string token = NewSessionToken();
    {
      std::lock_guard lock(write_mu);
      if (Status s = writer->CreateSession(SessionTokenHash(token), user->id, now,
                                           now + options.session_absolute_s);
          !s.ok()) {
        res.status = 500;
        return;
      }
    }
    std::string cookie = std::string(kSessionCookie) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(options.session_absolute_s);
    if (options.secure_cookies) cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    res.set_redirect("/", 303);
  });
  server.Post("/logout",
              Authed(
                  [this](const httplib::Request& req, httplib::Response* res, Context& c) {
                    if (!CsrfOk(req, c)) {
                      res->status = 403;
                      return;
                    }
                    std::lock_guard lock(write_mu);
                    (void)writer->DeleteSession(SessionTokenHash(c.token));
                    res->set_header("Set-Cookie", std::string(kSessionCookie) +
                                                      "=; Path=/; HttpOnly; "
                                                      "SameSite=Strict; Max-Age=0");
                    res->set_redirect("/login", 303);
                  },
                  false));
  server.Get("/beranda",
             Authed([this](const auto& req, auto* res, Context& c) { Home(req, res, c); }, false));
  server.Get(
      "/latihan",
      Authed([this](const auto& req, auto* res, Context& c) { Practice(req, res, c); }, false));
  server.Post(
      "/latihan",
      Authed([this](const auto& req, auto* res, Context& c) { Practice(req, res, c); }, false));
  server.Get("/ringkasan", Authed([this](const auto& req, auto* res,
                                         Context& c) { Overview(req, res, c, false, false); },
                                  false, true));
  server.Get("/ringkasan.csv", Authed([this](const auto& req, auto* res,
                                             Context& c) { Overview(req, res, c, false, true); },
                                      false, true));
  server.Get("/api/v1/overview", Authed([this](const auto& req, auto* res,
                                               Context& c) { Overview(req, res, c, true, false); },
                                        true, true));
  server.Get("/api/v1/posts",
             Authed(
                 [this](const httplib::Request&, httplib::Response* res, Context& c) {
                   Store* store = Reader();
                   auto accounts = store ? store->VisibleAccounts(*c.user) : Status::IOError("db");
                   if (!accounts.ok()) return Json(res, "{}", 500);
                   std::vector<int64_t> ids;
                   for (const auto& a : *accounts) ids.push_back(a.row_id);
                   auto posts = store->LatestPosts(ids, 50);
                   if (!posts.ok()) return Json(res, "{}", 500);
                   std::string out = "[";
                   for (const PostRow& p : *posts) {
                     if (out.size() > 1) out += ",";
                     out += "{\"account\":";
                     AppendJsonString(&out, p.account);
                     out += ",\"created_at\":";
                     AppendJsonString(&out, p.created_at);
                     out += ",\"text\":";
                     AppendJsonString(&out, p.text);
                     out += ",\"clarity\":";
                     AppendJsonIntOrNull(&out, p.score);
                     out += ",\"interactions\":";
                     AppendJsonInt(&out, p.interactions);
                     out += ",\"top_rule\":";
                     AppendJsonString(&out, p.top_rule);
                     out += "}";
                   }
                   Json(res, out + "]");
                 },
                 true));
  server.Post("/api/v1/check",
              Authed(
                  [this](const httplib::Request& req, httplib::Response* res, Context& c) {
                    if (!CsrfOk(req, c)) {
                      return Json(res, R"({"error":"bad CSRF token"})", 403);
                    }
                    std::string text = req.get_param_value("text");
                    if (text.size() > kMaxDraftBytes) {
                      return Json(res, R"({"error":"draft too long"})", 413);
                    }
                    Json(res, CheckJson(text, req.get_param_value("platform"), c.t->lang()));
                  },
                  true));
}

Result<std::unique_ptr<Dashboard>> Dashboard::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto writer = Store::Open(options.db_path);
  if (!writer.ok()) return writer.status();
  impl->writer = std::move(*writer);
  if (!impl->Reader()) {
    return Status::IOError("cannot open " + options.db_path + " read-only for the dashboard");
  }
  auto pack = scorer::RulePack::Load(options.rules_dir);
  if (!pack.ok()) return pack.status();
  impl->pack = *pack;
  for (const Asset& a : Assets()) {
    if (a.name.rfind("assets/", 0) != 0) continue;
    char etag[32];
    std::snprintf(etag, sizeof etag, "\"%zx\"", std::hash<std::string_view>{}(a.data));
    std::string type = a.name.ends_with(".css")  ? "text/css; charset=utf-8"
                       : a.name.ends_with(".js") ? "text/javascript; charset=utf-8"
                                                 : "application/octet-stream";
    impl->assets[std::string(a.name)] = {etag, type};
  }
  impl->server.set_tcp_nodelay(true);
  const int threads = std::max(4, options.threads);
  impl->server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->server.set_payload_max_length(256 * 1024);
  impl->Routes();
  return std::unique_ptr<Dashboard>(new Dashboard(std::move(impl)));
}

Dashboard::Dashboard(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dashboard::~Dashboard() = default;

Result<int> Dashboard::Bind() {
  int port = impl_->options.port == 0
                 ? impl_->server.bind_to_any_port(impl_->options.host)
                 : (impl_->server.bind_to_port(impl_->options.host, impl_->options.port)
                        ? impl_->options.port
                        : -1);
  if (port <= 0) {
    return Status::IOError("cannot listen on " + impl_->options.host + ":" +
                           std::to_string(impl_->options.port) +
                           " (in use? pass another --listen)");
  }
  return port;
}

void Dashboard::Serve() { impl_->server.listen_after_bind(); }
void Dashboard::Stop() { impl_->server.stop(); }

}  // namespace tanggap::dashboard
