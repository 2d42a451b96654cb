#include "dashboard/server.h"

#include <cstdio>
#include <functional>

#include "dashboard/app.h"
#include "dashboard/assets.h"

namespace tanggap::dashboard {
namespace {

void SecurityHeaders(httplib::Response* res) {
  res->set_header("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("Referrer-Policy", "same-origin");
  res->set_header("X-Frame-Options", "DENY");
}

// Headers, access log, health check and the embedded assets: what every
// route shares.
void AddCommonRoutes(App& app) {
  app.server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    SecurityHeaders(&res);
    if (req.has_param("lang")) {  // remembered for the next pages
      std::string lang = req.get_param_value("lang") == "en" ? "en" : "id";
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                       "; Path=/; SameSite=Lax; Max-Age=31536000");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  app.server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    Log()->info("{} {} {} {}", req.remote_addr, req.method, req.path, res.status);
  });
  app.server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  app.server.Get(R"(/static/([a-z0-9.\-]+))",
                 [&app](const httplib::Request& req, httplib::Response& res) {
                   const std::string name = "assets/" + std::string(req.matches[1]);
                   auto meta = app.assets.find(name);
                   if (meta == app.assets.end()) {
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
}

}  // namespace

struct Dashboard::Impl {
  App app;
};

Result<std::unique_ptr<Dashboard>> Dashboard::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  App& app = impl->app;
  app.options = options;
  auto writer = Store::Open(options.db_path);
  if (!writer.ok()) return writer.status();
  app.writer = std::move(*writer);
  if (!app.Reader()) {
    return Status::IOError("cannot open " + options.db_path + " read-only for the dashboard");
  }
  auto pack = scorer::RulePack::Load(options.rules_dir);
  if (!pack.ok()) return pack.status();
  app.pack = *pack;
  for (const Asset& a : Assets()) {
    if (a.name.rfind("assets/", 0) != 0) continue;
    char etag[32];
    std::snprintf(etag, sizeof etag, "\"%zx\"", std::hash<std::string_view>{}(a.data));
    std::string type = a.name.ends_with(".css")   ? "text/css; charset=utf-8"
                       : a.name.ends_with(".js")  ? "text/javascript; charset=utf-8"
                       : a.name.ends_with(".svg") ? "image/svg+xml"
                                                  : "application/octet-stream";
    app.assets[std::string(a.name)] = {etag, type};
  }
  app.server.set_tcp_nodelay(true);
  const int threads = std::max(4, options.threads);
  app.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  app.server.set_payload_max_length(256 * 1024);
  AddCommonRoutes(app);
  AddSessionRoutes(app);
  AddHomeRoutes(app);
  AddPracticeRoutes(app);
  AddOverviewRoutes(app);
  AddPostRoutes(app);
  AddReportRoutes(app);
  AddAdminRoutes(app);
  return std::unique_ptr<Dashboard>(new Dashboard(std::move(impl)));
}

Dashboard::Dashboard(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dashboard::~Dashboard() = default;

Result<int> Dashboard::Bind() {
  const ServerOptions& o = impl_->app.options;
  httplib::Server& server = impl_->app.server;
  int port = o.port == 0 ? server.bind_to_any_port(o.host)
                         : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0) {
    return Status::IOError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                           " (in use? pass another --listen)");
  }
  return port;
}

void Dashboard::Serve() { impl_->app.server.listen_after_bind(); }
void Dashboard::Stop() { impl_->app.server.stop(); }

}  // namespace tanggap::dashboard
