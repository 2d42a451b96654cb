#include "dashboard/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "dashboard/app.h"
#include "dashboard/assets.h"
#include "dashboard/compression.h"

namespace tanggap::dashboard {

namespace {

// What the access log and the compression step need to know about the
// request a worker is serving. A request runs start to end on one worker
// thread (pre-routing, handler, post-routing, logger), so a thread_local
// carries it from one hook to the next.
struct RequestState {
  std::chrono::steady_clock::time_point start;
};
thread_local RequestState request_state;

// A request path as the log shows it: control characters (a decoded %0A
// would forge a log line) become '?', and a long path is cut.
std::string LoggablePath(const std::string& path) {
  std::string out = path.substr(0, 200);
  for (char& ch : out) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
  }
  return out;
}

void SecurityHeaders(httplib::Response* res) {
  res->set_header("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("Referrer-Policy", "same-origin");
  res->set_header("X-Frame-Options", "DENY");
}

// Compresses a response body for a client that accepts gzip. Runs after
// the handler (httplib's post-routing step, after it has set Content-Length).
void CompressResponse(const httplib::Request& req, httplib::Response& res) {
  const std::string type = res.get_header_value("Content-Type");
  if (!Compressible(type)) return;
  res.set_header("Vary", "Accept-Encoding");
  // Tiny bodies grow; ranges would need their offsets recomputed.
  if (!request_accepts_gzip || res.body.size() < kMinGzipBytes ||
      res.has_header("Content-Encoding") || !req.ranges.empty()) {
    return;
  }
  std::string gz = Gzip(res.body);
  if (gz.empty()) return;
  res.body = std::move(gz);
  res.headers.erase("Content-Length");
  res.set_header("Content-Length", std::to_string(res.body.size()));
  res.set_header("Content-Encoding", "gzip");
}

// Headers, access log, compression, health check and the embedded assets:
// what every route shares. `gzipped` holds each asset compressed once.
void AddCommonRoutes(App& app, const std::map<std::string, std::string>& gzipped) {
  app.server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_state.start = std::chrono::steady_clock::now();
    request_user_id = 0;
    request_accepts_gzip = false;
    // Debian's cpp-httplib 0.11 is a shared library built with zlib and
    // brotli: it compresses every text/* response itself, choosing brotli
    // at quality 11 whenever the client offers "br" — about half a second
    // for a 35 KB page. So it must never see the client's Accept-Encoding;
    // CompressResponse gzips instead. The request object is not const
    // (httplib passes its own local by const reference), so dropping the
    // header is well-defined; nothing else reads it.
    auto& headers = const_cast<httplib::Request&>(req).headers;
    auto [first, last] = headers.equal_range("Accept-Encoding");
    for (auto it = first; it != last; ++it) request_accepts_gzip |= AcceptsGzip(it->second);
    headers.erase(first, last);
    SecurityHeaders(&res);
    if (req.has_param("lang")) {  // remembered for the next pages
      std::string lang = req.get_param_value("lang") == "en" ? "en" : "id";
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                       "; Path=/; SameSite=Lax; Max-Age=31536000");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  app.server.set_post_routing_handler(CompressResponse);
  // One line per request, as key=value fields. The path never carries the
  // query string (it may hold tokens); bytes are the body as sent.
  app.server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                request_state.start)
                          .count();
    Log()->info("access method={} path={} status={} bytes={} ms={:.2f} user={} remote={}",
                req.method, LoggablePath(req.path), res.status, res.body.size(), ms,
                request_user_id, req.remote_addr);
  });
  app.server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  app.server.Get(R"(/static/([a-z0-9.\-]+))",
                 [&app, &gzipped](const httplib::Request& req, httplib::Response& res) {
                   const std::string name = "assets/" + std::string(req.matches[1]);
                   auto meta = app.assets.find(name);
                   if (meta == app.assets.end()) {
                     res.status = 404;
                     return;
                   }
                   auto gz = gzipped.find(name);
                   const bool send_gzip = gz != gzipped.end() && request_accepts_gzip;
                   // Each encoding is its own representation, with its own tag.
                   std::string etag = meta->second.first;
                   if (send_gzip) etag.insert(etag.size() - 1, "-gz");
                   res.set_header("ETag", etag);
                   res.set_header("Cache-Control", "public, max-age=3600");
                   if (req.get_header_value("If-None-Match") == etag) {
                     res.status = 304;
                     return;
                   }
                   if (send_gzip) {
                     res.set_header("Content-Encoding", "gzip");
                     res.set_content(gz->second, meta->second.second);
                     return;
                   }
                   for (const Asset& a : Assets()) {
                     if (a.name == name) res.set_content(std::string(a.data), meta->second.second);
                   }
                 });
}

