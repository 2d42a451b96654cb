// The administration pages over loopback HTTP against a real SQLite file:
// the admin-only gate on every page and API, account and user changes with
// and without CSRF, the last-admin rule, tokens never in a response, and
// "collect now" against a fake Mastodon ending with stored, scored posts.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "dashboard/auth.h"
#include "dashboard/i18n.h"
#include "dashboard/server.h"
#include "jobs/refresh.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/fake_platform_server.h"
#include "tests/test_support.h"

namespace tanggap::dashboard {
namespace {

using testing::FakePlatformServer;
using testing::TempDir;

constexpr int64_t kFixtureNow = 1795996800;  // 2026-11-30T00:00:00Z, the fixtures' "now"
const std::string kMastodonFixture = TANGGAP_SOURCE_DIR "/tests/data/platforms/mastodon/basic";
constexpr char kToken[] = "sekali-PAKAI-token-9f8e7d6c5b4a";
constexpr char kTokenEnv[] = "TANGGAP_TOKEN_MASTODON_DISKOMINFO";

const char* const kPages[] = {"/admin",          "/admin/instansi", "/admin/akun",
                              "/admin/pengguna", "/admin/aturan",   "/admin/kolektor"};
const char* const kApis[] = {"/api/v1/admin/instansi", "/api/v1/admin/akun",
                             "/api/v1/admin/pengguna", "/api/v1/admin/aturan",
                             "/api/v1/admin/kolektor"};
const char* const kActions[] = {
    "/admin/akun/tambah",     "/admin/akun/hapus",      "/admin/akun/tugaskan",
    "/admin/akun/lepas",      "/admin/pengguna/tambah", "/admin/pengguna/peran",
    "/admin/pengguna/status", "/admin/pengguna/sandi",  "/admin/kolektor/jalankan"};

int64_t Count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv(kTokenEnv, kToken, 1);
    db_ = dir_.File("t.db");
    {
      auto store = Store::Open(db_);
      ASSERT_TRUE(store.ok());
      Store& s = **store;
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
      ASSERT_TRUE(
          s.Upsert(Account{Platform::kMastodon, "2", "dinkes", "Dinkes", "Dinkes", 10}).ok());
      for (auto [name, role, agency] :
           {std::tuple{"admin", "admin", ""}, std::tuple{"budi", "supervisor", "Diskominfo"},
            std::tuple{"sari", "trainee", ""}}) {
        User u;
        u.username = name;
        u.role = role;
        u.password_hash = *HashPassword(Password(name));
        if (*agency) u.agencies = {agency};
        ASSERT_TRUE(s.AddUser(u).ok());
      }
    }
    Start();
  }
  void TearDown() override {
    StopServer();
    unsetenv(kTokenEnv);
  }

  void Start() {
    ServerOptions o = DashboardHarness::Options(db_);
    o.collect_now_unix = kFixtureNow;
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  // Stops serving and destroys the dashboard, which joins a collection in
  // flight.
  void StopServer() { harness_.Stop(); }

  static std::string Password(const std::string& user) { return "kata-sandi-" + user; }

  httplib::Client Client() { return harness_.Client(); }
  // The session cookie ("tanggap_session=...") of a fresh login, "" on failure.
  std::string Login(const std::string& user, const std::string& password = "") {
    return harness_.Login(user, password.empty() ? Password(user) : password);
  }
  static std::string Csrf(const std::string& cookie) { return DashboardHarness::Csrf(cookie); }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return harness_.Get(path, cookie);
  }
  // A form POST; with_csrf adds the session's token.
  httplib::Result Post(const std::string& path, const std::string& cookie, httplib::Params form,
                       bool with_csrf = true) {
    return harness_.Post(path, cookie, std::move(form), with_csrf);
  }
  std::string Body(const std::string& path, const std::string& cookie) {
    auto res = Get(path, cookie);
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << path;
    return res->body;
  }
  // Waits until the collector page says no run is in progress.
  bool WaitForCollection(const std::string& cookie) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      auto res = Get("/api/v1/admin/kolektor", cookie);
      if (res && res->status == 200 && res->body.find("\"running\":false") != std::string::npos) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  TempDir dir_;
  std::string db_;
  DashboardHarness harness_;
};

