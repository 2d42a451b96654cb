// The HTTP layer against a real loopback server (cpp-httplib), plus the pure
// rate-limit readers. Waits are recorded by an injected SleepFn, so retry
// and pacing tests take milliseconds.
#include "collector/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tanggap::collector {
namespace {

using std::chrono::milliseconds;

// A loopback server on a free port. Handlers are registered on server()
// before Start(); the destructor stops and joins.
class LoopbackServer {
 public:
  ~LoopbackServer() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  httplib::Server& server() { return server_; }
  void Start() {
    // Without it the server's small writes wait for delayed ACKs (~40 ms).
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    ASSERT_TRUE(server_.is_running());
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

class HttpClientTest : public ::testing::Test {
 protected:
  HttpClientTest() {
    options_.connect_timeout = milliseconds(2000);
    options_.total_timeout = milliseconds(5000);
    options_.max_retries = 2;
    options_.backoff_base = milliseconds(100);
    options_.backoff_max = milliseconds(1000);
  }
  ~HttpClientTest() override { release_ = true; }

  // A client whose waits land in sleeps_ instead of sleeping.
  std::unique_ptr<HttpClient> Client() {
    return std::make_unique<HttpClient>(options_,
                                        [this](milliseconds ms) { sleeps_.push_back(ms); });
  }

  HttpOptions options_;
  std::vector<milliseconds> sleeps_;
  std::atomic<int> hits_{0};
  std::atomic<bool> release_{false};
  // Declared last so it stops (and joins handlers) before the members that
  // handlers touch go away.
  LoopbackServer http_;
};

TEST_F(HttpClientTest, PlainGetReturnsStatusBodyAndLowerCasedTrimmedHeaders) {
  http_.server().Get("/ok", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Custom-Thing", "  some value ");
    res.set_content(R"({"ok":true})", "application/json");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/ok"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"ok":true})");
  ASSERT_TRUE(r->Header("x-custom-thing").has_value());
  EXPECT_EQ(*r->Header("x-custom-thing"), "some value");
  EXPECT_FALSE(r->Header("X-Custom-Thing").has_value());
  for (const auto& [name, value] : r->headers) {
    for (char c : name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << name;
  }
  EXPECT_EQ(client->stats().requests, 1);
  EXPECT_EQ(client->stats().retries, 0);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(HttpClientTest, NotFoundIsAResponseNotAnError) {
  http_.server().Get("/gone", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 404;
    res.set_content(R"({"error":"Not Found"})", "application/json");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/gone"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, R"({"error":"Not Found"})");
  EXPECT_EQ(hits_, 1);
  EXPECT_EQ(client->stats().retries, 0);
}

TEST_F(HttpClientTest, SendsUserAgentAndReusesTheConnection) {
  std::mutex mu;
  std::string agent;
  std::vector<int> ports;
  http_.server().Get("/ua", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    agent = req.get_header_value("User-Agent");
    ports.push_back(req.remote_port);
    res.set_content("x", "text/plain");
  });
  http_.Start();
  auto client = Client();
  ASSERT_TRUE(client->Get(http_.Url("/ua")).ok());
  ASSERT_TRUE(client->Get(http_.Url("/ua")).ok());
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_NE(agent.find("Tanggap"), std::string::npos) << agent;
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0], ports[1]) << "second request did not reuse the connection";
}

TEST_F(HttpClientTest, DecodesGzipBody) {
  std::string original;
  for (int i = 0; i < 200; ++i)
    original += R"({"id":")" + std::to_string(i) + R"(","text":"halo"})";
  std::string compressed;
  httplib::detail::gzip_compressor gzip;
  ASSERT_TRUE(gzip.compress(original.data(), original.size(), true, [&](const char* d, size_t n) {
    compressed.append(d, n);
    return true;
  }));
  ASSERT_LT(compressed.size(), original.size() / 4);
  std::mutex mu;
  std::string accept;
  http_.server().Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(mu);
      accept = req.get_header_value("Accept-Encoding");
    }
    res.set_header("Content-Encoding", "gzip");
    // Not a type httplib compresses itself, so the bytes go out as given.
    res.set_content(compressed, "application/octet-stream");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/gz"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, original);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_NE(accept.find("gzip"), std::string::npos) << accept;
}

TEST_F(HttpClientTest, DecodesWhateverEncodingTheServerPicks) {
  std::string original(50'000, 'a');
  http_.server().Get("/auto", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(original, "application/json");  // httplib compresses this itself
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/auto"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->Header("content-encoding").has_value());
  EXPECT_EQ(r->body, original);
}

TEST_F(HttpClientTest, CompressedBodyIsBoundedAfterDecoding) {
  std::string original(100'000, 'z');
  std::string compressed;
  httplib::detail::gzip_compressor gzip;
  ASSERT_TRUE(gzip.compress(original.data(), original.size(), true, [&](const char* d, size_t n) {
    compressed.append(d, n);
    return true;
  }));
  ASSERT_LT(compressed.size(), 10'000u);
  http_.server().Get("/bomb", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(compressed, "application/octet-stream");
  });
  http_.Start();
  options_.max_body_bytes = 10'000;
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/bomb"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("exceeded 10000 bytes"), std::string::npos)
      << r.status().message();
}

TEST_F(HttpClientTest, RetriesServiceUnavailableWithJitteredBackoff) {
  http_.server().Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
    if (++hits_ <= 2) {
      res.status = 503;
      res.set_content("busy", "text/plain");
      return;
    }
    res.set_content("fine", "text/plain");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/flaky"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "fine");
  EXPECT_EQ(hits_, 3);
  EXPECT_EQ(client->stats().requests, 3);
  EXPECT_EQ(client->stats().retries, 2);
  EXPECT_EQ(client->stats().rate_limit_waits, 0);
  ASSERT_EQ(sleeps_.size(), 2u);
  // Full jitter: attempt n waits within [0, base * 2^n].
  EXPECT_LE(sleeps_[0], milliseconds(100));
  EXPECT_LE(sleeps_[1], milliseconds(200));
  EXPECT_GE(sleeps_[0], milliseconds(0));
  EXPECT_EQ(client->stats().waited, sleeps_[0] + sleeps_[1]);
}

TEST_F(HttpClientTest, BackoffIsCappedAtMax) {
  http_.server().Get("/down", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 502;
  });
  http_.Start();
  options_.max_retries = 20;
  options_.backoff_base = milliseconds(100);
  options_.backoff_max = milliseconds(250);
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/down"));
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(sleeps_.size(), 20u);
  milliseconds longest{0};
  for (milliseconds s : sleeps_) longest = std::max(longest, s);
  EXPECT_LE(longest, milliseconds(250));
  // Twenty draws all below 100 ms would mean the cap never grew past base
  // (by chance: about 1 in 10^7).
  EXPECT_GT(longest, milliseconds(100));
}

TEST_F(HttpClientTest, ServiceUnavailableObeysRetryAfter) {
  http_.server().Get("/maint", [this](const httplib::Request&, httplib::Response& res) {
    if (++hits_ == 1) {
      res.status = 503;
      res.set_header("Retry-After", "2");
      return;
    }
    res.set_content("back", "text/plain");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/maint"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(sleeps_, std::vector<milliseconds>{milliseconds(2000)});
}

TEST_F(HttpClientTest, TooManyRequestsWaitsForRetryAfter) {
  http_.server().Get("/limited", [this](const httplib::Request&, httplib::Response& res) {
    if (++hits_ == 1) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      return;
    }
    res.set_content("ok", "text/plain");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/limited"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(sleeps_, std::vector<milliseconds>{milliseconds(7000)});
  EXPECT_EQ(client->stats().rate_limit_waits, 1);
  EXPECT_EQ(client->stats().retries, 1);
  EXPECT_EQ(client->stats().waited, milliseconds(7000));
}

TEST_F(HttpClientTest, TooManyRequestsWaitsForResetWithoutRetryAfter) {
  http_.server().Get("/x", [this](const httplib::Request&, httplib::Response& res) {
    if (++hits_ == 1) {
      res.status = 429;
      res.set_header("RateLimit-Limit", "3000");
      res.set_header("RateLimit-Remaining", "0");
      res.set_header("RateLimit-Reset", "12");
      return;
    }
    res.set_content("ok", "text/plain");
  });
  http_.Start();
  auto client = Client();
  ASSERT_TRUE(client->Get(http_.Url("/x")).ok());
  EXPECT_EQ(sleeps_, std::vector<milliseconds>{milliseconds(12'000)});
}

TEST_F(HttpClientTest, LongRetryAfterIsBusyWithoutSleeping) {
  http_.server().Get("/spent", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 429;
    res.set_header("Retry-After", "100000");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/spent"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kBusy);
  EXPECT_NE(r.status().message().find("100000 s"), std::string::npos) << r.status().message();
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(hits_, 1);
}

TEST_F(HttpClientTest, TooManyRequestsForeverIsBusyAfterRetries) {
  http_.server().Get("/429", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 429;
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/429"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kBusy);
  EXPECT_EQ(hits_, options_.max_retries + 1);
  EXPECT_EQ(sleeps_.size(), static_cast<size_t>(options_.max_retries));
  EXPECT_EQ(client->stats().rate_limit_waits, options_.max_retries);
}

TEST_F(HttpClientTest, ServerErrorForeverIsIOErrorAfterAllAttempts) {
  http_.server().Get("/broken", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 500;
    res.set_content("stack trace with secrets", "text/plain");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/broken"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(hits_, options_.max_retries + 1);
  EXPECT_EQ(client->stats().requests, options_.max_retries + 1);
  EXPECT_EQ(client->stats().retries, options_.max_retries);
  std::string msg = r.status().message();
  EXPECT_NE(msg.find("HTTP 500"), std::string::npos) << msg;
  EXPECT_NE(msg.find("/broken"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("stack trace"), std::string::npos) << msg;
}

// A port with a socket bound but not listening: connecting is refused, and
// nobody else can take the port while the socket stays open.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    socklen_t len = sizeof addr;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() {
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST_F(HttpClientTest, ConnectionRefusedIsIOErrorAfterRetries) {
  RefusingPort refusing;
  ASSERT_GT(refusing.port(), 0);
  auto client = Client();
  std::string url = "http://127.0.0.1:" + std::to_string(refusing.port()) +
                    "/x?access_token=SECRET&key=SECRET&limit=5";
  Result<Response> r = client->Get(url);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(client->stats().requests, options_.max_retries + 1);
  EXPECT_EQ(sleeps_.size(), static_cast<size_t>(options_.max_retries));
  std::string msg = r.status().message();
  EXPECT_EQ(msg.find("SECRET"), std::string::npos) << msg;
  EXPECT_NE(msg.find("limit=5"), std::string::npos) << msg;
  EXPECT_NE(msg.find("attempts"), std::string::npos) << msg;
}

TEST_F(HttpClientTest, TotalTimeoutIsRetriedThenIOError) {
  http_.server().Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    // Hold the answer until the test ends (bounded, in case it never does).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!release_ && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(5));
    }
    res.set_content("late", "text/plain");
  });
  http_.Start();
  options_.total_timeout = milliseconds(300);
  options_.max_retries = 1;
  auto client = Client();
  auto start = std::chrono::steady_clock::now();
  Result<Response> r = client->Get(http_.Url("/slow"));
  auto took = std::chrono::steady_clock::now() - start;
  release_ = true;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(client->stats().requests, 2);
  EXPECT_EQ(client->stats().retries, 1);
  EXPECT_LT(took, std::chrono::milliseconds(2000));
  EXPECT_GE(took, std::chrono::milliseconds(550));
}

TEST_F(HttpClientTest, BodyLargerThanLimitIsRefusedNotRetried) {
  http_.server().Get("/big", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.set_content(std::string(5000, 'b'), "application/octet-stream");
  });
  http_.Start();
  options_.max_body_bytes = 1000;
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/big"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("exceeded 1000 bytes"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(hits_, 1);
}

TEST_F(HttpClientTest, BodyExactlyAtLimitIsAccepted) {
  http_.server().Get("/edge", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1000, 'e'), "application/octet-stream");
  });
  http_.Start();
  options_.max_body_bytes = 1000;
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/edge"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body.size(), 1000u);
}

TEST_F(HttpClientTest, AuthorizationIsSentButNeverInMessages) {
  std::mutex mu;
  std::string seen;
  http_.server().Get("/auth", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(mu);
      seen = req.get_header_value("Authorization");
    }
    res.status = 500;
  });
  http_.Start();
  options_.max_retries = 0;
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/auth?access_token=SECRET&key=SECRET"),
                                   {"Authorization: Bearer SECRET-TOKEN", "Accept: */*"});
  ASSERT_FALSE(r.ok());
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(seen, "Bearer SECRET-TOKEN");
  }
  std::string msg = r.status().message();
  EXPECT_EQ(msg.find("SECRET"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("Bearer"), std::string::npos) << msg;
  EXPECT_NE(msg.find("access_token=REDACTED"), std::string::npos) << msg;
}

TEST_F(HttpClientTest, SecretsNeverInBusyMessages) {
  http_.server().Get("/spent", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "99999");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r =
      client->Get(http_.Url("/spent?key=SECRET&access_token=SECRET"), {"Authorization: SECRET"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kBusy);
  EXPECT_EQ(r.status().message().find("SECRET"), std::string::npos) << r.status().message();
}

TEST_F(HttpClientTest, HeaderWithLineBreakIsRefusedWithoutEchoingIt) {
  auto client = Client();
  Result<Response> r =
      client->Get("http://127.0.0.1:1/", {"Authorization: Bearer SECRET\r\nX-Evil: 1"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message().find("SECRET"), std::string::npos);
  EXPECT_EQ(client->stats().requests, 0);
}

TEST_F(HttpClientTest, OnlyHttpAndHttpsUrls) {
  auto client = Client();
  Result<Response> r = client->Get("file:///etc/passwd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(client->Get("not a url at all").ok());
  EXPECT_EQ(client->stats().requests, 0);
}

TEST_F(HttpClientTest, FollowsSameOriginRedirect) {
  http_.server().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/new", 301);
  });
  http_.server().Get("/new", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("moved here", "text/plain");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/old"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "moved here");
  EXPECT_EQ(client->stats().requests, 2);
}

TEST_F(HttpClientTest, RefusesPlainHttpRedirectToAnotherHost) {
  http_.server().Get("/away", [this](const httplib::Request&, httplib::Response& res) {
    // Same server, but "localhost" is another origin than 127.0.0.1.
    res.set_redirect("http://localhost:" + std::to_string(http_.port()) + "/new?token=SECRET");
  });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/away"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("refused"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find("SECRET"), std::string::npos) << r.status().message();
  EXPECT_EQ(client->stats().requests, 1);
}

TEST_F(HttpClientTest, StopsRedirectLoops) {
  http_.server().Get(
      "/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
  http_.Start();
  auto client = Client();
  Result<Response> r = client->Get(http_.Url("/loop"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("redirects"), std::string::npos) << r.status().message();
  EXPECT_EQ(client->stats().requests, 4);
}

TEST_F(HttpClientTest, PacesTheNextRequestWhenQuotaIsLow) {
  http_.server().Get("/paced", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.set_header("RateLimit-Limit", "100");
    res.set_header("RateLimit-Remaining", hits_ == 1 ? "2" : "90");
    res.set_header("RateLimit-Reset", "30");
    res.set_content("ok", "text/plain");
  });
  http_.Start();
  auto client = Client();
  ASSERT_TRUE(client->Get(http_.Url("/paced")).ok());
  EXPECT_TRUE(sleeps_.empty());
  ASSERT_TRUE(client->Get(http_.Url("/paced")).ok());
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_GT(sleeps_[0], milliseconds(29'000));
  EXPECT_LE(sleeps_[0], milliseconds(30'000));
  EXPECT_EQ(client->stats().rate_limit_waits, 1);
  // The second answer left plenty: no wait before a third.
  ASSERT_TRUE(client->Get(http_.Url("/paced")).ok());
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(HttpClientTest, PacingLongerThanMaxWaitIsBusyWithoutRequest) {
  http_.server().Get("/x", [this](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.set_header("x-rate-limit-limit", "900");
    res.set_header("x-rate-limit-remaining", "3");
    res.set_header("x-rate-limit-reset", "3000");  // delta form, but far away
    res.set_content("ok", "text/plain");
  });
  http_.Start();
  options_.max_wait = milliseconds(60'000);
  auto client = Client();
  ASSERT_TRUE(client->Get(http_.Url("/x")).ok());
  Result<Response> r = client->Get(http_.Url("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kBusy);
  EXPECT_EQ(hits_, 1);
  EXPECT_TRUE(sleeps_.empty());
}

// ---- ReadRateLimit --------------------------------------------------------

Response WithHeaders(std::vector<std::pair<std::string, std::string>> headers) {
  Response r;
  r.status = 200;
  r.headers = std::move(headers);
  return r;
}

constexpr int64_t kNow = 1'796'000'000;  // 2026-11-30T00:53:20Z

TEST(ReadRateLimitTest, MastodonIsoReset) {
  // 2026-11-30T05:00:00Z is kNow + 14800 s.
  RateLimit rl = ReadRateLimit(WithHeaders({{"x-ratelimit-limit", "300"},
                                            {"x-ratelimit-remaining", "297"},
                                            {"x-ratelimit-reset", "2026-11-30T05:00:00.000Z"}}),
                               kNow);
  EXPECT_EQ(rl.limit, 300);
  EXPECT_EQ(rl.remaining, 297);
  EXPECT_EQ(rl.reset_after_s, 14'800);
  EXPECT_FALSE(rl.usage_percent.has_value());
  EXPECT_FALSE(rl.retry_after_s.has_value());
}

TEST(ReadRateLimitTest, XEpochReset) {
  RateLimit rl = ReadRateLimit(WithHeaders({{"x-rate-limit-limit", "900"},
                                            {"x-rate-limit-remaining", "0"},
                                            {"x-rate-limit-reset", std::to_string(kNow + 840)}}),
                               kNow);
  EXPECT_EQ(rl.limit, 900);
  EXPECT_EQ(rl.remaining, 0);
  EXPECT_EQ(rl.reset_after_s, 840);
}

TEST(ReadRateLimitTest, IetfDeltaAndEpochReset) {
  RateLimit delta = ReadRateLimit(WithHeaders({{"ratelimit-limit", "3000"},
                                               {"ratelimit-remaining", "2999"},
                                               {"ratelimit-reset", "300"}}),
                                  kNow);
  EXPECT_EQ(delta.limit, 3000);
  EXPECT_EQ(delta.remaining, 2999);
  EXPECT_EQ(delta.reset_after_s, 300);
  RateLimit epoch =
      ReadRateLimit(WithHeaders({{"ratelimit-reset", std::to_string(kNow + 45)}}), kNow);
  EXPECT_EQ(epoch.reset_after_s, 45);
  // A list with a policy suffix: the first item counts.
  RateLimit listed = ReadRateLimit(WithHeaders({{"ratelimit-limit", "100, 100;w=60"}}), kNow);
  EXPECT_EQ(listed.limit, 100);
}

TEST(ReadRateLimitTest, ResetInThePastIsZero) {
  RateLimit rl = ReadRateLimit(WithHeaders({{"x-rate-limit-reset", std::to_string(kNow - 50)},
                                            {"x-ratelimit-reset", "2001-01-01T00:00:00Z"}}),
                               kNow);
  EXPECT_EQ(rl.reset_after_s, 0);
}

TEST(ReadRateLimitTest, AppUsageHighestPercentage) {
  RateLimit rl = ReadRateLimit(
      WithHeaders({{"x-app-usage", R"({"call_count":12,"total_time":45,"total_cputime":7})"}}),
      kNow);
  ASSERT_TRUE(rl.usage_percent.has_value());
  EXPECT_DOUBLE_EQ(*rl.usage_percent, 45);
  EXPECT_FALSE(rl.reset_after_s.has_value());
}

TEST(ReadRateLimitTest, PageUsageCountsToo) {
  RateLimit rl = ReadRateLimit(
      WithHeaders({{"x-app-usage", R"({"call_count":5,"total_time":1,"total_cputime":1})"},
                   {"x-page-usage", R"({"call_count":88.5,"total_time":3,"total_cputime":2})"}}),
      kNow);
  ASSERT_TRUE(rl.usage_percent.has_value());
  EXPECT_DOUBLE_EQ(*rl.usage_percent, 88.5);
}

TEST(ReadRateLimitTest, BusinessUseCaseUsageNested) {
  RateLimit rl = ReadRateLimit(
      WithHeaders({{"x-business-use-case-usage",
                    R"({"112233":[{"type":"pages","call_count":20,"total_cputime":9,)"
                    R"("total_time":31,"estimated_time_to_regain_access":0}],)"
                    R"("445566":[{"type":"instagram","call_count":97,"total_cputime":4,)"
                    R"("total_time":5,"estimated_time_to_regain_access":3}]})"}}),
      kNow);
  ASSERT_TRUE(rl.usage_percent.has_value());
  EXPECT_DOUBLE_EQ(*rl.usage_percent, 97);
  EXPECT_EQ(rl.reset_after_s, 180);
}

TEST(ReadRateLimitTest, RetryAfterDeltaAndHttpDates) {
  constexpr int64_t kThen = 784'111'777;  // Sun, 06 Nov 1994 08:49:37 GMT
  auto retry_after = [&](const std::string& v) {
    return ReadRateLimit(WithHeaders({{"retry-after", v}}), kThen).retry_after_s;
  };
  EXPECT_EQ(retry_after("120"), 120);
  EXPECT_EQ(retry_after("0"), 0);
  EXPECT_EQ(retry_after("Sun, 06 Nov 1994 08:51:07 GMT"), 90);
  EXPECT_EQ(retry_after("Sunday, 06-Nov-94 08:51:07 GMT"), 90);
  EXPECT_EQ(retry_after("Sun Nov  6 08:51:07 1994"), 90);
  EXPECT_EQ(retry_after("Sun, 06 Nov 1994 08:00:00 GMT"), 0);  // already past
  EXPECT_EQ(retry_after("Mon, 07 Nov 1994 08:49:37 GMT"), 86'400);
}

TEST(ReadRateLimitTest, GarbageIsIgnored) {
  for (const char* bad : {"", "abc", "-5", "12abc", "1e3", "99999999999999999999999", "3.5",
                          "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT",
                          "Sun, 06 Foo 1994 08:49:37 GMT", "2026-13-01T00:00:00Z"}) {
    RateLimit rl = ReadRateLimit(WithHeaders({{"x-ratelimit-limit", bad},
                                              {"x-ratelimit-remaining", bad},
                                              {"x-ratelimit-reset", bad},
                                              {"retry-after", bad}}),
                                 kNow);
    EXPECT_FALSE(rl.limit.has_value()) << bad;
    EXPECT_FALSE(rl.remaining.has_value()) << bad;
    EXPECT_FALSE(rl.reset_after_s.has_value()) << bad;
    EXPECT_FALSE(rl.retry_after_s.has_value()) << bad;
  }
  for (const char* bad : {"{not json", "[]", "7", R"({"call_count":"x"})", R"({"call_count":-4})",
                          R"({"call_count":1e999})", R"({"other":50})"}) {
    RateLimit rl = ReadRateLimit(WithHeaders({{"x-app-usage", bad}}), kNow);
    EXPECT_FALSE(rl.usage_percent.has_value()) << bad;
  }
}

TEST(ReadRateLimitTest, OversizedValuesAreIgnored) {
  std::string huge = "1" + std::string(10'000, ' ');
  std::string huge_json = R"({"call_count":99,"pad":")" + std::string(10'000, 'p') + R"("})";
  RateLimit rl =
      ReadRateLimit(WithHeaders({{"x-ratelimit-limit", huge}, {"x-app-usage", huge_json}}), kNow);
  EXPECT_FALSE(rl.limit.has_value());
  EXPECT_FALSE(rl.usage_percent.has_value());
}

TEST(ReadRateLimitTest, NoHeadersNoLimits) {
  RateLimit rl = ReadRateLimit(WithHeaders({{"content-type", "application/json"}}), kNow);
  EXPECT_FALSE(rl.limit || rl.remaining || rl.reset_after_s || rl.usage_percent ||
               rl.retry_after_s);
}

// ---- PacingDelay ----------------------------------------------------------

TEST(PacingDelayTest, PlentyLeftMeansNoWait) {
  HttpOptions options;
  RateLimit rl;
  rl.limit = 300;
  rl.remaining = 200;
  rl.reset_after_s = 120;
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(0));
  rl.remaining = 30;  // exactly 10%: not below
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(0));
  EXPECT_EQ(PacingDelay(RateLimit{}, options), milliseconds(0));
}

TEST(PacingDelayTest, LittleLeftWaitsUntilReset) {
  HttpOptions options;
  RateLimit rl;
  rl.limit = 300;
  rl.remaining = 15;  // 5%
  rl.reset_after_s = 120;
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(120'000));
  rl.limit.reset();
  rl.remaining = 0;  // spent, limit unknown
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(120'000));
  options.slow_down_below = 0.0;  // never slow down early, but spent is spent
  rl.remaining = 1;
  rl.limit = 300;
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(0));
}

TEST(PacingDelayTest, HighUsageWaits) {
  HttpOptions options;
  RateLimit rl;
  rl.usage_percent = 95;
  // No reset known (X-App-Usage): the longest backoff.
  EXPECT_EQ(PacingDelay(rl, options), options.backoff_max);
  rl.reset_after_s = 600;  // estimated_time_to_regain_access
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(600'000));
  rl.usage_percent = 50;
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(0));
}

TEST(PacingDelayTest, RetryAfterIsAFloor) {
  HttpOptions options;
  RateLimit rl;
  rl.retry_after_s = 5;
  EXPECT_EQ(PacingDelay(rl, options), milliseconds(5000));
}

}  // namespace
}  // namespace tanggap::collector
