#include "responsiveness/business_hours.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "util/time.h"

namespace tanggap {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
// Ten years: long enough for any real response time, short enough that a
// corrupt timestamp cannot make one call loop for millions of days.
constexpr int64_t kMaxDays = 3660;
// Timestamps beyond +-31 million years are garbage, not dates. Clamping them
// keeps every sum below (t + offset, day * 86400, ...) far from int64
// overflow, which UBSan would rightly flag.
constexpr int64_t kMaxAbsSeconds = int64_t{1'000'000'000'000'000};

int64_t ClampInstant(int64_t t) { return std::clamp(t, -kMaxAbsSeconds, kMaxAbsSeconds); }

// Floor division: local times before 1970 must still land on the day they
// belong to, which truncating division gets wrong.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Precomputed view of a calendar so the per-day loop does no allocation and
// copes with holiday lists that a caller forgot to sort.
class DayWindows {
 public:
  // Offsets beyond a day are not time zones; clamping them keeps the local
  // day arithmetic well defined instead of trusting a corrupt calendar.
  explicit DayWindows(const WorkingCalendar& calendar)
      : offset_seconds_(int64_t{std::clamp(calendar.offset_minutes, -1440, 1440)} * 60),
        holidays_(calendar.holidays),
        holidays_sorted_(std::is_sorted(holidays_.begin(), holidays_.end())) {
    for (size_t i = 0; i < hours_.size(); ++i) {
      // Minutes outside one day are clamped rather than trusted; a window that
      // would run past midnight is cut there because each day is its own
      // window (no overnight shifts in government offices).
      int open = std::clamp(calendar.hours[i].first, 0, 1440);
      int close = std::clamp(calendar.hours[i].second, 0, 1440);
      hours_[i] = {open, std::max(open, close)};
      any_hours_ = any_hours_ || close > open;
    }
  }

  // Local day number that contains instant t.
  int64_t DayOf(int64_t t) const { return FloorDiv(t + offset_seconds_, kSecondsPerDay); }

  // Working window of local day `day` as unix seconds [*begin, *end); false
  // when the day is closed (weekend, open == close, or a holiday).
  bool Window(int64_t day, int64_t* begin, int64_t* end) const {
    // 1970-01-01 was a Thursday, index 3 with Monday = 0.
    const int64_t weekday = ((day + 3) % 7 + 7) % 7;
    const auto [open, close] = hours_[static_cast<size_t>(weekday)];
    if (open >= close || IsHoliday(day)) return false;
    const int64_t midnight = day * kSecondsPerDay - offset_seconds_;
    *begin = midnight + int64_t{open} * 60;
    *end = midnight + int64_t{close} * 60;
    return true;
  }

  bool any_hours() const { return any_hours_; }

 private:
  bool IsHoliday(int64_t day) const {
    if (holidays_sorted_) return std::binary_search(holidays_.begin(), holidays_.end(), day);
    return std::find(holidays_.begin(), holidays_.end(), day) != holidays_.end();
  }

  int64_t offset_seconds_;
  const std::vector<int64_t>& holidays_;
  bool holidays_sorted_;
  std::array<std::pair<int, int>, 7> hours_{};
  bool any_hours_ = false;
};

// Strict YYYY-MM-DD; returns false for anything else, including dates that
// do not exist (2026-02-30), which a round trip through the civil calendar
// catches without a month-length table.
bool ParseDate(const std::string& s, int64_t* days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v[f] = v[f] * 10 + (s[i] - '0');
    }
  }
  if (v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return false;
  const int64_t d = DaysFromCivil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
  int y;
  unsigned m, dd;
  CivilFromDays(d, &y, &m, &dd);
  if (y != v[0] || m != static_cast<unsigned>(v[1]) || dd != static_cast<unsigned>(v[2])) {
    return false;
  }
  *days = d;
  return true;
}

std::string Where(std::string_view source, const YAML::Node& node) {
  return std::string(source) + ":" + std::to_string(node.Mark().line + 1) + ": ";
}

// The node holding an entry's date: the entry itself when it is a bare date,
// else its `date` key. Nodes are only ever copy-constructed here, because
// yaml-cpp's Node::operator= rewrites the node it refers to instead of
// rebinding.
Result<YAML::Node> DateNodeOf(const YAML::Node& item, std::string_view source) {
  if (item.IsScalar()) return item;
  if (!item.IsMap()) {
    return Status::InvalidArgument(Where(source, item) +
                                   "a holiday is a date (YYYY-MM-DD) or {date: ..., name: ...}");
  }
  for (const auto& kv : item) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    // Unknown keys are rejected so a typo such as 'tanggal:' or 'dat:' is
    // reported instead of silently dropping a holiday.
    if (key != "date" && key != "name") {
      return Status::InvalidArgument(Where(source, kv.first) + "unknown key '" + key +
                                     "'; a holiday has only 'date' and 'name'");
    }
  }
  const YAML::Node date = item["date"];
  if (!date.IsDefined()) {
    return Status::InvalidArgument(Where(source, item) + "holiday needs 'date: YYYY-MM-DD'");
  }
  return date;
}

}  // namespace

