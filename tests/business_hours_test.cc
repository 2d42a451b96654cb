#include "responsiveness/business_hours.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "tests/test_support.h"
#include "util/time.h"

namespace tanggap {
namespace {

// Unix seconds of a WIB wall-clock time; tests read like the examples in
// docs/business-hours.md.
int64_t Wib(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - 7 * 3600;
}

int64_t Day(int y, unsigned mo, unsigned d) { return DaysFromCivil(y, mo, d); }

// 2026-03-05 is a Thursday, 2026-03-06 a Friday, 2026-03-07/08 the weekend.
TEST(BusinessSecondsTest, ThursdayNightToFridayMorningCountsFromOpening) {
  WorkingCalendar cal;
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 5, 22, 10), Wib(2026, 3, 6, 7, 45), cal), 900);
}

TEST(BusinessSecondsTest, SkipsHolidayFriday) {
  WorkingCalendar cal;
  cal.holidays = {Day(2026, 4, 3)};  // Wafat Yesus Kristus, a Friday
  EXPECT_EQ(BusinessSeconds(Wib(2026, 4, 2, 22, 10), Wib(2026, 4, 6, 7, 45), cal), 900);
  // Without the holiday the Friday counts in full: 07:30-16:30 plus 15 min.
  WorkingCalendar plain;
  EXPECT_EQ(BusinessSeconds(Wib(2026, 4, 2, 22, 10), Wib(2026, 4, 6, 7, 45), plain),
            9 * 3600 + 900);
}

TEST(BusinessSecondsTest, DuringHoursSameDay) {
  WorkingCalendar cal;
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 3, 9, 0), Wib(2026, 3, 3, 10, 30, 15), cal), 5415);
}

TEST(BusinessSecondsTest, AnsweredAfterClosingCountsOnlyUntilClosing) {
  WorkingCalendar cal;
  // Tuesday closes at 16:00.
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 3, 15, 0), Wib(2026, 3, 3, 20, 0), cal), 3600);
}

TEST(BusinessSecondsTest, FridayAfternoonToMondayMorning) {
  WorkingCalendar cal;
  // Friday closes at 16:30: 10 min on Friday plus 07:30-08:00 on Monday.
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 6, 16, 20), Wib(2026, 3, 9, 8, 0), cal), 2400);
}

TEST(BusinessSecondsTest, WeekendOnlyIsZero) {
  WorkingCalendar cal;
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 7, 0, 0), Wib(2026, 3, 9, 0, 0), cal), 0);
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 6, 16, 30), Wib(2026, 3, 9, 7, 30), cal), 0);
}

TEST(BusinessSecondsTest, ReversedOrEmptySpanIsZero) {
  WorkingCalendar cal;
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 3, 10, 0), Wib(2026, 3, 3, 9, 0), cal), 0);
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 3, 10, 0), Wib(2026, 3, 3, 10, 0), cal), 0);
}

TEST(BusinessSecondsTest, MultiWeekSpanIsSumOfWorkingDays) {
  WorkingCalendar cal;
  const int64_t mon_thu = (960 - 450) * 60;
  const int64_t fri = (990 - 450) * 60;
  // Monday 2026-03-02 00:00 to Monday 2026-03-23 00:00: three full weeks.
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 2, 0, 0), Wib(2026, 3, 23, 0, 0), cal),
            3 * (4 * mon_thu + fri));
  // A holiday on a Wednesday removes exactly that day.
  cal.holidays = {Day(2026, 3, 11)};
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 2, 0, 0), Wib(2026, 3, 23, 0, 0), cal),
            3 * (4 * mon_thu + fri) - mon_thu);
}

TEST(BusinessSecondsTest, UnsortedHolidaysStillSkipped) {
  WorkingCalendar cal;
  cal.holidays = {Day(2026, 3, 6), Day(2026, 1, 1)};
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 5, 22, 10), Wib(2026, 3, 9, 7, 45), cal), 900);
}

TEST(BusinessSecondsTest, SpanClampedToTenYears) {
  WorkingCalendar all_week;
  all_week.hours.fill({0, 1440});
  const int64_t from = Wib(2026, 1, 1, 0, 0);
  EXPECT_EQ(BusinessSeconds(from, from + int64_t{20000} * 86400, all_week), int64_t{3660} * 86400);
  EXPECT_EQ(BusinessSeconds(std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max(), all_week),
            int64_t{3660} * 86400);
}

