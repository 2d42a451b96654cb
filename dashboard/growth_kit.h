// Internal to dashboard/: what the training-loop views (/kompetensi,
// /lencana, /pembinaan, /kohort) share: who a user may see, day parameters,
// the "Pimpinan" mark and number formatting. Scope rule: a trainee sees
// themself; a supervisor the trainees who run an account they can see
// (Store::VisibleAccounts); an admin everyone. Anyone else is answered 404
// like a missing trainee, so usernames do not leak.
#ifndef TANGGAP_DASHBOARD_GROWTH_KIT_H_
#define TANGGAP_DASHBOARD_GROWTH_KIT_H_

#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dashboard/app.h"
#include "dashboard/html.h"
#include "jobs/training_progress.h"
#include "store/progress_queries.h"
#include "util/time.h"

namespace tanggap::dashboard::growth {

inline constexpr int kMaxTrainees = 5000;

// The trainees `user` may see, by username.
inline Result<std::vector<TraineeInfo>> VisibleTrainees(Store& store, const User& user) {
  auto all = ProgressTrainees(store, kMaxTrainees);
  if (!all.ok()) return all.status();
  if (user.role == "admin") return all;
  std::vector<TraineeInfo> out;
  if (user.role == "trainee") {
    for (TraineeInfo& t : *all) {
      if (t.username == user.username) out.push_back(std::move(t));
    }
    return out;
  }
  auto accounts = store.VisibleAccounts(user);
  if (!accounts.ok()) return accounts.status();
  std::set<int64_t> ids;
  for (const AccountRow& a : *accounts) ids.insert(a.row_id);
  for (TraineeInfo& t : *all) {
    for (int64_t id : t.account_row_ids) {
      if (ids.count(id)) {
        out.push_back(std::move(t));
        break;
      }
    }
  }
  return out;
}

// The agencies `user` may see (of their visible accounts), by name.
inline Result<std::set<std::string>> VisibleAgencies(Store& store, const User& user) {
  auto accounts = store.VisibleAccounts(user);
  if (!accounts.ok()) return accounts.status();
  std::set<std::string> out;
  for (const AccountRow& a : *accounts) out.insert(a.agency);
  return out;
}

inline const TraineeInfo* FindTrainee(const std::vector<TraineeInfo>& list,
                                      const std::string& username) {
  for (const TraineeInfo& t : list) {
    if (t.username == username) return &t;
  }
  return nullptr;
}

// "YYYY-MM-DD" (WIB) -> day; nullopt when malformed.
inline std::optional<int64_t> ParseDay(const std::string& text) {
  if (text.size() != 10) return std::nullopt;
  auto t = ParseRfc3339(text + "T00:00:00+07:00");
  if (!t) return std::nullopt;
  return WibDay(t->unix_seconds);
}

inline std::string DayIso(int64_t day) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// "YYYY-MM" of a day.
inline std::string MonthIso(int64_t day) { return DayIso(day).substr(0, 7); }

// The period of a request: ?from= and ?to= (YYYY-MM-DD), default the 90
// days up to today. At most ten years.
inline training::Period PeriodOf(const httplib::Request& req) {
  const int64_t today = WibDay(Now());
  training::Period p{today - 89, today};
  if (auto to = ParseDay(req.get_param_value("to"))) p.to_day = *to;
  if (auto from = ParseDay(req.get_param_value("from"))) p.from_day = *from;
  if (p.from_day > p.to_day) p.from_day = p.to_day;
  if (p.to_day - p.from_day > 3660) p.from_day = p.to_day - 3660;
  return p;
}

// The "Pimpinan" mark of a leader's account.
inline std::string LeaderMark(const Catalog& t) {
  return " <span class=\"tg-leader\">" + Escape(t("growth.leader")) + "</span>";
}

// A trainee's name with the mark when they run a leader's account.
inline std::string TraineeName(const TraineeInfo& tr, const Catalog& t) {
  std::string out =
      "<bdi>" + Escape(tr.display_name.empty() ? tr.username : tr.display_name) + "</bdi>";
  if (!tr.display_name.empty() && tr.display_name != tr.username) {
    out += " (<bdi>" + Escape(tr.username) + "</bdi>)";
  }
  if (tr.leader) out += LeaderMark(t);
  return out;
}

// A number for JSON: finite double with up to 6 decimals, or null.
inline std::string JsonNum(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

inline std::string CsrfField(const Context& c) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + CsrfToken(c.token) + "\">";
}

}  // namespace tanggap::dashboard::growth

#endif  // TANGGAP_DASHBOARD_GROWTH_KIT_H_
