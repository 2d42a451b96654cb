// Shared by the dashboard's server tests: a Dashboard on a free loopback
// port, served on its own thread, and the requests every test makes (log
// in, GET and form POST with the session cookie and its CSRF token).
#ifndef TANGGAP_TESTS_DASHBOARD_HARNESS_H_
#define TANGGAP_TESTS_DASHBOARD_HARNESS_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "dashboard/auth.h"
#include "dashboard/server.h"

namespace tanggap::dashboard {

class DashboardHarness {
 public:
  ~DashboardHarness() { Stop(); }

  // The options every test starts from: any free port, 4 threads, the
  // shipped rule pack.
  static ServerOptions Options(const std::string& db_path) {
    ServerOptions o;
    o.port = 0;
    o.threads = 4;
    o.db_path = db_path;
    o.rules_dir = TANGGAP_SOURCE_DIR "/rules/id-pemerintah";
    return o;
  }

  // Creates, binds and serves; a failure is a fatal test failure (wrap the
  // call in ASSERT_NO_FATAL_FAILURE).
  void Start(const ServerOptions& options) {
    auto server = Dashboard::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Serve(); });
  }

  // Stops serving and destroys the dashboard (which joins its background
  // work). Safe to call twice.
  void Stop() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  int port() const { return port_; }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }

  // The session cookie ("tanggap_session=...") of a fresh login, "" when
  // the login fails.
  std::string Login(const std::string& user, const std::string& password) const {
    auto c = Client();
    httplib::Params form{{"username", user}, {"password", password}};
    auto res = c.Post("/login", form);
    if (!res || res->status != 303) return "";
    std::string cookie = res->get_header_value("Set-Cookie");
    return cookie.substr(0, cookie.find(';'));
  }

  // The CSRF token of the session in `cookie`.
  static std::string Csrf(const std::string& cookie) {
    return CsrfToken(cookie.substr(cookie.find('=') + 1));
  }

  httplib::Result Get(const std::string& path, const std::string& cookie) const {
    auto c = Client();
    return c.Get(path, httplib::Headers{{"Cookie", cookie}});
  }

  // A form POST; with_csrf adds the session's token.
  httplib::Result Post(const std::string& path, const std::string& cookie, httplib::Params form,
                       bool with_csrf = true) const {
    if (with_csrf) form.emplace("csrf", Csrf(cookie));
    auto c = Client();
    return c.Post(path, httplib::Headers{{"Cookie", cookie}}, form);
  }

 private:
  std::unique_ptr<Dashboard> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_TESTS_DASHBOARD_HARNESS_H_
