// The administration pages (admins only): agencies, collector accounts,
// users and roles, the rule packs in use, and the collector's status with
// "Kumpulkan sekarang", which runs collect + score + analyse
// (jobs/refresh.h) on one background thread with its own database
// connection. Every list has a JSON twin under /api/v1/admin/.
//
// Tokens: the pages say only where a token comes from ("env", "file",
// "missing"), never its value.
#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "collector/collector.h"
#include "dashboard/app.h"
#include "dashboard/html.h"
#include "jobs/refresh.h"
#include "store/admin_queries.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

constexpr int kListLimit = 2000;
constexpr size_t kMaxErrorChars = 400;  // of a collector error shown in a table cell

// ---------------------------------------------------------------------------
// "Kumpulkan sekarang": at most one background refresh at a time.

class CollectRunner {
 public:
  struct Config {
    std::string db_path, secrets_path;
    std::shared_ptr<const scorer::RulePack> pack;
    int64_t now_unix = 0;  // the collector's clock; 0 = wall clock
  };
  // What the page shows: the run in progress, else the last one.
  struct State {
    bool running = false;
    int64_t started_unix = 0;  // 0: never ran since the server started
    int64_t finished_unix = 0;
    std::string error;  // the run could not run at all (no accounts, store, secrets)
    int accounts = 0, failures = 0;
    int64_t posts_new = 0, replies_new = 0, scored = 0, threads = 0;
  };

  explicit CollectRunner(Config config) : config_(std::move(config)) {}
  // Asks a run in flight to skip its remaining steps and waits for it: the
  // server's shutdown (this object lives as long as the routes holding it).
  ~CollectRunner() {
    cancel_ = true;
    std::thread running;
    {
      std::lock_guard lock(mu_);
      running = std::move(thread_);
    }
    if (running.joinable()) running.join();
  }
  CollectRunner(const CollectRunner&) = delete;
  CollectRunner& operator=(const CollectRunner&) = delete;

  // Starts a run unless one is running (then false).
  bool Start(int64_t now) {
    std::lock_guard lock(mu_);
    if (state_.running) return false;
    // The previous run has set running = false and touches nothing after
    // that, so this join returns at once.
    if (thread_.joinable()) thread_.join();
    state_ = State{};
    state_.running = true;
    state_.started_unix = now;
    thread_ = std::thread([this, now] { Run(now); });
    return true;
  }

  State Snapshot() const {
    std::lock_guard lock(mu_);
    return state_;
  }

 private:
  void Run(int64_t started) {
    State done;
    done.started_unix = started;
    Status s = RunOnce(&done);
    if (!s.ok()) {
      done.error = s.message();
      Log()->warn("collect now: {}", s.message());
    } else {
      Log()->info("collect now: {} accounts ({} not ok), {} new posts, {} scored, {} threads",
                  done.accounts, done.failures, done.posts_new, done.scored, done.threads);
    }
    done.finished_unix = Now();
    std::lock_guard lock(mu_);
    state_ = done;
  }

  Status RunOnce(State* out) {
    auto secrets = collector::Secrets::Load(config_.secrets_path);
    if (!secrets.ok()) return secrets.status();
    auto inputs = LoadAnalysisInputs(*config_.pack);
    if (!inputs.ok()) return inputs.status();
    // Its own writable connection: the dashboard's writer stays free for
    // logins while this holds the write lock one transaction at a time.
    auto store = Store::Open(config_.db_path);
    if (!store.ok()) return store.status();
    RefreshOptions o;
    o.collect.now = config_.now_unix;
    // Leave cores to the pages being served meanwhile.
    const int workers = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
    o.score.threads = workers;
    o.analyze.threads = workers;
    o.cancel = &cancel_;
    auto result =
        Refresh(store->get(), *secrets, *config_.pack, *inputs, o,
                [](const collector::AccountRunReport& r) {
                  Log()->info("collect now: {} {} ({} requests)", r.account, r.status, r.requests);
                });
    if (!result.ok()) return result.status();
    out->accounts = static_cast<int>(result->reports.size());
    out->failures = result->failures();
    for (const auto& r : result->reports) {
      out->posts_new += r.posts_new;
      out->replies_new += r.replies_new;
    }
    out->scored = result->score.scored + result->score.not_scored;
    out->threads = result->analyze.threads;
    return Status::Ok();
  }

  const Config config_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mu_;
  std::thread thread_;  // guarded by mu_
  State state_;         // guarded by mu_
};

// ---------------------------------------------------------------------------
// The rule packs, read once: a loaded pack never changes.

struct RuleView {
  scorer::RuleInfo info;  // info.suggestion: as the YAML writes it
  // The rule's advice as it reads on its first bad example (placeholders
  // filled, or computed when the rule writes none); nullopt when that
  // example shows none.
  std::optional<scorer::Localized> suggestion;
};

struct PackView {
  std::string role;  // "clarity" or "tone"
  std::string name, version;
  std::vector<RuleView> rules;
};

PackView DescribePack(const scorer::RulePack& pack, std::string role) {
  PackView v;
  v.role = std::move(role);
  v.name = pack.name();
  v.version = pack.version();
  for (scorer::RuleInfo& info : pack.Rules()) {
    RuleView r;
    if (!info.bad_examples.empty()) {
      scorer::ScoreInput in{info.bad_examples.front(), std::nullopt, {}};
      if (!info.platforms.empty()) in.platform = ParsePlatform(info.platforms.front());
      if (!info.kinds.empty()) in.kind = info.kinds.front();
      for (const scorer::Finding& f : pack.Score(in).findings) {
        if (f.rule == info.id && !f.suggestion.id.empty()) {
          r.suggestion = f.suggestion;
          break;
        }
      }
    }
    r.info = std::move(info);
    v.rules.push_back(std::move(r));
  }
  return v;
}

// ---------------------------------------------------------------------------
// Shared by the pages.

struct Admin {
  App& app;
  std::shared_ptr<CollectRunner> runner;
  std::vector<PackView> packs;
};

// A message above the page: an error (role=alert) or a confirmation.
struct Notice {
  bool error = false;
  std::string text;  // plain text; escaped when shown
};

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (n == 3) {  // no overlong forms, no surrogates
      const unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) return false;
    }
    if (n == 4) {
      const unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90)) return false;
    }
    i += n;
  }
  return true;
}

// A one-line form field, trimmed; nullopt when longer than max_bytes, not
// UTF-8, or holding control characters.
std::optional<std::string> Field(const httplib::Request& req, const char* name, size_t max_bytes) {
  std::string v = req.get_param_value(name);
  const size_t first = v.find_first_not_of(" \t");
  if (first == std::string::npos) return std::string();
  v = v.substr(first, v.find_last_not_of(" \t") - first + 1);
  if (v.size() > max_bytes || !ValidUtf8(v)) return std::nullopt;
  for (char ch : v) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) return std::nullopt;
  }
  return v;
}