TEST(BusinessSecondsTest, OtherOffset) {
  WorkingCalendar wita;
  wita.offset_minutes = 480;  // WITA: 07:30 WITA is 06:30 WIB
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 5, 22, 10), Wib(2026, 3, 6, 6, 45), wita), 900);
}

TEST(BusinessSecondsTest, BeforeEpochUsesTheRightWeekday) {
  WorkingCalendar cal;
  // 1969-12-31 was a Wednesday, 1969-12-27 a Saturday.
  EXPECT_EQ(BusinessSeconds(Wib(1969, 12, 31, 0, 0), Wib(1970, 1, 1, 0, 0), cal), 510 * 60);
  EXPECT_EQ(NextWorkingInstant(Wib(1969, 12, 27, 9, 0), cal), Wib(1969, 12, 29, 7, 30));
}

TEST(NextWorkingInstantTest, ExtremeInstantsDoNotOverflow) {
  WorkingCalendar cal;
  EXPECT_EQ(NextWorkingInstant(std::numeric_limits<int64_t>::max(), cal),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(NextWorkingInstant(std::numeric_limits<int64_t>::min(), cal),
            std::numeric_limits<int64_t>::min());
}

TEST(NextWorkingInstantTest, SaturdayGoesToMondayOpening) {
  WorkingCalendar cal;
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 7, 11, 0), cal), Wib(2026, 3, 9, 7, 30));
}

TEST(NextWorkingInstantTest, InsideHoursIsUnchanged) {
  WorkingCalendar cal;
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 3, 7, 30), cal), Wib(2026, 3, 3, 7, 30));
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 3, 15, 59, 59), cal), Wib(2026, 3, 3, 15, 59, 59));
}

TEST(NextWorkingInstantTest, AtClosingGoesToNextDay) {
  WorkingCalendar cal;
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 3, 16, 0), cal), Wib(2026, 3, 4, 7, 30));
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 3, 6, 0), cal), Wib(2026, 3, 3, 7, 30));
}

TEST(NextWorkingInstantTest, SkipsHolidays) {
  WorkingCalendar cal;
  cal.holidays = {Day(2026, 4, 3), Day(2026, 4, 6)};
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 4, 2, 22, 10), cal), Wib(2026, 4, 7, 7, 30));
}

TEST(CustomCalendarTest, AllWeekCountsWallClock) {
  WorkingCalendar cal;
  cal.hours.fill({0, 1440});
  const int64_t t = Wib(2026, 3, 7, 3, 17);
  EXPECT_EQ(BusinessSeconds(t, t + 5 * 86400 + 123, cal), 5 * 86400 + 123);
  EXPECT_EQ(NextWorkingInstant(t, cal), t);
  cal.holidays = {Day(2026, 3, 8)};
  EXPECT_EQ(BusinessSeconds(t, t + 5 * 86400 + 123, cal), 4 * 86400 + 123);
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 8, 12, 0), cal), Wib(2026, 3, 9, 0, 0));
}

TEST(CustomCalendarTest, ClosedAllWeek) {
  WorkingCalendar cal;
  cal.hours.fill({600, 600});
  const int64_t t = Wib(2026, 3, 3, 10, 0);
  EXPECT_EQ(BusinessSeconds(t, t + 30 * 86400, cal), 0);
  EXPECT_EQ(NextWorkingInstant(t, cal), t);
}

TEST(CustomCalendarTest, EveryDayAHolidayReturnsT) {
  WorkingCalendar cal;
  const int64_t first = Day(2026, 1, 1);
  for (int64_t d = first; d < first + 3700; ++d) cal.holidays.push_back(d);
  const int64_t t = Wib(2026, 1, 1, 8, 0);
  EXPECT_EQ(NextWorkingInstant(t, cal), t);
  EXPECT_EQ(BusinessSeconds(t, t + 100 * 86400, cal), 0);
}

TEST(CustomCalendarTest, SaturdayMorningService) {
  WorkingCalendar cal;
  cal.hours[5] = {480, 720};  // Saturday 08:00-12:00
  EXPECT_EQ(NextWorkingInstant(Wib(2026, 3, 6, 17, 0), cal), Wib(2026, 3, 7, 8, 0));
  EXPECT_EQ(BusinessSeconds(Wib(2026, 3, 6, 16, 20), Wib(2026, 3, 9, 8, 0), cal),
            600 + 4 * 3600 + 1800);
}

