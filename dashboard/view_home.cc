// The trainee's home ("Beranda"): my accounts, my trend this month against
// last month, my latest posts (each linking to its detail page, /pos/<id>)
// with their clarity and top finding, and my to-do list of open citizen
// questions.
//
// Speed: the trend reads daily rollups and the month's posts of the visible
// accounts through indexes (store/post_queries.h), and is cached per
// (database, accounts, month) for a minute, so a busy home page computes it
// about once a minute per scope.
#include <cstdio>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "store/post_queries.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

constexpr size_t kTrendAccounts = 200;

struct Month {
  int year = 1970;
  unsigned month = 1;
  int64_t first_day() const { return DaysFromCivil(year, month, 1); }
  int64_t last_day() const { return next().first_day() - 1; }
  Month next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  Month prev() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
  bool operator<(const Month& o) const { return year != o.year ? year < o.year : month < o.month; }
  std::string Iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
    return buf;
  }
  std::string Name(const Catalog& t) const {
    return std::string(t("home.month." + std::to_string(month))) + " " + std::to_string(year);
  }
};

Month MonthOfDay(int64_t day) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  return {y, m};
}

// "YYYY-MM" with a year 1971..9998 (so both neighbours exist), else nullopt.
std::optional<Month> ParseMonth(const std::string& s) {
  const auto days = MonthDays(s);
  if (!days) return std::nullopt;
  const Month m = MonthOfDay(days->first);
  if (m.year < 1971 || m.year > 9998) return std::nullopt;
  return m;
}

struct Trend {
  PeriodFigures now, before;
};

// This month's and last month's figures of the accounts (the first
// kTrendAccounts). Repeats are served by the view cache, which also drops
// them as soon as the data changes.
Result<Trend> LoadTrend(Store& store, const std::vector<int64_t>& ids, Month month) {
  auto now = AccountPeriodFigures(store, ids, month.first_day(), month.last_day(), kTrendAccounts);
  if (!now.ok()) return now.status();
  const Month prev = month.prev();
  auto before = AccountPeriodFigures(store, ids, prev.first_day(), prev.last_day(), kTrendAccounts);
  if (!before.ok()) return before.status();
  return Trend{*now, *before};
}

// "▲ better" / "▼ worse" / "= same": an arrow and a word, so the change is
// not told by colour alone; "" when either month has no figure.
// higher_is_better says which way is good.
std::string Change(std::optional<double> now, std::optional<double> before, bool higher_is_better,
                   double epsilon, const Catalog& t) {
  if (!now || !before) return "";
  const double d = *now - *before;
  if (d > -epsilon && d < epsilon) {
    return "<span class=\"trend same\">= " + Escape(t("home.trend_same")) + "</span>";
  }
  const bool better = (d > 0) == higher_is_better;
  return std::string("<span class=\"trend ") + (better ? "better" : "worse") + "\">" +
         (d > 0 ? "▲ " : "▼ ") + Escape(t(better ? "home.trend_better" : "home.trend_worse")) +
         "</span>";
}