// Usernames are typed at the login form and shown everywhere: plain ASCII
// letters, digits, '.', '_' and '-' keep them unambiguous.
bool ValidUsername(std::string_view u) {
  if (u.empty() || u.size() > 100) return false;
  return std::all_of(u.begin(), u.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  });
}

std::string CsrfField(const Context& c) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + CsrfToken(c.token) + "\">";
}

std::string T(const Catalog& t, std::string_view key) { return Escape(t(key)); }

std::string Rfc3339Wib(int64_t unix_seconds) { return FormatRfc3339(unix_seconds, 420); }

struct Section {
  const char* slug;
  const char* title;  // catalogue keys
  const char* about;
};
constexpr Section kSections[] = {
    {"instansi", "admin.agencies.title", "admin.agencies.about"},
    {"akun", "admin.accounts.title", "admin.accounts.about"},
    {"pengguna", "admin.users.title", "admin.users.about"},
    {"aturan", "admin.rules.title", "admin.rules.about"},
    {"kolektor", "admin.collector.title", "admin.collector.about"},
};

// The admin sub-navigation, the heading and the notice around a body.
std::string AdminPage(const Admin& a, const Context& c, std::string_view section,
                      std::string_view title_key, const Notice& notice, const std::string& body) {
  const Catalog& t = *c.t;
  std::string h = "<nav class=\"admin-nav\" aria-label=\"" + T(t, "admin.nav_label") +
                  "\"><a href=\"/admin\"" + (section.empty() ? " aria-current=\"page\"" : "") +
                  ">" + T(t, "admin.title") + "</a>";
  for (const Section& s : kSections) {
    h += "<a href=\"/admin/" + std::string(s.slug) + "\"" +
         (section == s.slug ? " aria-current=\"page\"" : "") + ">" + T(t, s.title) + "</a>";
  }
  h += "</nav><h1>" + T(t, title_key) + "</h1>";
  if (!notice.text.empty()) {
    h += notice.error ? "<p class=\"error\" role=\"alert\" data-testid=\"admin-error\">"
                      : "<p class=\"notice\" role=\"status\" data-testid=\"admin-ok\">";
    h += Escape(notice.text) + "</p>";
  }
  return a.app.Page(c, t(title_key), h + body);
}

// "?ok=user_added" after a redirect: the confirmation from the catalogue.
Notice OkNotice(const httplib::Request& req, const Context& c) {
  Notice n;
  if (!req.has_param("ok")) return n;
  const std::string key = "admin.ok." + req.get_param_value("ok");
  if (key.size() < 60 && c.t->entries().count(key)) n.text = std::string((*c.t)(key));
  return n;
}

Notice Error(const Context& c, std::string_view key, std::string_view detail = {}) {
  Notice n{true, std::string((*c.t)(key))};
  if (!detail.empty()) n.text += " (" + std::string(detail) + ")";
  return n;
}

std::string JsonStringList(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ",";
    AppendJsonString(&out, v[i]);
  }
  return out + "]";
}

std::string RoleLabel(const Catalog& t, const std::string& role) {
  return T(t, role == "admin"        ? "admin.role.admin"
              : role == "supervisor" ? "admin.role.supervisor"
                                     : "admin.role.trainee");
}

// ---------------------------------------------------------------------------
// /admin

void Overview(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  std::string body = "<ul class=\"admin-links\" data-testid=\"admin-links\">";
  for (const Section& s : kSections) {
    body += "<li><a href=\"/admin/" + std::string(s.slug) + "\">" + T(t, s.title) +
            "</a>: " + T(t, s.about) + "</li>";
  }
  body += "</ul>";
  App::Html(res, AdminPage(a, c, "", "admin.title", OkNotice(req, c), body));
}

// ---------------------------------------------------------------------------
// /admin/instansi

void Agencies(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
  const Catalog& t = *c.t;
  Store* store = a.app.Reader();
  if (!store) return a.app.Fail(res, c, 503, "error.database", api);
  auto rows = AdminAgencies(*store, kListLimit);
  if (!rows.ok()) return a.app.Fail(res, c, 500, "error.database", api);
  if (api) {
    std::string j = "[";
    for (const AgencyAdminRow& r : *rows) {
      if (j.size() > 1) j += ",";
      j += "{\"name\":";
      AppendJsonString(&j, r.name);
      j += ",\"sla_hours\":" + (r.sla_hours ? Fmt(r.sla_hours, "%g") : std::string("null")) +
           ",\"accounts\":" + std::to_string(r.accounts) +
           ",\"registered\":" + std::to_string(r.registered) +
           ",\"users\":" + std::to_string(r.users) + "}";
    }
    return App::Json(res, j + "]");
  }
  std::string body = "<p>" + T(t, "admin.agencies.intro") + "</p>";
  if (rows->empty()) body += "<p>" + T(t, "admin.agencies.none") + "</p>";
  body += "<div class=\"scroll\"><table data-testid=\"agencies\"><thead><tr>";
  for (const char* key : {"admin.col.agency", "admin.col.sla", "admin.col.accounts",
                          "admin.col.registered", "admin.col.users"}) {
    body += "<th scope=\"col\">" + T(t, key) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const AgencyAdminRow& r : *rows) {
    body += "<tr><th scope=\"row\"><bdi>" + Escape(r.name) + "</bdi></th><td>" +
            (r.sla_hours ? Fmt(r.sla_hours, "%g") + " " + T(t, "unit.hours") : "–") + "</td><td>" +
            std::to_string(r.accounts) + "</td><td>" + std::to_string(r.registered) + "</td><td>" +
            std::to_string(r.users) + "</td></tr>";
  }
  body += "</tbody></table></div>";
  App::Html(res, AdminPage(a, c, "instansi", "admin.agencies.title", OkNotice(req, c), body));
}

// ---------------------------------------------------------------------------
// /admin/akun

std::string TokenLabel(const Catalog& t, const std::string& source) {
  const char* key = source == "env"    ? "admin.token.env"
                    : source == "file" ? "admin.token.file"
                                       : "admin.token.missing";
  return "<span class=\"token token-" + Escape(source) + "\" data-token=\"" + Escape(source) +
         "\">" + T(t, key) + "</span>";
}

