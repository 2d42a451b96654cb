#include "dashboard/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "dashboard/compression.h"
#include "dashboard/html.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {

std::shared_ptr<spdlog::logger> Log() {
  static const std::shared_ptr<spdlog::logger> log = [] {
    if (auto l = spdlog::get("dashboard")) return l;
    auto l = spdlog::stderr_color_mt("dashboard");
    l->set_level(spdlog::get_level());
    return l;
  }();
  return log;
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Cookie(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  return "";
}

std::string Fmt(std::optional<double> v, const char* fmt, double scale) {
  if (!v) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, *v * scale);
  return buf;
}

std::string Duration(std::optional<int64_t> s, const Catalog& t) {
  if (!s) return "–";
  char buf[32];
  if (*s < 3600) {
    std::snprintf(buf, sizeof buf, "%lld ", static_cast<long long>(*s / 60));
    return buf + Escape(t("unit.minutes"));
  }
  std::snprintf(buf, sizeof buf, "%.1f ", static_cast<double>(*s) / 3600);
  return buf + Escape(t("unit.hours"));
}

std::string PathEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == ':') {
      out.push_back(static_cast<char>(ch));
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> MonthDays(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  if (y < 1970 || m < 1 || m > 12) return std::nullopt;
  const int64_t first = DaysFromCivil(y, m, 1);
  const int64_t next = m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
  return std::pair{first, next - 1};
}

Result<std::vector<ReportRow>> ScopedReport(Store* store, std::vector<int64_t> accounts, GroupBy by,
                                            Period period, int64_t first_day, int64_t last_day) {
  ReportOptions o;
  o.as_of = Now();
  o.first_day = first_day;
  o.last_day = last_day;
  o.by = by;
  o.period = period;
  o.accounts = std::move(accounts);
  return BuildReport(store, o);
}

std::string WibTimeUnix(int64_t unix_seconds) {
  std::string s = FormatRfc3339(unix_seconds, 420);
  return s.substr(8, 2) + "-" + s.substr(5, 2) + "-" + s.substr(0, 4) + " " + s.substr(11, 2) +
         "." + s.substr(14, 2) + " WIB";
}

std::string WibTime(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  if (!t) return Escape(rfc3339);
  return WibTimeUnix(t->unix_seconds);
}

Store* App::Reader() {
  thread_local std::unique_ptr<Store> store;
  thread_local std::string path;
  if (!store || path != options.db_path) {
    StoreOptions o;
    o.read_only = true;
    // One reader per worker thread (32 by default): 2 MB of SQLite cache
    // each keeps the server's memory bounded; the OS caches the file.
    o.cache_kib = 2048;
    auto opened = Store::Open(options.db_path, o);
    if (!opened.ok()) return nullptr;
    store = std::move(*opened);
    path = options.db_path;
  }
  return store.get();
}

Result<int64_t> App::DataVersion() {
  std::lock_guard lock(watch_mu_);
  if (!watcher_) {
    StoreOptions o;
    o.read_only = true;
    o.cache_kib = 64;  // it reads nothing but the version
    auto opened = Store::Open(options.db_path, o);
    if (!opened.ok()) return opened.status();
    watcher_ = std::move(*opened);
  }
  return watcher_->DataVersion();
}

thread_local int64_t request_user_id = 0;
thread_local bool request_accepts_gzip = false;

Context App::Load(const httplib::Request& req) {
  Context c;
  std::string lang = req.has_param("lang") ? req.get_param_value("lang") : Cookie(req, kLangCookie);
  if (lang != "id" && lang != "en") {
    lang = LanguageFromHeader(req.get_header_value("Accept-Language"));
  }
  c.token = Cookie(req, kSessionCookie);
  if (c.token.size() == 64) {
    // Every request checks its session, so the check must not serialise
    // the workers on write_mu: it reads through this thread's read-only
    // connection. Store::SessionUser touches a session at most once a
    // minute, so a session seen less than a minute ago needs nothing more;
    // an older one that is still valid goes to the writer (under write_mu),
    // which checks it again with the full idle window and touches it.
    // Unknown and expired tokens never take the lock.
    const std::string hash = SessionTokenHash(c.token);
    const int64_t now = Now();
    constexpr int64_t kTouchEvery = 60;  // Store::SessionUser's throttle
    const int64_t idle = options.session_idle_s;
    Store* reader = Reader();
    std::optional<User> found;
    bool stale = reader == nullptr;  // no reader: ask the writer
    if (reader) {
      auto fresh = reader->SessionUser(hash, now, std::min(kTouchEvery, idle));
      if (!fresh.ok()) {
        stale = true;  // let the writer's connection decide
      } else if (*fresh) {
        found = std::move(*fresh);
      } else if (idle > kTouchEvery) {
        auto valid = reader->SessionUser(hash, now, idle);
        stale = !valid.ok() || valid->has_value();
      }
    }
    if (stale) {
      std::lock_guard lock(write_mu);
      auto user = writer->SessionUser(hash, now, idle);
      if (user.ok()) found = std::move(*user);
    }
    if (found) {
      c.user = std::move(*found);
      request_user_id = c.user->id;
      if (Cookie(req, kLangCookie).empty() && !req.has_param("lang")) lang = c.user->lang;
    }
  }
  if (!c.user) c.token.clear();
  c.t = &Catalog::For(lang);
  return c;
}

bool App::CsrfOk(const httplib::Request& req, const Context& c) const {
  std::string sent =
      req.has_param("csrf") ? req.get_param_value("csrf") : req.get_header_value("X-CSRF-Token");
  return !c.token.empty() && ConstantTimeEquals(sent, CsrfToken(c.token));
}

std::string App::Page(const Context& c, std::string_view title, const std::string& body) const {
  const Catalog& t = *c.t;
  std::string h = "<!doctype html><html lang=\"" + t.lang() +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width, initial-scale=1\"><title>";
  AppendEscaped(&h, title);
  // An empty icon: otherwise every first visit logs a 404 for /favicon.ico.
  h += " · Tanggap</title><link rel=\"icon\" href=\"data:,\">";
  h += asset_links;
  h += "</head><body><header><nav>";
  h += "<a class=\"brand\" href=\"/\">Tanggap</a>";
  if (c.user) {
    h += "<a href=\"/beranda\">" + Escape(t("nav.home")) + "</a>";
    h += "<a href=\"/latihan\">" + Escape(t("nav.practice")) + "</a>";
    if (c.user->role != "trainee") {
      h += "<a href=\"/ringkasan\">" + Escape(t("nav.overview")) + "</a>";
      h += "<a href=\"/laporan\">" + Escape(t("nav.reports")) + "</a>";
    }
    h += "<a href=\"/kompetensi\">" + Escape(t("nav.competency")) + "</a>";
    h += "<a href=\"/materi\">" + Escape(t("nav.lessons")) + "</a>";
    h += "<a href=\"/simulasi\">" + Escape(t("nav.simulations")) + "</a>";
    h += "<a href=\"/lencana\">" + Escape(t("nav.badges")) + "</a>";
    if (!c.is_trainee()) {
      h += "<a href=\"/pembinaan\">" + Escape(t("nav.coaching")) + "</a>";
      h += "<a href=\"/kohort\">" + Escape(t("nav.cohort")) + "</a>";
    }
    if (c.is_admin()) h += "<a href=\"/admin\">" + Escape(t("nav.admin")) + "</a>";
    h += "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" "
         "name=\"csrf\" value=\"" +
         CsrfToken(c.token) + "\"><button data-testid=\"logout\">" + Escape(t("nav.logout")) +
         " (" + Escape(c.user->username) + ")</button></form>";
  }
  h += std::string("<a data-testid=\"lang\" href=\"?lang=") +
       (t.lang() == "id" ? "en\">English" : "id\">Indonesia") + "</a></nav></header><main>";
  h += body;
  h += "</main></body></html>";
  return h;
}

void App::Html(httplib::Response* res, const std::string& html, int status) {
  res->status = status;
  res->set_header("Cache-Control", "no-store");
  res->set_content(html, "text/html; charset=utf-8");
}

void App::Json(httplib::Response* res, const std::string& json, int status) {
  res->status = status;
  res->set_header("Cache-Control", "no-store");
  res->set_content(json, "application/json; charset=utf-8");
}

void App::Fail(httplib::Response* res, const Context& c, int status, std::string_view key,
               bool api) const {
  const std::string text((*c.t)(key));
  if (api) {
    std::string json = "{\"error\":";
    AppendJsonString(&json, text);
    return Json(res, json + "}", status);
  }
  Html(res, Page(c, text, "<p role=\"alert\">" + Escape(text) + "</p>"), status);
}

namespace {

// This worker's last look at its own connection's data version.
struct SeenVersion {
  const ViewCache* cache = nullptr;
  const Store* store = nullptr;
  int64_t version = -1;
};

std::string ViewKey(const httplib::Request& req, const Context& c) {
  // User id (digits) and token (hex) come first, in fixed forms: whatever
  // the path and parameters hold, they cannot spell another session's key.
  std::string key =
      std::to_string(c.user->id) + '\x1f' + c.token + '\x1f' + c.t->lang() + '\x1f' + req.path;
  for (const auto& [name, value] : req.params) {  // a multimap: sorted by name
    key += '\x1f' + name + '=' + value;
  }
  return key;
}

}  // namespace

httplib::Server::Handler App::Authed(Handler h, bool api, Access access, Caching caching) {
  return [this, h, api, access, caching](const httplib::Request& req, httplib::Response& res) {
    Context c = Load(req);
    if (!c.user) {
      if (api) return Json(&res, R"({"error":"login required"})", 401);
      return res.set_redirect("/login");
    }
    const bool allowed = access == Access::kUser ||
                         (access == Access::kSupervisor && !c.is_trainee()) ||
                         (access == Access::kAdmin && c.is_admin());
    if (!allowed) return Fail(&res, c, 403, "error.forbidden", api);
    if (caching != Caching::kPerSession || req.method != "GET") return h(req, &res, c);
    // Each worker first asks its own connection whether anyone committed
    // since its last look: no lock, about a microsecond. Only then (and on
    // its first look) does it ask the watching connection, whose versions
    // compare across workers, under its mutex: taking that mutex on every
    // request queued 32 workers behind a preempted holder (p99 90-160 ms).
    Store* reader = Reader();
    auto own = reader ? reader->DataVersion() : Result<int64_t>(Status::NotFound("no reader"));
    if (!own.ok()) return h(req, &res, c);
    thread_local SeenVersion seen;
    int64_t epoch;
    if (seen.cache == &views && seen.store == reader && seen.version == *own) {
      epoch = views.Epoch();
    } else {
      auto version = DataVersion();
      if (!version.ok()) return h(req, &res, c);
      epoch = views.Observe(*version);
      seen = {&views, reader, *own};
    }
    const std::string key = ViewKey(req, c);
    const int64_t now = Now();
    // Two seconds: far above any render here, and a client that waited
    // that long is better served by rendering than by waiting more.
    const ViewCache::Found found = views.Find(key, now, std::chrono::seconds(2));
    // Cached answers keep their gzip too: compressing a 17 KB page again for
    // every request was a good part of the cost of serving it.
    auto send_body = [&res](const CachedView& view) {
      if (request_accepts_gzip && !view.gzip.empty()) {
        res.set_header("Content-Encoding", "gzip");
        res.body = view.gzip;
      } else {
        res.body = view.body;
      }
    };
    if (found.hit) {
      res.status = 200;
      for (const auto& [name, value] : found.hit->headers) res.set_header(name, value);
      return send_body(*found.hit);
    }
    // The flight ends however the handler ends (it may throw).
    struct EndFlight {
      ViewCache* views;
      const std::string* key;
      ~EndFlight() {
        if (views) views->Done(*key);
      }
    } end{found.leader ? &views : nullptr, &key};
    // What every answer gets anyway (security headers, a language cookie)
    // is set again on a hit: only the handler's own headers are kept.
    httplib::Headers before = res.headers;
    h(req, &res, c);
    if (res.status != 200 && res.status != -1) return;
    auto view = std::make_shared<CachedView>();
    for (const auto& [name, value] : res.headers) {
      auto [first, last] = before.equal_range(name);
      auto same = std::find_if(first, last, [&](const auto& h) { return h.second == value; });
      if (same != last) {
        before.erase(same);
      } else {
        view->headers.emplace_back(name, value);
      }
    }
    view->body = std::move(res.body);
    if (view->body.size() >= kMinGzipBytes && Compressible(res.get_header_value("Content-Type"))) {
      view->gzip = Gzip(view->body);
    }
    send_body(*view);
    views.Put(key, std::move(view), now, epoch);
  };
}

}  // namespace tanggap::dashboard
