// Logging in and out, and the landing redirect.
#include "dashboard/app.h"
#include "dashboard/html.h"

namespace tanggap::dashboard {
namespace {

void LoginPage(App& app, const httplib::Request& req, httplib::Response* res,
               const std::string& error, int status = 200) {
  Context c = app.Load(req);
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
  App::Html(res, app.Page(c, t("login.title"), body), status);
}

}  // namespace

void AddSessionRoutes(App& app) {
  app.server.Get("/", [&app](const httplib::Request& req, httplib::Response& res) {
    Context c = app.Load(req);
    if (!c.user) return res.set_redirect("/login");
    res.set_redirect(c.user->role == "trainee" ? "/beranda" : "/ringkasan");
  });
  app.server.Get("/login", [&app](const httplib::Request& req, httplib::Response& res) {
    LoginPage(app, req, &res, "");
  });
  app.server.Post("/login", [&app](const httplib::Request& req, httplib::Response& res) {
    Context c = app.Load(req);
    const std::string username = req.get_param_value("username").substr(0, 100);
    const std::string password = req.get_param_value("password");
    const int64_t now = Now();
    if (!app.limiter.Allowed(req.remote_addr, username, now)) {
      Log()->warn("login throttled for {} from {}", username, req.remote_addr);
      return LoginPage(app, req, &res, std::string((*c.t)("login.throttled")), 429);
    }
    std::optional<User> user;
    {
      Store* store = app.Reader();
      auto found =
          store ? store->FindUser(username) : Result<std::optional<User>>(Status::IOError("db"));
      if (found.ok()) user = *found;
    }
    if (!user || user->disabled || !VerifyPassword(user->password_hash, password)) {
      app.limiter.Failed(req.remote_addr, username, now);
      return LoginPage(app, req, &res, std::string((*c.t)("login.failed")), 401);
    }
    app.limiter.Succeeded(username);
    const std::string token = NewSessionToken();
    {
      std::lock_guard lock(app.write_mu);
      if (Status s = app.writer->CreateSession(SessionTokenHash(token), user->id, now,
                                               now + app.options.session_absolute_s);
          !s.ok()) {
        res.status = 500;
        return;
      }
    }
    std::string cookie = std::string(kSessionCookie) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(app.options.session_absolute_s);
    if (app.options.secure_cookies) cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    res.set_redirect("/", 303);
  });
  app.server.Post("/logout",
                  app.Authed(
                      [&app](const httplib::Request& req, httplib::Response* res, Context& c) {
                        if (!app.CsrfOk(req, c)) {
                          res->status = 403;
                          return;
                        }
                        std::lock_guard lock(app.write_mu);
                        (void)app.writer->DeleteSession(SessionTokenHash(c.token));
                        res->set_header("Set-Cookie", std::string(kSessionCookie) +
                                                          "=; Path=/; HttpOnly; "
                                                          "SameSite=Strict; Max-Age=0");
                        res->set_redirect("/login", 303);
                      },
                      false));
}

}  // namespace tanggap::dashboard