void Accounts(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api,
              Notice notice = {}, int status = 200) {
  const Catalog& t = *c.t;
  Store* store = a.app.Reader();
  if (!store) return a.app.Fail(res, c, 503, "error.database", api);
  auto rows = AdminRegisteredAccounts(*store, kListLimit);
  auto users = AdminUsers(*store, kListLimit);
  auto agencies = AgencyNames(*store, kListLimit);
  if (!rows.ok() || !users.ok() || !agencies.ok()) {
    return a.app.Fail(res, c, 500, "error.database", api);
  }
  // Where each token would come from; a broken secrets file is reported,
  // and its tokens count as missing.
  auto secrets = collector::Secrets::Load(a.app.options.secrets_path);
  auto source = [&](const RegisteredAccount& r) {
    return secrets.ok() ? secrets->Source(r.platform, r.handle) : std::string("missing");
  };
  if (api) {
    std::string j = "[";
    for (const RegisteredAdminRow& row : *rows) {
      const RegisteredAccount& r = row.account;
      if (j.size() > 1) j += ",";
      j += "{\"id\":" + std::to_string(r.id) + ",\"platform\":";
      AppendJsonString(&j, PlatformName(r.platform));
      j += ",\"handle\":";
      AppendJsonString(&j, r.handle);
      j += ",\"agency\":";
      AppendJsonString(&j, r.agency);
      j += ",\"base_url\":";
      AppendJsonString(&j, r.base_url);
      j += ",\"collected\":" + std::string(r.account_row_id ? "true" : "false") +
           ",\"trainees\":" + JsonStringList(row.trainees) + ",\"token\":";
      AppendJsonString(&j, source(r));
      j += ",\"token_env\":";
      AppendJsonString(&j, collector::Secrets::EnvName(r.platform, r.handle));
      j += "}";
    }
    return App::Json(res, j + "]", status);
  }
  if (notice.text.empty()) notice = OkNotice(req, c);
  std::string body;
  if (!secrets.ok()) {
    body += "<p class=\"error\" role=\"alert\">" + T(t, "admin.accounts.secrets_broken") + " " +
            Escape(secrets.status().message()) + "</p>";
  }
  body += "<p>" + T(t, "admin.accounts.intro") + "</p>";
  std::vector<std::string> trainees;
  for (const UserAdminRow& u : *users) {
    if (u.user.role == "trainee" && !u.user.disabled) trainees.push_back(u.user.username);
  }
  if (rows->empty())
    body += "<p data-testid=\"no-accounts\">" + T(t, "admin.accounts.none") + "</p>";
  body += "<div class=\"scroll\"><table data-testid=\"registered\"><thead><tr>";
  for (const char* key : {"admin.col.account", "admin.col.agency", "admin.col.base_url",
                          "admin.col.trainees", "admin.col.token", "admin.col.actions"}) {
    body += "<th scope=\"col\">" + T(t, key) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const RegisteredAdminRow& row : *rows) {
    const RegisteredAccount& r = row.account;
    const std::string platform(PlatformName(r.platform));
    const std::string id = std::to_string(r.id);
    body += "<tr data-account=\"" + Escape(platform + ":" + r.handle) + "\"><th scope=\"row\">" +
            Escape(platform) + " <bdi>@" + Escape(r.handle) + "</bdi></th><td><bdi>" +
            Escape(r.agency) + "</bdi></td><td class=\"url\">" + Escape(r.base_url) + "</td><td>";
    if (!r.account_row_id) {
      body += "<span class=\"muted\">" + T(t, "admin.accounts.not_collected") + "</span>";
    } else {
      body += "<ul class=\"plain\">";
      for (const std::string& u : row.trainees) {
        body += "<li><bdi>" + Escape(u) +
                "</bdi> <form method=\"post\" action=\"/admin/akun/lepas\" class=\"inline\">" +
                CsrfField(c) + "<input type=\"hidden\" name=\"id\" value=\"" + id +
                "\"><input type=\"hidden\" name=\"username\" value=\"" + Escape(u) +
                "\"><button class=\"small secondary\" aria-label=\"" +
                T(t, "admin.accounts.unassign") + " " + Escape(u) + "\">" +
                T(t, "admin.accounts.unassign") + "</button></form></li>";
      }
      body += "</ul>";
      if (!trainees.empty()) {
        body += "<form method=\"post\" action=\"/admin/akun/tugaskan\" class=\"row-form\">" +
                CsrfField(c) + "<input type=\"hidden\" name=\"id\" value=\"" + id + "\"><label>" +
                T(t, "admin.accounts.trainee") +
                "<select name=\"username\" data-testid=\"assign-user\">";
        for (const std::string& u : trainees) {
          body += "<option value=\"" + Escape(u) + "\">" + Escape(u) + "</option>";
        }
        body += "</select></label><button class=\"small\">" + T(t, "admin.accounts.assign") +
                "</button></form>";
      }
    }
    body += "</td><td>" + TokenLabel(t, source(r)) + "<br><code class=\"env\">" +
            Escape(collector::Secrets::EnvName(r.platform, r.handle)) +
            "</code></td><td><form method=\"post\" action=\"/admin/akun/hapus\">" + CsrfField(c) +
            "<input type=\"hidden\" name=\"platform\" value=\"" + Escape(platform) +
            "\"><input type=\"hidden\" name=\"handle\" value=\"" + Escape(r.handle) +
            "\"><button class=\"small danger\" data-testid=\"remove-account\">" +
            T(t, "admin.accounts.remove") + "</button></form></td></tr>";
  }
  body += "</tbody></table></div>";
  // Registering: the same checks as `tanggap account add` (ValidateRegistration).
  body += "<h2>" + T(t, "admin.accounts.add") +
          "</h2><form method=\"post\" action=\"/admin/akun/tambah\" class=\"card\" "
          "data-testid=\"add-account\">" +
          CsrfField(c) + "<label>" + T(t, "admin.col.platform") + "<select name=\"platform\">";
  for (Platform p : kAllPlatforms) {
    const std::string name(PlatformName(p));
    body += "<option value=\"" + name + "\">" + name + "</option>";
  }
  body += "</select></label><label>" + T(t, "admin.accounts.handle") +
          "<input name=\"handle\" required maxlength=\"200\" autocomplete=\"off\" "
          "data-testid=\"handle\"></label><label>" +
          T(t, "admin.col.agency") +
          "<input name=\"agency\" required maxlength=\"100\" list=\"agency-names\" "
          "autocomplete=\"off\" data-testid=\"agency\"></label><datalist id=\"agency-names\">";
  for (const std::string& g : *agencies) body += "<option value=\"" + Escape(g) + "\">";
  body += "</datalist><label>" + T(t, "admin.col.base_url") +
          "<input name=\"base_url\" type=\"url\" maxlength=\"500\" placeholder=\"https://\" "
          "data-testid=\"base-url\"></label><p class=\"hint\">" +
          T(t, "admin.accounts.base_url_hint") + "</p><button data-testid=\"add-account-submit\">" +
          T(t, "admin.accounts.add_submit") + "</button></form>";
  App::Html(res, AdminPage(a, c, "akun", "admin.accounts.title", notice, body), status);
}

