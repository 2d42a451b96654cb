// Internal to dashboard/: the state every page shares (database handles,
// rule pack, login limiter) and the page kit (layout, auth gate, response
// helpers). Each view lives in its own view_<name>.cc and registers its
// routes through one Add<Name>Routes function declared at the bottom.
#ifndef TANGGAP_DASHBOARD_APP_H_
#define TANGGAP_DASHBOARD_APP_H_

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "dashboard/auth.h"
#include "dashboard/i18n.h"
#include "dashboard/server.h"
#include "dashboard/training_content.h"
#include "dashboard/view_cache.h"
#include "jobs/responsiveness_report.h"
#include "scorer/scorer.h"
#include "store/store.h"

namespace tanggap::dashboard {

inline constexpr char kSessionCookie[] = "tanggap_session";
inline constexpr char kLangCookie[] = "tanggap_lang";
inline constexpr size_t kMaxDraftBytes = 64 * 1024;

// The dashboard's logger, created once (worker threads log concurrently).
std::shared_ptr<spdlog::logger> Log();
int64_t Now();

// Who a request is from. `user` is empty when logged out.
struct Context {
  std::optional<User> user;
  std::string token;  // session token, "" when logged out
  const Catalog* t = nullptr;
  bool is_admin() const { return user && user->role == "admin"; }
  bool is_trainee() const { return user && user->role == "trainee"; }
};

// Who may use a route. Data inside a route is still filtered per user
// (Store::VisibleAccounts); this only gates whole pages.
enum class Access { kUser, kSupervisor, kAdmin };
// kPerSession: a GET's 200 answer is kept in App::views under the session,
// language, path and parameters, and served again until the database
// changes (ViewCache). Only for pure reads whose answer depends on nothing
// else (not on headers, not on cookies beyond the session).
enum class Caching { kNone, kPerSession };

class App {
 public:
  ServerOptions options;
  httplib::Server server;
  std::shared_ptr<const scorer::RulePack> pack;
  std::shared_ptr<const TrainingContent> training;  // lessons, scenarios, badges, tone pack
  std::mutex write_mu;
  std::unique_ptr<Store> writer;  // sessions and admin writes; guarded by write_mu
  LoginLimiter limiter;
  std::map<std::string, std::pair<std::string, std::string>> assets;  // path -> (etag, type)
  // The <link>/<script> tags of every embedded stylesheet and script (app.*
  // first, then one per view), built once at start for every page's head.
  std::string asset_links;
  // Answers of Caching::kPerSession routes: 512 entries, 64 MB, 30 s at most.
  ViewCache views{512, 64 << 20, 30};

  // This thread's read-only connection (one per server thread); nullptr when
  // the database cannot be opened.
  Store* Reader();
  // The database's data version as one read-only connection that only
  // watches sees it (versions of different connections do not compare):
  // it moves whenever anyone, this process's writer included, commits.
  Result<int64_t> DataVersion();
  // Session, user and language of a request (?lang= beats the cookie, which
  // beats the user's setting, which beats Accept-Language).
  Context Load(const httplib::Request& req);
  // The request carries this session's CSRF token (form field or header).
  bool CsrfOk(const httplib::Request& req, const Context& c) const;

  // The whole HTML document around `body` (already-escaped markup).
  std::string Page(const Context& c, std::string_view title, const std::string& body) const;
  static void Html(httplib::Response* res, const std::string& html, int status = 200);
  static void Json(httplib::Response* res, const std::string& json, int status = 200);
  // An error page (or {"error": ...} for the API) with the catalogue text of `key`.
  void Fail(httplib::Response* res, const Context& c, int status, std::string_view key,
            bool api) const;

  // Wraps a handler that needs a logged-in user with at least `access`:
  // HTML pages redirect to /login, the API answers 401; a lower role gets 403.
  using Handler = std::function<void(const httplib::Request&, httplib::Response*, Context&)>;
  httplib::Server::Handler Authed(Handler h, bool api, Access access = Access::kUser,
                                  Caching caching = Caching::kNone);

 private:
  std::mutex watch_mu_;
  std::unique_ptr<Store> watcher_;  // DataVersion's connection; guarded by watch_mu_
};

// The user of the request this thread is serving, for the access log: set
// by App::Load, cleared before each request and logged after it by
// server.cc; 0 when nobody is logged in.
extern thread_local int64_t request_user_id;
// Whether the client of the request this thread is serving accepts gzip:
// set by server.cc before the handler runs (which then no longer sees the
// Accept-Encoding header).
extern thread_local bool request_accepts_gzip;

// Formatting shared by views. All return markup-safe text.
std::string Fmt(std::optional<double> v, const char* fmt, double scale = 1);
std::string Duration(std::optional<int64_t> seconds, const Catalog& t);
// "2026-11-02T10:00:00+07:00" -> "02-11-2026 10.00 WIB".
std::string WibTime(const std::string& rfc3339);
std::string WibTimeUnix(int64_t unix_seconds);
// Percent-encodes a path segment (account keys, usernames, agencies);
// unreserved characters and ':' stay.
std::string PathEncode(std::string_view s);
// The first and last WIB day of a month "YYYY-MM" (1970 or later).
std::optional<std::pair<int64_t, int64_t>> MonthDays(std::string_view s);
// The responsiveness report a view shows, judged as of Now(), over
// `accounts` (row ids) alone: every view passes what its user may see, so a
// report never reads, or holds in memory, anyone else's data.
Result<std::vector<ReportRow>> ScopedReport(Store* store, std::vector<int64_t> accounts, GroupBy by,
                                            Period period, int64_t first_day, int64_t last_day);
// A cookie's value from the request, "" when absent.
std::string Cookie(const httplib::Request& req, std::string_view name);

// Route registration, one per view file.
void AddSessionRoutes(App& app);   // view_session.cc: /, /login, /logout
void AddHomeRoutes(App& app);      // view_home.cc: /beranda, /api/v1/posts
void AddPracticeRoutes(App& app);  // view_practice.cc: /latihan, /api/v1/check
void AddOverviewRoutes(App& app);  // view_overview.cc: /ringkasan(.csv), /api/v1/overview
void AddPostRoutes(App& app);      // view_post.cc: /pos/<id>, /api/v1/posts/<id>
void AddReportRoutes(App& app);    // view_report.cc: /laporan
void AddAdminRoutes(App& app);     // view_admin.cc: /admin
// The training loop (issue 7).
void AddLessonRoutes(App& app);      // view_lessons.cc: /materi
void AddSimulationRoutes(App& app);  // view_simulation.cc: /simulasi
void AddCompetencyRoutes(App& app);  // view_competency.cc: /kompetensi
void AddBadgeRoutes(App& app);       // view_badges.cc: /lencana
void AddCoachingRoutes(App& app);    // view_coaching.cc: /pembinaan
void AddCohortRoutes(App& app);      // view_cohort.cc: /kohort

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_APP_H_