// Debian's httplib listens with the backlog compiled into it: 5. When more
// clients connect at once (wrk opening 32 connections, a room of trainees
// opening the dashboard), the kernel drops the SYNs beyond it and those
// clients retry a second later (nstat: TcpExtListenOverflows; wrk: p99 of
// 0.1-0.4 s in one run of three). httplib keeps the socket to itself, but
// Linux lets listen() be called again on a listening socket to change its
// backlog: find ours by its port among this process's listening sockets.
void WidenListenBacklog(int port) {
  for (int fd = 3; fd < 4096; ++fd) {
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) continue;
    int bound = -1;
    if (addr.ss_family == AF_INET) bound = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    if (addr.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    }
    if (bound == port && ::listen(fd, SOMAXCONN) == 0) {
      Log()->debug("listen backlog of port {} raised to {}", port, SOMAXCONN);
      return;
    }
  }
  Log()->warn("listen backlog of port {} left at httplib's 5: socket not found", port);
}

}  // namespace

struct Dashboard::Impl {
  App app;
  std::map<std::string, std::string> gzipped_assets;  // name -> gzip of the file
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
  auto training = TrainingContent::Load(**pack);
  if (!training.ok()) return training.status();
  app.training = *training;
  for (const Asset& a : Assets()) {
    if (a.name.rfind("assets/", 0) != 0) continue;
    char etag[32];
    std::snprintf(etag, sizeof etag, "\"%zx\"", std::hash<std::string_view>{}(a.data));
    std::string type = a.name.ends_with(".css")   ? "text/css; charset=utf-8"
                       : a.name.ends_with(".js")  ? "text/javascript; charset=utf-8"
                       : a.name.ends_with(".svg") ? "image/svg+xml"
                                                  : "application/octet-stream";
    app.assets[std::string(a.name)] = {etag, type};
    if (Compressible(type) && a.data.size() >= kMinGzipBytes) {
      impl->gzipped_assets[std::string(a.name)] = Gzip(a.data, 9);  // once, at the best level
    }
  }
  // A view adds its own stylesheet or script without touching the layout.
  for (bool app_files : {true, false}) {
    for (const auto& [name, meta] : app.assets) {
      if (name.starts_with("assets/app.") != app_files) continue;
      const std::string url = "/static/" + name.substr(name.find('/') + 1);
      if (name.ends_with(".css"))
        app.asset_links += "<link rel=\"stylesheet\" href=\"" + url + "\">";
      if (name.ends_with(".js")) app.asset_links += "<script src=\"" + url + "\" defer></script>";
    }
  }
  app.server.set_tcp_nodelay(true);
  // httplib closes a keep-alive connection after 5 requests by default, and
  // its listen backlog (5, compiled into Debian's library) overflows when
  // clients reconnect that often: the kernel drops their SYNs and they
  // retry after a second (wrk under load: p99 0.1-1 s in one run of three,
  // ListenOverflows in nstat). A connection may carry 1,000 requests here.
  app.server.set_keep_alive_max_count(1000);
  const int threads = std::max(4, options.threads);
  app.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  app.server.set_payload_max_length(256 * 1024);
  AddCommonRoutes(app, impl->gzipped_assets);
  AddSessionRoutes(app);
  AddHomeRoutes(app);
  AddPracticeRoutes(app);
  AddOverviewRoutes(app);
  AddPostRoutes(app);
  AddReportRoutes(app);
  AddAdminRoutes(app);
  AddLessonRoutes(app);
  AddSimulationRoutes(app);
  AddCompetencyRoutes(app);
  AddBadgeRoutes(app);
  AddCoachingRoutes(app);
  AddCohortRoutes(app);
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
  WidenListenBacklog(port);
  return port;
}

void Dashboard::Serve() { impl_->app.server.listen_after_bind(); }
void Dashboard::Stop() { impl_->app.server.stop(); }

}  // namespace tanggap::dashboard