TEST(AdminCatalogTest, BothLanguagesHaveEveryAdminKey) {
  const Catalog& id = Catalog::For("id");
  const Catalog& en = Catalog::For("en");
  int admin_keys = 0;
  for (const auto& [key, text] : id.entries()) {
    if (!key.starts_with("admin.")) continue;
    ++admin_keys;
    EXPECT_TRUE(en.entries().count(key)) << key;
  }
  for (const auto& [key, text] : en.entries()) {
    if (key.starts_with("admin.")) {
      EXPECT_TRUE(id.entries().count(key)) << key;
    }
  }
  EXPECT_GT(admin_keys, 50);
  EXPECT_EQ(id("admin.collector.collect_now"), "Kumpulkan sekarang");
  EXPECT_EQ(en("admin.collector.collect_now"), "Collect now");
}

TEST(RegistrationTest, ValidationIsTheCliOne) {
  RegistrationField field = RegistrationField::kNone;
  auto ok = ValidateRegistration({"mastodon", "diskominfo", "Diskominfo", "https://m.example/"},
                                 true, &field);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->base_url, "https://m.example");  // trailing slash dropped
  EXPECT_EQ(field, RegistrationField::kNone);
  auto defaulted = ValidateRegistration({"bluesky", "a.example", "Dinkes", ""}, true, &field);
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted->base_url.rfind("https://", 0), 0u);
  EXPECT_FALSE(ValidateRegistration({"myspace", "a", "Dinkes", ""}, true, &field).ok());
  EXPECT_EQ(field, RegistrationField::kPlatform);
  EXPECT_FALSE(ValidateRegistration({"x", "", "Dinkes", ""}, true, &field).ok());
  EXPECT_EQ(field, RegistrationField::kHandle);
  EXPECT_FALSE(ValidateRegistration({"x", std::string(201, 'a'), "Dinkes", ""}, true, &field).ok());
  EXPECT_EQ(field, RegistrationField::kHandle);
  EXPECT_FALSE(ValidateRegistration({"x", "a", "Dinkes", "ftp://x.example"}, true, &field).ok());
  EXPECT_EQ(field, RegistrationField::kBaseUrl);
  EXPECT_FALSE(ValidateRegistration({"x", "a", "", ""}, true, &field).ok());
  EXPECT_EQ(field, RegistrationField::kAgency);
  EXPECT_TRUE(ValidateRegistration({"x", "a", "", ""}, false, &field).ok());  // remove, test
  // http:// only when typed, for a test server.
  EXPECT_TRUE(ValidateRegistration({"x", "a", "Dinkes", "http://127.0.0.1:9"}, true).ok());
}