void AddAccount(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto platform = Field(req, "platform", 20);
  auto handle = Field(req, "handle", 200);
  auto agency = Field(req, "agency", 100);
  auto base_url = Field(req, "base_url", 500);
  if (!platform || !handle || !agency || !base_url) {
    return Accounts(a, req, res, c, false, Error(c, "admin.err.field"), 400);
  }
  RegistrationField bad = RegistrationField::kNone;
  auto reg = ValidateRegistration({*platform, *handle, *agency, *base_url}, true, &bad);
  if (!reg.ok()) {
    const char* key = bad == RegistrationField::kPlatform ? "admin.err.platform"
                      : bad == RegistrationField::kHandle ? "admin.err.handle"
                      : bad == RegistrationField::kAgency ? "admin.err.agency"
                                                          : "admin.err.base_url";
    return Accounts(a, req, res, c, false, Error(c, key), 400);
  }
  reg->created_unix = Now();
  Result<int64_t> id = Status::IOError("not run");
  {
    std::lock_guard lock(a.app.write_mu);
    id = a.app.writer->AddRegisteredAccount(*reg);
  }
  if (!id.ok()) {
    const bool exists = id.status().code() == Status::Code::kInvalidArgument;
    if (!exists) Log()->error("add account: {}", id.status().message());
    return Accounts(a, req, res, c, false,
                    Error(c, exists ? "admin.err.account_exists" : "error.database"),
                    exists ? 409 : 500);
  }
  Log()->info("admin {} registered {}:{}", c.user->username, PlatformName(reg->platform),
              reg->handle);
  res->set_redirect("/admin/akun?ok=account_added", 303);
}

void RemoveAccount(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto platform = ParsePlatform(req.get_param_value("platform"));
  auto handle = Field(req, "handle", 200);
  if (!platform || !handle || handle->empty()) {
    return Accounts(a, req, res, c, false, Error(c, "admin.err.no_account"), 404);
  }
  Result<bool> removed = false;
  {
    std::lock_guard lock(a.app.write_mu);
    removed = a.app.writer->RemoveRegisteredAccount(*platform, *handle);
  }
  if (!removed.ok()) return Accounts(a, req, res, c, false, Error(c, "error.database"), 500);
  if (!*removed) return Accounts(a, req, res, c, false, Error(c, "admin.err.no_account"), 404);
  Log()->info("admin {} removed {}:{}", c.user->username, PlatformName(*platform), *handle);
  res->set_redirect("/admin/akun?ok=account_removed", 303);
}

void Assign(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c,
            bool assign) {
  const int64_t id = std::atoll(req.get_param_value("id").c_str());
  const std::string username = req.get_param_value("username");
  Result<Assignment> done = Assignment::kNoSuchAccount;
  {
    std::lock_guard lock(a.app.write_mu);
    done = assign ? AssignTraineeToRegistered(*a.app.writer, id, username)
                  : UnassignTraineeFromRegistered(*a.app.writer, id, username);
  }
  if (!done.ok()) return Accounts(a, req, res, c, false, Error(c, "error.database"), 500);
  switch (*done) {
    case Assignment::kDone:
      return res->set_redirect(
          assign ? "/admin/akun?ok=trainee_assigned" : "/admin/akun?ok=trainee_unassigned", 303);
    case Assignment::kNoSuchAccount:
      return Accounts(a, req, res, c, false, Error(c, "admin.err.no_account"), 404);
    case Assignment::kNotCollectedYet:
      return Accounts(a, req, res, c, false, Error(c, "admin.err.not_collected"), 409);
    case Assignment::kNoSuchUser:
      return Accounts(a, req, res, c, false, Error(c, "admin.err.no_user"), 404);
    case Assignment::kNotATrainee:
      return Accounts(a, req, res, c, false, Error(c, "admin.err.not_trainee"), 400);
  }
}

// ---------------------------------------------------------------------------
// /admin/pengguna

std::string RoleSelect(const Catalog& t, const std::string& current) {
  std::string h = "<select name=\"role\">";
  for (const char* role : {"trainee", "supervisor", "admin"}) {
    h += "<option value=\"" + std::string(role) + "\"" + (current == role ? " selected" : "") +
         ">" + RoleLabel(t, role) + "</option>";
  }
  return h + "</select>";
}

std::string AgencyChoices(const Catalog& t, const std::vector<std::string>& all,
                          const std::vector<std::string>& chosen) {
  std::string h =
      "<fieldset class=\"choices\"><legend>" + T(t, "admin.users.agencies") + "</legend>";
  if (all.empty()) h += "<p class=\"hint\">" + T(t, "admin.agencies.none") + "</p>";
  for (const std::string& g : all) {
    const bool on = std::find(chosen.begin(), chosen.end(), g) != chosen.end();
    h += "<label class=\"check\"><input type=\"checkbox\" name=\"agency\" value=\"" + Escape(g) +
         "\"" + (on ? " checked" : "") + "> <bdi>" + Escape(g) + "</bdi></label>";
  }
  return h + "<p class=\"hint\">" + T(t, "admin.users.agencies_hint") + "</p></fieldset>";
}

