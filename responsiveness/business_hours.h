// Working-hours arithmetic for response times "on the business-hours
// clock" (docs/responsiveness.md). Pure functions; all times are unix
// seconds, all calendars in a fixed UTC offset (WIB = +07:00, Indonesia has
// no daylight saving time).
#ifndef TANGGAP_RESPONSIVENESS_BUSINESS_HOURS_H_
#define TANGGAP_RESPONSIVENESS_BUSINESS_HOURS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace tanggap {

// One agency's working week and holidays.
struct WorkingCalendar {
  int offset_minutes = 420;  // local time = UTC + offset (WIB)
  // Opening and closing time per weekday, minutes after local midnight;
  // index 0 = Monday ... 6 = Sunday. open == close means closed all day.
  // Default: Mon-Thu 07:30-16:00, Fri 07:30-16:30, weekend closed.
  std::array<std::pair<int, int>, 7> hours = {
      {{450, 960}, {450, 960}, {450, 960}, {450, 960}, {450, 990}, {0, 0}, {0, 0}}};
  // Local dates that are closed all day, as days since 1970-01-01
  // (DaysFromCivil), sorted ascending.
  std::vector<int64_t> holidays;
};

// Parses the holiday data file (rules/<pack>/hari-libur.yml), e.g.
//   # comments allowed
//   - {date: 2026-12-25, name: "Hari Raya Natal"}
//   - 2026-12-26            # a bare date works too
// into sorted unique local dates. Errors name the line: "hari-libur.yml:7:
// '2026-13-01' is not a date (YYYY-MM-DD)". `source` names the file in
// messages.
Result<std::vector<int64_t>> ParseHolidays(std::string_view yaml_text, std::string_view source);

// Seconds between `from` and `to` (to >= from, else 0) that fall inside
// working hours. Bounded work: O(number of days spanned), and spans over
// 3660 days are clamped to 3660 days.
int64_t BusinessSeconds(int64_t from, int64_t to, const WorkingCalendar& calendar);

// The first instant >= t that is inside working hours (t itself when it
// already is). Returns t when the calendar has no working time at all in
// the next 3660 days.
int64_t NextWorkingInstant(int64_t t, const WorkingCalendar& calendar);

}  // namespace tanggap

#endif  // TANGGAP_RESPONSIVENESS_BUSINESS_HOURS_H_