TEST_F(AdminTest, EveryAdminRouteIsForAdminsOnly) {
  for (const char* user : {"sari", "budi"}) {
    SCOPED_TRACE(user);
    const std::string cookie = Login(user);
    ASSERT_FALSE(cookie.empty());
    for (const char* page : kPages) {
      auto res = Get(page, cookie);
      ASSERT_TRUE(res) << page;
      EXPECT_EQ(res->status, 403) << page;
    }
    for (const char* api : kApis) {
      auto res = Get(api, cookie);
      ASSERT_TRUE(res) << api;
      EXPECT_EQ(res->status, 403) << api;
      EXPECT_NE(res->body.find("\"error\""), std::string::npos) << api;
    }
    // Even with a valid CSRF token of their own session.
    for (const char* action : kActions) {
      auto res = Post(action, cookie,
                      {{"username", "sari"}, {"role", "admin"}, {"disabled", "1"}, {"id", "1"}});
      ASSERT_TRUE(res) << action;
      EXPECT_EQ(res->status, 403) << action;
    }
    auto run = Post("/api/v1/admin/kolektor/jalankan", cookie, {});
    ASSERT_TRUE(run);
    EXPECT_EQ(run->status, 403);
  }
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE role = 'admin'"), 1);
  // Logged out: pages go to the login form, the API says 401.
  for (const char* page : kPages) {
    auto res = Get(page, "");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 302) << page;
  }
  for (const char* api : kApis) {
    auto res = Get(api, "");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << api;
  }
  // An admin gets every page and list.
  const std::string admin = Login("admin");
  for (const char* page : kPages) EXPECT_NE(Body(page, admin).find("<h1>"), std::string::npos);
  for (const char* api : kApis) EXPECT_FALSE(Body(api, admin).empty());
}

TEST_F(AdminTest, AccountsAreAddedAndRemovedOnlyWithCsrf) {
  const std::string admin = Login("admin");
  httplib::Params add{{"platform", "mastodon"},
                      {"handle", "humas"},
                      {"agency", "Diskominfo"},
                      {"base_url", "https://mastodon.example/"}};
  auto forged = Post("/admin/akun/tambah", admin, add, /*with_csrf=*/false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_accounts"), 0);

  auto added = Post("/admin/akun/tambah", admin, add);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303);
  EXPECT_EQ(added->get_header_value("Location"), "/admin/akun?ok=account_added");
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM collector_accounts WHERE platform = 'mastodon' AND "
                  "handle = 'humas' AND base_url = 'https://mastodon.example'"),
            1);
  const std::string list = Body("/api/v1/admin/akun", admin);
  EXPECT_NE(list.find("\"handle\":\"humas\""), std::string::npos) << list;
  EXPECT_NE(list.find("\"token\":\"missing\""), std::string::npos) << list;
  EXPECT_NE(list.find("\"token_env\":\"TANGGAP_TOKEN_MASTODON_HUMAS\""), std::string::npos);
  EXPECT_NE(Body("/admin/akun?ok=account_added", admin).find("role=\"status\""), std::string::npos);

  // The CLI's checks, in the dashboard's words.
  auto again = Post("/admin/akun/tambah", admin, add);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(again->body.find("sudah terdaftar"), std::string::npos);
  add.erase("base_url");
  add.emplace("base_url", "ftp://mastodon.example");
  auto bad_url = Post("/admin/akun/tambah", admin, add);
  ASSERT_TRUE(bad_url);
  EXPECT_EQ(bad_url->status, 400);
  EXPECT_NE(bad_url->body.find("https://"), std::string::npos);
  auto bad_platform = Post("/admin/akun/tambah", admin,
                           {{"platform", "friendster"}, {"handle", "a"}, {"agency", "Dinkes"}});
  ASSERT_TRUE(bad_platform);
  EXPECT_EQ(bad_platform->status, 400);
  auto no_agency = Post("/admin/akun/tambah", admin, {{"platform", "x"}, {"handle", "a"}});
  ASSERT_TRUE(no_agency);
  EXPECT_EQ(no_agency->status, 400);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_accounts"), 1);

  httplib::Params remove{{"platform", "mastodon"}, {"handle", "humas"}};
  auto forged_remove = Post("/admin/akun/hapus", admin, remove, /*with_csrf=*/false);
  ASSERT_TRUE(forged_remove);
  EXPECT_EQ(forged_remove->status, 403);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_accounts"), 1);
  auto removed = Post("/admin/akun/hapus", admin, remove);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 303);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_accounts"), 0);
  auto gone = Post("/admin/akun/hapus", admin, remove);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
}