void Users(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api,
           Notice notice = {}, int status = 200) {
  const Catalog& t = *c.t;
  Store* store = a.app.Reader();
  if (!store) return a.app.Fail(res, c, 503, "error.database", api);
  auto users = AdminUsers(*store, kListLimit);
  auto agencies = AgencyNames(*store, kListLimit);
  if (!users.ok() || !agencies.ok()) return a.app.Fail(res, c, 500, "error.database", api);
  if (api) {
    std::string j = "[";
    for (const UserAdminRow& u : *users) {
      if (j.size() > 1) j += ",";
      j += "{\"username\":";
      AppendJsonString(&j, u.user.username);
      j += ",\"display_name\":";
      AppendJsonString(&j, u.user.display_name);
      j += ",\"role\":";
      AppendJsonString(&j, u.user.role);
      j += ",\"agencies\":" + JsonStringList(u.user.agencies) +
           ",\"accounts\":" + JsonStringList(u.accounts) +
           ",\"disabled\":" + (u.user.disabled ? "true" : "false") + "}";
    }
    return App::Json(res, j + "]", status);
  }
  if (notice.text.empty()) notice = OkNotice(req, c);
  std::string body = "<p>" + T(t, "admin.users.intro") + "</p>";
  body += "<div class=\"scroll\"><table data-testid=\"users\"><thead><tr>";
  for (const char* key :
       {"admin.col.username", "admin.col.display_name", "admin.col.role", "admin.col.agency",
        "admin.col.accounts", "admin.col.status", "admin.col.actions"}) {
    body += "<th scope=\"col\">" + T(t, key) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const UserAdminRow& u : *users) {
    const std::string name = Escape(u.user.username);
    const std::string hidden = "<input type=\"hidden\" name=\"username\" value=\"" + name + "\">";
    std::string agencies_text, accounts_text;
    for (const std::string& g : u.user.agencies) {
      agencies_text += (agencies_text.empty() ? "" : ", ") + Escape(g);
    }
    for (const std::string& acc : u.accounts) {
      accounts_text += (accounts_text.empty() ? "" : ", ") + Escape(acc);
    }
    body += "<tr data-user=\"" + name + "\"><th scope=\"row\"><bdi>" + name +
            "</bdi></th><td><bdi>" + Escape(u.user.display_name) + "</bdi></td><td>" +
            RoleLabel(t, u.user.role) + "</td><td>" +
            (agencies_text.empty() ? "–" : agencies_text) + "</td><td>" +
            (accounts_text.empty() ? "–" : accounts_text) + "</td><td>" +
            (u.user.disabled ? "<span class=\"label off\">" + T(t, "admin.users.disabled")
                             : "<span class=\"label on\">" + T(t, "admin.users.enabled")) +
            "</span></td><td><details class=\"edit\"><summary>" + T(t, "admin.users.edit") +
            "<span class=\"visually-hidden\"> " + name + "</span></summary>";
    // Role and agencies together: a supervisor without agencies sees nothing.
    body += "<form method=\"post\" action=\"/admin/pengguna/peran\" class=\"stack\">" +
            CsrfField(c) + hidden + "<label>" + T(t, "admin.col.role") +
            RoleSelect(t, u.user.role) + "</label>" + AgencyChoices(t, *agencies, u.user.agencies) +
            "<button class=\"small\">" + T(t, "admin.users.save_role") + "</button></form>";
    body += "<form method=\"post\" action=\"/admin/pengguna/status\" class=\"stack\">" +
            CsrfField(c) + hidden + "<input type=\"hidden\" name=\"disabled\" value=\"" +
            (u.user.disabled ? "0" : "1") + "\"><button class=\"small " +
            (u.user.disabled ? "" : "danger") + "\">" +
            T(t, u.user.disabled ? "admin.users.enable" : "admin.users.disable") +
            "</button></form>";
    body += "<form method=\"post\" action=\"/admin/pengguna/sandi\" class=\"stack\">" +
            CsrfField(c) + hidden + "<label>" + T(t, "admin.users.new_password") +
            "<input name=\"password\" type=\"password\" minlength=\"10\" maxlength=\"1024\" "
            "autocomplete=\"new-password\" required></label><button class=\"small\">" +
            T(t, "admin.users.reset_password") + "</button></form></details></td></tr>";
  }
  body += "</tbody></table></div>";
  body += "<h2>" + T(t, "admin.users.add") +
          "</h2><form method=\"post\" action=\"/admin/pengguna/tambah\" class=\"card\" "
          "data-testid=\"add-user\">" +
          CsrfField(c) + "<label>" + T(t, "admin.col.username") +
          "<input name=\"username\" required maxlength=\"100\" pattern=\"[A-Za-z0-9._\\-]+\" "
          "autocomplete=\"off\" data-testid=\"new-username\"></label><p class=\"hint\">" +
          T(t, "admin.users.username_hint") + "</p><label>" + T(t, "admin.col.display_name") +
          "<input name=\"display_name\" maxlength=\"200\" data-testid=\"new-display-name\">"
          "</label><label>" +
          T(t, "admin.col.role") + RoleSelect(t, "trainee") + "</label>" +
          AgencyChoices(t, *agencies, {}) + "<label>" + T(t, "admin.users.password") +
          "<input name=\"password\" type=\"password\" required minlength=\"10\" "
          "maxlength=\"1024\" autocomplete=\"new-password\" data-testid=\"new-password\">"
          "</label><button data-testid=\"add-user-submit\">" +
          T(t, "admin.users.add_submit") + "</button></form>";
  App::Html(res, AdminPage(a, c, "pengguna", "admin.users.title", notice, body), status);
}

// The agencies ticked in a form, each a known-looking name.
std::optional<std::vector<std::string>> AgencyFields(const httplib::Request& req) {
  std::vector<std::string> out;
  const size_t n = req.get_param_value_count("agency");
  if (n > 200) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    std::string g = req.get_param_value("agency", i);
    if (g.empty()) continue;
    if (g.size() > 100 || !ValidUtf8(g)) return std::nullopt;
    out.push_back(std::move(g));
  }
  return out;
}

void AddUser(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto display = Field(req, "display_name", 200);
  auto agencies = AgencyFields(req);
  const std::string username = req.get_param_value("username");
  const std::string role = req.get_param_value("role");
  const std::string password = req.get_param_value("password");
  if (!ValidUsername(username)) {
    return Users(a, req, res, c, false, Error(c, "admin.err.username"), 400);
  }
  if (!display || !agencies || (role != "trainee" && role != "supervisor" && role != "admin")) {
    return Users(a, req, res, c, false, Error(c, "admin.err.field"), 400);
  }
  if (role == "supervisor" && agencies->empty()) {
    return Users(a, req, res, c, false, Error(c, "admin.err.supervisor_agency"), 400);
  }
  auto hash = HashPassword(password);
  if (!hash.ok()) return Users(a, req, res, c, false, Error(c, "admin.err.password"), 400);
  User u;
  u.username = username;
  u.display_name = display->empty() ? username : *display;
  u.role = role;
  u.lang = c.t->lang();
  u.password_hash = *hash;
  u.agencies = *agencies;
  Result<int64_t> id = Status::IOError("not run");
  std::optional<User> existing;
  {
    std::lock_guard lock(a.app.write_mu);
    auto found = a.app.writer->FindUser(username);
    if (found.ok()) existing = *found;
    if (found.ok() && !existing) id = AdminAddUser(*a.app.writer, u);
  }
  if (existing) return Users(a, req, res, c, false, Error(c, "admin.err.user_exists"), 409);
  if (!id.ok()) {
    const bool unknown_agency = id.status().code() == Status::Code::kNotFound;
    if (!unknown_agency) Log()->error("add user: {}", id.status().message());
    return Users(a, req, res, c, false,
                 Error(c, unknown_agency ? "admin.err.agency_unknown" : "error.database"),
                 unknown_agency ? 400 : 500);
  }
  Log()->info("admin {} added user {} ({})", c.user->username, username, role);
  res->set_redirect("/admin/pengguna?ok=user_added", 303);
}

// Turns a UserChange into the page's answer.
void AfterChange(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c,
                 const Result<UserChange>& change, const char* ok_key) {
  if (!change.ok()) {
    const bool unknown_agency = change.status().code() == Status::Code::kNotFound;
    if (!unknown_agency) Log()->error("change user: {}", change.status().message());
    return Users(a, req, res, c, false,
                 Error(c, unknown_agency ? "admin.err.agency_unknown" : "error.database"),
                 unknown_agency ? 400 : 500);
  }
  switch (*change) {
    case UserChange::kDone:
      Log()->info("admin {}: {} {}", c.user->username, ok_key, req.get_param_value("username"));
      return res->set_redirect(std::string("/admin/pengguna?ok=") + ok_key, 303);
    case UserChange::kNoSuchUser:
      return Users(a, req, res, c, false, Error(c, "admin.err.no_user"), 404);
    case UserChange::kLastAdmin:
      return Users(a, req, res, c, false, Error(c, "admin.err.last_admin"), 409);
  }
}