Result<std::vector<int64_t>> ParseHolidays(std::string_view yaml_text, std::string_view source) {
  // yaml-cpp reports errors by throwing; they are turned into a Status here
  // so no exception crosses the component boundary.
  try {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::ParserException& e) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(e.mark.line + 1) +
                                     ": not valid YAML: " + e.msg);
    }
    std::vector<int64_t> days;
    if (root.IsNull()) return days;  // an empty or comment-only file: no holidays
    if (!root.IsSequence()) {
      return Status::InvalidArgument(
          Where(source, root) +
          "expected a list of holidays, e.g. '- {date: 2026-12-25, name: \"Hari Raya Natal\"}'");
    }
    for (const YAML::Node& item : root) {
      Result<YAML::Node> date = DateNodeOf(item, source);
      if (!date.ok()) return date.status();
      const YAML::Node& date_node = *date;
      if (!date_node.IsScalar()) {
        return Status::InvalidArgument(Where(source, date_node) +
                                       "'date' must be one date (YYYY-MM-DD)");
      }
      int64_t day = 0;
      if (!ParseDate(date_node.Scalar(), &day)) {
        return Status::InvalidArgument(Where(source, date_node) + "'" + date_node.Scalar() +
                                       "' is not a date (YYYY-MM-DD)");
      }
      days.push_back(day);
    }
    // Callers binary-search the list, and a date listed twice (once as libur
    // nasional, once as cuti bersama) is harmless, so sort and deduplicate.
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
  } catch (const YAML::Exception& e) {
    // Some yaml-cpp errors carry no position; "file:0:" would mislead.
    const std::string line = e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1);
    return Status::InvalidArgument(std::string(source) + line + ": " + e.msg);
  } catch (const std::exception& e) {
    // e.g. std::bad_alloc on absurd input; still no exception escapes.
    return Status::InvalidArgument(std::string(source) + ": cannot read holidays: " + e.what());
  }
}

int64_t BusinessSeconds(int64_t from, int64_t to, const WorkingCalendar& calendar) {
  from = ClampInstant(from);
  to = ClampInstant(to);
  if (to <= from) return 0;
  to = std::min(to, from + kMaxDays * kSecondsPerDay);
  const DayWindows windows(calendar);
  if (!windows.any_hours()) return 0;
  int64_t total = 0;
  // One window per local day, so the loop is O(days spanned) <= kMaxDays + 1.
  for (int64_t day = windows.DayOf(from), last = windows.DayOf(to); day <= last; ++day) {
    int64_t begin = 0, end = 0;
    if (!windows.Window(day, &begin, &end)) continue;
    const int64_t lo = std::max(begin, from);
    const int64_t hi = std::min(end, to);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

int64_t NextWorkingInstant(int64_t t, const WorkingCalendar& calendar) {
  // Outside the representable range there is nothing meaningful to find.
  if (t != ClampInstant(t)) return t;
  const DayWindows windows(calendar);
  if (!windows.any_hours()) return t;
  const int64_t first = windows.DayOf(t);
  for (int64_t day = first; day <= first + kMaxDays; ++day) {
    int64_t begin = 0, end = 0;
    // Windows are half-open: at the closing minute the office is shut.
    if (windows.Window(day, &begin, &end) && end > t) return std::max(begin, t);
  }
  return t;
}

}  // namespace tanggap