TEST_F(AdminTest, UsersAreAddedChangedAndResetOnlyWithCsrf) {
  const std::string admin = Login("admin");
  httplib::Params add{{"username", "wati"},
                      {"display_name", "Wati <b>Dinkes</b>"},
                      {"role", "supervisor"},
                      {"agency", "Dinkes"},
                      {"password", "sandi-awal-wati"}};
  auto forged = Post("/admin/pengguna/tambah", admin, add, /*with_csrf=*/false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'wati'"), 0);

  auto added = Post("/admin/pengguna/tambah", admin, add);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303);
  EXPECT_FALSE(Login("wati", "sandi-awal-wati").empty());
  const std::string hash = [&] {
    sqlite3* db = nullptr;
    sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    std::string out;
    sqlite3_prepare_v2(db, "SELECT password_hash FROM users WHERE username = 'wati'", -1, &st,
                       nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }();
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  const std::string page = Body("/admin/pengguna", admin);
  EXPECT_NE(page.find("Wati &lt;b&gt;Dinkes&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<b>Dinkes</b>"), std::string::npos);
  const std::string api = Body("/api/v1/admin/pengguna", admin);
  EXPECT_NE(api.find("\"username\":\"wati\",\"display_name\":\"Wati <b>Dinkes</b>\","
                     "\"role\":\"supervisor\",\"agencies\":[\"Dinkes\"]"),
            std::string::npos)
      << api;
  EXPECT_EQ(api.find("argon2"), std::string::npos);

  // Refused additions change nothing.
  auto taken = Post("/admin/pengguna/tambah", admin, add);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 409);
  auto no_agency =
      Post("/admin/pengguna/tambah", admin,
           {{"username", "tono"}, {"role", "supervisor"}, {"password", "sandi-tono-1"}});
  ASSERT_TRUE(no_agency);
  EXPECT_EQ(no_agency->status, 400);
  auto unknown_agency = Post("/admin/pengguna/tambah", admin,
                             {{"username", "tono"},
                              {"role", "supervisor"},
                              {"agency", "Dishub"},
                              {"password", "sandi-tono-1"}});
  ASSERT_TRUE(unknown_agency);
  EXPECT_EQ(unknown_agency->status, 400);
  auto short_password = Post("/admin/pengguna/tambah", admin,
                             {{"username", "tono"}, {"role", "trainee"}, {"password", "pendek"}});
  ASSERT_TRUE(short_password);
  EXPECT_EQ(short_password->status, 400);
  auto odd_name = Post("/admin/pengguna/tambah", admin,
                       {{"username", "to no"}, {"role", "trainee"}, {"password", "sandi-tono-1"}});
  ASSERT_TRUE(odd_name);
  EXPECT_EQ(odd_name->status, 400);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username LIKE 'to%'"), 0);

  // Role and agencies.
  auto forged_role = Post("/admin/pengguna/peran", admin, {{"username", "sari"}, {"role", "admin"}},
                          /*with_csrf=*/false);
  ASSERT_TRUE(forged_role);
  EXPECT_EQ(forged_role->status, 403);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'sari' AND role = 'trainee'"),
            1);
  auto role = Post("/admin/pengguna/peran", admin,
                   {{"username", "budi"},
                    {"role", "supervisor"},
                    {"agency", "Diskominfo"},
                    {"agency", "Dinkes"}});
  ASSERT_TRUE(role);
  EXPECT_EQ(role->status, 303);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM user_agencies ua JOIN users u ON u.id = ua.user_id "
                  "WHERE u.username = 'budi'"),
            2);
  auto bad_role = Post("/admin/pengguna/peran", admin,
                       {{"username", "budi"}, {"role", "supervisor"}, {"agency", "Dishub"}});
  ASSERT_TRUE(bad_role);
  EXPECT_EQ(bad_role->status, 400);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM user_agencies ua JOIN users u ON u.id = ua.user_id "
                  "WHERE u.username = 'budi'"),
            2);

  // Password reset ends the user's sessions; the new password works.
  const std::string sari = Login("sari");
  ASSERT_FALSE(sari.empty());
  auto forged_reset = Post("/admin/pengguna/sandi", admin,
                           {{"username", "sari"}, {"password", "sandi-baru-sari"}}, false);
  ASSERT_TRUE(forged_reset);
  EXPECT_EQ(forged_reset->status, 403);
  auto reset =
      Post("/admin/pengguna/sandi", admin, {{"username", "sari"}, {"password", "sandi-baru-sari"}});
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 303);
  auto after = Get("/beranda", sari);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 302);  // session ended
  EXPECT_TRUE(Login("sari").empty());
  EXPECT_FALSE(Login("sari", "sandi-baru-sari").empty());

  // Disabling ends sessions and refuses logins; enabling lets them back.
  const std::string wati = Login("wati", "sandi-awal-wati");
  auto disabled = Post("/admin/pengguna/status", admin, {{"username", "wati"}, {"disabled", "1"}});
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 303);
  auto wati_after = Get("/ringkasan", wati);
  ASSERT_TRUE(wati_after);
  EXPECT_EQ(wati_after->status, 302);
  EXPECT_TRUE(Login("wati", "sandi-awal-wati").empty());
  auto enabled = Post("/admin/pengguna/status", admin, {{"username", "wati"}, {"disabled", "0"}});
  ASSERT_TRUE(enabled);
  EXPECT_EQ(enabled->status, 303);
  EXPECT_FALSE(Login("wati", "sandi-awal-wati").empty());
  auto nobody = Post("/admin/pengguna/status", admin, {{"username", "nobody"}, {"disabled", "1"}});
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 404);
}