void ChangeRole(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  const std::string username = req.get_param_value("username");
  const std::string role = req.get_param_value("role");
  auto agencies = AgencyFields(req);
  if (!agencies || (role != "trainee" && role != "supervisor" && role != "admin")) {
    return Users(a, req, res, c, false, Error(c, "admin.err.field"), 400);
  }
  if (role == "supervisor" && agencies->empty()) {
    return Users(a, req, res, c, false, Error(c, "admin.err.supervisor_agency"), 400);
  }
  // Agencies are checked before anything moves, so a refused change (an
  // unknown agency, the last admin) leaves both role and agencies as they were.
  if (Store* store = a.app.Reader()) {
    auto known = AgencyNames(*store, kListLimit);
    if (!known.ok()) return Users(a, req, res, c, false, Error(c, "error.database"), 500);
    for (const std::string& g : *agencies) {
      if (std::find(known->begin(), known->end(), g) == known->end()) {
        return Users(a, req, res, c, false, Error(c, "admin.err.agency_unknown"), 400);
      }
    }
  }
  Result<UserChange> change = UserChange::kNoSuchUser;
  {
    std::lock_guard lock(a.app.write_mu);
    change = SetUserRole(*a.app.writer, username, role);
    if (change.ok() && *change == UserChange::kDone) {
      change = SetUserAgencies(*a.app.writer, username, *agencies);
    }
  }
  AfterChange(a, req, res, c, change, "role_changed");
}

void ChangeStatus(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  const std::string username = req.get_param_value("username");
  const bool disable = req.get_param_value("disabled") == "1";
  Result<UserChange> change = UserChange::kNoSuchUser;
  {
    std::lock_guard lock(a.app.write_mu);
    change = SetUserDisabled(*a.app.writer, username, disable);
  }
  AfterChange(a, req, res, c, change, disable ? "user_disabled" : "user_enabled");
}

void ResetPassword(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c) {
  const std::string username = req.get_param_value("username");
  auto hash = HashPassword(req.get_param_value("password"));
  if (!hash.ok()) return Users(a, req, res, c, false, Error(c, "admin.err.password"), 400);
  Status s;
  {
    std::lock_guard lock(a.app.write_mu);
    s = a.app.writer->SetPassword(username, *hash);  // also ends the user's sessions
  }
  if (s.code() == Status::Code::kNotFound) {
    return Users(a, req, res, c, false, Error(c, "admin.err.no_user"), 404);
  }
  if (!s.ok()) return Users(a, req, res, c, false, Error(c, "error.database"), 500);
  Log()->info("admin {} reset the password of {}", c.user->username, username);
  // Resetting one's own password ends one's own session too.
  res->set_redirect(username == c.user->username ? "/login" : "/admin/pengguna?ok=password_reset",
                    303);
}

// ---------------------------------------------------------------------------
// /admin/aturan

std::string LevelLabel(const Catalog& t, const std::string& level) {
  const char* key = level == "error"     ? "admin.level.error"
                    : level == "warning" ? "admin.level.warning"
                                         : "admin.level.suggestion";
  return "<span class=\"level level-" + Escape(level) + "\">" + T(t, key) + "</span>";
}

void AppendLocalizedJson(std::string* j, const scorer::Localized& l) {
  *j += "{\"id\":";
  AppendJsonString(j, l.id);
  *j += ",\"en\":";
  AppendJsonString(j, l.en.empty() ? l.id : l.en);
  *j += "}";
}

void Rules(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
  const Catalog& t = *c.t;
  if (api) {
    std::string j = "{\"packs\":[";
    for (size_t p = 0; p < a.packs.size(); ++p) {
      const PackView& pack = a.packs[p];
      if (p) j += ",";
      j += "{\"role\":";
      AppendJsonString(&j, pack.role);
      j += ",\"name\":";
      AppendJsonString(&j, pack.name);
      j += ",\"version\":";
      AppendJsonString(&j, pack.version);
      j += ",\"rules\":[";
      for (size_t i = 0; i < pack.rules.size(); ++i) {
        const RuleView& r = pack.rules[i];
        if (i) j += ",";
        j += "{\"id\":";
        AppendJsonString(&j, r.info.id);
        j += ",\"type\":";
        AppendJsonString(&j, r.info.type);
        j += ",\"level\":";
        AppendJsonString(&j, r.info.level);
        j += ",\"message\":";
        AppendLocalizedJson(&j, r.info.message);
        j += ",\"rule_suggestion\":";
        if (!r.info.suggestion.id.empty()) {
          AppendLocalizedJson(&j, r.info.suggestion);
        } else {
          j += "null";
        }
        j += ",\"suggestion\":";
        if (r.suggestion) {
          AppendLocalizedJson(&j, *r.suggestion);
        } else {
          j += "null";
        }
        j += ",\"examples\":{\"bad\":" + JsonStringList(r.info.bad_examples) +
             ",\"good\":" + JsonStringList(r.info.good_examples) + "}}";
      }
      j += "]}";
    }
    return App::Json(res, j + "]}");
  }
  const std::string lang = t.lang();
  std::string body = "<p>" + T(t, "admin.rules.intro") + "</p>";
  for (const PackView& pack : a.packs) {
    body += "<section class=\"pack\" data-pack=\"" + Escape(pack.name) + "\"><h2>" +
            T(t, pack.role == "tone" ? "admin.rules.tone_pack" : "admin.rules.clarity_pack") +
            ": <bdi>" + Escape(pack.name) + "</bdi> <span class=\"muted\">" + Escape(pack.version) +
            "</span></h2><p>" + std::to_string(pack.rules.size()) + " " +
            T(t, "admin.rules.count") + "</p>";
    for (const RuleView& r : pack.rules) {
      const scorer::RuleInfo& i = r.info;
      body += "<details class=\"rule\" data-rule=\"" + Escape(i.id) + "\"><summary><code>" +
              Escape(i.id) + "</code> " + LevelLabel(t, i.level) + " <span>" +
              Escape(i.message.In(lang)) + "</span>";
      const bool has_suggestion = !i.suggestion.id.empty();
      if (has_suggestion) {
        body += " <span class=\"rule-suggestion\">→ " + Escape(i.suggestion.In(lang)) + "</span>";
      }
      body += "</summary><dl><dt>" + T(t, "admin.rules.message_id") + "</dt><dd lang=\"id\">" +
              Escape(i.message.id) + "</dd><dt>" + T(t, "admin.rules.message_en") +
              "</dt><dd lang=\"en\">" + Escape(i.message.en.empty() ? i.message.id : i.message.en) +
              "</dd>";
      if (has_suggestion) {
        body += "<dt>" + T(t, "admin.rules.suggestion_id") + "</dt><dd lang=\"id\">" +
                Escape(i.suggestion.id) + "</dd><dt>" + T(t, "admin.rules.suggestion_en") +
                "</dt><dd lang=\"en\">" + Escape(i.suggestion.In("en")) + "</dd>";
      }
      body += "<dt>" + T(t, "admin.rules.suggestion") + "</dt><dd>";
      if (r.suggestion) {
        body += "<span lang=\"id\">" + Escape(r.suggestion->id) + "</span>";
        if (!r.suggestion->en.empty() && r.suggestion->en != r.suggestion->id) {
          body += " / <span lang=\"en\">" + Escape(r.suggestion->en) + "</span>";
        }
      } else {
        body += "–";
      }
      body += "</dd><dt>" + T(t, "admin.rules.type") + "</dt><dd><code>" + Escape(i.type) +
              "</code></dd></dl>";
      for (const auto& [examples, key, cls] :
           {std::tuple{&i.bad_examples, "admin.rules.bad", "bad"},
            std::tuple{&i.good_examples, "admin.rules.good", "good"}}) {
        if (examples->empty()) continue;
        body += "<h3>" + T(t, key) + "</h3><ul class=\"examples " + cls + "\">";
        for (const std::string& e : *examples) {
          body += "<li lang=\"id\"><bdi>" + Escape(e) + "</bdi></li>";
        }
        body += "</ul>";
      }
      body += "</details>";
    }
    body += "</section>";
  }
  App::Html(res, AdminPage(a, c, "aturan", "admin.rules.title", OkNotice(req, c), body));
}

