// The supervisor overview ("Ringkasan"): the responsiveness report of the
// accounts a supervisor may see, over a chosen period, grouped by agency,
// account or trainee, as a sortable table with a 12-week sparkline per row
// and a weekly trend chart; drill-downs per account (/ringkasan/akun/<key>)
// and per trainee (/ringkasan/trainee/<username>). Every table has a CSV
// twin (.csv) and every page a JSON twin under /api/v1/overview.
//
// Speed: every page reads the daily rollups through BuildReport twice (the
// figures; weekly rows for sparklines and trend), the CSV and JSON once.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "dashboard/app.h"
#include "dashboard/growth_kit.h"
#include "dashboard/html.h"
#include "dashboard/svg_chart.h"
#include "jobs/responsiveness_report.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

enum class Format { kHtml, kJson, kCsv };

constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 3660;
constexpr int kSparkWeeks = 12;
constexpr int64_t kWeeklyTrendMaxDays = 26 * 7;  // longer periods trend per month
constexpr int kLatestPosts = 10;
constexpr char kNoTrainee[] = "(tanpa peserta)";  // BuildReport's group for unassigned accounts

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string IsoDay(int64_t day) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// "30-11-2026", the order Indonesian readers expect.
std::string ShowDay(int64_t day) {
  const std::string iso = IsoDay(day);
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

bool Digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// Strict YYYY-MM-DD of a real date (no 2026-02-30), years 1970..9999.
std::optional<int64_t> ParseIsoDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s.substr(0, 4)) ||
      !Digits(s.substr(5, 2)) || !Digits(s.substr(8, 2))) {
    return std::nullopt;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = std::stoul(std::string(s.substr(5, 2)));
  const unsigned d = std::stoul(std::string(s.substr(8, 2)));
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const int64_t day = DaysFromCivil(y, m, d);
  int y2;
  unsigned m2, d2;
  CivilFromDays(day, &y2, &m2, &d2);
  if (y2 != y || m2 != m || d2 != d) return std::nullopt;
  return day;
}

// Monday of a day's ISO week (1970-01-01 was a Thursday).
int64_t Monday(int64_t day) { return day - ((day % 7) + 7 + 3) % 7; }

// The period a page covers: ?from=&to= (WIB dates, inclusive), else
// ?month=YYYY-MM, else ?days=N (1..3660), else the last 30 days.
struct Span {
  int64_t first_day = 0, last_day = 0;
  int days = kDefaultDays;  // when chosen by days
  std::string month;        // when chosen by month
  bool range = false;       // when chosen by from/to
  std::string query;        // the same choice as a query string, for links
  int64_t length() const { return last_day - first_day + 1; }
  Period trend() const { return length() <= kWeeklyTrendMaxDays ? Period::kWeek : Period::kMonth; }
};

// Invalid input falls back to the last 30 days and names, in *error, the
// catalogue key that says what was wrong.
Span ParseSpan(const httplib::Request& req, int64_t today, std::string* error) {
  Span s;
  const std::string from = Param(req, "from"), to = Param(req, "to");
  const std::string month = Param(req, "month"), days = Param(req, "days");
  if (!from.empty() || !to.empty()) {
    auto f = ParseIsoDay(from), l = ParseIsoDay(to);
    if (f && l && *f <= *l && *l - *f < kMaxDays) {
      s.first_day = *f;
      s.last_day = *l;
      s.range = true;
      s.query = "from=" + from + "&to=" + to;
      return s;
    }
    *error = "overview.bad_range";
  } else if (!month.empty()) {
    if (auto m = MonthDays(month)) {
      s.first_day = m->first;
      s.last_day = m->second;
      s.month = month;
      s.query = "month=" + month;
      return s;
    }
    *error = "overview.bad_month";
  } else if (!days.empty()) {
    if (Digits(days) && days.size() <= 4 && std::stoi(days) >= 1 && std::stoi(days) <= kMaxDays) {
      s.days = std::stoi(days);
    } else {
      *error = "overview.bad_days";
    }
  }
  s.last_day = today;
  s.first_day = today - s.days + 1;
  s.query = "days=" + std::to_string(s.days);
  return s;
}

// What a user may see: their visible accounts, by key and agency.
struct Scope {
  std::vector<AccountRow> accounts;
  std::set<std::string> keys, agencies;
  std::set<int64_t> ids;
  std::vector<int64_t> id_list;  // the same ids, for reports
  bool everything = false;       // admin: also rows that span no particular agency
  const AccountRow* Find(std::string_view key) const {
    for (const AccountRow& a : accounts) {
      if (a.platform + ":" + a.handle == key) return &a;
    }
    return nullptr;
  }
};

Result<Scope> LoadScope(Store* store, const User& user) {
  auto accounts = store->VisibleAccounts(user);
  if (!accounts.ok()) return accounts.status();
  Scope s;
  s.accounts = std::move(*accounts);
  s.everything = user.role == "admin";
  for (const AccountRow& a : s.accounts) {
    s.keys.insert(a.platform + ":" + a.handle);
    s.agencies.insert(a.agency);
    s.ids.insert(a.row_id);
    s.id_list.push_back(a.row_id);
  }
  return s;
}