TEST_F(AdminTest, TheLastEnabledAdminCannotBeDisabledOrDemoted) {
  const std::string admin = Login("admin");
  auto demote = Post("/admin/pengguna/peran", admin,
                     {{"username", "admin"}, {"role", "supervisor"}, {"agency", "Dinkes"}});
  ASSERT_TRUE(demote);
  EXPECT_EQ(demote->status, 409);
  EXPECT_NE(demote->body.find("admin aktif terakhir"), std::string::npos);
  auto disable = Post("/admin/pengguna/status", admin, {{"username", "admin"}, {"disabled", "1"}});
  ASSERT_TRUE(disable);
  EXPECT_EQ(disable->status, 409);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM users WHERE username = 'admin' AND role = 'admin' AND "
                  "disabled = 0"),
            1);
  // The refused demotion left the agencies alone too.
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM user_agencies ua JOIN users u ON u.id = ua.user_id "
                  "WHERE u.username = 'admin'"),
            0);

  // With a second admin, one of them may go; a disabled admin does not count.
  auto second = Post("/admin/pengguna/tambah", admin,
                     {{"username", "admin2"}, {"role", "admin"}, {"password", "sandi-admin-dua"}});
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 303);
  auto off = Post("/admin/pengguna/status", admin, {{"username", "admin2"}, {"disabled", "1"}});
  ASSERT_TRUE(off);
  EXPECT_EQ(off->status, 303);
  auto still_last =
      Post("/admin/pengguna/status", admin, {{"username", "admin"}, {"disabled", "1"}});
  ASSERT_TRUE(still_last);
  EXPECT_EQ(still_last->status, 409);
  auto on = Post("/admin/pengguna/status", admin, {{"username", "admin2"}, {"disabled", "0"}});
  ASSERT_TRUE(on);
  EXPECT_EQ(on->status, 303);
  auto demote_now =
      Post("/admin/pengguna/peran", admin, {{"username", "admin"}, {"role", "trainee"}});
  ASSERT_TRUE(demote_now);
  EXPECT_EQ(demote_now->status, 303);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"), 1);
  // The demoted admin's next request is a trainee's.
  auto page = Get("/admin", admin);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
}