// ---------------------------------------------------------------------------
// /admin/kolektor

std::string RunStatusLabel(const Catalog& t, const std::string& status) {
  const char* key = status == "ok"             ? "admin.run.ok"
                    : status == "partial"      ? "admin.run.partial"
                    : status == "rate_limited" ? "admin.run.rate_limited"
                    : status == "running"      ? "admin.run.running"
                                               : "admin.run.failed";
  return "<span class=\"run run-" + Escape(status) + "\" data-status=\"" + Escape(status) + "\">" +
         T(t, key) + "</span>";
}

void Collector(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api,
               Notice notice = {}, int status = 200) {
  const Catalog& t = *c.t;
  Store* store = a.app.Reader();
  if (!store) return a.app.Fail(res, c, 503, "error.database", api);
  auto rows = AdminRegisteredAccounts(*store, kListLimit);
  if (!rows.ok()) return a.app.Fail(res, c, 500, "error.database", api);
  const CollectRunner::State run = a.runner->Snapshot();
  if (api) {
    std::string j =
        "{\"running\":" + std::string(run.running ? "true" : "false") + ",\"started_at\":";
    if (run.started_unix) {
      AppendJsonString(&j, Rfc3339Wib(run.started_unix));
    } else {
      j += "null";
    }
    j += ",\"finished_at\":";
    if (!run.running && run.finished_unix) {
      AppendJsonString(&j, Rfc3339Wib(run.finished_unix));
      j += ",\"error\":";
      AppendJsonString(&j, run.error);
      j += ",\"accounts_collected\":" + std::to_string(run.accounts) +
           ",\"accounts_not_ok\":" + std::to_string(run.failures);
    } else {
      j += "null";
    }
    j += ",\"accounts\":[";
    for (size_t i = 0; i < rows->size(); ++i) {
      const RegisteredAdminRow& row = (*rows)[i];
      if (i) j += ",";
      j += "{\"platform\":";
      AppendJsonString(&j, PlatformName(row.account.platform));
      j += ",\"handle\":";
      AppendJsonString(&j, row.account.handle);
      j += ",\"agency\":";
      AppendJsonString(&j, row.account.agency);
      j += ",\"last_run\":";
      if (!row.last) {
        j += "null}";
        continue;
      }
      const CollectorRun& r = *row.last;
      j += "{\"started_at\":";
      AppendJsonString(&j, Rfc3339Wib(r.started_unix));
      j += ",\"finished_at\":";
      AppendJsonString(&j, Rfc3339Wib(r.finished_unix));
      j += ",\"status\":";
      AppendJsonString(&j, r.status);
      j += ",\"requests\":" + std::to_string(r.requests) +
           ",\"retries\":" + std::to_string(r.retries) +
           ",\"rate_limit_waits\":" + std::to_string(r.rate_limit_waits) +
           ",\"posts_new\":" + std::to_string(r.posts_new) +
           ",\"posts_updated\":" + std::to_string(r.posts_updated) +
           ",\"replies_new\":" + std::to_string(r.replies_new) + ",\"error\":";
      AppendJsonString(&j, r.error);
      j += "}}";
    }
    return App::Json(res, j + "]}", status);
  }
  if (notice.text.empty()) notice = OkNotice(req, c);
  std::string body = "<p>" + T(t, "admin.collector.intro") + "</p>";
  body += "<div class=\"card collect\" data-testid=\"collect-state\"";
  if (run.running) body += " data-collect-running=\"1\"";
  body += "><p role=\"status\">";
  if (run.running) {
    body += "<strong>" + T(t, "admin.collector.running_since") + " " +
            WibTimeUnix(run.started_unix) + "</strong> " + T(t, "admin.collector.running_note");
  } else if (run.finished_unix == 0) {
    body += T(t, "admin.collector.never");
  } else if (!run.error.empty()) {
    body += T(t, "admin.collector.last_failed") + " " + WibTimeUnix(run.finished_unix) + ": " +
            Escape(Utf8Prefix(run.error, kMaxErrorChars));
  } else {
    body += T(t, "admin.collector.last_done") + " " + WibTimeUnix(run.finished_unix) + ": " +
            std::to_string(run.accounts) + " " + T(t, "admin.collector.accounts") + ", " +
            std::to_string(run.failures) + " " + T(t, "admin.collector.not_ok") + ", " +
            std::to_string(run.posts_new) + " " + T(t, "admin.collector.posts_new") + ", " +
            std::to_string(run.replies_new) + " " + T(t, "admin.collector.replies_new") + ", " +
            std::to_string(run.scored) + " " + T(t, "admin.collector.scored") + ".";
  }
  body += "</p><form method=\"post\" action=\"/admin/kolektor/jalankan\">" + CsrfField(c) +
          "<button data-testid=\"collect-now\"" + (run.running ? " disabled" : "") + ">" +
          T(t, "admin.collector.collect_now") + "</button></form><p class=\"hint\">" +
          T(t, "admin.collector.collect_hint") + "</p></div>";
  if (rows->empty()) {
    body += "<p data-testid=\"no-accounts\">" + T(t, "admin.accounts.none") + "</p>";
  }
  body += "<div class=\"scroll\"><table data-testid=\"runs\"><thead><tr>";
  for (const char* key :
       {"admin.col.account", "admin.col.agency", "admin.col.last_run", "admin.col.status",
        "admin.col.requests", "admin.col.retries", "admin.col.rate_waits", "admin.col.posts_new",
        "admin.col.replies_new", "admin.col.error"}) {
    body += "<th scope=\"col\">" + T(t, key) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const RegisteredAdminRow& row : *rows) {
    const std::string platform(PlatformName(row.account.platform));
    body += "<tr data-account=\"" + Escape(platform + ":" + row.account.handle) +
            "\"><th scope=\"row\">" + Escape(platform) + " <bdi>@" + Escape(row.account.handle) +
            "</bdi></th><td><bdi>" + Escape(row.account.agency) + "</bdi></td>";
    if (!row.last) {
      body += "<td colspan=\"8\" class=\"muted\">" + T(t, "admin.collector.no_run") + "</td></tr>";
      continue;
    }
    const CollectorRun& r = *row.last;
    body +=
        "<td>" + WibTimeUnix(r.started_unix) + "</td><td>" + RunStatusLabel(t, r.status) +
        "</td><td>" + std::to_string(r.requests) + "</td><td>" + std::to_string(r.retries) +
        "</td><td>" + std::to_string(r.rate_limit_waits) + "</td><td>" +
        std::to_string(r.posts_new) + "</td><td>" + std::to_string(r.replies_new) +
        "</td><td class=\"run-error\">" +
        (r.error.empty() ? "–" : "<bdi>" + Escape(Utf8Prefix(r.error, kMaxErrorChars)) + "</bdi>") +
        "</td></tr>";
  }
  body += "</tbody></table></div>";
  App::Html(res, AdminPage(a, c, "kolektor", "admin.collector.title", notice, body), status);
}