// Trainees as the scope sees them. A trainee's report row covers every
// account they run, so it is shown only when all of those are in scope;
// the others ("partial") are reachable per account through the drill-down.
struct Trainees {
  std::map<std::string, std::vector<int64_t>> accounts_of;  // username -> account row ids
  std::map<int64_t, std::vector<std::string>> of_account;
  std::set<std::string> whole;  // every account in scope
  int partial = 0;              // some accounts in scope, some not
};

Result<Trainees> LoadTrainees(Store* store, const Scope& scope) {
  auto map = store->AccountTrainees();
  if (!map.ok()) return map.status();
  Trainees t;
  t.of_account = std::move(*map);
  for (const auto& [account, users] : t.of_account) {
    for (const std::string& u : users) t.accounts_of[u].push_back(account);
  }
  for (const auto& [user, ids] : t.accounts_of) {
    const auto visible =
        std::count_if(ids.begin(), ids.end(), [&](int64_t id) { return scope.ids.count(id) > 0; });
    if (visible == static_cast<long>(ids.size())) {
      t.whole.insert(user);
    } else if (visible > 0) {
      ++t.partial;
    }
  }
  return t;
}

std::vector<ReportRow> InScope(std::vector<ReportRow> rows, GroupBy by, const Scope& scope,
                               const Trainees* trainees) {
  std::vector<ReportRow> out;
  for (ReportRow& r : rows) {
    bool keep = false;
    switch (by) {
      case GroupBy::kAgency:
        keep = scope.agencies.count(r.group) > 0;
        break;
      case GroupBy::kAccount:
        keep = scope.keys.count(r.group) > 0;
        break;
      case GroupBy::kTrainee:
        keep = r.group == kNoTrainee ? scope.everything
                                     : trainees && trainees->whole.count(r.group) > 0;
        break;
    }
    if (keep) out.push_back(std::move(r));
  }
  return out;
}

// One series per group over `keys`, from rows with a period.
using Metric = std::function<std::optional<double>(const ReportRow&)>;
std::map<std::string, std::vector<std::optional<double>>> SeriesByGroup(
    const std::vector<ReportRow>& rows, const std::vector<std::string>& keys,
    const Metric& metric) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < keys.size(); ++i) index[keys[i]] = i;
  std::map<std::string, std::vector<std::optional<double>>> out;
  for (const ReportRow& r : rows) {
    auto it = index.find(r.period);
    if (it == index.end()) continue;
    auto& values = out[r.group];
    values.resize(keys.size());
    values[it->second] = metric(r);
  }
  return out;
}

std::optional<double> ResponseRate(const ReportRow& r) { return r.responses.response_rate; }
std::optional<double> WithinSla(const ReportRow& r) { return r.responses.within_sla_rate; }
std::optional<double> Engagement(const ReportRow& r) { return r.engagement_rate; }

// Drops the periods before the first one with data (an "all time" span
// would otherwise start with years of nothing).
std::vector<std::string> TrimmedKeys(std::vector<std::string> keys,
                                     const std::vector<ReportRow>& rows) {
  std::string first;
  for (const ReportRow& r : rows) {
    if (!r.period.empty() && (first.empty() || r.period < first)) first = r.period;
  }
  auto it = first.empty() ? keys.end() : std::lower_bound(keys.begin(), keys.end(), first);
  keys.erase(keys.begin(), it == keys.end() ? keys.begin() : it);
  return keys;
}

const ValueFormat kPercent{100, 0, "%"};
const ValueFormat kPercent2{100, 2, "%"};

std::string SortKey(std::optional<double> v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v.value_or(-1));
  return buf;
}

std::string Mix(const ReportRow& r) {
  auto share = [&](const char* kind) {
    auto it = r.content_mix.find(kind);
    return std::to_string(it == r.content_mix.end() ? 0 : static_cast<int>(it->second * 100 + 0.5));
  };
  if (r.posts == 0) return "–";
  return share("layanan") + "/" + share("edukasi") + "/" + share("seremonial");
}

// The figures table shared by the overview and the drill-downs. `first`
// renders the first cell's content (group name, link or period); `sparks`
// (may be null) adds the trend column.
struct Sparks {
  std::map<std::string, std::vector<std::optional<double>>> values;
  std::vector<std::string> keys;
};

