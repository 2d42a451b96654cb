// A fake platform API on loopback: a real cpp-httplib server answering from a
// fixture folder (tests/platform_fixtures.h) with injectable faults, so the
// collector is tested over real HTTP against the platforms' real JSON shapes.
#ifndef TANGGAP_TESTS_FAKE_PLATFORM_SERVER_H_
#define TANGGAP_TESTS_FAKE_PLATFORM_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/platform_fixtures.h"

namespace tanggap::testing {

class FakePlatformServer {
 public:
  struct Fault {
    std::string path_prefix;  // requests whose path starts with this
    int status = 503;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int times = 1;  // how many matching requests get the fault
    // kReset: half the body, then the connection drops; kHang: the answer
    // never finishes (the client must time out).
    enum Kind { kRespond, kReset, kHang } kind = kRespond;
  };
  struct Seen {
    std::string path, query, authorization;
  };

  explicit FakePlatformServer(const std::string& fixture_dir) : routes_(LoadRoutes(fixture_dir)) {
    server_.Get(".*",
                [this](const httplib::Request& req, httplib::Response& res) { Answer(req, &res); });
    server_.set_tcp_nodelay(true);  // small answers otherwise wait for delayed ACKs
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~FakePlatformServer() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  FakePlatformServer(const FakePlatformServer&) = delete;
  FakePlatformServer& operator=(const FakePlatformServer&) = delete;

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Every answer waits this long first (concurrency tests).
  void set_latency_ms(int ms) { latency_ms_ = ms; }

  void Inject(Fault f) {
    std::lock_guard lock(mu_);
    faults_.push_back(std::move(f));
  }
  std::vector<Seen> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  void Answer(const httplib::Request& req, httplib::Response* res) {
    std::string query;
    for (const auto& [k, v] : req.params) {
      query += (query.empty() ? "" : "&") + k + "=" + v;
    }
    {
      std::lock_guard lock(mu_);
      seen_.push_back({req.path, query, req.get_header_value("Authorization")});
      for (Fault& f : faults_) {
        if (f.times > 0 && req.path.rfind(f.path_prefix, 0) == 0) {
          --f.times;
          res->status = f.status;
          for (const auto& [k, v] : f.headers) res->set_header(k, v);
          if (f.kind == Fault::kRespond) {
            res->set_content(f.body, "application/json");
            return;
          }
          const std::string body = f.body;
          const bool hang = f.kind == Fault::kHang;
          res->set_content_provider(
              body.size() * 2 + 16, "application/json",
              [body, hang, this](size_t offset, size_t, httplib::DataSink& sink) {
                if (offset == 0) sink.write(body.data(), body.size() / 2);
                if (!hang) return false;  // drop the connection mid-body
                for (int i = 0; i < 300 && !stopping_; ++i) {
                  std::this_thread::sleep_for(std::chrono::milliseconds(10));
                }
                return false;
              });
          return;
        }
      }
    }
    if (latency_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms_));
    // Route matching reads the query from a URL, so rebuild one.
    std::string url = base() + req.path;
    char sep = '?';
    for (const auto& [k, v] : req.params) {
      url += sep + collector::PercentEncode(k) + "=" + collector::PercentEncode(v);
      sep = '&';
    }
    const Route* route = MatchRoute(routes_, req.path, url);
    if (!route) {
      res->status = 404;
      res->set_content(R"({"error":"Not Found"})", "application/json");
      return;
    }
    res->status = route->status;
    for (const auto& [k, v] : route->headers) res->set_header(k, ReplaceAll(v, "{base}", base()));
    res->set_content(ReplaceAll(route->body, "{base}", base()), "application/json");
  }

  std::vector<Route> routes_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> latency_ms_{0};
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<Fault> faults_;
  std::vector<Seen> seen_;
};

}  // namespace tanggap::testing

#endif  // TANGGAP_TESTS_FAKE_PLATFORM_SERVER_H_