TEST(ParseHolidaysTest, BareDatesAndMapsSortedUnique) {
  auto r = ParseHolidays(
      "# comment\n"
      "- {date: 2026-12-25, name: \"Hari Raya Natal\"}\n"
      "- 2026-08-17   # bare\n"
      "- \"2026-01-01\"\n"
      "- date: 2026-08-17\n"
      "  name: Hari Kemerdekaan\n"
      "- 2026-12-25\n",
      "hari-libur.yml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<int64_t>{Day(2026, 1, 1), Day(2026, 8, 17), Day(2026, 12, 25)}));
}

TEST(ParseHolidaysTest, EmptyAndCommentOnlyGiveEmptyList) {
  auto empty = ParseHolidays("", "x.yml");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->empty());
  auto comments = ParseHolidays("# nothing yet\n", "x.yml");
  ASSERT_TRUE(comments.ok()) << comments.status().ToString();
  EXPECT_TRUE(comments->empty());
}

TEST(ParseHolidaysTest, BadDateNamesLine) {
  auto r = ParseHolidays(
      "# header\n"
      "- 2026-01-01\n"
      "- {date: 2026-13-01, name: \"x\"}\n",
      "hari-libur.yml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "hari-libur.yml:3: '2026-13-01' is not a date (YYYY-MM-DD)");
}

TEST(ParseHolidaysTest, ImpossibleAndMalformedDates) {
  for (const char* text : {"- 2026-02-29\n", "- 2026-2-01\n", "- 26-01-01\n", "- 2026-01-01x\n",
                           "- 1969-12-31\n", "- 2026-04-31\n", "- tomorrow\n"}) {
    auto r = ParseHolidays(text, "h.yml");
    EXPECT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message().rfind("h.yml:1: ", 0), 0u) << r.status().message();
  }
  auto leap = ParseHolidays("- 2028-02-29\n", "h.yml");
  ASSERT_TRUE(leap.ok()) << leap.status().ToString();
  EXPECT_EQ(*leap, std::vector<int64_t>{Day(2028, 2, 29)});
}

TEST(ParseHolidaysTest, NotAListIsAnError) {
  auto r = ParseHolidays("date: 2026-01-01\n", "h.yml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("h.yml:1: expected a list", 0), 0u) << r.status().message();
  EXPECT_FALSE(ParseHolidays("just text\n", "h.yml").ok());
}

TEST(ParseHolidaysTest, MapWithoutDateOrWithUnknownKey) {
  auto missing = ParseHolidays("- 2026-01-01\n- {name: Natal}\n", "h.yml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message().rfind("h.yml:2: ", 0), 0u) << missing.status().message();
  auto typo = ParseHolidays("- 2026-01-01\n-\n  tanggal: 2026-12-25\n", "h.yml");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().message(),
            "h.yml:3: unknown key 'tanggal'; a holiday has only 'date' and 'name'");
  EXPECT_FALSE(ParseHolidays("- [2026-01-01]\n", "h.yml").ok());
  EXPECT_FALSE(ParseHolidays("- {date: [2026-01-01]}\n", "h.yml").ok());
}

TEST(ParseHolidaysTest, InvalidYamlNamesLine) {
  auto r = ParseHolidays("- 2026-01-01\n- {date: 2026-01-02\n", "h.yml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("h.yml:", 0), 0u) << r.status().message();
  EXPECT_NE(r.status().message().find("not valid YAML"), std::string::npos);
}

TEST(ShippedHolidaysTest, ParsesAndCoversTheYears) {
  const std::string path = std::string(TANGGAP_SOURCE_DIR) + "/rules/id-pemerintah/hari-libur.yml";
  const std::string text = testing::ReadFile(path);
  ASSERT_FALSE(text.empty()) << path;
  auto r = ParseHolidays(text, "hari-libur.yml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::set<int64_t> days(r->begin(), r->end());
  EXPECT_TRUE(days.count(Day(2026, 8, 17)));   // Hari Kemerdekaan
  EXPECT_TRUE(days.count(Day(2026, 12, 25)));  // Hari Raya Natal
  EXPECT_TRUE(days.count(Day(2026, 1, 1)));
  int in_2026 = 0;
  for (int64_t d : *r) {
    int y;
    unsigned m, dd;
    CivilFromDays(d, &y, &m, &dd);
    EXPECT_GE(y, 2025);
    EXPECT_LE(y, 2027);
    if (y == 2026) ++in_2026;
  }
  // 17 libur nasional at least; cuti bersama come on top.
  EXPECT_GE(in_2026, 17);
}

}  // namespace
}  // namespace tanggap