std::string FiguresTable(const Catalog& t, const std::vector<ReportRow>& rows,
                         std::string_view first_heading,
                         const std::function<std::string(const ReportRow&)>& first,
                         const Sparks* sparks, const char* testid) {
  std::string h = "<div class=\"scroll\"><table class=\"sortable figures\" data-testid=\"" +
                  std::string(testid) + "\"><thead><tr><th scope=\"col\">" + Escape(first_heading) +
                  "</th>";
  for (const char* key : {"col.clarity", "col.questions", "col.response_rate", "col.median",
                          "col.median_business", "col.within_sla", "col.unanswered",
                          "col.engagement", "overview.col_mix", "col.tone", "col.posts"}) {
    h += "<th scope=\"col\">" + Escape(t(key)) + "</th>";
  }
  if (sparks) h += "<th scope=\"col\">" + Escape(t("overview.col_trend")) + "</th>";
  h += "</tr></thead><tbody>";
  int n = 0;
  for (const ReportRow& r : rows) {
    const ResponseStats& s = r.responses;
    h += "<tr><td>" + first(r) + "</td><td data-sort=\"" + SortKey(r.clarity_avg) + "\">" +
         Fmt(r.clarity_avg, "%.0f") + "</td><td>" + std::to_string(s.questions) +
         "</td><td data-sort=\"" + SortKey(s.response_rate) + "\">" +
         Fmt(s.response_rate, "%.0f%%", 100) + "</td><td data-sort=\"" +
         std::to_string(s.median_s.value_or(-1)) + "\">" + Duration(s.median_s, t) +
         "</td><td data-sort=\"" + std::to_string(s.business_median_s.value_or(-1)) + "\">" +
         Duration(s.business_median_s, t) + "</td><td data-sort=\"" + SortKey(s.within_sla_rate) +
         "\">" + Fmt(s.within_sla_rate, "%.0f%%", 100) + "</td><td>" +
         std::to_string(s.unanswered) + "</td><td data-sort=\"" + SortKey(r.engagement_rate) +
         "\">" + Fmt(r.engagement_rate, "%.2f%%", 100) + "</td><td data-sort=\"" +
         SortKey(r.content_mix_gap) + "\">" + Mix(r) + "</td><td data-sort=\"" +
         SortKey(r.tone_score_avg) + "\">" + Fmt(r.tone_score_avg, "%.0f") + "</td><td>" +
         std::to_string(r.posts) + "</td>";
    if (sparks) {
      Sparkline line;
      line.id = std::string(testid) + "-spark-" + std::to_string(n);
      line.title = std::string(t("overview.spark_title")) + " · " + r.group;
      line.x_labels = sparks->keys;
      auto it = sparks->values.find(r.group);
      line.values = it == sparks->values.end()
                        ? std::vector<std::optional<double>>(sparks->keys.size())
                        : it->second;
      line.format = kPercent;
      std::optional<double> newest;
      for (const auto& v : line.values) {
        if (v) newest = v;
      }
      h += "<td class=\"spark-cell\" data-sort=\"" + SortKey(newest) + "\">" +
           RenderSparkline(line) + "</td>";
    }
    h += "</tr>";
    ++n;
  }
  if (rows.empty()) {
    h += "<tr><td colspan=\"" + std::to_string(sparks ? 12 : 11) + "\">" +
         Escape(t("overview.no_data")) + "</td></tr>";
  }
  return h + "</tbody></table></div>";
}

// A trend chart: one series per (label, values).
std::string Trend(const Catalog& t, std::string id, std::string_view title,
                  const std::vector<std::string>& keys, std::vector<ChartSeries> series,
                  Period period, const ValueFormat& format, double y_max) {
  LineChart chart;
  chart.id = std::move(id);
  chart.title = title;
  chart.desc = std::string(t(period == Period::kWeek ? "overview.per_week" : "overview.per_month"));
  for (const ChartSeries& s : series) chart.desc += "; " + s.label;
  chart.x_labels = keys;
  chart.series = std::move(series);
  chart.y_min = 0;
  chart.y_max = y_max;
  chart.format = format;
  chart.x_heading = t(period == Period::kWeek ? "overview.week" : "overview.month");
  chart.table_caption = t("overview.chart_data");
  chart.empty_text = t("overview.no_data");
  return RenderLineChart(chart);
}

std::string Alert(const Catalog& t, const std::string& key) {
  return key.empty() ? ""
                     : "<p class=\"error\" role=\"alert\" data-testid=\"period-error\">" +
                           Escape(t(key)) + "</p>";
}

