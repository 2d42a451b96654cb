// The dashboard: escaping, auth primitives, catalogues, and the server over
// loopback HTTP with a real SQLite file: roles, CSRF, sessions, throttling,
// security headers.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "dashboard/auth.h"
#include "dashboard/html.h"
#include "dashboard/i18n.h"
#include "dashboard/server.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

TEST(HtmlTest, EscapesMarkupAndNeutralisesBidiControls) {
  EXPECT_EQ(Escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(Escape("\"><img src=x onerror='a'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;");
  EXPECT_EQ(Escape("a\xE2\x80\xAE"
                   "cba"),
            "a\xEF\xBF\xBD"
            "cba");                               // U+202E RTL override
  EXPECT_EQ(Escape("ok\xff"), "ok\xEF\xBF\xBD");  // invalid UTF-8
  EXPECT_EQ(Escape("Halo 👋 kak"), "Halo 👋 kak");
  EXPECT_EQ(SafeUrl("javascript:alert(1)"), "#");
  EXPECT_EQ(SafeUrl(" JavaScript:alert(1)"), "#");
  EXPECT_EQ(SafeUrl("//evil.example/x"), "#");
  EXPECT_EQ(SafeUrl("https://pangkalpinangkota.go.id/?a=1&b=\"2\""),
            "https://pangkalpinangkota.go.id/?a=1&amp;b=&quot;2&quot;");
}

TEST(AuthTest, PasswordsTokensAndCsrf) {
  EXPECT_FALSE(HashPassword("pendek").ok());
  auto hash = HashPassword("kata-sandi-panjang");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "kata-sandi-panjang"));
  EXPECT_FALSE(VerifyPassword(*hash, "kata-sandi-panjanG"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  std::string a = NewSessionToken(), b = NewSessionToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_NE(SessionTokenHash(a), a);
  EXPECT_EQ(CsrfToken(a), CsrfToken(a));
  EXPECT_NE(CsrfToken(a), CsrfToken(b));
  LoginLimiter limiter(2, 10, 900);
  EXPECT_TRUE(limiter.Allowed("1.1.1.1", "u", 0));
  limiter.Failed("1.1.1.1", "u", 0);
  limiter.Failed("1.1.1.1", "u", 1);
  EXPECT_FALSE(limiter.Allowed("2.2.2.2", "u", 2));   // per user, whatever the IP
  EXPECT_TRUE(limiter.Allowed("1.1.1.1", "v", 2));    // other users unaffected
  EXPECT_TRUE(limiter.Allowed("1.1.1.1", "u", 901));  // the window passed
}

TEST(CatalogTest, BothLanguagesHaveEveryKey) {
  const Catalog& id = Catalog::For("id");
  const Catalog& en = Catalog::For("en");
  ASSERT_GT(id.entries().size(), 20u);
  for (const auto& [key, text] : id.entries()) EXPECT_TRUE(en.entries().count(key)) << key;
  for (const auto& [key, text] : en.entries()) EXPECT_TRUE(id.entries().count(key)) << key;
  EXPECT_EQ(en("nav.home"), "Home");
  EXPECT_EQ(id("nav.home"), "Beranda");
  EXPECT_EQ(LanguageFromHeader("en-US,en;q=0.9"), "en");
  EXPECT_EQ(LanguageFromHeader("fr, id;q=0.5"), "id");
  EXPECT_EQ(LanguageFromHeader(""), "id");
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    {
      auto store = Store::Open(db_);
      ASSERT_TRUE(store.ok());
      Store& s = **store;
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "2", "dinkes", "Dinkes", "Dinkes", 10}).ok());
      ASSERT_TRUE(s.Upsert(Post{Platform::kMastodon,
                                "p1",
                                "1",
                                Timestamp{"2026-11-02T08:00:00+07:00", 1793583600},
                                "<script>window.__xss=1</script> Jadwal layanan",
                                std::nullopt,
                                {},
                                "id"})
                      .ok());
      ASSERT_TRUE(s.Upsert(Post{Platform::kMastodon,
                                "p2",
                                "2",
                                Timestamp{"2026-11-02T09:00:00+07:00", 1793587200},
                                "Rahasia Dinkes",
                                std::nullopt,
                                {},
                                "id"})
                      .ok());
      for (auto [name, role, agency] :
           {std::tuple{"admin", "admin", ""}, std::tuple{"budi", "supervisor", "Diskominfo"},
            std::tuple{"sari", "trainee", ""}}) {
        User u;
        u.username = name;
        u.role = role;
        u.password_hash = *HashPassword("kata-sandi-" + std::string(name));
        if (*agency) u.agencies = {agency};
        ASSERT_TRUE(s.AddUser(u).ok());
      }
      ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
    }
    ServerOptions o = DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void TearDown() override { harness_.Stop(); }

  httplib::Client Client() { return harness_.Client(); }
  // Logs in; returns the session cookie ("tanggap_session=...").
  std::string Login(const std::string& user, const std::string& password) {
    return harness_.Login(user, password);
  }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return harness_.Get(path, cookie);
  }

  TempDir dir_;
  std::string db_;
  DashboardHarness harness_;
};