void CollectNow(Admin& a, const httplib::Request& req, httplib::Response* res, Context& c,
                bool api) {
  // Nothing to collect is said here rather than after a background run.
  Store* store = a.app.Reader();
  if (!store) return a.app.Fail(res, c, 503, "error.database", api);
  auto accounts = store->RegisteredAccounts();
  if (!accounts.ok()) return a.app.Fail(res, c, 500, "error.database", api);
  if (accounts->empty()) {
    if (api) return a.app.Fail(res, c, 400, "admin.collector.none", true);
    return Collector(a, req, res, c, false, Error(c, "admin.collector.none"), 400);
  }
  if (!a.runner->Start(Now())) {
    const CollectRunner::State run = a.runner->Snapshot();
    Notice busy{true, std::string((*c.t)("admin.collector.busy")) + " " +
                          WibTimeUnix(run.started_unix) + "."};
    if (api) {
      std::string j = "{\"error\":";
      AppendJsonString(&j, busy.text);
      j += ",\"running_since\":";
      AppendJsonString(&j, Rfc3339Wib(run.started_unix));
      return App::Json(res, j + "}", 409);
    }
    return Collector(a, req, res, c, false, busy, 409);
  }
  Log()->info("admin {} started a collection", c.user->username);
  if (api) {
    const CollectRunner::State run = a.runner->Snapshot();
    std::string j = "{\"started\":true,\"running_since\":";
    AppendJsonString(&j, Rfc3339Wib(run.started_unix));
    return App::Json(res, j + "}", 202);
  }
  res->set_redirect("/admin/kolektor?ok=collect_started", 303);
}

}  // namespace

void AddAdminRoutes(App& app) {
  auto admin = std::make_shared<Admin>(Admin{app, nullptr, {}});
  admin->runner = std::make_shared<CollectRunner>(CollectRunner::Config{
      app.options.db_path, app.options.secrets_path, app.pack, app.options.collect_now_unix});
  admin->packs.push_back(DescribePack(*app.pack, "clarity"));
  if (const std::string tone_dir = app.pack->DataPath("tone_pack"); !tone_dir.empty()) {
    auto tone = scorer::RulePack::Load(tone_dir);
    if (tone.ok()) {
      admin->packs.push_back(DescribePack(**tone, "tone"));
    } else {
      Log()->warn("admin rules page: tone pack {}: {}", tone_dir, tone.status().message());
    }
  }
  // The handlers own `admin` (and so the runner): when the server and its
  // routes go away, ~CollectRunner joins a run in flight. The runner's
  // thread uses only its own copies, never `app`, which is half destroyed
  // by then.
  using PageFn = void (*)(Admin&, const httplib::Request&, httplib::Response*, Context&, bool);
  auto get = [&app, admin](const std::string& page, const std::string& api, PageFn fn) {
    app.server.Get(page, app.Authed([admin, fn](const auto& req, auto* res,
                                                Context& c) { fn(*admin, req, res, c, false); },
                                    false, Access::kAdmin));
    app.server.Get(api, app.Authed([admin, fn](const auto& req, auto* res,
                                               Context& c) { fn(*admin, req, res, c, true); },
                                   true, Access::kAdmin));
  };
  app.server.Get("/admin", app.Authed([admin](const auto& req, auto* res,
                                              Context& c) { Overview(*admin, req, res, c); },
                                      false, Access::kAdmin));
  get("/admin/instansi", "/api/v1/admin/instansi", &Agencies);
  get("/admin/akun", "/api/v1/admin/akun",
      [](Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
        Accounts(a, req, res, c, api);
      });
  get("/admin/pengguna", "/api/v1/admin/pengguna",
      [](Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
        Users(a, req, res, c, api);
      });
  get("/admin/aturan", "/api/v1/admin/aturan", &Rules);
  get("/admin/kolektor", "/api/v1/admin/kolektor",
      [](Admin& a, const httplib::Request& req, httplib::Response* res, Context& c, bool api) {
        Collector(a, req, res, c, api);
      });

  // Every change is a POST carrying the session's CSRF token.
  using Action = void (*)(Admin&, const httplib::Request&, httplib::Response*, Context&);
  auto post = [&app, admin](const std::string& path, Action fn) {
    app.server.Post(path, app.Authed(
                              [&app, admin, fn](const auto& req, auto* res, Context& c) {
                                if (!app.CsrfOk(req, c)) {
                                  return app.Fail(res, c, 403, "error.csrf", false);
                                }
                                fn(*admin, req, res, c);
                              },
                              false, Access::kAdmin));
  };
  post("/admin/akun/tambah", &AddAccount);
  post("/admin/akun/hapus", &RemoveAccount);
  post("/admin/akun/tugaskan", [](Admin& a, const httplib::Request& req, httplib::Response* res,
                                  Context& c) { Assign(a, req, res, c, true); });
  post("/admin/akun/lepas", [](Admin& a, const httplib::Request& req, httplib::Response* res,
                               Context& c) { Assign(a, req, res, c, false); });
  post("/admin/pengguna/tambah", &AddUser);
  post("/admin/pengguna/peran", &ChangeRole);
  post("/admin/pengguna/status", &ChangeStatus);
  post("/admin/pengguna/sandi", &ResetPassword);
  post("/admin/kolektor/jalankan", [](Admin& a, const httplib::Request& req, httplib::Response* res,
                                      Context& c) { CollectNow(a, req, res, c, false); });
  app.server.Post("/api/v1/admin/kolektor/jalankan",
                  app.Authed(
                      [&app, admin](const auto& req, auto* res, Context& c) {
                        if (!app.CsrfOk(req, c)) return app.Fail(res, c, 403, "error.csrf", true);
                        CollectNow(*admin, req, res, c, true);
                      },
                      true, Access::kAdmin));
}

}  // namespace tanggap::dashboard
