// Collector benchmark: an in-process fake Mastodon (cpp-httplib on
// loopback) serving generated pages of 40 statuses in the real JSON shape,
// collected into a fresh SQLite file by the real collector.
//   collector_bench throughput DB_DIR [accounts] [pages]
//   collector_bench concurrency DB_DIR [accounts] [pages] [latency_ms]
// Prints one line: seconds, posts stored, posts/s, peak in-flight requests.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "collector/collector.h"
#include "store/store.h"
#include "util/time.h"

namespace {

using tanggap::collector::CollectOptions;

constexpr int kPerPage = 40;

std::string Status(int64_t id, int64_t account, int64_t created) {
  std::string t = tanggap::FormatRfc3339(created, 0);
  t = t.substr(0, 19) + ".000Z";
  char buf[1400];
  std::snprintf(
      buf, sizeof buf,
      R"({"id":"%lld","created_at":"%s","in_reply_to_id":null,"in_reply_to_account_id":null,)"
      R"("sensitive":false,"spoiler_text":"","visibility":"public","language":"id",)"
      R"("uri":"http://bench/users/a%lld/statuses/%lld","url":"http://bench/@a%lld/%lld",)"
      R"("replies_count":0,"reblogs_count":3,"favourites_count":12,"edited_at":null,)"
      R"("content":"<p>Jadwal pelayanan perekaman KTP-el keliling di Kelurahan Bacang hari ini )"
      R"(pukul 08.00-12.00 WIB. Bawa fotokopi KK. Info: 0717-123456 #PangkalpinangMelayani</p>",)"
      R"("reblog":null,"account":{"id":"%lld","username":"a%lld","acct":"a%lld",)"
      R"("display_name":"Akun %lld","followers_count":1500},"media_attachments":[],)"
      R"("mentions":[],"tags":[],"emojis":[],"card":null,"poll":null})",
      static_cast<long long>(id), t.c_str(), static_cast<long long>(account),
      static_cast<long long>(id), static_cast<long long>(account), static_cast<long long>(id),
      static_cast<long long>(account), static_cast<long long>(account),
      static_cast<long long>(account), static_cast<long long>(account));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s throughput|concurrency DB_DIR [accounts] [pages] [latency_ms]\n",
                 argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const bool concurrency = mode == "concurrency";
  const int accounts = argc > 3 ? std::atoi(argv[3]) : (concurrency ? 500 : 50);
  const int pages = argc > 4 ? std::atoi(argv[4]) : (concurrency ? 3 : 10);
  const int latency_ms = argc > 5 ? std::atoi(argv[5]) : (concurrency ? 100 : 0);
  const int64_t now = static_cast<int64_t>(std::time(nullptr));

  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  std::atomic<int> in_flight{0}, peak{0};
  auto track = [&](auto&& body) {
    int n = ++in_flight;
    for (int p = peak; n > p && !peak.compare_exchange_weak(p, n);) {
    }
    if (latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms));
    body();
    --in_flight;
  };
  server.Get("/api/v1/accounts/lookup", [&](const httplib::Request& req, httplib::Response& res) {
    track([&] {
      std::string acct = req.get_param_value("acct");
      std::string id = acct.substr(1);
      res.set_content(
          R"({"id":")" + id + R"(","username":")" + acct + R"(","acct":")" + acct +
              R"(","display_name":"Akun","followers_count":1500})",
          "application/x-bench-json");  // not compressed: measure the collector, not brotli
    });
  });
  server.Get(R"(/api/v1/accounts/(\d+)/statuses)", [&](const httplib::Request& req,
                                                       httplib::Response& res) {
    track([&] {
      const int64_t account = std::atoll(std::string(req.matches[1]).c_str());
      const int page = req.has_param("max_id") ? std::atoi(req.get_param_value("page").c_str()) : 0;
      std::string body = "[";
      for (int i = 0; i < kPerPage; ++i) {
        const int64_t n = static_cast<int64_t>(page) * kPerPage + i;
        if (i) body += ",";
        body += Status(account * 1000000 + 999999 - n, account, now - 3600 - n * 600);
      }
      body += "]";
      if (page + 1 < pages) {
        res.set_header("Link", "<http://127.0.0.1:" + req.get_header_value("Host").substr(10) +
                                   "/api/v1/accounts/" + std::to_string(account) +
                                   "/statuses?limit=40&max_id=" + std::to_string(page + 1) +
                                   "&page=" + std::to_string(page + 1) + ">; rel=\"next\"");
      }
      res.set_content(
          body, "application/x-bench-json");  // not compressed: measure the collector, not brotli
    });
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  const std::string db = std::string(argv[2]) + "/collector-bench.db";
  std::remove(db.c_str());
  auto store = tanggap::Store::Open(db);
  if (!store.ok()) return 1;
  for (int a = 1; a <= accounts; ++a) {
    tanggap::RegisteredAccount r;
    r.platform = tanggap::Platform::kMastodon;
    r.handle = "a" + std::to_string(a);
    r.agency = "Bench";
    r.base_url = "http://127.0.0.1:" + std::to_string(port);
    if (!(*store)->AddRegisteredAccount(r).ok()) return 1;
  }
  CollectOptions options;
  options.workers = concurrency ? 32 : 4;
  options.max_per_host = concurrency ? 32 : 4;
  options.max_post_pages = pages;
  options.now = now;
  auto secrets = tanggap::collector::Secrets::Load("");
  auto start = std::chrono::steady_clock::now();
  auto reports = tanggap::collector::Collect(store->get(), *secrets, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  server.stop();
  listener.join();
  if (!reports.ok()) {
    std::fprintf(stderr, "%s\n", reports.status().message().c_str());
    return 1;
  }
  int64_t posts = 0, failed = 0;
  for (const auto& r : *reports) {
    posts += r.posts_new;
    failed += r.status != "ok";
  }
  std::printf("%.2f s, %lld posts, %.0f posts/s, peak in flight %d, %lld accounts not ok\n",
              seconds, static_cast<long long>(posts), static_cast<double>(posts) / seconds,
              peak.load(), static_cast<long long>(failed));
  return failed == 0 ? 0 : 1;
}