TEST_F(AdminTest, RulesPageListsEveryRuleWithItsExamples) {
  const std::string admin = Login("admin");
  const std::string page = Body("/admin/aturan", admin);
  EXPECT_NE(page.find("data-rule=\"ID.Anda\""), std::string::npos);
  // Its message, its suggestion and an example of each kind, escaped.
  EXPECT_NE(page.find("Kata ganti &#39;Anda&#39; diawali huruf kapital."), std::string::npos);
  EXPECT_NE(page.find("Tulis &#39;Anda&#39;."), std::string::npos);
  EXPECT_NE(page.find("Apakah anda sudah membayar pajak kendaraan tahun ini?"), std::string::npos);
  EXPECT_NE(page.find("Apakah Anda sudah membayar pajak kendaraan tahun ini?"), std::string::npos);
  // The tone pack the clarity pack names is listed too.
  EXPECT_NE(page.find("data-pack=\"nada-balasan\""), std::string::npos) << page.substr(0, 2000);
  const std::string api = Body("/api/v1/admin/aturan", admin);
  EXPECT_NE(api.find("\"id\":\"ID.Anda\",\"type\":\"existence\",\"level\":\"error\""),
            std::string::npos);
  EXPECT_NE(api.find("\"suggestion\":{\"id\":\"Tulis 'Anda'.\",\"en\":\"Write 'Anda'.\"}"),
            std::string::npos);
}

TEST_F(AdminTest, RulesPageShowsEachRulesSuggestionBesideItsMessage) {
  const std::string admin = Login("admin");
  // Beside the message, in the user's language, escaped; both texts below.
  const std::string page = Body("/admin/aturan", admin);
  EXPECT_NE(page.find("<span>Kata ganti &#39;Anda&#39; diawali huruf kapital.</span> <span "
                      "class=\"rule-suggestion\">→ Tulis &#39;Anda&#39;.</span></summary>"),
            std::string::npos);
  EXPECT_NE(page.find("Saran (Indonesia)</dt><dd lang=\"id\">Tulis &#39;Anda&#39;.</dd><dt>Saran "
                      "(Inggris)</dt><dd lang=\"en\">Write &#39;Anda&#39;.</dd>"),
            std::string::npos);
  EXPECT_EQ(page.find("Tulis 'Anda'"), std::string::npos);
  const std::string en = Body("/admin/aturan?lang=en", admin);
  EXPECT_NE(en.find("<span class=\"rule-suggestion\">→ Write &#39;Anda&#39;.</span>"),
            std::string::npos);
  // A rule that writes none (its suggestion is computed) shows none there.
  const size_t birokrasi = page.find("data-rule=\"ID.BahasaBirokrasi\"");
  ASSERT_NE(birokrasi, std::string::npos);
  const std::string summary =
      page.substr(birokrasi, page.find("</summary>", birokrasi) - birokrasi);
  EXPECT_EQ(summary.find("rule-suggestion"), std::string::npos) << summary;
  const std::string api = Body("/api/v1/admin/aturan", admin);
  EXPECT_NE(api.find("\"rule_suggestion\":{\"id\":\"Tulis 'Anda'.\",\"en\":\"Write "
                     "'Anda'.\"},\"suggestion\":"),
            std::string::npos);
  // ...and null in the JSON, beside the advice its first bad example gets.
  const size_t at = api.find("{\"id\":\"ID.BahasaBirokrasi\"");
  ASSERT_NE(at, std::string::npos);
  const std::string rule = api.substr(at, api.find("\"examples\"", at) - at);
  EXPECT_NE(rule.find("\"rule_suggestion\":null,\"suggestion\":{\"id\":\"Ganti dengan "),
            std::string::npos)
      << rule;
}

