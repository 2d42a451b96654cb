// RFC 3339 timestamps, the only time format Tanggap exchanges.
// Pure functions; no clock, no time-zone database (Indonesia has no DST, so a
// fixed offset such as +07:00 for WIB is exact).
#ifndef TANGGAP_UTIL_TIME_H_
#define TANGGAP_UTIL_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tanggap {

struct ParsedTime {
  int64_t unix_seconds = 0;  // the instant, UTC, fractional seconds dropped
  int offset_minutes = 0;    // the writer's offset from UTC (+07:00 -> 420)
};

// Parses "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)". The offset is
// required: a time without one is ambiguous and rejected. Lower-case 't'/'z'
// are accepted as RFC 3339 allows. Years 1970..9999 only. Returns nullopt for
// anything else, including impossible dates (2026-02-30) and leap seconds.
std::optional<ParsedTime> ParseRfc3339(std::string_view text);

// Formats an instant as "YYYY-MM-DDTHH:MM:SS+HH:MM" in the given offset
// ("Z" is never produced, so the writer's local time stays visible).
std::string FormatRfc3339(int64_t unix_seconds, int offset_minutes);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(int64_t days, int* year, unsigned* month, unsigned* day);

}  // namespace tanggap

#endif  // TANGGAP_UTIL_TIME_H_