std::optional<double> AsDouble(std::optional<int64_t> v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

std::string TrendSection(const Trend& tr, Month month, Month current, size_t accounts,
                         const Catalog& t) {
  const Month prev = month.prev();
  std::string h = "<section data-testid=\"trend\"><h2>" + Escape(t("home.trend")) + ": " +
                  Escape(month.Name(t)) + " " + Escape(t("home.trend_vs")) + " " +
                  Escape(prev.Name(t)) +
                  "</h2><p class=\"trend-nav\"><a href=\"/beranda?month=" + prev.Iso() + "\">← " +
                  Escape(t("home.trend_prev")) + "</a>";
  if (month < current) {
    h += " <a href=\"/beranda?month=" + month.next().Iso() + "\">" + Escape(t("home.trend_next")) +
         " →</a>";
  }
  // Three columns so that it fits a phone: the change sits under this
  // month's figure.
  h += "</p><div class=\"scroll\"><table class=\"trend-table\"><thead><tr><th>" +
       Escape(t("home.trend_metric")) + "</th><th>" + Escape(month.Name(t)) + "</th><th>" +
       Escape(prev.Name(t)) + "</th></tr></thead><tbody>";
  const PeriodFigures &a = tr.now, &b = tr.before;
  auto row = [&](const char* id, std::string_view label, const std::string& now,
                 const std::string& before, const std::string& change) {
    h += std::string("<tr data-testid=\"") + id + "\"><th scope=\"row\">" + Escape(label) +
         "</th><td><span class=\"value\">" + now + "</span>" + change + "</td><td>" + before +
         "</td></tr>";
  };
  row("trend-clarity", t("home.trend_clarity"), Fmt(a.clarity_avg, "%.1f"),
      Fmt(b.clarity_avg, "%.1f"), Change(a.clarity_avg, b.clarity_avg, true, 0.05, t));
  row("trend-median", t("home.trend_median"), Duration(a.median_first_response, t),
      Duration(b.median_first_response, t),
      Change(AsDouble(a.median_first_response), AsDouble(b.median_first_response), false, 30, t));
  row("trend-rate", t("home.trend_rate"), Fmt(a.response_rate, "%.0f%%", 100),
      Fmt(b.response_rate, "%.0f%%", 100),
      Change(a.response_rate, b.response_rate, true, 0.005, t));
  row("trend-posts", t("home.trend_scored_posts"), std::to_string(a.scored_posts),
      std::to_string(b.scored_posts), "");
  row("trend-questions", t("home.trend_questions"), std::to_string(a.questions),
      std::to_string(b.questions), "");
  h += "</tbody></table></div><p class=\"note\">" + Escape(t("home.trend_note"));
  if (accounts > kTrendAccounts) h += " " + Escape(t("home.trend_capped"));
  return h + "</p></section>";
}

void Home(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) return app.Fail(res, c, 500, "error.database", false);
  std::vector<int64_t> ids;
  std::string body = "<h1>" + Escape(t("home.title")) + "</h1><section><h2>" +
                     Escape(t("home.accounts")) +
                     "</h2><ul class=\"accounts\" data-testid=\"accounts\">";
  for (const AccountRow& a : *accounts) {
    ids.push_back(a.row_id);
    body += "<li>" + Escape(a.platform) + " <bdi>@" + Escape(a.handle) + "</bdi> · " +
            Escape(a.agency) + "</li>";
  }
  if (accounts->empty()) body += "<li>" + Escape(t("home.no_accounts")) + "</li>";
  body += "</ul></section>";
  const Month current = MonthOfDay(WibDay(Now()));
  Month month = current;
  if (req.has_param("month")) {
    if (auto m = ParseMonth(req.get_param_value("month"))) month = *m;
  }
  auto trend = LoadTrend(*store, ids, month);
  if (!trend.ok()) return app.Fail(res, c, 500, "error.database", false);
  body += TrendSection(*trend, month, current, ids.size(), t);
  // The first accounts only: a supervisor of a big agency sees its latest.
  if (ids.size() > 50) ids.resize(50);
  auto posts = store->LatestPosts(ids, 20);
  if (!posts.ok()) return app.Fail(res, c, 500, "error.database", false);
  body += "<section><h2>" + Escape(t("home.posts")) +
          "</h2><div class=\"scroll\"><table data-testid=\"posts\"><thead><tr><th>" +
          Escape(t("col.time")) + "</th><th>" + Escape(t("col.account")) + "</th><th>" +
          Escape(t("col.post")) + "</th><th>" + Escape(t("col.clarity")) + "</th><th>" +
          Escape(t("col.interactions")) + "</th><th>" + Escape(t("col.top_finding")) +
          "</th></tr></thead><tbody>";
  for (const PostRow& p : *posts) {
    std::string_view excerpt = Utf8Prefix(p.text, 160);
    body += "<tr><td>" + WibTime(p.created_at) + "</td><td><bdi>" + Escape(p.account) +
            "</bdi></td><td class=\"post\"><a href=\"/pos/" + std::to_string(p.row_id) +
            "\"><bdi>" + Escape(excerpt) + (excerpt.size() < p.text.size() ? "…" : "") +
            "</bdi></a></td><td>" + (p.score ? std::to_string(*p.score) : std::string("–")) +
            "</td><td>" + std::to_string(p.interactions) + "</td><td>" +
            Escape(t.lang() == "en" ? p.top_message_en : p.top_message_id) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  // The to-do list: open citizen questions, oldest first.
  body += "<section><h2>" + Escape(t("home.queue")) + "</h2><ul data-testid=\"queue\">";
  int shown = 0;
  for (const AccountRow& a : *accounts) {
    if (shown >= 30) break;
    auto items = store->Unanswered(a.platform + ":" + a.handle, 10);
    if (!items.ok()) continue;
    for (const QueueItem& q : *items) {
      body += "<li><span class=\"label\">" + Escape(q.label) + "</span> " + WibTime(q.asked_at) +
              " <bdi>@" + Escape(q.asker) + "</bdi>: <bdi>" + Escape(Utf8Prefix(q.text, 200)) +
              "</bdi>";
      if (!q.post_url.empty()) {
        body += " <a rel=\"noopener noreferrer\" href=\"" + SafeUrl(q.post_url) + "\">" +
                Escape(t("home.open_post")) + "</a>";
      }
      body += "</li>";
      ++shown;
    }
  }
  if (shown == 0) body += "<li>" + Escape(t("home.queue_empty")) + "</li>";
  body += "</ul></section>";
  App::Html(res, app.Page(c, t("home.title"), body));
}

void PostsJson(App& app, httplib::Response* res, Context& c) {
  Store* store = app.Reader();
  auto accounts = store ? store->VisibleAccounts(*c.user) : Status::IOError("db");
  if (!accounts.ok()) return app.Fail(res, c, 500, "error.database", true);
  std::vector<int64_t> ids;
  for (const auto& a : *accounts) ids.push_back(a.row_id);
  auto posts = store->LatestPosts(ids, 50);
  if (!posts.ok()) return app.Fail(res, c, 500, "error.database", true);
  std::string out = "[";
  for (const PostRow& p : *posts) {
    if (out.size() > 1) out += ",";
    out += "{\"id\":";
    AppendJsonInt(&out, p.row_id);
    out += ",\"account\":";
    AppendJsonString(&out, p.account);
    out += ",\"created_at\":";
    AppendJsonString(&out, p.created_at);
    out += ",\"text\":";
    AppendJsonString(&out, p.text);
    out += ",\"clarity\":";
    AppendJsonIntOrNull(&out, p.score);
    out += ",\"interactions\":";
    AppendJsonInt(&out, p.interactions);
    out += ",\"top_rule\":";
    AppendJsonString(&out, p.top_rule);
    out += "}";
  }
  App::Json(res, out + "]");
}

}  // namespace

void AddHomeRoutes(App& app) {
  app.server.Get("/beranda", app.Authed([&app](const auto& req, auto* res,
                                               Context& c) { Home(app, req, res, c); },
                                        false, Access::kUser, Caching::kPerSession));
  app.server.Get("/api/v1/posts",
                 app.Authed([&app](const auto&, auto* res, Context& c) { PostsJson(app, res, c); },
                            true, Access::kUser, Caching::kPerSession));
}

}  // namespace tanggap::dashboard