TEST_F(AdminTest, RulesPageEscapesATrainersSuggestion) {
  // A copy of the shipped pack whose ID.Anda suggestion holds markup.
  const std::string rules = dir_.File("rules");
  std::filesystem::copy(TANGGAP_SOURCE_DIR "/rules/id-pemerintah", rules,
                        std::filesystem::copy_options::recursive);
  const std::string file = rules + "/ID.Anda.yml";
  std::string yml = testing::ReadFile(file);
  const std::string before = "id: \"Tulis 'Anda'.\"";
  ASSERT_NE(yml.find(before), std::string::npos);
  yml.replace(yml.find(before), before.size(),
              "id: \"Tulis <b onmouseover=\\\"x()\\\">'Anda'</b> & <script>y()</script>\"");
  testing::WriteFile(file, yml);
  StopServer();
  ServerOptions o = DashboardHarness::Options(db_);
  o.rules_dir = rules;
  ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  const std::string page = Body("/admin/aturan", Login("admin"));
  EXPECT_NE(page.find("<span class=\"rule-suggestion\">→ Tulis &lt;b "
                      "onmouseover=&quot;x()&quot;&gt;&#39;Anda&#39;&lt;/b&gt; &amp; "
                      "&lt;script&gt;y()&lt;/script&gt;</span>"),
            std::string::npos);
  EXPECT_EQ(page.find("<b onmouseover"), std::string::npos);
  EXPECT_EQ(page.find("<script>y()"), std::string::npos);
}