TEST_F(ServerTest, HealthAndSecurityHeaders) {
  auto res = Get("/healthz", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  auto css = Get("/static/app.css", "");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_FALSE(css->get_header_value("ETag").empty());
}

TEST_F(ServerTest, PagesNeedALoginAndTheApiSays401) {
  auto page = Get("/beranda", "");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 302);
  EXPECT_EQ(page->get_header_value("Location"), "/login");
  auto api = Get("/api/v1/posts", "");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
}

TEST_F(ServerTest, ATraineeSeesOwnAccountsOnlyAndNoOverview) {
  std::string cookie = Login("sari", "kata-sandi-sari");
  ASSERT_FALSE(cookie.empty());
  EXPECT_NE(cookie.find("tanggap_session="), std::string::npos);
  auto home = Get("/beranda", cookie);
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("@kominfo"), std::string::npos);
  EXPECT_EQ(home->body.find("Rahasia Dinkes"), std::string::npos);
  // User text is escaped, never markup.
  EXPECT_EQ(home->body.find("<script>window"), std::string::npos);
  EXPECT_NE(home->body.find("&lt;script&gt;window.__xss=1&lt;/script&gt;"), std::string::npos);
  auto posts = Get("/api/v1/posts", cookie);
  ASSERT_TRUE(posts);
  EXPECT_EQ(posts->status, 200);
  EXPECT_EQ(posts->body.find("Rahasia Dinkes"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/overview", cookie)->status, 403);
  EXPECT_EQ(Get("/ringkasan", cookie)->status, 403);
}

TEST_F(ServerTest, ASupervisorSeesTheirAgencyOnly) {
  std::string cookie = Login("budi", "kata-sandi-budi");
  ASSERT_FALSE(cookie.empty());
  auto posts = Get("/api/v1/posts", cookie);
  ASSERT_TRUE(posts);
  EXPECT_NE(posts->body.find("Jadwal layanan"), std::string::npos);
  EXPECT_EQ(posts->body.find("Rahasia Dinkes"), std::string::npos);
  std::string admin = Login("admin", "kata-sandi-admin");
  auto all = Get("/api/v1/posts", admin);
  ASSERT_TRUE(all);
  EXPECT_NE(all->body.find("Rahasia Dinkes"), std::string::npos);
}

TEST_F(ServerTest, StateChangesNeedTheCsrfTokenAndLogoutEndsTheSession) {
  std::string cookie = Login("sari", "kata-sandi-sari");
  std::string token = cookie.substr(cookie.find('=') + 1);
  auto c = Client();
  httplib::Headers h{{"Cookie", cookie}};
  auto bad = c.Post("/api/v1/check", h, "text=Dalam+rangka+HUT&platform=x",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  h.emplace("X-CSRF-Token", CsrfToken(token));
  auto good =
      c.Post("/api/v1/check", h, "text=Dalam+rangka+HUT+Kota+kami+mengundang+warga.&platform=x",
             "application/x-www-form-urlencoded");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  EXPECT_NE(good->body.find("\"findings\""), std::string::npos);
  EXPECT_NE(good->body.find("ID.BahasaBirokrasi"), std::string::npos);
  auto logout = c.Post("/logout", httplib::Headers{{"Cookie", cookie}}, "csrf=" + CsrfToken(token),
                       "application/x-www-form-urlencoded");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 303);
  EXPECT_EQ(Get("/api/v1/posts", cookie)->status, 401);  // the session is gone
}

TEST_F(ServerTest, WrongPasswordsAreThrottled) {
  auto c = Client();
  for (int i = 0; i < 5; ++i) {
    auto res = c.Post("/login", "username=sari&password=salah-salah-salah",
                      "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  // Even the right password waits now.
  auto res = c.Post("/login", "username=sari&password=kata-sandi-sari",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
}

}  // namespace
}  // namespace tanggap::dashboard