// The period picker: three small GET forms (last N days, a month, from/to),
// each keeping `hidden` (e.g. by=agency).
std::string Picker(const Catalog& t, const std::string& action, const Span& span,
                   const std::string& hidden_name, const std::string& hidden_value) {
  const std::string hidden = hidden_name.empty() ? ""
                                                 : "<input type=\"hidden\" name=\"" + hidden_name +
                                                       "\" value=\"" + Escape(hidden_value) + "\">";
  const std::string open =
      "<form method=\"get\" action=\"" + Escape(action) + "\" class=\"picker\"";
  const std::string show = "<button>" + Escape(t("overview.show")) + "</button></form>";
  std::string h =
      "<div class=\"pickers\" role=\"group\" aria-label=\"" + Escape(t("overview.period")) + "\">";
  h += open + " data-testid=\"period-days\">" + hidden + "<label>" +
       Escape(t("overview.last_days")) + " <select name=\"days\" data-testid=\"days\">";
  std::vector<int> choices = {7, 30, 90};
  const bool by_days = !span.range && span.month.empty();
  if (by_days && std::find(choices.begin(), choices.end(), span.days) == choices.end()) {
    choices.push_back(span.days);
  }
  for (int d : choices) {
    h += "<option value=\"" + std::to_string(d) + "\"" +
         (by_days && d == span.days ? " selected" : "") + ">" + std::to_string(d) + " " +
         Escape(t("overview.day_unit")) + "</option>";
  }
  h += "</select></label>" + show;
  h += open + " data-testid=\"period-month\">" + hidden + "<label>" + Escape(t("overview.month")) +
       " <input type=\"month\" name=\"month\" placeholder=\"YYYY-MM\" data-testid=\"month\" "
       "value=\"" +
       Escape(span.month) + "\"></label>" + show;
  h += open + " data-testid=\"period-range\">" + hidden + "<label>" + Escape(t("overview.from")) +
       " <input type=\"date\" name=\"from\" data-testid=\"from\" value=\"" +
       (span.range ? IsoDay(span.first_day) : "") + "\"></label><label>" +
       Escape(t("overview.to")) + " <input type=\"date\" name=\"to\" data-testid=\"to\" value=\"" +
       (span.range ? IsoDay(span.last_day) : "") + "\"></label>" + show;
  return h + "</div>";
}

std::string SpanText(const Catalog& t, const Span& span) {
  return Escape(t("overview.period")) + ": <span data-testid=\"span\">" + ShowDay(span.first_day) +
         " – " + ShowDay(span.last_day) + "</span> (" + std::to_string(span.length()) + " " +
         Escape(t("overview.day_unit")) + ")";
}

const char* ByName(GroupBy by) {
  return by == GroupBy::kAgency ? "agency" : by == GroupBy::kTrainee ? "trainee" : "account";
}

std::string AccountLink(const std::string& key, const Span& span) {
  return "<a href=\"/ringkasan/akun/" + Escape(PathEncode(key)) + "?" + Escape(span.query) +
         "\"><bdi>" + Escape(key) + "</bdi></a>";
}

std::string TraineeLink(const std::string& user, const Span& span) {
  return "<a href=\"/ringkasan/trainee/" + Escape(PathEncode(user)) + "?" + Escape(span.query) +
         "\"><bdi>" + Escape(user) + "</bdi></a>";
}

// Strips the brackets of a one-row ReportJson.
std::string RowJson(const ReportRow& row) {
  std::string s = ReportJson({row});
  return s.substr(1, s.size() - 2);
}

void AppendSpanJson(std::string* out, const Span& span) {
  *out += "\"from\":";
  AppendJsonString(out, IsoDay(span.first_day));
  *out += ",\"to\":";
  AppendJsonString(out, IsoDay(span.last_day));
  *out += ",\"trend_period\":";
  AppendJsonString(out, span.trend() == Period::kWeek ? "week" : "month");
}

void Csv(httplib::Response* res, const std::string& name, const std::string& csv) {
  res->set_header("Cache-Control", "no-store");
  res->set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res->set_content(csv, "text/csv; charset=utf-8");
}

// A bad period on a CSV or JSON route: 400 with the message, never a
// silently different period.
bool RejectBadSpan(App& app, httplib::Response* res, const Context& c, Format format,
                   const std::string& error) {
  if (error.empty() || format == Format::kHtml) return false;
  if (format == Format::kJson) {
    app.Fail(res, c, 400, error, true);
  } else {
    res->status = 400;
    res->set_content(std::string((*c.t)(error)) + "\n", "text/plain; charset=utf-8");
  }
  return true;
}