TEST_F(AdminTest, CollectNowStoresScoresAndLogsTheRunWithoutShowingTheToken) {
  FakePlatformServer mastodon(kMastodonFixture);
  mastodon.set_latency_ms(150);  // long enough to click twice during the run
  const std::string admin = Login("admin");
  // Nothing registered: said at once, no run starts.
  auto nothing = Post("/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->status, 400);
  auto added = Post("/admin/akun/tambah", admin,
                    {{"platform", "mastodon"},
                     {"handle", "diskominfo"},
                     {"agency", "Diskominfo"},
                     {"base_url", mastodon.base()}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303);
  EXPECT_NE(Body("/admin/akun", admin).find("data-token=\"env\""), std::string::npos);
  // Not collected yet: no trainee can be assigned.
  auto early = Post("/admin/akun/tugaskan", admin, {{"id", "1"}, {"username", "sari"}});
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409);

  auto forged = Post("/admin/kolektor/jalankan", admin, {}, /*with_csrf=*/false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  auto started = Post("/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(started);
  EXPECT_EQ(started->status, 303);
  EXPECT_EQ(started->get_header_value("Location"), "/admin/kolektor?ok=collect_started");
  const std::string running = Body("/admin/kolektor", admin);
  EXPECT_NE(running.find("data-collect-running"), std::string::npos);
  EXPECT_NE(running.find("Pengumpulan berjalan sejak"), std::string::npos);
  auto second = Post("/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409);
  EXPECT_NE(second->body.find("sudah berjalan"), std::string::npos);
  auto second_api = Post("/api/v1/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(second_api);
  EXPECT_EQ(second_api->status, 409);
  EXPECT_NE(second_api->body.find("\"running_since\":\"2026-"), std::string::npos);

  ASSERT_TRUE(WaitForCollection(admin));
  EXPECT_GT(Count(db_,
                  "SELECT count(*) FROM posts p JOIN accounts a ON a.id = p.account_id "
                  "WHERE a.handle = 'diskominfo'"),
            0);
  EXPECT_GT(Count(db_, "SELECT count(*) FROM replies"), 0);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM collector_runs WHERE status = 'ok' AND "
                  "registered_id = 1 AND requests > 0 AND posts_new > 0"),
            1);
  // Scored and analysed in the same run.
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM posts WHERE id NOT IN "
                  "(SELECT post_id FROM post_scores)"),
            0);
  EXPECT_GT(Count(db_, "SELECT count(*) FROM thread_state"), 0);
  // The token reached the platform...
  bool sent = false;
  for (const auto& s : mastodon.seen()) sent |= s.authorization.find(kToken) != std::string::npos;
  EXPECT_TRUE(sent);

  const std::string page = Body("/admin/kolektor", admin);
  EXPECT_EQ(page.find("data-collect-running"), std::string::npos);
  EXPECT_NE(page.find("data-status=\"ok\""), std::string::npos);
  EXPECT_NE(page.find("Pengumpulan terakhir dari dasbor selesai"), std::string::npos);
  const std::string api = Body("/api/v1/admin/kolektor", admin);
  EXPECT_NE(api.find("\"running\":false"), std::string::npos);
  EXPECT_NE(api.find("\"status\":\"ok\""), std::string::npos) << api;
  EXPECT_NE(api.find("\"started_at\":\"2026-"), std::string::npos) << api;

  // Collected now: a trainee can be assigned, a supervisor cannot.
  auto assign = Post("/admin/akun/tugaskan", admin, {{"id", "1"}, {"username", "sari"}});
  ASSERT_TRUE(assign);
  EXPECT_EQ(assign->status, 303);
  EXPECT_NE(Body("/api/v1/admin/akun", admin).find("\"trainees\":[\"sari\"]"), std::string::npos);
  auto not_trainee = Post("/admin/akun/tugaskan", admin, {{"id", "1"}, {"username", "budi"}});
  ASSERT_TRUE(not_trainee);
  EXPECT_EQ(not_trainee->status, 400);
  auto unassign = Post("/admin/akun/lepas", admin, {{"id", "1"}, {"username", "sari"}});
  ASSERT_TRUE(unassign);
  EXPECT_EQ(unassign->status, 303);
  EXPECT_NE(Body("/api/v1/admin/akun", admin).find("\"trainees\":[]"), std::string::npos);

  // ...and never reaches any page or list, in either language.
  for (const char* lang : {"", "?lang=en"}) {
    for (const char* path : kPages) {
      EXPECT_EQ(Body(std::string(path) + lang, admin).find(kToken), std::string::npos) << path;
    }
    for (const char* path : kApis) {
      EXPECT_EQ(Body(std::string(path) + lang, admin).find(kToken), std::string::npos) << path;
    }
  }
}

TEST_F(AdminTest, AFailedRunShowsItsErrorEscaped) {
  const std::string admin = Login("admin");
  // Nothing listens on port 9 of loopback: the run fails, quickly.
  auto added = Post("/admin/akun/tambah", admin,
                    {{"platform", "mastodon"},
                     {"handle", "<script>x</script>"},
                     {"agency", "Dinkes"},
                     {"base_url", "http://127.0.0.1:9"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303);
  auto started = Post("/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 303);
  ASSERT_TRUE(WaitForCollection(admin));
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_runs WHERE status = 'failed'"), 1);
  const std::string page = Body("/admin/kolektor", admin);
  EXPECT_NE(page.find("data-status=\"failed\""), std::string::npos);
  EXPECT_EQ(page.find("<script>x"), std::string::npos);
  EXPECT_NE(page.find("@&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
}

TEST_F(AdminTest, StoppingTheServerWaitsForARunningCollection) {
  FakePlatformServer mastodon(kMastodonFixture);
  mastodon.set_latency_ms(100);
  const std::string admin = Login("admin");
  auto added = Post("/admin/akun/tambah", admin,
                    {{"platform", "mastodon"},
                     {"handle", "diskominfo"},
                     {"agency", "Diskominfo"},
                     {"base_url", mastodon.base()}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303);
  auto started = Post("/admin/kolektor/jalankan", admin, {});
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 303);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_runs"), 0);  // still fetching
  StopServer();  // returns only after the run's thread ended
  // The collection in flight finished and logged its run; nothing half done.
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM collector_runs WHERE status = 'ok'"), 1);
  EXPECT_GT(Count(db_, "SELECT count(*) FROM posts"), 0);
}

}  // namespace
}  // namespace tanggap::dashboard
