// The dashboard: server-rendered HTML pages and a JSON API under /api/v1/
// over one SQLite file, served by cpp-httplib. Every route checks the
// session and the role on the server; every piece of user-generated text
// goes through html.h's Escape. Pages and routes: docs/dashboard.md.
#ifndef TANGGAP_DASHBOARD_SERVER_H_
#define TANGGAP_DASHBOARD_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace tanggap::dashboard {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (tests)
  // Keep-alive connections each hold a worker: size the pool for them.
  int threads = 32;
  std::string db_path;
  // Clarity pack for the practice editor, the admin's rule list and "collect
  // now" scoring; its pack.yml names the tone pack and the analysis data.
  std::string rules_dir;
  // Collector tokens for "collect now" and the admin's token column: a
  // mode-0600 YAML file (collector::Secrets); "" = the environment only.
  std::string secrets_path;
  // The collector's clock for "collect now" (unix seconds); 0 = the wall
  // clock. Tests pin it to their fixtures' day.
  int64_t collect_now_unix = 0;
  bool secure_cookies = false;  // set when served behind TLS
  int64_t session_idle_s = 30 * 60;
  int64_t session_absolute_s = 12 * 3600;
};

class Dashboard {
 public:
  // Opens the database (it must exist and be at the current schema) and
  // loads the rule pack. Does not listen yet.
  static Result<std::unique_ptr<Dashboard>> Create(const ServerOptions& options);
  ~Dashboard();

  // Binds the listening socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Serve();
  void Stop();

 private:
  struct Impl;
  explicit Dashboard(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_SERVER_H_