void Overview(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
              Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto scope = LoadScope(store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::string error;
  const Span span = ParseSpan(req, WibDay(Now()), &error);
  GroupBy by = GroupBy::kAccount;
  const std::string by_param = Param(req, "by");
  if (by_param == "agency") {
    by = GroupBy::kAgency;
  } else if (by_param == "trainee") {
    by = GroupBy::kTrainee;
  } else if (!by_param.empty() && by_param != "account") {
    if (error.empty()) error = "overview.bad_by";
  }
  if (RejectBadSpan(app, res, c, format, error)) return;
  std::optional<Trainees> trainees;
  if (by == GroupBy::kTrainee) {
    auto loaded = LoadTrainees(store, *scope);
    if (!loaded.ok()) return app.Fail(res, c, 500, "error.database", api);
    trainees = std::move(*loaded);
  }
  const Trainees* tr = trainees ? &*trainees : nullptr;
  auto table = ScopedReport(store, scope->id_list, by, Period::kAll, span.first_day, span.last_day);
  if (!table.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> rows = InScope(std::move(*table), by, *scope, tr);
  if (format == Format::kJson) return App::Json(res, ReportJson(rows));
  if (format == Format::kCsv) return Csv(res, "tanggap-ringkasan.csv", ReportCsv(rows));

  // One weekly call serves the sparklines (the last 12 weeks up to the
  // period's end) and the trend chart (the whole ISO weeks touching the
  // period): the page reads the rollups twice in all.
  const int64_t spark_first = Monday(span.last_day) - 7 * (kSparkWeeks - 1);
  const int64_t trend_first = Monday(span.first_day);
  auto weekly = ScopedReport(store, scope->id_list, by, Period::kWeek,
                             std::min(spark_first, trend_first), span.last_day);
  if (!weekly.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> weekly_rows = InScope(std::move(*weekly), by, *scope, tr);
  Sparks sparks;
  sparks.keys = PeriodKeys(spark_first, span.last_day, Period::kWeek);
  sparks.values = SeriesByGroup(weekly_rows, sparks.keys, ResponseRate);

  const std::string base = "/ringkasan?" + span.query;
  std::string body = "<h1>" + Escape(t("overview.title")) + "</h1>" + Alert(t, error);
  body += Picker(t, "/ringkasan", span, "by", ByName(by));
  body += "<nav class=\"group-by\" aria-label=\"" + Escape(t("overview.group_by")) + "\">" +
          Escape(t("overview.group_by")) + ":";
  for (auto [b, key] : {std::pair{GroupBy::kAgency, "overview.by_agency"},
                        std::pair{GroupBy::kAccount, "overview.by_account"},
                        std::pair{GroupBy::kTrainee, "overview.by_trainee"}}) {
    body += " <a href=\"" + Escape(base) + "&amp;by=" + ByName(b) + "\" data-testid=\"by-" +
            ByName(b) + "\"" + (b == by ? " aria-current=\"page\"" : "") + ">" + Escape(t(key)) +
            "</a>";
  }
  body += "</nav><p>" + SpanText(t, span) + " · <a href=\"/ringkasan.csv?" + Escape(span.query) +
          "&amp;by=" + ByName(by) + "\" data-testid=\"csv\">CSV</a> · <a href=\"/api/v1/overview?" +
          Escape(span.query) + "&amp;by=" + ByName(by) + "\">JSON</a></p>";

  // Trend of the scope. Grouped by agency or account the rows split the
  // scope, so its weekly questions and answers are their sums (exact).
  // Grouped by trainee they do not (an account may have two trainees, or
  // none): one response-rate line per trainee instead.
  const std::vector<std::string> keys =
      TrimmedKeys(PeriodKeys(trend_first, span.last_day, Period::kWeek), weekly_rows);
  std::string chart;
  if (by == GroupBy::kTrainee) {
    auto rate = SeriesByGroup(weekly_rows, keys, ResponseRate);
    std::vector<ChartSeries> series;
    for (auto& [group, values] : rate) series.push_back({group, std::move(values)});
    chart = Trend(t, "trend", t("overview.trend_trainees"), keys, std::move(series), Period::kWeek,
                  kPercent, 1);
  } else {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < keys.size(); ++i) index[keys[i]] = i;
    ChartSeries asked{std::string(t("col.questions")), {}};
    ChartSeries answered{std::string(t("overview.answered")), {}};
    asked.values.assign(keys.size(), 0.0);
    answered.values.assign(keys.size(), 0.0);
    for (const ReportRow& r : weekly_rows) {
      auto it = index.find(r.period);
      if (it == index.end()) continue;
      *asked.values[it->second] += static_cast<double>(r.responses.questions);
      *answered.values[it->second] += static_cast<double>(r.responses.answered);
    }
    chart = Trend(t, "trend", t("overview.trend_questions"), keys, {asked, answered}, Period::kWeek,
                  ValueFormat{}, 0);
  }
  body += "<section class=\"trend\"><h2>" + Escape(t("overview.trend_week")) + "</h2>" + chart +
          "</section>";

  // Leaders' own accounts (kepala dinas) are marked, so their example shows.
  auto leaders = LeaderAccounts(*store, 1000);
  if (!leaders.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::function<std::string(const ReportRow&)> first = [&](const ReportRow& r) {
    switch (by) {
      case GroupBy::kAccount:
        return AccountLink(r.group, span) +
               (leaders->count(r.group) ? growth::LeaderMark(t) : std::string());
      case GroupBy::kTrainee:
        return r.group == kNoTrainee ? "<bdi>" + Escape(r.group) + "</bdi>"
                                     : TraineeLink(r.group, span);
      case GroupBy::kAgency:
        break;
    }
    return "<a href=\"/laporan/" + Escape(PathEncode(r.group)) + "/" +
           PeriodKey(span.last_day, Period::kMonth) + "\"><bdi>" + Escape(r.group) + "</bdi></a>";
  };
  const char* heading = by == GroupBy::kAgency    ? "overview.col_agency"
                        : by == GroupBy::kTrainee ? "overview.col_trainee"
                                                  : "col.account";
  body += "<section><h2>" + Escape(t("overview.figures")) + "</h2>" +
          FiguresTable(t, rows, t(heading), first, &sparks, "overview");
  body += "<p class=\"note\">" + Escape(t("overview.note_sort")) + "</p>";
  if (tr && tr->partial > 0) {
    body += "<p class=\"note\" data-testid=\"partial-trainees\">" +
            Escape(t("overview.partial_trainees")) + " " + std::to_string(tr->partial) + "</p>";
  }
  body += "</section>";
  App::Html(res, app.Page(c, t("overview.title"), body));
}

// The latest posts of an account, linking to their detail page.
std::string PostsTable(const Catalog& t, const std::vector<PostRow>& posts) {
  std::string h =
      "<div class=\"scroll\"><table data-testid=\"account-posts\"><thead><tr><th "
      "scope=\"col\">" +
      Escape(t("col.time")) + "</th><th scope=\"col\">" + Escape(t("col.post")) +
      "</th><th scope=\"col\">" + Escape(t("col.clarity")) + "</th><th scope=\"col\">" +
      Escape(t("col.interactions")) + "</th></tr></thead><tbody>";
  for (const PostRow& p : posts) {
    std::string_view excerpt = Utf8Prefix(p.text, 160);
    h += "<tr><td>" + WibTime(p.created_at) + "</td><td class=\"post\"><a href=\"/pos/" +
         std::to_string(p.row_id) + "\"><bdi>" + Escape(excerpt) +
         (excerpt.size() < p.text.size() ? "…" : "") + "</bdi></a></td><td>" +
         (p.score ? std::to_string(*p.score) : std::string("–")) + "</td><td>" +
         std::to_string(p.interactions) + "</td></tr>";
  }
  if (posts.empty()) h += "<tr><td colspan=\"4\">" + Escape(t("overview.no_posts")) + "</td></tr>";
  return h + "</tbody></table></div>";
}

// Key figures of one row as a definition list.
std::string KeyFigures(const Catalog& t, const std::optional<ReportRow>& row) {
  if (!row) return "<p>" + Escape(t("overview.no_data")) + "</p>";
  const ResponseStats& s = row->responses;
  std::string h = "<dl class=\"figures-list\" data-testid=\"key-figures\">";
  auto item = [&](const char* key, const std::string& value) {
    h += "<div><dt>" + Escape(t(key)) + "</dt><dd>" + value + "</dd></div>";
  };
  item("col.clarity", Fmt(row->clarity_avg, "%.0f"));
  item("col.questions", std::to_string(s.questions));
  item("col.response_rate", Fmt(s.response_rate, "%.0f%%", 100));
  item("col.median", Duration(s.median_s, t));
  item("col.median_business", Duration(s.business_median_s, t));
  item("col.within_sla", Fmt(s.within_sla_rate, "%.0f%%", 100));
  item("col.unanswered", std::to_string(s.unanswered));
  item("col.engagement", Fmt(row->engagement_rate, "%.2f%%", 100));
  item("overview.col_mix", Mix(*row));
  item("col.tone", Fmt(row->tone_score_avg, "%.0f"));
  item("col.posts", std::to_string(row->posts));
  return h + "</dl>";
}

std::vector<ReportRow> OfGroup(const std::vector<ReportRow>& rows, const std::string& group) {
  std::vector<ReportRow> out;
  for (const ReportRow& r : rows) {
    if (r.group == group) out.push_back(r);
  }
  return out;
}

void AccountPage(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
                 Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto scope = LoadScope(store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", api);
  const std::string key = req.matches[1];
  const AccountRow* account = scope->Find(key);
  if (!account) return app.Fail(res, c, 404, "overview.not_found", api);
  std::string error;
  const Span span = ParseSpan(req, WibDay(Now()), &error);
  if (RejectBadSpan(app, res, c, format, error)) return;
  const Period period = span.trend();
  auto trend = ScopedReport(store, {account->row_id}, GroupBy::kAccount, period, span.first_day,
                            span.last_day);
  if (!trend.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> weeks = OfGroup(*trend, key);
  if (format == Format::kCsv) {
    return Csv(res, "tanggap-akun.csv", ReportCsv(weeks));
  }
  auto total = ScopedReport(store, {account->row_id}, GroupBy::kAccount, Period::kAll,
                            span.first_day, span.last_day);
  if (!total.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::optional<ReportRow> row;
  for (ReportRow& r : *total) {
    if (r.group == key) row = std::move(r);
  }
  auto posts = store->LatestPosts({account->row_id}, kLatestPosts);
  if (!posts.ok()) return app.Fail(res, c, 500, "error.database", api);
  auto trainees = store->AccountTrainees();
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", api);
  const std::vector<std::string> runs = (*trainees)[account->row_id];

  if (format == Format::kJson) {
    std::string out = "{\"account\":";
    AppendJsonString(&out, key);
    out += ",\"agency\":";
    AppendJsonString(&out, account->agency);
    out += ",\"trainees\":[";
    for (size_t i = 0; i < runs.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(&out, runs[i]);
    }
    out += "],";
    AppendSpanJson(&out, span);
    out += ",\"total\":" + (row ? RowJson(*row) : std::string("null"));
    out += ",\"trend\":" + ReportJson(weeks) + ",\"posts\":[";
    for (size_t i = 0; i < posts->size(); ++i) {
      const PostRow& p = (*posts)[i];
      if (i) out += ",";
      out += "{\"id\":";
      AppendJsonInt(&out, p.row_id);
      out += ",\"created_at\":";
      AppendJsonString(&out, p.created_at);
      out += ",\"text\":";
      AppendJsonString(&out, p.text);
      out += ",\"clarity\":";
      AppendJsonIntOrNull(&out, p.score);
      out += ",\"interactions\":";
      AppendJsonInt(&out, p.interactions);
      out += ",\"href\":";
      AppendJsonString(&out, "/pos/" + std::to_string(p.row_id));
      out += "}";
    }
    return App::Json(res, out + "]}");
  }

  const std::string self = "/ringkasan/akun/" + PathEncode(key);
  std::string body = "<p class=\"crumbs\"><a href=\"/ringkasan?" + Escape(span.query) + "\">" +
                     Escape(t("overview.title")) + "</a> ›</p><h1><bdi>" + Escape(key) +
                     "</bdi></h1>" + Alert(t, error) + "<p>" + Escape(t("overview.agency")) +
                     ": <bdi>" + Escape(account->agency) + "</bdi>";
  if (!account->name.empty()) body += " · <bdi>" + Escape(account->name) + "</bdi>";
  body += "</p><p>" + Escape(t("overview.run_by")) + ": ";
  if (runs.empty()) body += Escape(t("overview.nobody"));
  for (size_t i = 0; i < runs.size(); ++i) {
    body += (i ? ", " : "") + TraineeLink(runs[i], span);
  }
  body += "</p>" + Picker(t, self, span, "", "") + "<p>" + SpanText(t, span) + " · <a href=\"" +
          Escape(self) + ".csv?" + Escape(span.query) +
          "\" data-testid=\"csv\">CSV</a> · <a href=\"/api/v1/overview/akun/" +
          Escape(PathEncode(key)) + "?" + Escape(span.query) + "\">JSON</a></p>";
  body += "<section><h2>" + Escape(t("overview.key_figures")) + "</h2>" + KeyFigures(t, row) +
          "</section>";
  std::vector<std::string> keys =
      TrimmedKeys(PeriodKeys(span.first_day, span.last_day, period), weeks);
  auto rate = SeriesByGroup(weeks, keys, ResponseRate);
  auto sla = SeriesByGroup(weeks, keys, WithinSla);
  auto engagement = SeriesByGroup(weeks, keys, Engagement);
  for (auto* m : {&rate, &sla, &engagement}) (*m)[key].resize(keys.size());
  body += "<section class=\"trend\"><h2>" +
          Escape(t(period == Period::kWeek ? "overview.trend_week" : "overview.trend_month")) +
          "</h2>" +
          Trend(t, "trend", t("overview.trend_title"), keys,
                {{std::string(t("col.response_rate")), rate[key]},
                 {std::string(t("col.within_sla")), sla[key]}},
                period, kPercent, 1) +
          Trend(t, "engagement", t("overview.engagement_title"), keys,
                {{std::string(t("col.engagement")), engagement[key]}}, period, kPercent2, 0) +
          "</section>";
  body += "<section><h2>" +
          Escape(t(period == Period::kWeek ? "overview.per_week" : "overview.per_month")) +
          "</h2>" +
          FiguresTable(
              t, weeks, t(period == Period::kWeek ? "overview.week" : "overview.month"),
              [](const ReportRow& r) { return Escape(r.period); }, nullptr, "account-trend") +
          "</section>";
  body += "<section><h2>" + Escape(t("overview.latest_posts")) + "</h2>" + PostsTable(t, *posts) +
          "</section>";
  App::Html(res, app.Page(c, key, body));
}

void TraineePage(App& app, const httplib::Request& req, httplib::Response* res, Context& c,
                 Format format) {
  const Catalog& t = *c.t;
  const bool api = format == Format::kJson;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", api);
  auto scope = LoadScope(store, *c.user);
  if (!scope.ok()) return app.Fail(res, c, 500, "error.database", api);
  auto trainees = LoadTrainees(store, *scope);
  if (!trainees.ok()) return app.Fail(res, c, 500, "error.database", api);
  const std::string user = req.matches[1];
  // The trainee's accounts in scope; none means not found (whether the
  // user exists elsewhere is not this supervisor's business).
  std::set<std::string> keys;
  std::vector<int64_t> ids;
  auto it = trainees->accounts_of.find(user);
  if (it != trainees->accounts_of.end()) {
    for (const AccountRow& a : scope->accounts) {
      if (std::count(it->second.begin(), it->second.end(), a.row_id)) {
        keys.insert(a.platform + ":" + a.handle);
        ids.push_back(a.row_id);
      }
    }
  }
  if (keys.empty()) return app.Fail(res, c, 404, "overview.not_found", api);
  std::string error;
  const Span span = ParseSpan(req, WibDay(Now()), &error);
  if (RejectBadSpan(app, res, c, format, error)) return;
  auto keep = [&](std::vector<ReportRow> rows) {
    std::vector<ReportRow> out;
    for (ReportRow& r : rows) {
      if (keys.count(r.group)) out.push_back(std::move(r));
    }
    return out;
  };
  auto table =
      ScopedReport(store, ids, GroupBy::kAccount, Period::kAll, span.first_day, span.last_day);
  if (!table.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> rows = keep(std::move(*table));
  if (format == Format::kCsv) return Csv(res, "tanggap-peserta.csv", ReportCsv(rows));
  const Period period = span.trend();
  auto trend = ScopedReport(store, ids, GroupBy::kAccount, period, span.first_day, span.last_day);
  if (!trend.ok()) return app.Fail(res, c, 500, "error.database", api);
  std::vector<ReportRow> trend_rows = keep(std::move(*trend));
  if (format == Format::kJson) {
    std::string out = "{\"trainee\":";
    AppendJsonString(&out, user);
    out += ",\"accounts\":[";
    bool first = true;
    for (const std::string& k : keys) {
      if (!first) out += ",";
      first = false;
      AppendJsonString(&out, k);
    }
    out += "],";
    AppendSpanJson(&out, span);
    out += ",\"rows\":" + ReportJson(rows) + ",\"trend\":" + ReportJson(trend_rows) + "}";
    return App::Json(res, out);
  }

  const std::string self = "/ringkasan/trainee/" + PathEncode(user);
  std::string body = "<p class=\"crumbs\"><a href=\"/ringkasan?" + Escape(span.query) +
                     "&amp;by=trainee\">" + Escape(t("overview.title")) + "</a> ›</p><h1>" +
                     Escape(t("overview.trainee")) + ": <bdi>" + Escape(user) + "</bdi></h1>" +
                     Alert(t, error) + "<p>" + Escape(t("overview.trainee_accounts")) + ":</p>" +
                     "<ul data-testid=\"trainee-accounts\">";
  for (const std::string& k : keys) body += "<li>" + AccountLink(k, span) + "</li>";
  body += "</ul>";
  if (!trainees->whole.count(user)) {
    body += "<p class=\"note\">" + Escape(t("overview.partial_trainee")) + "</p>";
  }
  body += Picker(t, self, span, "", "") + "<p>" + SpanText(t, span) + " · <a href=\"" +
          Escape(self) + ".csv?" + Escape(span.query) +
          "\" data-testid=\"csv\">CSV</a> · <a href=\"/api/v1/overview/trainee/" +
          Escape(PathEncode(user)) + "?" + Escape(span.query) + "\">JSON</a></p>";
  std::vector<std::string> period_keys =
      TrimmedKeys(PeriodKeys(span.first_day, span.last_day, period), trend_rows);
  auto rate = SeriesByGroup(trend_rows, period_keys, ResponseRate);
  std::vector<ChartSeries> series;
  for (const std::string& k : keys) {
    rate[k].resize(period_keys.size());
    series.push_back({k, rate[k]});
  }
  body += "<section class=\"trend\"><h2>" +
          Escape(t(period == Period::kWeek ? "overview.trend_week" : "overview.trend_month")) +
          "</h2>" +
          Trend(t, "trend", t("overview.trend_title"), period_keys, std::move(series), period,
                kPercent, 1) +
          "</section>";
  Sparks sparks;
  sparks.keys = period_keys;
  sparks.values = std::move(rate);
  body +=
      "<section><h2>" + Escape(t("overview.figures")) + "</h2>" +
      FiguresTable(
          t, rows, t("col.account"), [&](const ReportRow& r) { return AccountLink(r.group, span); },
          &sparks, "trainee-figures") +
      "</section>";
  App::Html(res, app.Page(c, user, body));
}

}  // namespace

void AddOverviewRoutes(App& app) {
  using Page = void (*)(App&, const httplib::Request&, httplib::Response*, Context&, Format);
  auto route = [&app](Page page, Format f) {
    return app.Authed(
        [&app, page, f](const auto& req, auto* res, Context& c) { page(app, req, res, c, f); },
        f == Format::kJson, Access::kSupervisor, Caching::kPerSession);
  };
  app.server.Get("/ringkasan", route(Overview, Format::kHtml));
  app.server.Get("/ringkasan.csv", route(Overview, Format::kCsv));
  app.server.Get("/api/v1/overview", route(Overview, Format::kJson));
  // The .csv routes first: a path matches the first pattern that fits.
  app.server.Get(R"(/ringkasan/akun/([^/]+)\.csv)", route(AccountPage, Format::kCsv));
  app.server.Get(R"(/ringkasan/akun/([^/]+))", route(AccountPage, Format::kHtml));
  app.server.Get(R"(/api/v1/overview/akun/([^/]+))", route(AccountPage, Format::kJson));
  app.server.Get(R"(/ringkasan/trainee/([^/]+)\.csv)", route(TraineePage, Format::kCsv));
  app.server.Get(R"(/ringkasan/trainee/([^/]+))", route(TraineePage, Format::kHtml));
  app.server.Get(R"(/api/v1/overview/trainee/([^/]+))", route(TraineePage, Format::kJson));
}

}  // namespace tanggap::dashboard
